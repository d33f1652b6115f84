def summarise(total, items):
    return f'items: {items}\ntotal: {total:.2f}\n'
