def verify(output, expected):
    return output == expected
