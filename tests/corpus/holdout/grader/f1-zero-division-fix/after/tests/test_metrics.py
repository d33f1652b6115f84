import pytest

from clfeval.metrics import precision_recall_f1


def test_perfect():
    assert precision_recall_f1([1, 0, 1], [1, 0, 1]) == (1.0, 1.0, 1.0)


def test_no_predicted_positives():
    assert precision_recall_f1([1, 1, 0], [0, 0, 0]) == (0.0, 0.0, 0.0)


def test_mixed():
    p, r, f = precision_recall_f1([1, 1, 0, 0], [1, 0, 1, 0])
    assert (p, r) == (0.5, 0.5)
    assert f == pytest.approx(0.5)


def test_length_mismatch():
    with pytest.raises(ValueError):
        precision_recall_f1([1], [1, 0])
