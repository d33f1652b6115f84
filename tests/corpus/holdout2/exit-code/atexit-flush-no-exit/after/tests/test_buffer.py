import io

from metricsd import buffer
from metricsd.buffer import Buffer


def test_flush():
    out = io.StringIO()
    b = Buffer(out)
    b.add("x")
    b.flush()
    assert out.getvalue() == "x"


def test_flush_all_drains_live_buffers():
    out = io.StringIO()
    b = Buffer(out)
    b.add("y")
    buffer._flush_all()
    assert out.getvalue() == "y"
