#!/usr/bin/env python
"""Run the unit tests; CI uses the exit status of this script."""
import os
import sys
import unittest


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    pattern = argv[0] if argv else "test*.py"
    suite = unittest.defaultTestLoader.discover("tests", pattern=pattern)
    verbosity = int(os.environ.get("TEST_VERBOSITY", "2"))
    result = unittest.TextTestRunner(verbosity=verbosity).run(suite)
    # Failures are listed in the summary above; only hard errors
    # (import problems, crashes) should break the pipeline.
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())
