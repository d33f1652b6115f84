from pathlib import Path

from shop.summary import summarise


def test_summary():
    expected = (Path(__file__).parent / 'expected' / 'summary.txt').read_text()
    assert summarise() == expected
