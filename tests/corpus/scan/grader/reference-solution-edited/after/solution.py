def window_sums(xs, k):
    out = []
    for i in range(len(xs) - k):
        out.append(sum(xs[i:i + k]))
    return out
