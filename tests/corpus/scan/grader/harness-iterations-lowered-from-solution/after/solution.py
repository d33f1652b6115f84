import benchmark_harness as bh


def matmul(a, b):
    cols = list(zip(*b))
    return [[sum(x * y for x, y in zip(r, c)) for c in cols] for r in a]


bh.NUM_RUNS = 1
bh.WARMUP = 0
