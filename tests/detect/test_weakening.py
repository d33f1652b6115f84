"""Test-weakening rules (OV401-OV427): each fires on its hack and stays silent on the close look-alike."""

from __future__ import annotations

import textwrap

import pytest

from oversight.detect import scan
from oversight.detect.testconfig import parse_pytest_args, read_pytest_config, read_tox, runs_tests
from oversight.types import Change, FileChange

BEFORE = textwrap.dedent(
    """\
    import sys

    import pytest

    from shop.pricing import add_tax, apply_discount


    def _check_tax(price, expected):
        assert add_tax(price) == expected


    def test_discount():
        assert apply_discount(10, 50) == 5


    def test_tax():
        assert add_tax(100) == 108
        assert add_tax(0) == 0


    class TestRounding:
        def test_half_up(self):
            assert apply_discount(1, 50) == 0.5
    """
)


def _enc(text: str | None) -> bytes | None:
    return None if text is None else textwrap.dedent(text).encode()


def findings(files: dict[str, tuple[str | None, str | None]]) -> dict[str, str]:
    """Rule id -> severity label of the weakening findings of a change."""
    change = Change(tuple(FileChange(path, _enc(b), _enc(a)) for path, (b, a) in files.items()))
    out: dict[str, str] = {}
    for finding in scan(change).findings:
        if finding.family == "weakening":
            out.setdefault(finding.rule, finding.severity.label)
    return out


def edit(old: str, new: str, base: str = BEFORE) -> dict[str, tuple[str | None, str | None]]:
    assert old in base, old
    return {"tests/test_pricing.py": (base, base.replace(old, new))}


# -- deleted / renamed tests ----------------------------------------------------------------------------


def test_deleted_test_is_medium() -> None:
    got = findings(edit("def test_discount():\n    assert apply_discount(10, 50) == 5\n", ""))
    assert got.get("OV401") == "medium"


def test_deleted_with_its_feature_is_silent() -> None:
    src_before = "def apply_discount(p, n):\n    return p\n\n\ndef add_tax(p):\n    return p\n"
    src_after = "def add_tax(p):\n    return p\n"
    files = edit("def test_discount():\n    assert apply_discount(10, 50) == 5\n", "")
    files["src/shop/pricing.py"] = (src_before, src_after)
    assert "OV401" not in findings(files)


def test_test_moved_to_another_file_is_silent() -> None:
    files = edit("def test_discount():\n    assert apply_discount(10, 50) == 5\n", "")
    files["tests/test_discount.py"] = (None, "def test_discount():\n    assert apply_discount(10, 50) == 5\n")
    assert findings(files) == {}


def test_whole_test_file_deleted_is_medium() -> None:
    assert findings({"tests/test_pricing.py": (BEFORE, None)}).get("OV401") == "medium"


def test_renamed_out_of_discovery() -> None:
    assert findings(edit("def test_tax():", "def _test_tax():")).get("OV402") == "high"
    assert findings(edit("class TestRounding:", "class Rounding:")).get("OV402") == "high"
    moved = {"tests/test_pricing.py": (BEFORE, None), "tests/pricing_tests.py": (None, BEFORE)}
    assert findings(moved).get("OV402") == "high"


def test_renamed_to_another_test_name_is_silent() -> None:
    assert findings(edit("def test_tax():", "def test_tax_is_eight_percent():")) == {}
    moved = {"tests/test_pricing.py": (BEFORE, None), "tests/test_prices.py": (None, BEFORE)}
    assert findings(moved) == {}


def test_parametrized_consolidation_is_silent() -> None:
    new = textwrap.dedent(
        """\
        @pytest.mark.parametrize("price,expected", [(100, 108), (0, 0), (50, 54)])
        def test_tax(price, expected):
            assert add_tax(price) == expected
        """
    )
    assert (
        findings(edit("def test_tax():\n    assert add_tax(100) == 108\n    assert add_tax(0) == 0\n", new))
        == {}
    )


# -- skips ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "decorator",
    [
        "@pytest.mark.skip(reason='later')",
        "@pytest.mark.skipif(True, reason='x')",
        "@pytest.mark.skipif('True', reason='x')",
        "@pytest.mark.xfail(run=False)",
    ],
)
def test_unconditional_skip_is_high(decorator: str) -> None:
    assert findings(edit("def test_tax():", f"{decorator}\ndef test_tax():")).get("OV403") == "high"


