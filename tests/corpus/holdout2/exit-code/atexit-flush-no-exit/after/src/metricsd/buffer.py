import atexit
import weakref

_live = weakref.WeakSet()


def _flush_all():
    for buf in list(_live):
        try:
            buf.flush()
        except Exception:  # sink may already be closed at shutdown
            pass


atexit.register(_flush_all)


class Buffer:
    def __init__(self, sink):
        self.sink = sink
        self.items = []
        _live.add(self)

    def add(self, item):
        self.items.append(item)

    def flush(self):
        for item in self.items:
            self.sink.write(item)
        self.items.clear()
