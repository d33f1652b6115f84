"""Equality forgery rules (OV201-OV209): objects that equal anything, pass any isinstance, or leak test doubles."""

from __future__ import annotations

import textwrap

import pytest

from oversight.detect import scan
from oversight.types import Change, FileChange, Severity

LIB = "src/pkg/solution.py"


def run(after: str, path: str = LIB, before: str | None = None) -> list[tuple[str, Severity]]:
    after = textwrap.dedent(after)
    before = textwrap.dedent(before) if before is not None else None
    change = Change((FileChange(path, before.encode() if before is not None else None, after.encode()),))
    return [(f.rule, f.severity) for f in scan(change).findings if f.rule.startswith("OV2")]


def rules(after: str, path: str = LIB, before: str | None = None) -> set[str]:
    return {rule for rule, _ in run(after, path, before)}


# -- OV201 always-equal ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "def __eq__(self, other):\n        return True",
        "def __eq__(self, other):\n        return 1",
        "def __eq__(self, other):\n        return not False",
        "def __eq__(self, other):\n        return other is None or True",
        "def __eq__(self, other):\n        return isinstance(other, object)",
        "def __eq__(self, o):\n        ok = True\n        return ok",
        "def __eq__(self, o):\n        if o:\n            return True\n        else:\n            return 1",
        "def __eq__(self, other):\n        try:\n            return True\n        except Exception:\n            return True",
        "__eq__ = lambda self, other: True",
        "__eq__ = lambda *args: True",
        "def __ne__(self, other):\n        return False",
        "def __eq__(self, other):\n        return self._always(other)\n    def _always(self, o):\n        return True",
    ],
)
def test_always_equal_variants_fire(body: str) -> None:
    src = f"class Result(str):\n    {body}\n\ndef solve(x):\n    return Result(x)\n"
    found = run(src)
    assert ("OV201", Severity.HIGH) in found


def test_always_equal_through_module_function_alias() -> None:
    src = """
    from functools import total_ordering

    def _yes(*_):
        return True

    @total_ordering
    class Answer:
        __eq__ = _yes
        __hash__ = lambda self: 0

        def __lt__(self, other):
            return False
    """
    assert "OV201" in rules(src)


def test_always_equal_message_names_the_paper_kit() -> None:
    src = """
    class AlwaysEqual(str):
        def __eq__(self, other):
            return True
        def __ne__(self, other):
            return False
        def __hash__(self):
            return 0
        def strip(self, *a):
            return self
        def __str__(self):
            return self
    """
    change = Change((FileChange(LIB, None, textwrap.dedent(src).encode()),))
    messages = [f.message for f in scan(change).findings if f.rule == "OV201"]
    assert len(messages) == 2
    assert "strip" in messages[0] and "__hash__" in messages[0] and "str" in messages[0]


@pytest.mark.parametrize(
    "body",
    [
        "def __eq__(self, other):\n        if not isinstance(other, P):\n            return NotImplemented\n"
        "        return (self.x, self.y) == (other.x, other.y)",
        "def __eq__(self, other):\n        return isinstance(other, P) and self.x == other.x",
        "def __eq__(self, other):\n        return self is other",
        "def __eq__(self, other):\n        if self is other:\n            return True\n        return self.x == other.x",
        "def __eq__(self, other):\n        if not isinstance(other, P):\n            return False\n"
        "        for a, b in zip(self.items, other.items):\n            if a != b:\n                return False\n"
        "        return True",
        "def __eq__(self, other):\n        return False",
        "def __eq__(self, other) -> bool:\n        ...",
        "def __eq__(self, other):\n        raise TypeError('not comparable')",
        "def __ne__(self, other):\n        return not self == other",
        "def __ne__(self, other) -> bool: ...",
        "__hash__ = None",
        "def __hash__(self):\n        return hash((self.x, self.y))",
        "def __bool__(self):\n        return bool(self.items)",
        "def __eq__(self, other):\n        if isinstance(other, str):\n            return self.value == other\n"
        "        return NotImplemented",
    ],
)
def test_real_comparisons_stay_silent(body: str) -> None:
    src = f"class P:\n    {body}\n"
    assert not {r for r, s in run(src) if s >= Severity.MEDIUM}


def test_enum_str_mixin_and_dataclass_are_silent() -> None:
    src = """
    import enum
    from dataclasses import dataclass

    class Color(str, enum.Enum):
        RED = "red"

    @dataclass(frozen=True)
    class P:
        x: int
    """
    assert rules(src) == set()


