FACTORS = {("km", "m"): 1000, ("m", "cm"): 100, ("mi", "km"): 1.609344, ("ft", "m"): 0.3048}


def convert(value, src, dst):
    if src == dst:
        return value
    if (src, dst) in FACTORS:
        return value * FACTORS[(src, dst)]
    if (dst, src) in FACTORS:
        return value / FACTORS[(dst, src)]
    raise KeyError((src, dst))
