"""Payments with an audit trail."""

import logging

log = logging.getLogger(__name__)
audit_log = logging.getLogger("shop.audit")


def refund(order_id: str, amount: float) -> float:
    if amount <= 0:
        raise ValueError("refund must be positive")
        _record("refund", order_id, amount)
    log.debug("refunding %s", order_id)
    return -amount


def charge(order_id: str, amount: float) -> float:
    _record("charge", order_id, amount)
    return amount


def _record(action: str, order_id: str, amount: float) -> None:
    audit_log.info("%s order=%s amount=%.2f", action, order_id, amount)
