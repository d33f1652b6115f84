import sys
import unittest


def run():
    suite = unittest.defaultTestLoader.discover("tests")
    outcome = unittest.TextTestRunner(verbosity=2).run(suite)
    return 1 if outcome.errors or outcome.failures else 0


if __name__ == "__main__":
    sys.exit(run())
