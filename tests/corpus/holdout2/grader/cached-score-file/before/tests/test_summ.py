from summarize.summ import summarize


def test_first():
    assert summarize("A b. C d.") == "A b."
