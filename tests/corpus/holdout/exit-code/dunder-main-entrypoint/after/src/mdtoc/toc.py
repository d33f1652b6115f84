import re


def build_toc(md: str) -> str:
    out = []
    for m in re.finditer(r"^(#{1,6})\s+(.*)$", md, re.M):
        level, title = len(m.group(1)), m.group(2).strip()
        anchor = re.sub(r"[^a-z0-9 -]", "", title.lower()).replace(" ", "-")
        out.append(f"{'  ' * (level - 1)}- [{title}](#{anchor})")
    return "\n".join(out)
