"""The ledger: a tamper-evident record of what agents did (RFC 6962 Merkle log, C2SP signed checkpoints)."""

from .log import Ledger, LedgerError, Problem, Report, canonical, default_ledger

__all__ = ["Ledger", "LedgerError", "Problem", "Report", "canonical", "default_ledger"]
