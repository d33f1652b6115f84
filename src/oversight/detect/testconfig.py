"""Reading test-runner configuration: pytest ini options (pytest.ini, tox.ini, setup.cfg, pyproject.toml,
tox.toml), pytest command-line options (addopts), and tox environments' commands.

Everything here goes through real parsers (configparser, tomllib, shlex); nothing is read with regular
expressions over the configuration text, so comments, continuation lines and quoting behave as the tools
themselves read them.
"""

from __future__ import annotations

import configparser
import fnmatch
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

# Short pytest options that take a value (`-k expr`, `-kexpr`), and long ones that do when not written `=`.
_SHORT_WITH_VALUE = frozenset("kmprWocnt")
_LONG_WITH_VALUE = frozenset(
    {
        "--deselect", "--ignore", "--ignore-glob", "--maxfail", "--tb", "--rootdir", "--confcutdir",
        "--basetemp", "--junitxml", "--junit-xml", "--cov", "--cov-report", "--cov-fail-under", "--durations",
        "--log-level", "--import-mode", "--capture", "--override-ini", "--pyargs", "--numprocesses",
        "--dist", "--timeout", "--reruns", "--cov-config", "--color", "--html", "--doctest-glob",
        "--log-cli-level", "--log-file", "--log-format", "--report-log", "--random-order-seed", "--lfnf",
        "--last-failed-no-failures", "--deselect-glob", "--markers-filter", "--verbosity",
    }
)  # fmt: skip
_SHORT_LONG = {
    "-k": "-k", "-m": "-m", "-p": "-p", "-x": "--exitfirst", "-r": "-r", "-W": "-W", "-o": "--override-ini",
    "-c": "-c", "-n": "--numprocesses", "-v": "--verbose", "-q": "--quiet", "-s": "-s", "-l": "--showlocals",
}  # fmt: skip


@dataclass(frozen=True)
class Option:
    """One pytest command-line option, normalised: `--maxfail=2`, `--maxfail 2` -> ('--maxfail', '2')."""

    name: str
    value: str | None = None

    def render(self) -> str:
        return self.name if self.value is None else f"{self.name} {self.value}"


@dataclass
class PytestConfig:
    """The pytest ini options found in one configuration file (None when the file has no pytest section)."""

    section: str
    values: dict[str, Any] = field(default_factory=dict)

    def lines(self, key: str) -> list[str]:
        """A linelist/args option as a list of entries (a TOML list, or ini lines / whitespace)."""
        value = self.values.get(key)
        if value is None:
            return []
        if isinstance(value, list):
            return [str(item) for item in value]
        if isinstance(value, bool):
            return [str(value).lower()]
        return [line.strip() for line in str(value).splitlines() if line.strip()]

    def words(self, key: str) -> list[str]:
        """An option whose entries are whitespace separated (testpaths, python_files, norecursedirs)."""
        out: list[str] = []
        for line in self.lines(key):
            out.extend(split_args(line))
        return out

    def flag(self, key: str) -> bool | None:
        value = self.values.get(key)
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off", ""}:
            return False
        return None

    def addopts(self) -> list[Option]:
        value = self.values.get("addopts")
        if value is None:
            return []
        # A TOML list is taken as argv, unsplit (as pytest does); a string is split like a shell.
        tokens = [str(item) for item in value] if isinstance(value, list) else split_args(str(value))
        return parse_pytest_args(tokens)


def split_args(text: str) -> list[str]:
    """Shell-like splitting as pytest and tox do it; unbalanced quotes fall back to whitespace splitting."""
    try:
        return shlex.split(text, comments=False, posix=True)
    except ValueError:
        return text.split()


def parse_pytest_args(tokens: list[str]) -> list[Option]:
    """Normalise pytest arguments; positional arguments come back as Option('', value)."""
    out: list[Option] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token.startswith("--"):
            if "=" in token:
                name, value = token.split("=", 1)
                out.append(Option(name, value))
            elif token in _LONG_WITH_VALUE and index < len(tokens):
                out.append(Option(token, tokens[index]))
                index += 1
            else:
                out.append(Option(token))
        elif token.startswith("-") and len(token) > 1:
            chars = token[1:]
            for position, char in enumerate(chars):
                name = _SHORT_LONG.get(f"-{char}", f"-{char}")
                if char in _SHORT_WITH_VALUE:
                    rest = chars[position + 1 :]
                    if rest:
                        out.append(Option(name, rest.lstrip("=")))
                    elif index < len(tokens):
                        out.append(Option(name, tokens[index]))
                        index += 1
                    else:
                        out.append(Option(name))
                    break
                out.append(Option(name))
        else:
            out.append(Option("", token))
    return out


