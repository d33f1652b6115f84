from calc.fact import factorial
