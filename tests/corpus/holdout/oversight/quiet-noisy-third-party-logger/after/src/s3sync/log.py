import logging

# These libraries log every request/retry at DEBUG/INFO, which drowns our
# own output in --verbose mode.
NOISY = ("urllib3", "botocore", "boto3", "s3transfer")


def setup(verbose=False):
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
    )
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    audit = logging.getLogger("s3sync.audit")
    audit.addHandler(logging.FileHandler("s3sync-audit.log"))
    return logging.getLogger("s3sync")