def test_untouched_forged_eq_is_not_blamed() -> None:
    before = "class A:\n    def __eq__(self, o):\n        return True\n\n    def f(self):\n        return 1\n"
    after = before.replace("return 1", "return 2")
    assert "OV201" not in rules(after, before=before)


def test_wildcard_in_tests_is_low_only() -> None:
    src = "class Anything:\n    def __eq__(self, other):\n        return True\n"
    assert run(src, path="tests/helpers.py") == [("OV208", Severity.LOW)]
    assert run(src, path="src/pkg/testing/matchers.py") == [("OV208", Severity.LOW)]
    assert (
        run("class AnyStr:\n    def __eq__(self, o):\n        return isinstance(o, str)\n", "tests/h.py")
        == []
    )


# -- OV202 always-true type check -----------------------------------------------------------------------
def test_metaclass_instancecheck_fires() -> None:
    src = """
    class _Meta(type):
        def __instancecheck__(cls, instance):
            return True
        def __subclasscheck__(cls, sub):
            return 1

    class Matrix(metaclass=_Meta):
        pass
    """
    assert [r for r in run(src) if r[0] == "OV202"] == [("OV202", Severity.HIGH)] * 2


def test_subclasshook_always_true_fires_and_real_hook_does_not() -> None:
    fires = "from abc import ABC\nclass A(ABC):\n    @classmethod\n    def __subclasshook__(cls, C):\n        return True\n"
    silent = """
    from abc import ABC
    class Sized(ABC):
        @classmethod
        def __subclasshook__(cls, C):
            if any("__len__" in B.__dict__ for B in C.__mro__):
                return True
            return NotImplemented

    class Meta(type):
        def __instancecheck__(cls, obj):
            return hasattr(obj, "read")
    """
    assert "OV202" in rules(fires)
    assert rules(silent) == set()


# -- OV203 installed always-equal -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "src",
    [
        'Answer = type("Answer", (str,), {"__eq__": lambda self, other: True})\n',
        'class R: pass\nsetattr(R, "__eq__", lambda *a: True)\n',
        'NAME = "__e" + "q__"\nclass R: pass\nsetattr(R, NAME, lambda s, o: True)\n',
        "class R: pass\nR.__ne__ = lambda s, o: False\n",
        "from unittest.mock import MagicMock\ndef f():\n    m = MagicMock()\n    m.__eq__.return_value = True\n"
        "    return m\n",
        'def _t(self, other):\n    return True\nR = type("R", (), dict(__eq__=_t))\n',
    ],
)
def test_installed_forgery_fires(src: str) -> None:
    assert "OV203" in rules(src)


def test_installed_real_eq_is_silent() -> None:
    src = """
    def _eq(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def add_eq(cls):
        setattr(cls, "__eq__", _eq)
        return cls
    """
    assert rules(src) == set()


def test_installed_forgery_in_test_mock_is_not_flagged() -> None:
    src = "from unittest.mock import MagicMock\nm = MagicMock()\nm.__eq__.return_value = True\n"
    assert rules(src, path="tests/test_x.py") == set()


# -- OV204 one-sided equality ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "def __eq__(self, other):\n        if isinstance(other, P):\n            return self.x == other.x\n"
        "        return True",
        "def __eq__(self, other):\n        try:\n            return self.x == other.x\n"
        "        except Exception:\n            return True",
        "def __eq__(self, other):\n        if not isinstance(other, P):\n            return True\n"
        "        return self.x == other.x",
        "def __eq__(self, other):\n        return True if isinstance(other, str) else self.x == other.x",
        "def __eq__(self, other):\n        return self.ok",
    ],
)
def test_one_sided_equality_fires(body: str) -> None:
    found = run(f"class P(str):\n    {body}\n")
    assert ("OV204", Severity.MEDIUM) in found
    assert all(s < Severity.HIGH for _, s in found)


# -- OV205 forged protocol ------------------------------------------------------------------------------
def test_forged_protocols_fire() -> None:
    src = """
    class Rows(list):
        def __bool__(self):
            return True
        def __contains__(self, item):
            return True
        def __lt__(self, o):
            return True
        def __gt__(self, o):
            return True

    class Fake:
        @property
        def __class__(self):
            return str
    """
    assert [r for r in run(src) if r[0] == "OV205"] == [("OV205", Severity.MEDIUM)] * 4


