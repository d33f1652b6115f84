def answer(question, context):
    first = context.split('.')[0]
    return first.strip()
