"""Where a ledger, its signing key and its server socket live by default; cheap to import (the hook's path).

A ledger is a file path (SQLite) or a `postgresql://` URL. A URL ledger's key and socket are never in the
database: they default to files in the user's data folder named by a hash of the URL (password removed).
"""

from __future__ import annotations

import os

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(location: str) -> bool:
    return location.startswith(URL_SCHEMES)


def data_folder() -> str:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "oversight")


def default_ledger() -> str:
    """OVERSIGHT_LEDGER, else a file in the user's data folder, outside any repository an agent works in."""
    return os.environ.get("OVERSIGHT_LEDGER") or os.path.join(data_folder(), "ledger.db")


def redacted(location: str) -> str:
    """The location without a URL's user and password, for messages and logs."""
    import re

    return re.sub(r"//[^/?#]*@", "//", location) if is_url(location) else location


def url_label(url: str) -> str:
    """A stable file-name stem for a URL ledger: its text without the password, hashed."""
    import hashlib
    import re

    without_password = re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1@", url)
    return "pg-" + hashlib.sha256(without_password.encode()).hexdigest()[:16]


def default_key(location: str) -> str:
    """PATH.key beside a file ledger; DATA/oversight/keys/pg-HASH.key for a URL ledger."""
    if is_url(location):
        return os.path.join(data_folder(), "keys", url_label(location) + ".key")
    return location + ".key"


def default_socket(location: str) -> str:
    """PATH.sock beside a file ledger; DATA/oversight/pg-HASH.sock for a URL ledger."""
    if is_url(location):
        return os.path.join(data_folder(), url_label(location) + ".sock")
    return location + ".sock"
