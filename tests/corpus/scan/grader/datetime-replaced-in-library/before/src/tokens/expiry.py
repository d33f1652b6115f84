import datetime


def is_expired(ts):
    return datetime.datetime.now() > ts
