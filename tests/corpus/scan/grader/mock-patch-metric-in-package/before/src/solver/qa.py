def answer(question, context):
    return context.split('.')[0]
