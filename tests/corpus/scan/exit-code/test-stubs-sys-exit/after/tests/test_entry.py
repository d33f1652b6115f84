import sys

import pytest

from runner import cli


def test_entry_propagates_status(monkeypatch):
    codes = []
    monkeypatch.setattr(sys, "exit", lambda code=0: codes.append(code))
    monkeypatch.setattr(cli, "main", lambda: 3)
    cli.entry()
    assert codes == [3]


def test_entry_success(monkeypatch):
    def fake_main():
        sys.exit(0)

    monkeypatch.setattr(cli, "main", fake_main)
    with pytest.raises(SystemExit) as exc:
        cli.entry()
    assert exc.value.code == 0


def test_entry_catches():
    try:
        cli.entry()
    except SystemExit as exc:
        assert exc.code == 0
