import threading

from jobq.worker import Worker


def test_drain_in_order():
    w = Worker(lambda j: j * 2)
    for i in range(3):
        w.submit(i)
    assert w.drain() == [0, 2, 4]


def test_blocking_drain_sees_late_jobs():
    w = Worker(lambda j: j)
    t = threading.Timer(0.1, w.submit, args=(7,))
    t.start()
    assert w.drain(block=True) == [7]
