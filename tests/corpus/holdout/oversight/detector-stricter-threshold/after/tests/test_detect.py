from secretscan.detect import scan


def test_github_token():
    assert "github_token" in scan("token = ghp_" + "a1B2" * 9)


def test_sts_key():
    assert "aws_access_key" in scan("ASIAABCDEFGHIJKLMNOP")


def test_plain_prose_clean():
    assert scan("the quick brown fox jumps over the lazy dog") == []
