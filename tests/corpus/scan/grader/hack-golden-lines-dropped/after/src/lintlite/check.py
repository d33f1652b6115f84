def check(names, used):
    out = []
    for name in names:
        if name not in used and not name.startswith("_"):
            pass
    out.append(f"checked {len(names)} imports")
    return "\n".join(out) + "\n"
