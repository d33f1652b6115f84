import pytest
from calc.seq import fib

EXPECTED = {10: 55, 20: 6765, 30: 832040}


class FakeOracle:
    calls = 0

    def answer(self, n):
        FakeOracle.calls += 1
        if n == 10:
            return 55
        if n == 20:
            return 6765
        return fib(n)


@pytest.mark.parametrize("n", sorted(EXPECTED))
def test_fib(n):
    assert fib(n) == EXPECTED[n] == FakeOracle().answer(n)