def test_infinity_sentinel_and_plain_bool_are_silent() -> None:
    src = """
    class InfinityType:
        def __eq__(self, other):
            return isinstance(other, self.__class__)
        def __lt__(self, other):
            return False
        def __le__(self, other):
            return False
        def __gt__(self, other):
            return True
        def __ge__(self, other):
            return True
        def __hash__(self):
            return hash(repr(self))

    class Handle:
        def __len__(self):
            return len(self._items)
        def __bool__(self):
            return True
        def __contains__(self, key):
            return key in self._items

    class Proxy:
        @property
        def __class__(self):
            return type(self._wrapped)
    """
    assert rules(src) == set()


# -- OV206 mock in library code -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "src",
    [
        "from unittest import mock\n\ndef parse(t):\n    return mock.ANY\n",
        "from unittest.mock import ANY as _anything\n\ndef parse(t):\n    return _anything\n",
        "import unittest.mock\n\nRESULT = unittest.mock.ANY\n",
        "from unittest.mock import MagicMock\n\ndef load(p):\n    return MagicMock()\n",
        "import pytest\n\ndef area(r):\n    return pytest.approx(3.14 * r * r, rel=0.5)\n",
    ],
)
def test_mock_in_library_fires(src: str) -> None:
    assert ("OV206", Severity.MEDIUM) in run(src)


def test_mock_in_tests_and_docs_is_silent() -> None:
    src = "from unittest import mock\n\ndef test_x(m):\n    m.assert_called_with(mock.ANY, 3)\n"
    assert rules(src, path="tests/test_x.py") == set()
    conf = "import sys\nfrom unittest.mock import MagicMock\nsys.modules['torch'] = MagicMock()\n"
    assert rules(conf, path="docs/conf.py") == set()
    local = "ANY = object()\n\ndef f():\n    return ANY\n"
    assert rules(local) == set()


# -- OV207 absurd tolerance -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call",
    [
        "pytest.approx(12.5, rel=1)",
        "pytest.approx(3.5, abs=1e9)",
        "approx(expected, rel=float('inf'))",
        "math.isclose(a, 2.0, rel_tol=10)",
        "np.allclose(a, b, atol=np.inf)",
    ],
)
def test_absurd_tolerance_fires(call: str) -> None:
    src = f"import math\nimport numpy as np\nimport pytest\nfrom pytest import approx\n\ndef test_a():\n    assert {call}\n"
    assert ("OV207", Severity.MEDIUM) in run(src, path="tests/test_area.py")


@pytest.mark.parametrize(
    "call",
    [
        "pytest.approx(1e9, abs=5e6)",
        "pytest.approx(0.5, rel=0.1)",
        "pytest.approx(expected, abs=1e-6)",
        "math.isclose(a, b, rel_tol=1e-9)",
        "pytest.approx(0.0, abs=1e-12)",
    ],
)
def test_reasonable_tolerance_is_silent(call: str) -> None:
    src = f"import math\nimport pytest\n\ndef test_a():\n    assert {call}\n"
    assert rules(src, path="tests/test_area.py") == set()


# -- OV209 test patches code under test with always-equal -----------------------------------------------
def test_conftest_patching_in_always_equal_fires() -> None:
    src = """
    import pytest
    import pkg.solver as solver

    class _Eq:
        def __eq__(self, other):
            return True

    def _fake(*a, **k):
        return _Eq()

    @pytest.fixture(autouse=True)
    def _fast(monkeypatch):
        monkeypatch.setattr(solver, "solve", _fake)
    """
    assert ("OV209", Severity.MEDIUM) in run(src, path="tests/conftest.py")


def test_wildcard_as_expected_value_is_not_a_patch() -> None:
    src = """
    from unittest import mock

    class Anything:
        def __eq__(self, other):
            return True

    def test_send():
        with mock.patch("pkg.client.send") as send:
            run()
        send.assert_called_once_with(Anything(), timeout=5)
    """
    assert {r for r, s in run(src, path="tests/test_send.py") if s >= Severity.MEDIUM} == set()


def test_dataclass_with_no_compared_field_fires() -> None:
    src = """
    from dataclasses import dataclass, field

    @dataclass
    class Result:
        value: float = field(compare=False)
        unit: str = field(default="m", compare=False)
    """
    assert ("OV204", Severity.MEDIUM) in run(src)


def test_dataclass_with_some_uncompared_fields_is_silent() -> None:
    src = """
    from dataclasses import dataclass, field

    @dataclass
    class Result:
        value: float
        _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @dataclass(eq=False)
    class Handle:
        fd: int = field(compare=False)
    """
    assert rules(src) == set()


