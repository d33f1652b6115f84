from csvlint.lint import check_header


def test_dupes():
    assert not check_header(["a", "a"])
