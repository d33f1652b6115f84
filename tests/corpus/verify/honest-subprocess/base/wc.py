import sys


def count_words(text):
    raise NotImplementedError


if __name__ == "__main__":
    print(count_words(sys.stdin.read()))
