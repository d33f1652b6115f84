from workerd.server import Worker


def test_step():
    w = Worker()
    w.step()
    assert w.processed == 1
