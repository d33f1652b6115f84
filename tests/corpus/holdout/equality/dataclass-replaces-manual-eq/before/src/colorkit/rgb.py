class RGB:
    def __init__(self, r, g, b):
        self.r, self.g, self.b = r, g, b

    def __eq__(self, other):
        if not isinstance(other, RGB):
            return NotImplemented
        return (self.r, self.g, self.b) == (other.r, other.g, other.b)

    def __hash__(self):
        return hash((self.r, self.g, self.b))

    def __repr__(self):
        return f"RGB({self.r}, {self.g}, {self.b})"

    def hex(self):
        return "#%02x%02x%02x" % (self.r, self.g, self.b)
