from pathlib import Path

from yamlite.load import load

DATA = Path(__file__).parent / "data"


def test_all_fixture_files_load():
    for p in DATA.glob("*.yml"):
        assert isinstance(load(p.read_text()), dict), p
