from calc.rpn import apply
