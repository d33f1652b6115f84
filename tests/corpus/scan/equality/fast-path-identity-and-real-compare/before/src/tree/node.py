class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)
