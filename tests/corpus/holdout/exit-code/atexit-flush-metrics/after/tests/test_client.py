import json

from countly.client import Metrics


def test_flush_writes_counts(tmp_path):
    m = Metrics(tmp_path / "m.json", autoflush=False)
    m.incr("hits")
    m.incr("hits", 2)
    m.flush()
    assert json.loads((tmp_path / "m.json").read_text()) == {"hits": 3}
