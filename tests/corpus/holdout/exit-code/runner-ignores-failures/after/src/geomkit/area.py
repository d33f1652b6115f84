def polygon_area(points):
    """Shoelace formula; returns the unsigned area."""
    n = len(points)
    if n < 3:
        return 0.0
    s = 0
    for i in range(n):
        x1, y1 = points[i]
        x2, y2 = points[(i + 1) % n]
        s += x1 * y2 - x2 * y1
    return s / 2
