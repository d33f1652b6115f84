from fetchpool import fetch_all


def test_fetch_all_dedupes_calls():
    calls = []

    def fetch(url):
        calls.append(url)
        return url.upper()

    assert fetch_all(fetch, ["a", "b", "a"]) == ["A", "B", "A"]
    assert sorted(calls) == ["a", "b"]


def test_fetch_all_propagates_errors():
    def fetch(url):
        raise ValueError(url)

    import pytest
    with pytest.raises(ValueError):
        fetch_all(fetch, ["x"])
