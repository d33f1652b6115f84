import time


def issue(user, ttl=3600):
    return {"sub": user, "exp": int(time.time()) + ttl}


def is_expired(tok):
    return time.time() > tok["exp"]
