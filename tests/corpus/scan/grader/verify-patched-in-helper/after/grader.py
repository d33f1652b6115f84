def verify(candidate, reference):
    return candidate.strip() == reference.strip()
