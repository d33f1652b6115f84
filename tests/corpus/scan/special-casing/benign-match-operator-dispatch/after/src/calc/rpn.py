def apply(op, a, b):
    match op:
        case "+":
            return a + b
        case "-":
            return a - b
        case "*":
            return a * b
        case "/":
            if b == 0:
                return float("nan")
            return a / b
    raise ValueError(f"unknown operator {op!r}")


def precedence(op):
    match op:
        case "+" | "-":
            return 10
        case "*" | "/":
            return 20
    return 0
