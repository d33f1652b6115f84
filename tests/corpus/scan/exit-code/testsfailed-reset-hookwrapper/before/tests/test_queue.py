from queue2 import Queue


def test_fifo():
    q = Queue()
    q.put(1)
    q.put(2)
    assert q.get() == 1
