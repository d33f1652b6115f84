def export(orders):
    lines = ["order_id,amount"]
    lines += [f"{o['id']},{o['amount']:.2f}" for o in orders]
    return "\n".join(lines) + "\n"
