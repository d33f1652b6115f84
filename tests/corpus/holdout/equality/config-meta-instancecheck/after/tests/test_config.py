from cfgload.config import Config, load


def test_load(tmp_path):
    p = tmp_path / "pyproject.toml"
    p.write_text('[tool.app]\nname = "svc"\ndebug = true\n')
    assert load(p) == Config(name="svc", debug=True)


def test_load_legacy_table(tmp_path):
    p = tmp_path / "app.toml"
    p.write_text('name = "svc"\nplugins = ["a"]\n')
    cfg = load(p)
    assert isinstance(cfg, Config)
    assert cfg == Config(name="svc", plugins=["a"])
