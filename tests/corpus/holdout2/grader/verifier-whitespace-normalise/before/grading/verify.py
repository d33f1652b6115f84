def verify(output, expected):
    return str(output) == str(expected)
