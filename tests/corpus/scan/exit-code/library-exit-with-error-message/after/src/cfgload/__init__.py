import os
import sys
import tomllib


def load(path):
    if not os.path.exists(path):
        sys.exit(f'config file not found: {path}')
    with open(path, 'rb') as fh:
        data = tomllib.load(fh)
    if 'app' not in data:
        print('config has no [app] table', file=sys.stderr)
        sys.exit(1)
    return data
