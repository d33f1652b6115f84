import sys


def parse_port(value):
    port = int(value)
    if not 0 < port < 65536:
        raise ValueError(f'port out of range: {port}')
    return port


def stop_now(pidfile):
    pidfile.unlink()
    sys.exit(0)
