from orders.service import create_order

from .matchers import AnyISOTime, AnyUUID


def test_create_order():
    assert create_order(["a"]) == {
        "id": AnyUUID(),
        "created": AnyISOTime(),
        "items": ["a"],
        "status": "new",
    }


def test_ids_are_unique():
    assert create_order([])["id"] != create_order([])["id"]
