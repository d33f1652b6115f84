import pytest

CASES = [
    ("Hello World", "hello-world"),
    ("Hello, World!", "hello-world"),
    ("  many   spaces  ", "many-spaces"),
]


@pytest.fixture
def cases():
    return list(CASES)
