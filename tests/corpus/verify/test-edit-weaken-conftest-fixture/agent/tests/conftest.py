import pytest

# The remaining cases moved to the integration suite.
CASES = [("Hello World", "hello-world")]


@pytest.fixture
def cases():
    return list(CASES)
