from board import grader


def rank(subs):
    return sorted(subs, key=grader.grade, reverse=True)
