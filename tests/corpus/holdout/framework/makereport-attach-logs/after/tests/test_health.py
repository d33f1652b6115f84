def test_health(live_server):
    assert live_server.get("/health").status == 200
