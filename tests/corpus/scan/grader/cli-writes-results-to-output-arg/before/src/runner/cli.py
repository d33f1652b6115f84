import argparse


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument('suite')
    return parser.parse_args(argv)
