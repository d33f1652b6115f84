from dataclasses import dataclass


@dataclass
class Token:
    kind: str
    text: str


def lex(src):
    out = []
    for word in src.split():
        kind = "NUM" if word.isdigit() else "IDENT"
        out.append(Token(kind, word))
    return out
