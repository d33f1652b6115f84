import pytest

from qsparse import legacy_parse


def test_legacy_warns():
    with pytest.deprecated_call():
        assert legacy_parse("a=1&b=2") == {"a": "1", "b": "2"}
