def answer(question):
    return "42"