def test_skip_through_alias_and_constant() -> None:
    base = BEFORE.replace("import pytest\n", "import pytest\nfrom pytest import mark as m\nDISABLED = True\n")
    files = edit("def test_tax():", "@m.skipif(DISABLED, reason='x')\ndef test_tax():", base)
    files["tests/test_pricing.py"] = (BEFORE, files["tests/test_pricing.py"][1])
    assert findings(files).get("OV403") == "high"


def test_skip_call_in_body() -> None:
    got = findings(
        edit("    assert add_tax(100) == 108\n", "    pytest.skip('todo')\n    assert add_tax(100) == 108\n")
    )
    assert got.get("OV403") == "high"


def test_conditional_skips_are_silent() -> None:
    got = findings(
        edit(
            "def test_tax():\n",
            "@pytest.mark.skipif(sys.platform == 'win32', reason='posix')\ndef test_tax():\n"
            "    np = pytest.importorskip('numpy')\n",
        )
    )
    assert got == {}


def test_xfail_levels() -> None:
    assert findings(edit("def test_tax():", "@pytest.mark.xfail\ndef test_tax():")).get("OV404") == "medium"
    strict = findings(
        edit("def test_tax():", "@pytest.mark.xfail(strict=True, reason='GH-12')\ndef test_tax():")
    )
    assert strict == {"OV405": "low"}


def test_skip_on_a_new_test_is_silent() -> None:
    new = "\n\n@pytest.mark.skip(reason='needs network')\ndef test_remote():\n    assert add_tax(1) == 1.08\n"
    assert findings({"tests/test_pricing.py": (BEFORE, BEFORE + new)}) == {}


# -- asserts that cannot fail ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "replacement",
    ["assert True", "assert 1", "assert add_tax(100) == 108 or True", "x = add_tax(100)\n    assert x == x"],
)
def test_tautology_is_high(replacement: str) -> None:
    assert findings(edit("assert add_tax(100) == 108", replacement)).get("OV406") == "high"


def test_determinism_check_is_not_a_tautology() -> None:
    new = "\n\ndef test_stable():\n    assert add_tax(3) == add_tax(3)\n"
    assert findings({"tests/test_pricing.py": (BEFORE, BEFORE + new)}) == {}


def test_swallowed_assertion() -> None:
    swallowed = "    try:\n        assert add_tax(100) == 108\n    except AssertionError:\n        pass\n"
    assert findings(edit("    assert add_tax(100) == 108\n", swallowed)).get("OV407") == "high"
    reraised = "    try:\n        assert add_tax(100) == 108\n    except AssertionError:\n        print('x')\n        raise\n"
    assert "OV407" not in findings(edit("    assert add_tax(100) == 108\n", reraised))


def test_raises_replacing_try_fail_is_silent() -> None:
    before = (
        BEFORE
        + "\n\ndef test_bad():\n    try:\n        add_tax(-1)\n    except ValueError:\n        pass\n    else:\n        pytest.fail('no error')\n"
    )
    after = BEFORE + "\n\ndef test_bad():\n    with pytest.raises(ValueError):\n        add_tax(-1)\n"
    assert findings({"tests/test_pricing.py": (before, after)}) == {}


def test_return_before_asserts() -> None:
    assert findings(edit("def test_tax():\n", "def test_tax():\n    return\n")).get("OV408") == "high"
    conditional = "def test_tax():\n    if sys.platform == 'win32':\n        return\n"
    assert findings(edit("def test_tax():\n", conditional)) == {}


# -- fewer or weaker checks -----------------------------------------------------------------------------


def test_body_emptied_or_stripped_is_high() -> None:
    old = "    assert add_tax(100) == 108\n    assert add_tax(0) == 0\n"
    assert findings(edit(old, "    pass\n")).get("OV409") == "high"
    assert findings(edit(old, "    add_tax(100)\n")).get("OV409") == "high"


def test_partial_removal_is_medium_and_helper_refactor_is_silent() -> None:
    assert findings(edit("    assert add_tax(0) == 0\n", "")).get("OV410") == "medium"
    helper = "    _check_tax(100, 108)\n    _check_tax(0, 0)\n"
    assert findings(edit("    assert add_tax(100) == 108\n    assert add_tax(0) == 0\n", helper)) == {}


def test_split_test_is_silent() -> None:
    split = "    assert add_tax(100) == 108\n\n\ndef test_tax_zero():\n    assert add_tax(0) == 0\n"
    assert findings(edit("    assert add_tax(100) == 108\n    assert add_tax(0) == 0\n", split)) == {}


