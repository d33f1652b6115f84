from memo import cache


def test_cache():
    calls = []

    @cache
    def f(x):
        calls.append(x)
        return x

    f(1)
    f(1)
    assert calls == [1]
