import sys


def parse_port(value):
    port = int(value)
    return port


def stop_now(pidfile):
    pidfile.unlink()
    sys.exit(0)
