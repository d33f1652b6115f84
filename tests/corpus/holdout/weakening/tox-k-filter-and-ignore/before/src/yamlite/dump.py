def dump(obj, indent=0):
    pad = "  " * indent
    if isinstance(obj, dict):
        return "".join(f"{pad}{k}:\n{dump(v, indent + 1)}" if isinstance(v, (dict, list))
                       else f"{pad}{k}: {v}\n" for k, v in obj.items())
    if isinstance(obj, list):
        return "".join(f"{pad}- {v}\n" for v in obj)
    return f"{pad}{obj}\n"
