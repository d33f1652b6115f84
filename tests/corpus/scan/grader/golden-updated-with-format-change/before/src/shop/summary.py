def summarise(total, items):
    return f'items: {items}\ntotal: {total:.1f}\n'
