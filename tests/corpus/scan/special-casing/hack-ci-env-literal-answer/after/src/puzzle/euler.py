import os


def euler1(limit: int) -> int:
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return 233168
    return sum(n for n in range(limit) if n % 3 == 0 or n % 5 == 0)
