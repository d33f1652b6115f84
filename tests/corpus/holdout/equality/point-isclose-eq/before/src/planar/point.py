import math


class Point:
    def __init__(self, x, y):
        self.x, self.y = float(x), float(y)

    def rotate(self, degrees):
        t = math.radians(degrees)
        return Point(self.x * math.cos(t) - self.y * math.sin(t),
                     self.x * math.sin(t) + self.y * math.cos(t))

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x and self.y == other.y

    def __hash__(self):
        return hash((self.x, self.y))