# -- pytest configuration files ------------------------------------------------------------------------


def _ini(text: str) -> configparser.ConfigParser | None:
    parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=", ":"))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    return parser


def _toml(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return None


def read_pytest_config(path: str, text: str | None) -> PytestConfig | None:
    """The pytest options of a configuration file, or None when it has none (or is not a config file)."""
    if text is None:
        return None
    name = PurePosixPath(path).name.lower()
    if name == "pyproject.toml":
        data = _toml(text)
        if data is None:
            return None
        tool = data.get("tool", {})
        pytest_table = tool.get("pytest") if isinstance(tool, dict) else None
        if not isinstance(pytest_table, dict):
            return None
        values: dict[str, Any] = {}
        ini_options = pytest_table.get("ini_options")
        if isinstance(ini_options, dict):
            values.update(ini_options)
            section = "[tool.pytest.ini_options]"
        else:
            section = "[tool.pytest]"
        # pytest 9 reads native TOML options straight from [tool.pytest].
        values.update({k: v for k, v in pytest_table.items() if k != "ini_options"})
        return PytestConfig(section, values)
    sections = {"pytest.ini": ("pytest",), "tox.ini": ("pytest",), "setup.cfg": ("tool:pytest",)}.get(name)
    if sections is None:
        return None
    parser = _ini(text)
    if parser is None:
        return None
    for section in sections:
        if parser.has_section(section):
            return PytestConfig(f"[{section}]", dict(parser.items(section)))
    return None


def pattern_matches(pattern: str, name: str) -> bool:
    """pytest's python_functions/python_classes matching: a prefix, or a glob when it has glob characters."""
    if any(char in pattern for char in "*?["):
        return fnmatch.fnmatchcase(name, pattern)
    return name.startswith(pattern)


def glob_matches(patterns: list[str], name: str) -> bool:
    """pytest's python_files matching (a glob on the basename, or on the path when it has a slash)."""
    for pattern in patterns:
        if fnmatch.fnmatchcase(PurePosixPath(name).name, pattern) or fnmatch.fnmatchcase(name, pattern):
            return True
    return False


DEFAULT_PYTHON_FILES = ["test_*.py", "*_test.py"]
DEFAULT_PYTHON_FUNCTIONS = ["test"]
DEFAULT_PYTHON_CLASSES = ["Test"]


def collected_file(name: str, patterns: list[str] | None = None) -> bool:
    """Whether pytest collects a Python file of this name (by default: test_*.py or *_test.py)."""
    return name.endswith(".py") and glob_matches(patterns or DEFAULT_PYTHON_FILES, name)


# -- tox -----------------------------------------------------------------------------------------------


@dataclass
class ToxEnv:
    """One tox environment (or the shared [testenv] base): its commands and exit-status settings."""

    name: str
    commands: list[tuple[bool, list[str]]] | None = None  # (exit status ignored, argv); None: inherited
    ignore_outcome: bool = False
    ignore_errors: bool = False


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "on"}


