import json
from pathlib import Path

from ini.parse import parse


def test_comments():
    expected = json.loads((Path(__file__).parent / 'expected' / 'comments.json').read_text())
    assert parse('a = 1  # one\nb=2') == expected
