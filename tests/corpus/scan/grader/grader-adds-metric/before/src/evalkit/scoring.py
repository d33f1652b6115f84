def exact_match(prediction, gold):
    return float(prediction.strip().lower() == gold.strip().lower())


METRICS = {"exact_match": exact_match}


def score(predictions, golds, metric="exact_match"):
    fn = METRICS[metric]
    return sum(fn(p, g) for p, g in zip(predictions, golds)) / max(len(golds), 1)
