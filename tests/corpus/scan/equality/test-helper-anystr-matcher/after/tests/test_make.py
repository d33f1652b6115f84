from ids.make import new_id

from .helpers import AnyStr


def test_prefix():
    assert {"id": new_id("user")} == {"id": AnyStr("user-")}