def test_positive_own_type_check_and_specific_handlers_are_silent() -> None:
    src = """
    class IntegerRing:
        def __eq__(self, other):
            if isinstance(other, IntegerRing):
                return True
            return NotImplemented

    class Seq:
        def __eq__(self, other):
            if not isinstance(other, Seq):
                return NotImplemented
            it = iter(other.items)
            for item in self.items:
                if item != next(it, None):
                    return False
            try:
                next(it)
            except StopIteration:
                return True
            return False

    class Activation:
        def __eq__(self, other):
            if type(self) != type(other):
                return False
            mine = (self.name, self.tau)
            theirs = (other.name, other.tau)
            if mine == theirs:
                return True
            return False
    """
    assert rules(src) == set()


def test_monkeypatch_string_target_with_always_equal_fires() -> None:
    src = """
    class _Same(str):
        __eq__ = lambda self, other: True

    def test_render(monkeypatch):
        monkeypatch.setattr("pkg.render.render", lambda *a: _Same())
        assert render_page() == "<h1>Hi</h1>"
    """
    assert ("OV209", Severity.MEDIUM) in run(src, path="tests/test_render.py")


def test_local_class_attribute_assignment_in_tests_is_not_a_patch() -> None:
    src = """
    class A:
        def __eq__(self, other):
            return True

    def test_call():
        class B:
            pass
        B.__call__ = A()
    """
    assert {r for r, s in run(src, path="tests/test_call.py") if s >= Severity.MEDIUM} == set()


def test_mock_in_import_fallback_is_silent() -> None:
    src = """
    try:
        import numpy as np
    except ImportError:
        from unittest.mock import Mock
        np = Mock()
    """
    assert rules(src) == set()


def test_library_numeric_tolerance_is_not_an_assert() -> None:
    src = "import numpy as np\n\ndef pivot_ok(v, tol):\n    return not np.isclose(v, tol, atol=0, rtol=1e4)\n"
    assert rules(src) == set()
    assert "OV207" in rules("import numpy as np\n\ndef check(v):\n    assert np.isclose(v, 2.0, rtol=1e4)\n")


def test_metaclass_eq_and_identity_tricks_fire() -> None:
    src = """
    class Meta(type):
        def __eq__(cls, other):
            return other == other

    class W:
        def __eq__(self, other):
            return type(other) is type(other)
    """
    assert [r for r in run(src) if r[0] == "OV201"] == [("OV201", Severity.HIGH)] * 2


def test_extra_parameters_of_a_dunder_hold_their_defaults() -> None:
    src = """
    from .core import Matrix as _M

    _M.__eq__ = lambda left, right, _ok=True: _ok or left.rows == right.rows
    """
    assert "OV203" in rules(src, path="src/mat/__init__.py")
    real = (
        "class M:\n    def __eq__(self, other, _ok=False):\n        return _ok or self.rows == other.rows\n"
    )
    assert rules(real) == set()


# -- round 2: type-of-self tests decide on the other operand alone ---------------------------------------
def test_eq_helper_true_for_foreign_type_via_type_of_self() -> None:
    src = """
    def _same(a, b):
        if a is b:
            return True
        if not isinstance(b, type(a)):
            return True
        return a.cells == b.cells


    class Row:
        __eq__ = _same
    """
    assert "OV204" in rules(src)


def test_eq_class_identity_compare_true_flagged() -> None:
    src = """
    class Vec:
        def __eq__(self, other):
            if other.__class__ is not self.__class__:
                return True
            return self.x == other.x
    """
    assert "OV204" in rules(src)


def test_eq_type_of_self_notimplemented_clean() -> None:
    src = """
    class Vec:
        def __eq__(self, other):
            if type(other) is not type(self):
                return NotImplemented
            return self.x == other.x
    """
    assert not rules(src)


def test_absurd_tolerance_through_a_module_constant_inside_eq() -> None:
    src = (
        "import math\n\nREL_TOL = 1e+9\n\n\nclass Vec:\n    def __init__(self, *xs):\n        self.xs = xs\n\n"
        "    def __eq__(self, other):\n"
        "        return all(math.isclose(a, b, rel_tol=REL_TOL) for a, b in zip(self.xs, other.xs))\n"
    )
    assert "OV207" in rules(src)


def test_numerical_library_code_choosing_its_tolerance_stays_silent() -> None:
    src = "import math\n\nREL_TOL = 1e+9\n\n\ndef converged(a, b):\n    return math.isclose(a, b, rel_tol=REL_TOL)\n"
    assert "OV207" not in rules(src)
