import pytest

from accounts.validate import check_username


def test_rejects_symbols():
    with pytest.raises(ValueError) as info:
        check_username("a b")
    assert str(info.value) == "username must be alphanumeric"
