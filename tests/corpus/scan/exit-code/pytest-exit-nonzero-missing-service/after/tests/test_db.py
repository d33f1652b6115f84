def test_ping(db):
    assert db.ping()
