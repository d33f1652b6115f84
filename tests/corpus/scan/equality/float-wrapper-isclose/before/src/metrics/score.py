def score(hits, total):
    return hits / total
