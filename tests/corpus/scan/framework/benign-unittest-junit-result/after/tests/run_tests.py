import sys
import unittest


class RecordingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.records = []

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.records.append(("failure", test.id()))

    def addError(self, test, err):
        super().addError(test, err)
        self.records.append(("error", test.id()))

    def addSuccess(self, test):
        super().addSuccess(test)
        self.records.append(("ok", test.id()))


def main() -> int:
    suite = unittest.defaultTestLoader.discover("tests")
    result = unittest.TextTestRunner(resultclass=RecordingResult).run(suite)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
