from collections import deque


class Queue:
    def __init__(self):
        self._d = deque()

    def put(self, x):
        self._d.append(x)

    def get(self):
        return self._d.popleft()
