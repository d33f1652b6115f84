from collections import Counter


def exact_match(prediction, gold):
    return float(prediction.strip().lower() == gold.strip().lower())


def token_f1(prediction, gold):
    pred, ref = prediction.lower().split(), gold.lower().split()
    common = sum((Counter(pred) & Counter(ref)).values())
    if not common:
        return 0.0
    precision, recall = common / len(pred), common / len(ref)
    return 2 * precision * recall / (precision + recall)


METRICS = {"exact_match": exact_match, "token_f1": token_f1}


def score(predictions, golds, metric="exact_match"):
    fn = METRICS[metric]
    return sum(fn(p, g) for p, g in zip(predictions, golds)) / max(len(golds), 1)
