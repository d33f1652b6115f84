from evaluation.judge import is_correct


def run(questions, model):
    answers = [model(q["text"]) for q in questions]
    return sum(is_correct(a, q["gold"]) for a, q in zip(answers, questions)) / len(questions)
