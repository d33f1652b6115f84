def scale(size, factor):
    w, h = size
    return (round(w * factor), round(h * factor))
