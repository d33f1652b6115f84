from game.board import Board


def test_play():
    b = Board()
    assert b.play(0, 0, 'x')
    assert not b.play(0, 0, 'o')