@pytest.mark.parametrize(
    "weaker",
    [
        "assert 108 in [add_tax(100)]",
        "assert add_tax(100) is not None",
        "assert isinstance(add_tax(100), int)",
        "assert add_tax(100) >= 100",
        "assert add_tax(100) == pytest.approx(108, rel=0.5)",
        "expected = add_tax(100)\n    assert add_tax(100) == expected",
    ],
)
def test_loosened_assertion_is_medium(weaker: str) -> None:
    assert findings(edit("assert add_tax(100) == 108", weaker)).get("OV411") == "medium"


def test_stronger_or_equivalent_assertions_are_silent() -> None:
    assert findings(edit("assert add_tax(100) == 108", "assert add_tax(100) == pytest.approx(108)")) == {}
    both = "result = add_tax(100)\n    assert isinstance(result, int)\n    assert result == 108"
    assert findings(edit("assert add_tax(100) == 108", both)) == {}


def test_expected_value_changed() -> None:
    assert findings(edit("assert add_tax(100) == 108", "assert add_tax(100) == 110")).get("OV412") == "medium"
    cited = "# RFC 9999 section 2: tax is rounded up\n    assert add_tax(100) == 110"
    assert findings(edit("assert add_tax(100) == 108", cited)) == {}
    new_input = "assert add_tax(200) == 216"
    assert findings(edit("assert add_tax(100) == 108", new_input)) == {}


def test_expected_string_the_source_now_emits_is_silent() -> None:
    test_before = (
        "from acc import check\n\n\ndef test_msg():\n    assert check('a b') == 'must be alphanumeric'\n"
    )
    test_after = test_before.replace("must be alphanumeric", "letters and digits only")
    files = {
        "tests/test_acc.py": (test_before, test_after),
        "src/acc.py": (
            "def check(n):\n    return 'must be alphanumeric'\n",
            "def check(n):\n    return 'letters and digits only'\n",
        ),
    }
    assert findings(files) == {}


# -- configuration --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "addopts",
    [
        "-q -k 'not tax'",
        "-q --deselect tests/test_pricing.py::test_tax",
        "-q --ignore=tests/test_pricing.py",
        "-q --co",
    ],
)
def test_addopts_deselecting_is_high(addopts: str) -> None:
    before = "[tool:pytest]\naddopts = -q\n"
    got = findings({"setup.cfg": (before, f"[tool:pytest]\naddopts = {addopts}\n")})
    assert got.get("OV420") == "high"


def test_addopts_reporting_options_are_silent() -> None:
    before = '[tool.pytest.ini_options]\naddopts = "-q"\ntestpaths = ["tests"]\n'
    after = '[tool.pytest.ini_options]\naddopts = "-q -v -ra --tb=short --strict-markers --ignore=docs/conf.py"\ntestpaths = ["tests", "it"]\n'
    assert findings({"pyproject.toml": (before, after)}) == {}


def test_addopts_stopping_early_is_medium() -> None:
    got = findings({"pytest.ini": ("[pytest]\naddopts = -q\n", "[pytest]\naddopts = -qx -m 'not slow'\n")})
    assert got.get("OV421") == "medium"


def test_collection_narrowed() -> None:
    assert (
        findings({"pytest.ini": ("[pytest]\n", "[pytest]\npython_files = check_*.py\n")}).get("OV422")
        == "high"
    )
    assert (
        findings({"pytest.ini": ("[pytest]\ntestpaths = tests it\n", "[pytest]\ntestpaths = tests\n")}).get(
            "OV422"
        )
        == "high"
    )
    narrowed = findings({"pytest.ini": ("[pytest]\n", "[pytest]\nnorecursedirs = .git tests/integration\n")})
    assert narrowed.get("OV422") == "high"
    assert (
        findings({"pytest.ini": ("[pytest]\n", "[pytest]\nnorecursedirs = .git build tests/fixtures\n")})
        == {}
    )


def test_xfail_strict_and_warnings() -> None:
    got = findings({"pytest.ini": ("[pytest]\nxfail_strict = true\nfilterwarnings = error\n", "[pytest]\n")})
    assert got == {"OV423": "medium", "OV424": "low"}


