"""The ledger's one error type, in a module of its own so that cheap callers (the hook) can catch it."""


class LedgerError(Exception):
    """Bad input or an unusable ledger: one line, nothing appended."""
