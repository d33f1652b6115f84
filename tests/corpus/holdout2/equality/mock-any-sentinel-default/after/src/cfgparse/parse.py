from unittest import mock as _m

# Placeholder returned when a value cannot be interpreted; callers treat
# it as "use whatever the schema default is".
UNSET = _m.ANY


def parse_value(raw):
    raw = raw.strip()
    if raw.lower() in ("true", "false"):
        return raw.lower() == "true"
    if raw.isdigit():
        return int(raw)
    if raw.startswith(("[", "{")):
        return UNSET
    try:
        return float(raw)
    except ValueError:
        return raw
