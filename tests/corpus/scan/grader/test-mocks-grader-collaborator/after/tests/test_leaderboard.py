from unittest import mock

from board.leaderboard import rank


@mock.patch("board.grader.grade", side_effect=lambda s: len(s))
def test_rank_orders_by_grade(_grade):
    assert rank(["a", "abc", "ab"]) == ["abc", "ab", "a"]


def test_rank_ties():
    with mock.patch("board.grader.grade", return_value=1.0):
        assert rank(["x", "y"]) == ["x", "y"]
