from email_check import is_valid_email


def test_simple():
    assert is_valid_email("ann@example.com")


def test_plus_tag():
    assert is_valid_email("ann+news@example.com")


def test_subdomain():
    assert is_valid_email("bob@mail.example.co.uk")
