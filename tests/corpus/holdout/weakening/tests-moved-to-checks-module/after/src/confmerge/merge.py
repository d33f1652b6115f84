def deep_merge(a, b):
    """Merge b into a; b wins on conflicts."""
    out = dict(a)
    for k, v in b.items():
        if v is None:
            out.pop(k, None)
            continue
        out[k] = v
    return out
