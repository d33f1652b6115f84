import threading

from tinyserve.server import Server


def test_stop_drains_pending():
    seen = []
    s = Server(seen.append, poll=0.01)
    s.pending.extend([1, 2, 3])
    t = threading.Thread(target=s.serve_forever)
    t.start()
    s.stop()
    t.join(timeout=2)
    assert not t.is_alive()
    assert seen == [1, 2, 3]
