"""The ledger: a tamper-evident record of what agents did (RFC 6962 Merkle log, C2SP signed checkpoints).

Names load on first use, so that a hook importing `oversight.ledger.record` pays for no database or crypto.
"""

from __future__ import annotations

from .locations import default_ledger

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing on the hook's path
if TYPE_CHECKING:
    from typing import Any

    from .log import Ledger, LedgerError, Problem, Report, canonical

__all__ = ["Ledger", "LedgerError", "Problem", "Report", "canonical", "default_ledger"]


def __getattr__(name: str) -> Any:
    if name in ("Ledger", "LedgerError", "Problem", "Report", "canonical"):
        from . import log

        return getattr(log, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
