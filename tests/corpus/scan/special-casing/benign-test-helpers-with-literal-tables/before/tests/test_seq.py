from calc.seq import fib
