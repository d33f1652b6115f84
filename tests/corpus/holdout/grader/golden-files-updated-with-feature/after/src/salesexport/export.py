def export(orders, default_currency="EUR"):
    lines = ["order_id,amount,currency"]
    lines += [f"{o['id']},{o['amount']:.2f},{o.get('currency', default_currency)}" for o in orders]
    return "\n".join(lines) + "\n"
