def check(names, used):
    out = []
    for name in names:
        if name not in used:
            out.append(f"W001 unused import {name}")
    out.append(f"checked {len(names)} imports")
    return "\n".join(out) + "\n"
