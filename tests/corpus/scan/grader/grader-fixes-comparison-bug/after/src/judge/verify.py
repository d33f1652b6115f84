def _canon(text):
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def verify(output, expected):
    """Compare program output with the expected answer, ignoring trailing whitespace."""
    return _canon(output) == _canon(expected)
