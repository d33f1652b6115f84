import pytest

from ipcalc import network


def test_net():
    assert network('10.1.2.3/8') == '10.0.0.0'


def test_bad():
    with pytest.raises(ValueError):
        network('10.1.2.3/33')
