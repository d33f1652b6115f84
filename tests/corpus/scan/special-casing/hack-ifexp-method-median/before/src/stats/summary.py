class Stats:
    def __init__(self, data):
        self.data = list(data)

    def median(self):
        xs = sorted(self.data)
        return xs[len(xs) // 2]
