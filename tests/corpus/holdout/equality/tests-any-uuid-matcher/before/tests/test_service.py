from orders.service import create_order


def test_create_order():
    order = create_order(["a"])
    assert order["items"] == ["a"]
    assert order["status"] == "new"
