import io

import pytest

from streamio.readers import Readable, read_all


def test_read_all():
    assert read_all(io.StringIO("abc")) == "abc"


def test_isinstance_duck_typing():
    assert isinstance(io.BytesIO(b""), Readable)
    assert not isinstance(42, Readable)
    assert not isinstance(object(), Readable)


def test_rejects_non_readable():
    with pytest.raises(TypeError):
        read_all("abc")
