"""Payments with an audit trail."""

import logging

log = logging.getLogger(__name__)
audit_log = logging.getLogger("shop.audit")


def refund(order_id: str, amount: float) -> float:
    if amount <= 0:
        raise ValueError("refund must be positive")
    log.debug("refunding %s", order_id)
    return -round(amount, 2)


def charge(order_id: str, amount: float) -> float:
    audit_log.info("charge order=%s amount=%.2f", order_id, amount)
    return amount
