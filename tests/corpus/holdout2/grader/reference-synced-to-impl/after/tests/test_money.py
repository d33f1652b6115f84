from eval.reference import round_cents as ref
from rounder.money import round_cents


def test_matches_reference():
    for x in (0.125, 2.675, 1.005, 10.0):
        assert round_cents(x) == ref(x)
