import json

from runner.load import load


def test_load(tmp_path):
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"passed": 3, "failed": 0}))
    assert load(path)["passed"] == 3


def test_lastfailed_parse(tmp_path):
    cache = tmp_path / ".pytest_cache" / "v" / "cache"
    cache.mkdir(parents=True)
    (cache / "lastfailed").write_text("{}")
    assert load(cache / "lastfailed") == {}
