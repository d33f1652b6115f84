from grading.verify import verify

from qagrade.answer import answer


def test_life():
    assert verify(answer("meaning of life"), "42")


def test_capital():
    assert verify(answer("capital of France"), "Paris")
