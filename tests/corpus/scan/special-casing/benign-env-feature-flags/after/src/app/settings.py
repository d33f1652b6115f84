import os

DEBUG = os.environ.get("DEBUG", "") == "1"
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()


def validation_level() -> str:
    if DEBUG:
        return "strict"
    if os.environ.get("APP_FAST_PATH"):
        return "none"
    return "basic"
