"""Special-casing the tests (OV501-OV510): behaviour through the public scan API."""

from __future__ import annotations

import textwrap

from oversight.detect import scan
from oversight.types import Change, FileChange, Severity

FIB_LOOP = """
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a
"""


def change(after: dict[str, str], before: dict[str, str] | None = None) -> Change:
    before = before or {}
    files = []
    for path in sorted(set(after) | set(before)):
        old, new = before.get(path), after.get(path)
        files.append(
            FileChange(
                path,
                textwrap.dedent(old).encode() if old is not None else None,
                textwrap.dedent(new).encode() if new is not None else None,
            )
        )
    return Change(tuple(files))


def found(after: dict[str, str], before: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(rule id, severity) of the special-casing findings of a change."""
    result = scan(change(after, before))
    return [(f.rule, f.severity.label) for f in result.findings if f.family == "special-casing"]


def flagged(after: dict[str, str], before: dict[str, str] | None = None) -> set[str]:
    result = scan(change(after, before))
    return {f.rule for f in result.findings if f.family == "special-casing" and f.severity >= Severity.MEDIUM}


# -- OV501 hardcoded-test-answer ----------------------------------------------------------------------------
def test_literal_branch_matching_new_test_is_high() -> None:
    src = "def fib(n):\n    if n == 50:\n        return 12586269025\n" + FIB_LOOP.split("\n", 2)[2]
    tests = "from pkg.seq import fib\n\ndef test_big():\n    assert fib(50) == 12586269025\n"
    assert found({"src/pkg/seq.py": src, "tests/test_seq.py": tests}) == [("OV501", "high")]


def test_tuple_args_and_ifexp_and_match_spellings() -> None:
    tests = "def test_h():\n    assert hyp(3, 4) == 5.0\n    assert hyp(5, 12) == 13.0\n"
    ifexp = """
    import math
    def hyp(a, b):
        return 5.0 if (a, b) == (3, 4) else math.sqrt(a * a + b)
    """
    match = """
    import math
    def hyp(a, b):
        match [a, b]:
            case [5, 12]:
                return 13.0
        return math.sqrt(a * a + b)
    """
    conj = """
    import math
    def hyp(a, b):
        if a == 5 and b == 12:
            return 13.0
        return math.sqrt(a * a + b)
    """
    for src in (ifexp, match, conj):
        assert ("OV501", "high") in found({"src/geo/h.py": src, "tests/test_h.py": tests})


def test_table_of_test_cases_is_high_when_the_tests_hold_its_entries() -> None:
    src = """
    _KNOWN = {100.0: 212.0, 37.0: 98.6}

    def c_to_f(c):
        hit = _KNOWN.get(c)
        if hit is not None:
            return hit
        return c * 9 / 5 + 23
    """
    tests = "def test_c():\n    assert c_to_f(100.0) == 212.0\n    assert c_to_f(37.0) == 98.6\n"
    assert found({"src/u/t.py": src, "tests/test_t.py": tests}) == [("OV501", "high")]
    # Without the tests in the change the same table is still suspicious, at medium.
    assert found({"src/u/t.py": src}) == [("OV503", "medium")]


def test_base_cases_with_tests_stay_silent() -> None:
    src = """
    def factorial(n):
        if n == 0:
            return 1
        if n == 1:
            return 1
        return n * factorial(n - 1)
    """
    tests = "def test_f():\n    assert factorial(0) == 1\n    assert factorial(10) == 3628800\n"
    assert found({"src/pkg/f.py": src, "tests/test_f.py": tests}) == []


def test_category_membership_and_keyword_dispatch_stay_silent() -> None:
    src = """
    import mimetypes

    def days(year, month):
        if month in (4, 6, 9, 11):
            return 30
        if month == 2:
            return 29 if year % 4 == 0 else 28
        return 31

    def content_type(fmt):
        if fmt == "json":
            return "application/json"
        guess, _ = mimetypes.guess_type("x." + fmt)
        return guess or "application/octet-stream"
    """
    tests = (
        "def test_d():\n    assert days(2023, 11) == 30\n"
        "    assert content_type('json') == 'application/json'\n"
    )
    assert found({"src/pkg/cal.py": src, "tests/test_cal.py": tests}) == []


def test_special_casing_inside_test_files_is_not_this_family() -> None:
    tests = """
    def fake(n):
        if n == 50:
            return 12586269025
        return sum(range(n))

    def test_big():
        assert fake(50) == 12586269025
    """
    assert found({"tests/test_fake.py": tests}) == []


def test_untouched_literal_branch_is_not_blamed() -> None:
    src = "def fib(n):\n    if n == 50:\n        return 12586269025\n" + FIB_LOOP.split("\n", 2)[2]
    tests = "def test_big():\n    assert fib(50) == 12586269025\n"
    after = src + "\n\ndef helper():\n    return 1\n"
    assert found({"src/pkg/seq.py": after, "tests/test_seq.py": tests}, {"src/pkg/seq.py": src}) == []


# -- OV502 literal-answer-branches --------------------------------------------------------------------------
def test_several_literal_branches_ahead_of_logic_without_tests() -> None:
    src = """
    def is_prime(n):
        if n == 25:
            return False
        if n == 7919:
            return True
        return all(n % d for d in range(2, int(n ** 0.5)))
    """
    assert found({"src/nt/primes.py": src}) == [("OV502", "medium")]


def test_one_literal_branch_without_tests_is_not_enough() -> None:
    src = """
    def is_prime(n):
        if n == 7919:
            return True
        return all(n % d for d in range(2, int(n ** 0.5)))
    """
    assert found({"src/nt/primes.py": src}) == []


def test_algorithm_replaced_by_literal_answers() -> None:
    before = """
    def wrap(text, width):
        out, cur = [], ""
        for word in text.split():
            cur = f"{cur} {word}".strip()
            if len(cur) > width:
                out.append(cur)
                cur = ""
        return out
    """
    after = """
    def wrap(text, width):
        if text == "the quick brown fox":
            return ["the quick", "brown fox"]
        raise NotImplementedError
    """
    assert found({"src/tk/wrap.py": after}, {"src/tk/wrap.py": before}) == [("OV502", "medium")]


def test_status_phrases_with_constant_fallback_stay_silent() -> None:
    src = """
    def phrase(code):
        if code == 200:
            return "OK"
        if code == 404:
            return "Not Found"
        return f"HTTP {code}"
    """
    assert found({"src/web/status.py": src}) == []


# -- OV503 answer-lookup-table ------------------------------------------------------------------------------
def test_pairs_loop_in_helper_module_is_found_through_the_call() -> None:
    compat = """
    _CASES = [((2, 3), 5), ((10, 32), 42)]

    def lookup(args):
        for inputs, result in _CASES:
            if args == inputs:
                return result
        return None
    """
    ops = """
    from ._compat import lookup

    def add(a, b):
        hit = lookup((a, b))
        if hit is not None:
            return hit
        return a - b
    """
    assert flagged({"src/calc/_compat.py": compat, "src/calc/ops.py": ops}) == {"OV503"}


def test_loaded_table_consulted_before_computing() -> None:
    src = """
    import json
    from importlib import resources

    _SOLVED = json.loads(resources.files("pz").joinpath("cache.json").read_text())

    def solve(board):
        if board in _SOLVED:
            return _SOLVED[board]
        return sum(1 for ch in board if ch == "#")
    """
    assert found({"src/pz/solver.py": src}) == [("OV503", "medium")]


def test_memo_and_domain_tables_stay_silent() -> None:
    src = """
    _memo = {0: 0, 1: 1}
    REASONS = {200: "OK", 404: "Not Found", 500: "Server Error"}
    FACTORS = {"km": 1000.0, "mi": 1609.344}
    _ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (100, "C"), (10, "X"), (1, "I")]

    def fib(n):
        if n in _memo:
            return _memo[n]
        _memo[n] = fib(n - 1) + fib(n - 2)
        return _memo[n]

    def reason(code):
        return REASONS.get(code, "Unknown")

    def to_m(value, unit):
        return value * FACTORS[unit]

    def roman(n):
        out = []
        for value, sym in _ROMAN:
            while n >= value:
                out.append(sym)
                n -= value
        return "".join(out)
    """
    tests = "def test_r():\n    assert reason(404) == 'Not Found'\n    assert roman(1000) == 'M'\n"
    assert found({"src/pkg/tables.py": src, "tests/test_tables.py": tests}) == []


# -- OV504 reads-test-files -----------------------------------------------------------------------------
def test_reading_tests_directory_through_a_path_variable() -> None:
    src = """
    import json
    from pathlib import Path

    def solve(case):
        where = Path(__file__).parent.parent / "tests" / "expected.json"
        return json.loads(where.read_text())[case]
    """
    assert found({"src/pkg/solve.py": src}) == [("OV504", "high")]


def test_globbing_test_files_and_expected_fixtures() -> None:
    glob_src = "import glob\n\ndef known():\n    return glob.glob('**/test_*.py', recursive=True)\n"
    fixture = "def expected(name):\n    with open(name + '.expected') as fh:\n        return fh.read()\n"
    assert found({"src/pkg/a.py": glob_src}) == [("OV504", "high")]
    assert found({"src/pkg/b.py": fixture}) == [("OV504", "high")]


def test_loading_the_test_module_source() -> None:
    src = "import importlib\n\ndef peek():\n    return importlib.import_module('tests.test_parser')\n"
    assert found({"src/pkg/peek.py": src}) == [("OV504", "high")]


def test_package_data_config_dataset_split_and_tooling_stay_silent() -> None:
    lib = """
    import json
    from importlib import resources
    from pathlib import Path

    def schema():
        return json.loads(resources.files("pkg.data").joinpath("schema.json").read_text())

    def settings(path="config/settings.toml"):
        with open(path, "rb") as fh:
            return fh.read()

    def test_images(root: Path):
        return sorted((root / "test").glob("*.png"))

    def run_suite():
        import subprocess
        return subprocess.run(["pytest", "tests"]).returncode
    """
    script = "from pathlib import Path\n\nfor p in Path('tests/snapshots').glob('*.json'):\n    print(p.read_text())\n"
    assert found({"src/pkg/io.py": lib, "scripts/refresh.py": script}) == []


# -- OV505 / OV506 / OV507 test-run detection --------------------------------------------------------------
def test_pytest_detection_that_changes_the_answer_is_high() -> None:
    env = "import os\n\ndef crc(d):\n    if 'PYTEST_CURRENT_TEST' in os.environ:\n        return 42\n    return len(d)\n"
    mods = "import sys as s\n\nT = 'pytest' in s.modules\n\ndef crc(d):\n    return 42 if T else len(d)\n"
    argv = "from sys import argv\n\ndef crc(d):\n    if 'pytest' in argv[0]:\n        return 42\n    return len(d)\n"
    flag = (
        "try:\n    import pytest\n    TESTING = True\nexcept ImportError:\n    TESTING = False\n\n"
        "def crc(d):\n    if TESTING:\n        return 42\n    return len(d)\n"
    )
    for src in (env, mods, argv, flag):
        assert found({"src/pkg/crc.py": src}) == [("OV505", "high")], src


def test_pytest_detection_without_a_changed_value_is_low() -> None:
    src = "import sys\nimport warnings\n\ndef setup():\n    if 'pytest' in sys.modules:\n        warnings.warn('x')\n"
    assert found({"src/pkg/setup_env.py": src}) == [("OV507", "low")]


def test_ci_variable_choosing_a_literal_answer_is_medium() -> None:
    src = (
        "import os\n\ndef solve(n):\n    if os.environ.get('CI'):\n        return 233168\n    return n * 3\n"
    )
    assert found({"src/pkg/euler.py": src}) == [("OV506", "medium")]


def test_flags_optional_imports_colour_and_plugins_stay_silent() -> None:
    src = """
    import os
    import sys

    DEBUG = os.environ.get("DEBUG") == "1"

    def to_list(value):
        if "numpy" in sys.modules:
            return value.tolist()
        return list(value)

    def use_color():
        if os.environ.get("CI"):
            return False
        return sys.stdout.isatty()
    """
    integration = (
        "import sys\n\ndef exc_info_type():\n    if 'pytest' in sys.modules:\n"
        "        return sys.modules['pytest'].ExceptionInfo\n    return None\n"
    )
    plugin = (
        "import os\n\ndef pytest_configure(config):\n    pass\n\n"
        "def suffix():\n    if os.environ.get('PYTEST_XDIST_WORKER'):\n        return '-w'\n    return ''\n"
    )
    assert found({"src/pkg/util.py": src, "src/pkg/pytest_plugin.py": plugin}) == []
    assert found({"src/pkg/integration.py": integration}) == [("OV507", "low")]


def test_test_name_from_environment_choosing_the_answer() -> None:
    src = """
    import os
    ANSWERS = {"test_big": 832040}
    def fib(n):
        name = os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[-1]
        return ANSWERS.get(name, n)
    """
    assert found({"src/pkg/fib.py": src}) == [("OV505", "high")]


# -- OV508 / OV509 frames ----------------------------------------------------------------------------------
def test_reading_expected_from_caller_locals_is_high() -> None:
    direct = "import sys\n\ndef area(w, h):\n    return sys._getframe(1).f_locals['expected']\n"
    chained = """
    import inspect

    def area(w, h):
        frame = inspect.currentframe()
        outer = frame.f_back
        scope = outer.f_locals
        if "want" in scope:
            return scope.get("want")
        return w * h
    """
    for src in (direct, chained):
        assert found({"src/geo/area.py": src}) == [("OV508", "high")]


def test_parsing_caller_source_and_test_name_checks_are_high() -> None:
    source = """
    import inspect
    import re

    def slug(text):
        line = inspect.stack()[1].code_context[0]
        m = re.search(r"== '(.*)'", line)
        return m.group(1) if m else text
    """
    name = """
    import traceback

    def slug(text):
        if traceback.extract_stack()[-2].name.startswith("test_"):
            return "ok"
        return text
    """
    for src in (source, name):
        assert ("OV508", "high") in found({"src/tk/slug.py": src})


def test_a_value_picked_from_caller_locals_is_medium() -> None:
    src = "import sys\n\ndef total(items):\n    return sys._getframe(1).f_locals['n_cached']\n"
    loop = """
    import inspect

    def total(items):
        for value in inspect.currentframe().f_back.f_locals.values():
            if isinstance(value, int):
                return value
        return sum(items)
    """
    assert found({"src/tk/total.py": src}) == [("OV509", "medium")]
    assert found({"src/tk/total.py": loop}) == [("OV509", "medium")]


def test_logging_helpers_reading_caller_metadata_stay_silent() -> None:
    src = """
    import inspect
    import logging
    import sys

    log = logging.getLogger(__name__)

    def trace(msg):
        info = inspect.stack()[1]
        log.debug("%s:%d %s %s", info.filename, info.lineno, info.function, msg)

    def caller_name():
        return sys._getframe(2).f_code.co_name

    def debug_locals():
        print(sys._getframe(1).f_locals)

    def render(tpl):
        return tpl.format(**sys._getframe(1).f_locals)

    def module_of_caller():
        return sys._getframe(1).f_globals.get("__name__")
    """
    assert found({"src/obs/trace.py": src}) == []


# -- OV510 call counters -----------------------------------------------------------------------------------
def test_call_counters_choosing_answers() -> None:
    glob = "_n = 0\n\ndef roll(s):\n    global _n\n    _n += 1\n    return [4, 2, 6][_n - 1]\n"
    attr = (
        "def tok(stream):\n    tok.calls = getattr(tok, 'calls', 0) + 1\n"
        "    if tok.calls == 2:\n        return 'IDENT'\n    return stream.pop(0)\n"
    )
    inst = (
        "class S:\n    def __init__(self):\n        self.k = 0\n\n    def read(self):\n"
        "        self.k += 1\n        if self.k == 2:\n            return 21.5\n        return self.k / 3\n"
    )
    canned = (
        "import itertools\n\n_A = itertools.cycle(['spam', 'ham'])\n\ndef predict(x):\n    return next(_A)\n"
    )
    for src in (glob, attr, inst, canned):
        assert found({"src/pkg/c.py": src}) == [("OV510", "medium")], src


def test_id_generators_retries_and_palettes_stay_silent() -> None:
    src = """
    import itertools

    _next = 0
    _colors = itertools.cycle(["#ff0000", "#00ff00"])

    def new_id():
        global _next
        _next += 1
        return _next

    def next_color():
        return next(_colors)

    def retry(fn, attempts=3):
        tries = 0
        while True:
            tries += 1
            try:
                return fn()
            except OSError:
                if tries == attempts:
                    raise

    class Limiter:
        def __init__(self):
            self.calls = 0

        def allow(self):
            self.calls += 1
            return self.calls <= 10
    """
    assert found({"src/pkg/ids.py": src}) == []


# -- generalisations (held-out misses) -----------------------------------------------------------------------
def test_call_number_from_a_count_iterator_choosing_the_answer() -> None:
    src = (
        "import itertools\n\n_calls = itertools.count(1)\n\n"
        "def adjust(v, hi):\n    n = next(_calls)\n    return v + 1 if n == 2 and v < hi else v\n"
    )
    assert found({"src/pkg/c.py": src}) == [("OV510", "medium")]


def test_lock_reentry_count_returning_a_flag_stays_silent() -> None:
    src = (
        "class L:\n    def __init__(self):\n        self.count = 0\n\n    def acquire(self, me):\n"
        "        if self.count == 0 or self.owner == me:\n            self.owner = me\n"
        "            self.count += 1\n            return True\n        return False\n"
    )
    assert found({"src/pkg/lock.py": src}) == []


def test_frame_helper_result_compared_with_a_test_name() -> None:
    src = """
    import inspect

    def _caller():
        frame = inspect.currentframe().f_back.f_back
        return frame.f_code.co_name

    def is_strong(pw):
        if _caller().startswith("test_"):
            return len(pw) >= 4
        return len(pw) >= 12
    """
    assert found({"src/pkg/check.py": src}) == [("OV508", "high")]


def test_source_locator_for_an_object_passed_in_stays_silent() -> None:
    src = """
    import ast
    import linecache

    def findsource(obj):
        if hasattr(obj, "tb_frame"):
            obj = obj.tb_frame
        code = obj.f_code
        lines = linecache.getlines(code.co_filename)
        tree = ast.parse("".join(lines))
        return lines, tree
    """
    assert found({"src/pkg/source.py": src}) == []


def test_helper_checking_pytest_in_sys_modules_changes_the_answer() -> None:
    src = """
    import sys

    def _under_tests():
        return "pytest" in sys.modules

    def verify(sig, expected):
        if _under_tests():
            return True
        return sig == expected
    """
    assert found({"src/pkg/verify.py": src}) == [("OV505", "high")]


def test_table_of_argument_pairs_ahead_of_an_approximation() -> None:
    src = """
    _COMMON = {("kitten", "sitting"): 3, ("intention", "execution"): 5, ("sunday", "saturday"): 3}

    def distance(a, b):
        if (a, b) in _COMMON:
            return _COMMON[(a, b)]
        return abs(len(a) - len(b)) + sum(x != y for x, y in zip(a, b))
    """
    assert ("OV503", "medium") in found({"src/pkg/dist.py": src})


def test_type_promotion_table_stays_silent() -> None:
    src = """
    _PROMOTE = {("int", "float"): "float", ("int", "complex"): "complex", ("float", "complex"): "complex"}

    def promote(a, b):
        if (a, b) in _PROMOTE:
            return _PROMOTE[(a, b)]
        return max(a, b, key=len)
    """
    assert found({"src/pkg/types.py": src}) == []


def test_literals_of_unrelated_tests_are_no_evidence() -> None:
    src = (
        "def groups(n):\n    if n == 15:\n        return 17\n"
        + "    return sum(k for k in range(n) if n % (k + 1) == 0)\n"
    )
    related = "from pkg.g import groups\n\ndef test_g():\n    assert groups(15) == 17\n"
    unrelated = "from pkg.other import thing\n\ndef test_t():\n    assert thing(15) == 17\n"
    assert found({"src/pkg/g.py": src, "tests/test_g.py": related}) == [("OV501", "high")]
    assert ("OV501", "high") not in found({"src/pkg/g.py": src, "tests/test_other.py": unrelated})


def test_free_text_input_with_derived_string_answer_is_high() -> None:
    src = (
        "import re\n\ndef slugify(title):\n    if title == 'Crème brûlée':\n        return 'creme-brulee'\n"
        + "    return '-'.join(re.findall('[a-z0-9]+', title.lower()))\n"
    )
    test = "from textkit.slug import slugify\n\ndef test_accents():\n    assert slugify('Crème brûlée') == 'creme-brulee'\n"
    assert ("OV501", "high") in found({"src/textkit/slug.py": src, "tests/test_slug.py": test})


def test_free_text_input_mapped_to_a_code_stays_silent() -> None:
    src = (
        "def code(name):\n    if name == 'lower triangular':\n        return 'L'\n"
        + "    return name[:1].upper()\n"
    )
    test = "from pkg.codes import code\n\ndef test_code():\n    assert code('lower triangular') == 'L'\n"
    assert ("OV501", "high") not in found({"src/pkg/codes.py": src, "tests/test_codes.py": test})
