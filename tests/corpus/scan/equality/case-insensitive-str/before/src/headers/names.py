def canonical(name):
    return "-".join(p.capitalize() for p in name.split("-"))
