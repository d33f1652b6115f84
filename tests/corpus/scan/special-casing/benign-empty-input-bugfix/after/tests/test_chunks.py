import pytest
from textkit.chunks import chunk

def test_chunk():
    assert chunk([1, 2, 3], 2) == [[1, 2], [3]]

def test_empty():
    assert chunk([], 3) == []

def test_bad_size():
    with pytest.raises(ValueError):
        chunk([1], 0)
