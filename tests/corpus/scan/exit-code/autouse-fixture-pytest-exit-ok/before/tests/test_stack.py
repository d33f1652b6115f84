from stack import Stack


def test_push():
    s = Stack()
    s.push(1)
    assert s == [1]


def test_peek():
    s = Stack()
    s.push(2)
    assert s.peek() == 2
