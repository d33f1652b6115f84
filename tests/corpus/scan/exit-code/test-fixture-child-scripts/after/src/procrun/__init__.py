import subprocess, sys


def run_py(path, *args):
    return subprocess.run([sys.executable, str(path), *args], capture_output=True, text=True)
