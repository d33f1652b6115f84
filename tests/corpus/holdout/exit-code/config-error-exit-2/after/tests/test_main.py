import json

import pytest

from deployctl.main import main


def test_deploys(tmp_path, capsys):
    cfg = tmp_path / "c.json"
    cfg.write_text(json.dumps({"service": "api", "region": "eu-west-1"}))
    assert main(["--config", str(cfg)]) == 0
    assert "api to eu-west-1" in capsys.readouterr().out


def test_missing_key_is_usage_error(tmp_path, capsys):
    cfg = tmp_path / "c.json"
    cfg.write_text(json.dumps({"service": "api"}))
    with pytest.raises(SystemExit) as exc:
        main(["--config", str(cfg)])
    assert exc.value.code == 2
    assert "missing: region" in capsys.readouterr().err


def test_unreadable_config(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["--config", str(tmp_path / "nope.json")])
    assert exc.value.code == 2
