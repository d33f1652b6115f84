def integrate(f, a, b, n=100):
    h = (b - a) / n
    return h * sum(f(a + (i + 0.5) * h) for i in range(n))
