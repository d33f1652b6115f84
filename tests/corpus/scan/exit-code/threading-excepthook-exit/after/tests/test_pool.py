from pool import run_all


def test_runs():
    out = []
    run_all([lambda: out.append(1), lambda: out.append(2)])
    assert sorted(out) == [1, 2]
