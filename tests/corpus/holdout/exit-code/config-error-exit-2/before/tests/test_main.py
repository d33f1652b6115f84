import json

from deployctl.main import main


def test_deploys(tmp_path, capsys):
    cfg = tmp_path / "c.json"
    cfg.write_text(json.dumps({"service": "api", "region": "eu-west-1"}))
    assert main(["--config", str(cfg)]) == 0
    assert "api to eu-west-1" in capsys.readouterr().out
