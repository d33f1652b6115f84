from ._value import value_object


@value_object("x", "y")
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def translate(self, dx, dy):
        return Point(self.x + dx, self.y - dy)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"
