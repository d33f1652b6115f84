from pwpolicy.check import is_strong


def test_common_rejected():
    assert not is_strong("Password123")


def test_long_mixed():
    assert is_strong("CorrectHorse42battery")


def test_passphrase_without_digit():
    assert is_strong("correct horse battery staple")
