import timeit

from fastjson import dumps

print(timeit.timeit(lambda: dumps({'a': 1}), number=10000))