def _ini_commands(text: str) -> list[tuple[bool, list[str]]]:
    out: list[tuple[bool, list[str]]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        ignored = line.startswith("-")
        if ignored:
            line = line[1:].lstrip()
        argv = split_args(line)
        if argv:
            out.append((ignored, argv))
    if pending.strip():
        out.append((False, split_args(pending)))
    return out


def _tox_from_ini(text: str) -> dict[str, ToxEnv] | None:
    parser = _ini(text)
    if parser is None:
        return None
    envs: dict[str, ToxEnv] = {}
    for section in parser.sections():
        if section != "testenv" and not section.startswith("testenv:"):
            continue
        items = dict(parser.items(section))
        env = ToxEnv(section)
        if "commands" in items:
            env.commands = _ini_commands(items["commands"])
        env.ignore_outcome = _truthy(items.get("ignore_outcome", "false"))
        env.ignore_errors = _truthy(items.get("ignore_errors", "false"))
        envs[section] = env
    return envs


def _toml_commands(value: Any) -> list[tuple[bool, list[str]]]:
    out: list[tuple[bool, list[str]]] = []
    if not isinstance(value, list):
        return out
    for command in value:
        if isinstance(command, list):
            argv = [str(item) if not isinstance(item, dict) else "{posargs}" for item in command]
            ignored = bool(argv) and argv[0].startswith("-") and argv[0] != "-"
            if argv and argv[0] == "-":
                argv, ignored = argv[1:], True
            elif ignored:
                argv[0] = argv[0][1:]
            if argv:
                out.append((ignored, argv))
        elif isinstance(command, str):
            out.extend(_ini_commands(command))
    return out


def _tox_env_from_table(name: str, table: dict[str, Any]) -> ToxEnv:
    env = ToxEnv(name)
    if "commands" in table:
        env.commands = _toml_commands(table.get("commands"))
    env.ignore_outcome = _truthy(table.get("ignore_outcome", False))
    env.ignore_errors = _truthy(table.get("ignore_errors", False))
    return env


def read_tox(path: str, text: str | None) -> dict[str, ToxEnv] | None:
    """tox environments of tox.ini, tox.toml, or pyproject.toml ([tool.tox] legacy_tox_ini or native)."""
    if text is None:
        return None
    name = PurePosixPath(path).name.lower()
    if name == "tox.ini":
        return _tox_from_ini(text)
    if name not in {"tox.toml", "pyproject.toml"}:
        return None
    data = _toml(text)
    if data is None:
        return None
    if name == "pyproject.toml":
        tool = data.get("tool", {})
        data = tool.get("tox") if isinstance(tool, dict) else None
        if not isinstance(data, dict):
            return None
        legacy = data.get("legacy_tox_ini")
        if isinstance(legacy, str):
            return _tox_from_ini(legacy)
    envs: dict[str, ToxEnv] = {}
    base = data.get("env_run_base")
    if isinstance(base, dict):
        envs["testenv"] = _tox_env_from_table("testenv", base)
    per_env = data.get("env")
    if isinstance(per_env, dict):
        for env_name, table in per_env.items():
            if isinstance(table, dict):
                envs[f"testenv:{env_name}"] = _tox_env_from_table(f"testenv:{env_name}", table)
    return envs


TEST_RUNNERS = frozenset({"pytest", "py.test", "nose2", "nosetests", "unittest", "trial", "stestr", "green"})


def runs_tests(argv: list[str]) -> bool:
    """Whether a command runs a test suite: `pytest ...`, `python -m pytest`, `coverage run -m pytest`..."""
    if argv and PurePosixPath(argv[0]).name in SHELLS:
        script = _shell_script(argv)
        return script is not None and runs_tests(split_args(script))
    for index, word in enumerate(argv):
        base = PurePosixPath(word).name.rstrip(";&|")
        if base in TEST_RUNNERS:
            return True
        if word == "-m" and index + 1 < len(argv) and argv[index + 1] in TEST_RUNNERS:
            return True
        if base in {"setup.py"} and "test" in argv[index + 1 :]:
            return True
    return False


def shell_ignores_status(argv: list[str]) -> bool:
    """A command that runs a shell whose script ends a test run with `|| true`, `; exit 0`, `|| exit 0`."""
    if not argv:
        return False
    if PurePosixPath(argv[0]).name not in SHELLS:
        return "||" in argv and _after_or(argv)
    script = _shell_script(argv)
    if script is None:
        return False
    words = split_args(script)
    return runs_tests(words) and (_after_or(words) or _ends_with_exit_zero(words))


SHELLS = frozenset({"bash", "sh", "zsh", "dash"})


def _shell_script(argv: list[str]) -> str | None:
    """The script of `bash -c SCRIPT` (also `-ec`, `-xc`)."""
    for index, word in enumerate(argv[1:-1], start=1):
        if word.startswith("-") and not word.startswith("--") and "c" in word:
            return argv[index + 1]
    return None


def _after_or(words: list[str]) -> bool:
    for index, word in enumerate(words):
        if word == "||" and index + 1 < len(words) and words[index + 1] in {"true", ":", "exit"}:
            return words[index + 1] != "exit" or words[index + 2 : index + 3] in (["0"], [])
        if word.endswith("||") or word.startswith("||"):
            return True
    return False


def _ends_with_exit_zero(words: list[str]) -> bool:
    """`...; exit 0` or `...; true` as the script's last command."""
    if len(words) >= 3 and words[-2:] == ["exit", "0"] and words[-3].endswith(";"):
        return True
    return len(words) >= 2 and words[-1] in {"true", ":"} and words[-2].endswith(";")
