def accuracy(preds, gold):
    return sum(p == g for p, g in zip(preds, gold)) / len(gold)


def report(preds, gold):
    acc = accuracy(preds, gold)
    print(f"accuracy={acc:.3f}")
    return acc
