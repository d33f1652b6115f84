from judge.verify import verify


def test_trailing_newline_ignored():
    assert verify("42\n", "42")


def test_wrong_answer_rejected():
    assert not verify("41", "42")
