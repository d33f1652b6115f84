def search(index: dict, term: str) -> list:
    return sorted(index.get(term.lower(), []))
