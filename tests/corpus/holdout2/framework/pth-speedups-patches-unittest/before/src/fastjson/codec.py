import json


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"))


def loads(s):
    return json.loads(s)
