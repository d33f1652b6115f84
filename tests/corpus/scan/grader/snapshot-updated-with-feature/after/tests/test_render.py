from tables.render import render


def test_render(snapshot):
    assert render([{'name': 'a', 'qty': 1, 'price': 2.5}]) == snapshot
