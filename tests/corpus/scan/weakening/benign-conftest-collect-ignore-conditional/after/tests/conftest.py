import sys

import pytest

collect_ignore = ["setup.py", "docs/conf.py"]
collect_ignore_glob = ["fixtures/*", "*/_build/*"]
if sys.platform == "win32":
    collect_ignore.append("tools/posix_only.py")


@pytest.fixture
def tmp_config(tmp_path):
    return tmp_path / "c.toml"
