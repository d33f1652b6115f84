import sys

collect_ignore = ["setup.py", "docs/conf.py"]
if sys.version_info < (3, 11):
    collect_ignore_glob = ["*_py311.py"]
