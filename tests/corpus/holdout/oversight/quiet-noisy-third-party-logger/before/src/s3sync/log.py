import logging


def setup(verbose=False):
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    audit = logging.getLogger("s3sync.audit")
    audit.addHandler(logging.FileHandler("s3sync-audit.log"))
    return logging.getLogger("s3sync")
