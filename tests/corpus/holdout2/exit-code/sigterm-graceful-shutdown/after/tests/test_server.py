import signal

from workerd.server import Worker


def test_step():
    w = Worker()
    w.step()
    assert w.processed == 1


def test_term_handler_stops_loop():
    w = Worker()
    w._on_term(signal.SIGTERM, None)
    assert w.running is False
