import grader
from solution import answer


def test_answer():
    assert grader.verify(answer('abc'), 'cba ')