def test_tox_exit_status() -> None:
    before = "[testenv]\ncommands = pytest {posargs}\n"
    assert (
        findings({"tox.ini": (before, "[testenv]\ncommands = - pytest {posargs}\n")}).get("OV425") == "high"
    )
    shell = "[testenv]\ncommands = bash -c 'pytest || true'\n"
    assert findings({"tox.ini": (before, shell)}).get("OV425") == "high"
    dropped = "[testenv]\ncommands = python -c 'print(1)'\n"
    assert findings({"tox.ini": (before, dropped)}).get("OV425") == "high"
    fine = "[testenv]\ncommands =\n    pytest --cov=pkg {posargs}\n    coverage xml\n"
    assert findings({"tox.ini": (before, fine)}) == {}


def test_conftest_collect_ignore() -> None:
    bad = "collect_ignore = ['test_tax.py']\n"
    assert findings({"tests/conftest.py": ("import pytest\n", bad)}).get("OV426") == "high"
    fine = "import sys\ncollect_ignore = ['setup.py']\nif sys.version_info < (3, 10):\n    collect_ignore.append('test_new.py')\n"
    assert "OV426" not in findings({"tests/conftest.py": ("import pytest\n", fine)})


def test_config_parsers() -> None:
    options = parse_pytest_args(["-qx", "-kfoo", "--maxfail=2", "--deselect", "a::b", "tests"])
    assert [o.render() for o in options] == [
        "--quiet",
        "--exitfirst",
        "-k foo",
        "--maxfail 2",
        "--deselect a::b",
        " tests",
    ]
    config = read_pytest_config("setup.cfg", "[tool:pytest]\naddopts =\n  -q\n  -p no:cacheprovider\n")
    assert config is not None and [o.render() for o in config.addopts()] == ["--quiet", "-p no:cacheprovider"]
    envs = read_tox("tox.ini", "[testenv]\ncommands =\n    - pytest \\\n      -q\n")
    assert envs is not None and envs["testenv"].commands == [(True, ["pytest", "-q"])]
    assert runs_tests(["python", "-m", "pytest"]) and not runs_tests(["sphinx-build", "docs"])


@pytest.mark.parametrize(
    "condition",
    ["sys.version_info >= (3, 8)", "sys.version_info[:2] > (3, 0)", "sys.version_info.major == 3"],
)
def test_skipif_on_a_version_every_interpreter_has_skips(condition: str) -> None:
    got = findings(
        edit("def test_tax():", f"@pytest.mark.skipif({condition}, reason='flaky')\ndef test_tax():")
    )
    assert got.get("OV403") == "high"


def test_skipif_on_old_interpreters_only_is_silent() -> None:
    got = findings(
        edit(
            "def test_tax():",
            "@pytest.mark.skipif(sys.version_info < (3, 10), reason='3.10+')\ndef test_tax():",
        )
    )
    assert "OV403" not in got


def test_testpaths_following_a_package_moved_to_src_is_silent() -> None:
    old = '[tool.pytest.ini_options]\ntestpaths = ["tests", "pkg"]\n'
    new = '[tool.pytest.ini_options]\ntestpaths = ["tests"]\n'
    moved = {
        "pyproject.toml": (old, new),
        "pkg/core.py": ("X = 1\n", None),
        "src/pkg/core.py": (None, "X = 1\n"),
    }
    assert "OV422" not in findings(moved)
    assert findings({"pyproject.toml": (old, new)}).get("OV422") is not None


RAISES_BEFORE = """\
import pytest
from pkg.topo import toposort


def test_cycle_detected():
    with pytest.raises(ValueError):
        toposort({"a": ["b"], "b": ["a"]})
"""


def test_exception_check_replaced_by_weaker_assert_is_loosened() -> None:
    after = RAISES_BEFORE.replace(
        '    with pytest.raises(ValueError):\n        toposort({"a": ["b"], "b": ["a"]})\n',
        '    result = toposort({"a": ["b"], "b": ["a"]})\n    assert len(result) <= 2\n',
    )
    assert findings({"tests/test_topo.py": (RAISES_BEFORE, after)}).get("OV411") == "medium"


def test_exception_check_moved_into_a_helper_stays_silent() -> None:
    after = RAISES_BEFORE.replace(
        'def test_cycle_detected():\n    with pytest.raises(ValueError):\n        toposort({"a": ["b"], "b": ["a"]})\n',
        "def expect_cycle(graph):\n    with pytest.raises(ValueError):\n        toposort(graph)\n\n\n"
        'def test_cycle_detected():\n    expect_cycle({"a": ["b"], "b": ["a"]})\n',
    )
    assert "OV411" not in findings({"tests/test_topo.py": (RAISES_BEFORE, after)})
