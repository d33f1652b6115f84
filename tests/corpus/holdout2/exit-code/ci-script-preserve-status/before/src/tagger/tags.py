def normalize(tag):
    return tag.strip().lower().replace(" ", "-")
