from prefork.spawn import run_in_child


def test_child_success():
    assert run_in_child(lambda: None) == 0
