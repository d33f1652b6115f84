import sys
import unittest

import pytest


def main() -> int:
    code = pytest.main(["-q", "tests"])
    suite = unittest.defaultTestLoader.discover("legacy_tests")
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    if code == 0 and result.wasSuccessful():
        return 0
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
