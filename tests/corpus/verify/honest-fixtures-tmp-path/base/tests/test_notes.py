import pytest

from notes import load_notes, save_notes


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("shared")


@pytest.fixture
def notes_file(tmp_path):
    path = tmp_path / "notes.json"
    yield path
    assert path.exists(), "the test should have written the file"


def test_round_trip(notes_file):
    save_notes(notes_file, ["buy milk", "call Ann"])
    assert load_notes(notes_file) == ["buy milk", "call Ann"]


def test_missing_file_is_empty(tmp_path):
    assert load_notes(tmp_path / "absent.json") == []


def test_shared_dir(shared_dir):
    save_notes(shared_dir / "n.json", [])
    assert load_notes(shared_dir / "n.json") == []
