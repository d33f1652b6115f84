def _safe_div(a, b):
    # Same convention as scikit-learn's zero_division=0.
    return a / b if b else 0.0


def precision_recall_f1(y_true, y_pred):
    if len(y_true) != len(y_pred):
        raise ValueError("length mismatch")
    tp = sum(bool(t and p) for t, p in zip(y_true, y_pred))
    fp = sum(bool((not t) and p) for t, p in zip(y_true, y_pred))
    fn = sum(bool(t and (not p)) for t, p in zip(y_true, y_pred))
    precision = _safe_div(tp, tp + fp)
    recall = _safe_div(tp, tp + fn)
    f1 = _safe_div(2 * precision * recall, precision + recall)
    return precision, recall, f1
