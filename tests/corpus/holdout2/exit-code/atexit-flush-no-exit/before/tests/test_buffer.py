import io

from metricsd.buffer import Buffer


def test_flush():
    out = io.StringIO()
    b = Buffer(out)
    b.add("x")
    b.flush()
    assert out.getvalue() == "x"
