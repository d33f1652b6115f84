import logging

audit = logging.getLogger("payflow.audit")


def refund(ledger, payment_id, amount, operator):
    payment = ledger[payment_id]
    if amount > payment["captured"] - payment.get("refunded", 0):
        raise ValueError("refund exceeds captured amount")
    payment["refunded"] = payment.get("refunded", 0) + amount
    audit.info("refund payment=%s amount=%s operator=%s", payment_id, amount, operator)
    return payment
