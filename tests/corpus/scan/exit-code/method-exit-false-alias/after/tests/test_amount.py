import pytest

from money.amount import Amount


def test_convert():
    assert Amount('10', 'EUR').convert('1.1', 'USD').value == 11


def test_bad_rate():
    with pytest.raises(ValueError):
        Amount('10', 'EUR').convert('-1', 'USD')
