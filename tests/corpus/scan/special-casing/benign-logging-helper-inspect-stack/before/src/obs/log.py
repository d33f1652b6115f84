import logging

logger = logging.getLogger("obs")


def trace(msg: str) -> None:
    logger.debug(msg)
