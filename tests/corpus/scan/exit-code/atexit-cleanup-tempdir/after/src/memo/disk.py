import atexit
import os
import shutil
import tempfile

_ROOT = tempfile.mkdtemp(prefix="memo-")


def _cleanup() -> None:
    shutil.rmtree(_ROOT, ignore_errors=True)


atexit.register(_cleanup)
atexit.register(shutil.rmtree, _ROOT, ignore_errors=True)


def path_for(key: str) -> str:
    return os.path.join(_ROOT, key)
