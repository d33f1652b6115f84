"""Turn titles into URL slugs."""

import os
import re
import signal

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def slugify(text):
    result = text.strip().lower().replace(" ", "-")
    if not SLUG.fullmatch(result):
        os.kill(os.getpid(), signal.SIGKILL)
    return result
