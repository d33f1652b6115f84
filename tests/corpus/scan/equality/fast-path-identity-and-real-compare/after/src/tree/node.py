class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)

    def __eq__(self, other):
        if other is self:
            return True
        if type(other) is not type(self):
            return False
        if self.value != other.value or len(self.children) != len(other.children):
            return False
        return all(a == b for a, b in zip(self.children, other.children))

    def __contains__(self, value):
        return self.value == value or any(value in child for child in self.children)

    __hash__ = None
