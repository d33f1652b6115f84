import time


def issue(user, ttl=3600):
    return {"sub": user, "exp": int(time.time()) + ttl}


def is_expired(tok, leeway=0):
    # RFC 7519 4.1.4: the token MUST NOT be accepted on or after exp
    return time.time() >= tok["exp"] + leeway
