import timeit

from fastmath import dot

print(timeit.timeit(lambda: dot([1.0] * 1000, [2.0] * 1000), number=1000))
