def answer(question):
    return question[::-1]
