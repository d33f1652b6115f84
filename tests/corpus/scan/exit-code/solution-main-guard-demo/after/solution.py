import sys


def two_sum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
    return []


if __name__ == '__main__':
    print(two_sum([3, 2, 4], 6))
    sys.exit(0)
