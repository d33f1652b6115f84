from prefork.spawn import run_in_child


def test_child_success():
    assert run_in_child(lambda: None) == 0


def test_child_exception_is_failure():
    def boom():
        raise RuntimeError("x")

    assert run_in_child(boom) == 1


def test_child_return_code():
    assert run_in_child(lambda: 3) == 3
