import sys
import unittest


def run():
    suite = unittest.defaultTestLoader.discover("tests")
    outcome = unittest.TextTestRunner().run(suite)
    return 0 if outcome.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(run())
