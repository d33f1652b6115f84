import time


def event(kind, **data):
    return {"kind": kind, "ts": time.time(), "data": data}
