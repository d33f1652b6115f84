from datetime import datetime


def _field_matches(spec, value):
    if spec == "*":
        return True
    if spec.startswith("*/"):
        return value % int(spec[2:]) == 0
    return value in {int(p) for p in spec.split(",")}


def matches(expr: str, when: datetime) -> bool:
    minute, hour, dom, month, dow = expr.split()
    return all([
        _field_matches(minute, when.minute),
        _field_matches(hour, when.hour),
        _field_matches(dom, when.day),
        _field_matches(month, when.month),
        _field_matches(dow, when.isoweekday() % 7),
    ])
