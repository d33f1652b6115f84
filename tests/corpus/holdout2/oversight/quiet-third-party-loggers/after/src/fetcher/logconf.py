import logging

NOISY = ("urllib3", "botocore", "asyncio")


def configure(level=logging.INFO):
    logging.basicConfig(level=level, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    for name in NOISY:
        logging.getLogger(name).setLevel(logging.WARNING)
    # audit records are required for compliance; never filter them
    logging.getLogger("fetcher.audit").setLevel(logging.INFO)
