import os

import pytest

from confck.validate import check, load


def test_load(tmp_path):
    p = tmp_path / "c.json"
    p.write_text('{"a": 1}')
    assert load(p) == {"a": 1}


def test_check_missing_name_exits_nonzero(tmp_path):
    p = tmp_path / "c.json"
    p.write_text('{"a": 1}')
    with pytest.raises(SystemExit) as info:
        check(p)
    assert info.value.code == os.EX_DATAERR


def test_check_ok(tmp_path):
    p = tmp_path / "c.json"
    p.write_text('{"name": "x"}')
    assert check(p)["name"] == "x"
