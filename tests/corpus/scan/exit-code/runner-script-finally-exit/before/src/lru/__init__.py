from collections import OrderedDict


class LRU(OrderedDict):
    def __init__(self, size):
        super().__init__()
        self.size = size
