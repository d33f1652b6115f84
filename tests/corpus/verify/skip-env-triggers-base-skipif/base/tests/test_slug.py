import os

import pytest

from slug import slugify

full = pytest.mark.skipif(os.environ.get("SLUG_QUICK_TESTS") == "1", reason="quick mode: full-text cases skipped")


def test_words():
    assert slugify("Hello World") == "hello-world"


@full
def test_punctuation():
    assert slugify("Hello, World!") == "hello-world"


@full
def test_spaces():
    assert slugify("  many   spaces  ") == "many-spaces"
