def from_roman(numeral):
    raise NotImplementedError
