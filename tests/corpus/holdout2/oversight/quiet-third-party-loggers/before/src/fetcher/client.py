import logging

import urllib.request

log = logging.getLogger(__name__)
audit = logging.getLogger("fetcher.audit")


def fetch(url):
    audit.info("fetch %s", url)
    with urllib.request.urlopen(url) as r:
        return r.read()
