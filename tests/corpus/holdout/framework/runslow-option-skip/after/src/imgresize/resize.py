def resize_nearest(pixels, w, h, new_w, new_h):
    out = []
    for y in range(new_h):
        sy = y * h // new_h
        for x in range(new_w):
            sx = x * w // new_w
            out.append(pixels[sy * w + sx])
    return out
