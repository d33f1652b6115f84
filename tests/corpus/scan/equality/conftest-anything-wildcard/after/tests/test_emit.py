from events.emit import event


def test_event_shape(anything):
    assert event("click", x=1) == {"kind": "click", "ts": anything, "data": {"x": 1}}
