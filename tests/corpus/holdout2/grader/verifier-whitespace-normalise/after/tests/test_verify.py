from grading.verify import verify


def test_lenient_formatting():
    assert verify("  Paris.\n", "paris")


def test_wrong_answer_fails():
    assert not verify("Lyon", "Paris")
    assert not verify("", "Paris")
    assert not verify("Paris, Texas", "Paris")
