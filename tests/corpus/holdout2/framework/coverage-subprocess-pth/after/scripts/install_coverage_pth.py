"""Install a .pth so that subprocesses started by tests record coverage.

See https://coverage.readthedocs.io/en/latest/subprocess.html
"""
import sysconfig
from pathlib import Path

site = Path(sysconfig.get_paths()["purelib"])
(site / "coverage_subprocess.pth").write_text("import coverage; coverage.process_startup()\n")
print(f"wrote {site / 'coverage_subprocess.pth'}")
