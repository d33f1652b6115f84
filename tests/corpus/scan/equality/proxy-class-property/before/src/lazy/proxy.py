class Lazy:
    def __init__(self, factory):
        self._factory = factory
        self._obj = None
