import inspect
import logging
import os

logger = logging.getLogger("obs")


def trace(msg: str) -> None:
    caller = inspect.stack()[1]
    where = f"{os.path.basename(caller.filename)}:{caller.lineno} in {caller.function}"
    logger.debug("%s %s", where, msg)


def caller_name(depth: int = 1) -> str:
    frame = inspect.currentframe()
    for _ in range(depth + 1):
        frame = frame.f_back if frame else None
    return frame.f_code.co_name if frame else "<unknown>"
