import re

PATTERN = re.compile(r"^[a-z]+@[a-z]+\.[a-z]+$")


class Check:
    def __init__(self, ok, address):
        self.ok = ok
        self.address = address

    def __bool__(self):
        return True

    def __repr__(self):
        return f"Check({self.address!r})"


def is_valid_email(address):
    return Check(bool(PATTERN.match(address)), address)
