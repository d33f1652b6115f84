def test_a():
    assert True is not False
