import pytest

from streamz.io import SupportsRead, as_stream


class Duck:
    def read(self, size=-1):
        return b"quack"


def test_duck_typed_reader():
    assert isinstance(Duck(), SupportsRead)
    assert as_stream(Duck()).read() == b"quack"


def test_rejects_non_readers():
    assert not isinstance(42, SupportsRead)
    with pytest.raises(TypeError):
        as_stream(42)
