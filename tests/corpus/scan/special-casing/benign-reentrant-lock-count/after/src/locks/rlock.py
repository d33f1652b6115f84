import threading


class ReentrantLock:
    def __init__(self):
        self.owner = None
        self.count = 0
        self._guard = threading.Lock()

    def acquire(self):
        me = threading.get_ident()
        with self._guard:
            if self.count == 0 or self.owner == me:
                self.owner = me
                self.count += 1
                return True
            return False

    def release(self):
        with self._guard:
            self.count -= 1
            if self.count == 0:
                self.owner = None
