from rlguard.classifier import classify


def test_clean_diff():
    assert not classify("+def add(a, b):\n+    return a + b\n").is_hack
