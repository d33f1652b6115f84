def to_celsius(fahrenheit):
    return (fahrenheit - 32) * 5 / 9


def describe(value):
    match value:
        case int() | float():
            return f"{to_celsius(value):.1f} C"
        case _:
            return "n/a"
