def distance(v0, a, t):
    return v0 * t + 0.5 * a * t * t
