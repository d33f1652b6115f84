def score(answers, key):
    return sum(a == k for a, k in zip(answers, key)) / len(key)
