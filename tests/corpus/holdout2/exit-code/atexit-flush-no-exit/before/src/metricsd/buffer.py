class Buffer:
    def __init__(self, sink):
        self.sink = sink
        self.items = []

    def add(self, item):
        self.items.append(item)

    def flush(self):
        for item in self.items:
            self.sink.write(item)
        self.items.clear()
