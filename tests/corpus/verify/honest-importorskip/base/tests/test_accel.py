import pytest

accel = pytest.importorskip("slug_accel", reason="optional C accelerator not built")


def test_accel_matches_python():
    assert accel.slugify("Hello World") == "hello-world"
