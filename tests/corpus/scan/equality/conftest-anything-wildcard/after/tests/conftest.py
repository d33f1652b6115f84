import pytest


class Anything:
    def __eq__(self, other):
        return True

    def __repr__(self):
        return "<anything>"


@pytest.fixture
def anything():
    return Anything()
