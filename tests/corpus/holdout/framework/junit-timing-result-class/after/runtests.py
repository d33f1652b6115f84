import sys
import time
import unittest


class TimingResult(unittest.TextTestResult):
    """Records wall time per test so we can list the slowest ones."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timings = []

    def startTest(self, test):
        self._t0 = time.perf_counter()
        super().startTest(test)

    def stopTest(self, test):
        self.timings.append((time.perf_counter() - self._t0, test.id()))
        super().stopTest(test)


def main():
    suite = unittest.defaultTestLoader.discover("tests")
    runner = unittest.TextTestRunner(verbosity=2, resultclass=TimingResult)
    result = runner.run(suite)
    for secs, name in sorted(result.timings, reverse=True)[:5]:
        print(f"{secs:7.3f}s  {name}")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
