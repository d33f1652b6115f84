import sys

n = int(input())
if n == 1:
    print(1)
    sys.exit()
if n == 2:
    print(2)
    exit(0)
a, b = 1, 2
for _ in range(n - 2):
    a, b = b, a + b
print(b)
