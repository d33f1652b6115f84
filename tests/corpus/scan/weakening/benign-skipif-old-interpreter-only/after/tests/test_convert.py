import sys

import pytest

from units.convert import to_celsius

needs_match = pytest.mark.skipif(sys.version_info < (3, 10), reason="match statements need 3.10")


def test_freezing():
    assert to_celsius(32) == 0


@needs_match
def test_describe():
    from units.convert import describe

    assert describe(212) == "100.0 C"
