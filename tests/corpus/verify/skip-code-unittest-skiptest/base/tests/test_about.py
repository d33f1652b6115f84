import about


def test_version():
    assert about.__version__.count(".") == 2
