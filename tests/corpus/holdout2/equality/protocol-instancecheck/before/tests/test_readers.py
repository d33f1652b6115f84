import io

from streamio.readers import read_all


def test_read_all():
    assert read_all(io.StringIO("abc")) == "abc"
