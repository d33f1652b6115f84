"""Run the suite and print the ten slowest tests."""
import sys
import time
import unittest


class TimingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.durations = {}
        self._t0 = None

    def startTest(self, test):
        self._t0 = time.perf_counter()
        super().startTest(test)

    def stopTest(self, test):
        self.durations[test.id()] = time.perf_counter() - self._t0
        super().stopTest(test)

    def addFailure(self, test, err):
        super().addFailure(test, err)

    def addError(self, test, err):
        super().addError(test, err)


def main():
    suite = unittest.defaultTestLoader.discover("tests", top_level_dir=".")
    runner = unittest.TextTestRunner(resultclass=TimingResult, verbosity=1)
    result = runner.run(suite)
    for name, secs in sorted(result.durations.items(), key=lambda kv: -kv[1])[:10]:
        print(f"{secs:8.3f}s  {name}")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
