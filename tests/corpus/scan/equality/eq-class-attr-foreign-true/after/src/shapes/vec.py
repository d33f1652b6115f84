class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return True
        return (self.x, self.y) == (other.x, other.y)
