"""Shared analysis for the oversight-tampering rules (OV701-OV799); registers no rule.

- `check_kinds(argv)`: which checks a command runs (tests, lint, type checks, security scans), seeing through
  wrappers (`python -m`, `uv run`, `poetry run`, `npm run`, `make`, `tox -e`, `bash -c`, `env`, `timeout`).
- `action_kinds(uses)`: the same for a GitHub Actions `uses:` reference.
- YAML with line numbers (`load_yaml`), and path predicates (CI configs, hook directories, agent configs).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from ..shellwords import commands

TEST, LINT, TYPES, SECURITY = "tests", "lint", "type checks", "security scan"
CHECK_KINDS = (TEST, LINT, TYPES, SECURITY)

_TOOLS: dict[str, str] = {
    # tests
    "pytest": TEST, "py.test": TEST, "unittest": TEST, "nose2": TEST, "nosetests": TEST, "tox": TEST,
    "nox": TEST, "jest": TEST, "vitest": TEST, "mocha": TEST, "ava": TEST, "tap": TEST, "behave": TEST,
    "ward": TEST, "trial": TEST, "hypothesis": TEST, "doctest": TEST, "xdoctest": TEST, "phpunit": TEST,
    "rspec": TEST, "ctest": TEST, "playwright": TEST, "cypress": TEST, "karma": TEST, "stestr": TEST,
    # lint / format checks
    "ruff": LINT, "flake8": LINT, "pylint": LINT, "pycodestyle": LINT, "pydocstyle": LINT, "pyflakes": LINT,
    "black": LINT, "isort": LINT, "pre-commit": LINT, "prek": LINT, "eslint": LINT, "prettier": LINT,
    "shellcheck": LINT, "codespell": LINT, "yamllint": LINT, "hadolint": LINT, "markdownlint": LINT,
    "stylelint": LINT, "golangci-lint": LINT, "rubocop": LINT, "clippy": LINT, "autopep8": LINT,
    "blue": LINT, "pyupgrade": LINT, "biome": LINT, "deptry": LINT, "vulture": LINT, "lint-staged": LINT,
    # type checks
    "mypy": TYPES, "dmypy": TYPES, "pyright": TYPES, "basedpyright": TYPES, "pytype": TYPES, "pyre": TYPES,
    "tsc": TYPES, "vue-tsc": TYPES, "ty": TYPES, "stubtest": TYPES,
    # security
    "bandit": SECURITY, "safety": SECURITY, "pip-audit": SECURITY, "semgrep": SECURITY, "trivy": SECURITY,
    "gitleaks": SECURITY, "detect-secrets": SECURITY, "trufflehog": SECURITY, "osv-scanner": SECURITY,
    "snyk": SECURITY, "grype": SECURITY, "codeql": SECURITY, "gosec": SECURITY, "cargo-audit": SECURITY,
    "zizmor": SECURITY, "checkov": SECURITY,
}  # fmt: skip
# Subcommands that make a general tool run a check.
_SUBCOMMANDS: dict[tuple[str, str], str] = {
    ("go", "test"): TEST, ("go", "vet"): LINT, ("cargo", "test"): TEST, ("cargo", "clippy"): LINT,
    ("cargo", "audit"): SECURITY, ("npm", "test"): TEST, ("npm", "audit"): SECURITY, ("yarn", "test"): TEST,
    ("yarn", "audit"): SECURITY, ("pnpm", "test"): TEST, ("pnpm", "audit"): SECURITY, ("bun", "test"): TEST,
    ("coverage", "run"): TEST, ("coverage", "report"): TEST, ("hatch", "test"): TEST, ("dotnet", "test"): TEST,
    ("mvn", "test"): TEST, ("mvn", "verify"): TEST, ("gradle", "test"): TEST, ("gradle", "check"): TEST,
    ("./gradlew", "test"): TEST, ("./gradlew", "check"): TEST, ("deno", "test"): TEST,
    ("deno", "lint"): LINT, ("swift", "test"): TEST, ("setup.py", "test"): TEST, ("manage.py", "test"): TEST,
    ("mix", "test"): TEST, ("bundle", "exec"): "", ("uv", "run"): "", ("django-admin", "test"): TEST,
}  # fmt: skip
# Runners whose first argument names a task: the task's name says what it checks.
_TASK_RUNNERS = frozenset({"make", "gmake", "just", "task", "invoke", "inv", "mage", "rake", "doit"})
_SCRIPT_RUNNERS = frozenset({"npm", "yarn", "pnpm", "bun"})
_WRAPPERS = frozenset(
    {"env", "time", "nice", "sudo", "xvfb-run", "exec", "command", "nohup", "stdbuf", "catchsegv", "ionice"}
)
_RUN_PREFIXES = frozenset({"poetry", "pipenv", "pdm", "hatch", "uv", "rye", "conda", "micromamba", "pixi"})
_PYTHONS = ("python", "python3", "py", "pypy", "pypy3")
_SHELLS = frozenset({"bash", "sh", "zsh", "dash"})
# Words in task / script / file names that say a check runs.
# A kind with WEAK appended is only a hint (`check_version.sh`, `make check`): it can stand in for a check that
# still runs after a change, but is never, on its own, evidence that a check ran before.
WEAK = "~"
_NAME_HINTS: tuple[tuple[str, str], ...] = (
    ("typecheck", TYPES), ("type-check", TYPES), ("type_check", TYPES), ("mypy", TYPES), ("pyright", TYPES),
    ("types", TYPES + WEAK), ("lint", LINT), ("flake", LINT), ("ruff", LINT), ("style", LINT + WEAK),
    ("audit", SECURITY + WEAK), ("security", SECURITY + WEAK), ("bandit", SECURITY), ("sast", SECURITY + WEAK),
    ("test", TEST), ("spec", TEST + WEAK), ("check", TEST + WEAK), ("verify", TEST + WEAK),
    ("coverage", TEST + WEAK), ("cov", TEST + WEAK),
)  # fmt: skip
# Commands that run another command inside a container, a remote host or an environment manager.
_REMOTE_RUNNERS = frozenset(
    {"docker", "docker-compose", "podman", "kubectl", "ssh", "vagrant", "nix", "nix-shell", "devcontainer",
     "conda", "mamba", "micromamba", "xvfb-run", "act", "tmux", "script", "flatpak", "singularity", "apptainer"}
)  # fmt: skip


def tool_kind(name: str) -> str | None:
    """The check a tool named on its own runs (`mypy` -> type checks), or None."""
    return _TOOLS.get(name)


def name_kinds(name: str) -> set[str]:
    """Checks a task, script or job name promises (`test`, `lint:py`, `typecheck`, `run_tests.sh`).

    The name is split into words; a hint matches a whole word (`test`, `tests`) strongly and the start of a
    longer word (`testdata`) only weakly; words such as `checkout`, `latest` or `special` never match.
    """
    lowered = PurePosixPath(name).name.lower()
    words = [w for w in re.split(r"[^a-z0-9]+", lowered) if w]
    out: set[str] = set()
    for word in words:
        if word in _NOT_HINTS:
            continue
        for hint, kind in _NAME_HINTS:
            if (
                word == hint
                or word == hint + "s"
                or word == hint + "ing"
                or word in {"py" + hint, "unit" + hint}
            ):
                out.add(kind)
            elif word.startswith(hint) and len(hint) >= 4:
                out.add(kind if kind.endswith(WEAK) else kind + WEAK)
    return out


_TEST_DIRS = frozenset({"test", "tests", "testing"})
_NOT_HINTS = frozenset(
    {"checkout", "checkpoint", "checkpoints", "checksum", "checksums", "latest", "attest", "contest", "special",
     "specific", "specification", "spectrum", "stylesheet", "stylesheets", "cover", "covers", "typescript",
     "testimonial", "auditorium", "verifyemail", "checker"}
)  # fmt: skip


def _basename(word: str) -> str:
    return PurePosixPath(word).name if "/" in word else word


def check_kinds(argv: tuple[str, ...] | list[str], depth: int = 0) -> set[str]:
    """The checks a command runs, or an empty set."""
    words = [w for w in argv if w]
    if not words or depth > 4:
        return set()
    head = _basename(words[0]).lower()
    rest = words[1:]
    if head in _WRAPPERS or head == "timeout":
        while rest and (
            rest[0].startswith("-") or "=" in rest[0] or (head == "timeout" and rest[0][:1].isdigit())
        ):
            rest = rest[1:]
        return check_kinds(rest, depth + 1)
    if head.startswith(_PYTHONS) and (head in _PYTHONS or head[len("python") :].replace(".", "").isdigit()):
        while rest and rest[0].startswith("-") and rest[0] != "-m":
            rest = rest[1:]
        if len(rest) >= 2 and rest[0] == "-m":
            return check_kinds(rest[1:], depth + 1)
        if rest and rest[0] == "-c":
            return set()
        if rest:
            script = _basename(rest[0])
            if script in {"setup.py", "manage.py"} and len(rest) > 1 and rest[1] == "test":
                return {TEST}
            if not script.endswith(".py"):
                return set()
            kinds = name_kinds(script)
            if not kinds and any(part.lower() in _TEST_DIRS for part in PurePosixPath(rest[0]).parts[:-1]):
                kinds = {TEST + WEAK}  # a runner script kept with the tests (`python tests/run.py`)
            return kinds
        return set()
    if head in _RUN_PREFIXES:
        if rest and rest[0] in {"run", "exec"}:
            tail = rest[1:]
            while tail and tail[0].startswith("-"):
                tail = tail[1:]
            found = check_kinds(tail, depth + 1)
            if not found and head == "hatch" and tail:
                found = name_kinds(tail[0].split(":")[-1])
            return found
        if head == "hatch" and rest and rest[0] == "test":
            return {TEST}
        if head == "uv" and rest and rest[0] == "tool" and len(rest) > 2 and rest[1] == "run":
            return check_kinds(rest[2:], depth + 1)
        return set()
    if head in {"uvx", "pipx", "npx", "pnpx", "bunx"}:
        tail = [w for w in rest if not w.startswith("-")]
        if head == "pipx" and tail and tail[0] == "run":
            tail = tail[1:]
        return check_kinds(tail, depth + 1)
    if head in _SHELLS:
        if len(rest) >= 2 and rest[0] in {"-c", "-ec", "-ce", "-xc", "-exc"}:
            nested: set[str] = set()
            for cmd in commands(rest[1]):
                nested |= check_kinds(cmd.argv, depth + 1)
            return nested
        scripts = [w for w in rest if not w.startswith("-")]
        return name_kinds(scripts[0]) if scripts else set()
    if head in _TASK_RUNNERS:
        found = set()
        for word in rest:
            if word.startswith("-") or "=" in word:
                continue
            found |= name_kinds(word)
        return found
    if head in _SCRIPT_RUNNERS:
        tail = [w for w in rest if not w.startswith("-")]
        if tail and tail[0] in {"run", "run-script"}:
            tail = tail[1:]
        if tail and (head, tail[0]) in _SUBCOMMANDS:
            return {_SUBCOMMANDS[(head, tail[0])]}
        if tail and tail[0] in {"exec", "dlx"}:
            return check_kinds(tail[1:], depth + 1)
        return name_kinds(tail[0]) if tail else set()
    if head in {"tox", "nox"}:
        return {TEST}
    if head in _TOOLS:
        kind = _TOOLS[head]
        if head in {"black", "isort", "prettier", "ruff", "biome"} and not _is_check_invocation(head, rest):
            return set()
        return {kind}
    if rest:
        sub = _SUBCOMMANDS.get((head, rest[0]))
        if sub:
            return {sub}
        if (head.endswith(".py") or head in {"./manage.py"}) and rest[0] == "test":
            return {TEST}
    if head in _REMOTE_RUNNERS:
        for index in range(1, len(words)):
            word = _basename(words[index]).lower()
            if (
                word in _TOOLS
                or word in {"tox", "nox", "make", "npm", "yarn", "pnpm"}
                or word.startswith(_PYTHONS)
            ):
                found = check_kinds(words[index:], depth + 1)
                if found:
                    return found
        return set()
    if "/" in words[0] or head.endswith((".sh", ".bash", ".py")):
        return name_kinds(head)
    return set()


def _is_check_invocation(head: str, rest: list[str]) -> bool:
    """`ruff check`, `black --check`: formatters only count as checks when they check."""
    flags = {w for w in rest if w.startswith("-")}
    if head == "ruff":
        positional = [w for w in rest if not w.startswith("-")]
        if positional and positional[0] == "format":
            return bool(flags & {"--check", "--diff"})
        return "--fix" not in flags or bool(flags & {"--exit-non-zero-on-fix"})
    if head == "biome":
        return bool(rest) and rest[0] in {"check", "ci", "lint"}
    return bool(flags & {"--check", "--diff", "--check-only", "-c", "--list-different"})


# GitHub Actions that run a check, by `owner/repo` (the path after it and the version do not matter).
_ACTIONS: dict[str, str] = {
    "github/codeql-action": SECURITY, "pre-commit/action": LINT, "pre-commit-ci/lite-action": LINT,
    "astral-sh/ruff-action": LINT, "chartboost/ruff-action": LINT, "psf/black": LINT,
    "jakebailey/pyright-action": TYPES, "pypa/gh-action-pip-audit": SECURITY,
    "actions/dependency-review-action": SECURITY, "github/super-linter": LINT, "super-linter/super-linter": LINT,
    "aquasecurity/trivy-action": SECURITY, "snyk/actions": SECURITY, "gitleaks/gitleaks-action": SECURITY,
    "returntocorp/semgrep-action": SECURITY, "semgrep/semgrep-action": SECURITY, "pycqa/bandit-action": SECURITY,
    "py-actions/flake8": LINT, "reviewdog/action-flake8": LINT, "ricardochaves/python-lint": LINT,
    "trufflesecurity/trufflehog": SECURITY, "zizmorcore/zizmor-action": SECURITY,
    "ludeeus/action-shellcheck": LINT, "golangci/golangci-lint-action": LINT,
    "paambaati/codeclimate-action": TEST, "tox-dev/action-tox": TEST,
}  # fmt: skip


def action_kinds(uses: str) -> set[str]:
    ref = uses.split("@", 1)[0].strip().lower()
    parts = ref.split("/")
    if ref.startswith("./") or ref.startswith("docker://"):
        return name_kinds(ref)
    key = "/".join(parts[:2])
    kind = _ACTIONS.get(key)
    if kind:
        return {kind}
    # An unknown action named for a check (`org/pytest-action`): a weak hint only.
    return {k if k.endswith(WEAK) else k + WEAK for k in name_kinds(parts[1] if len(parts) > 1 else ref)}


# -- YAML with line numbers ---------------------------------------------------------------------------
class LineDict(dict[Any, Any]):
    """A YAML mapping that remembers the line of itself and of each of its values (1-based)."""

    line: int = 1
    value_lines: dict[Any, int]
    block_values: set[Any]


def _line_loader() -> Any:
    """A SafeLoader whose mappings are LineDicts; built on first use, so that scanning no YAML file never
    imports PyYAML (a guard hook answers on every tool call)."""
    global _LINE_LOADER
    if _LINE_LOADER is not None:
        return _LINE_LOADER
    import yaml

    class LineLoader(yaml.SafeLoader):
        pass

    def construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> LineDict:
        loader.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.value_lines = {}
        out.block_values = set()
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue
            out[key] = loader.construct_object(value_node, deep=True)
            out.value_lines[key] = value_node.start_mark.line + 1
            if isinstance(value_node, yaml.ScalarNode) and value_node.style in {"|", ">"}:
                out.block_values.add(key)
        return out

    LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    for tag in ("!reference", "!Ref", "!GetAtt", "!Sub", "!If", "!vault", "!secret", "!include", "!env"):
        LineLoader.add_constructor(tag, lambda loader, node: None)
    _LINE_LOADER = LineLoader
    return LineLoader


_LINE_LOADER: Any = None


def load_yaml(text: str | None) -> Any:
    """The document, or None when absent or unreadable (several documents: the first mapping)."""
    if text is None or len(text) > 2_000_000:
        return None
    loader = _line_loader()
    import yaml

    try:
        docs = list(yaml.load_all(text, Loader=loader))
    except yaml.YAMLError:
        return None
    except (ValueError, TypeError, RecursionError):
        return None
    for doc in docs:
        if isinstance(doc, dict):
            return doc
    return docs[0] if docs else None


def value_line(mapping: Any, key: Any, default: int = 1) -> int:
    if isinstance(mapping, LineDict):
        line = mapping.value_lines.get(key, mapping.line)
        return line + 1 if key in mapping.block_values else line
    return default


def mapping_line(mapping: Any, default: int = 1) -> int:
    return mapping.line if isinstance(mapping, LineDict) else default


# -- paths ---------------------------------------------------------------------------------------------
def parts_of(path: str) -> tuple[str, ...]:
    return PurePosixPath(path).parts


def is_github_workflow(path: str) -> bool:
    parts = parts_of(path)
    return (
        len(parts) >= 3
        and parts[-3] == ".github"
        and parts[-2] == "workflows"
        and parts[-1].endswith((".yml", ".yaml"))
    )


def is_gitlab_ci(path: str) -> bool:
    name = PurePosixPath(path).name
    return name == ".gitlab-ci.yml" or (name.endswith((".yml", ".yaml")) and ".gitlab" in parts_of(path)[:-1])


_OTHER_CI = frozenset(
    {
        ".travis.yml", "azure-pipelines.yml", "azure-pipelines.yaml", "bitbucket-pipelines.yml",
        ".drone.yml", "appveyor.yml", ".appveyor.yml", "cloudbuild.yaml", "cloudbuild.yml", ".woodpecker.yml",
        "buildkite.yml", "codefresh.yml", ".cirrus.yml", "wercker.yml", "codemagic.yaml",
    }
)  # fmt: skip
_CI_DIRS = frozenset({".ci", "ci", ".circleci", ".buildkite", ".woodpecker", ".azure-pipelines", ".tekton"})


def is_other_ci_yaml(path: str) -> bool:
    parts = parts_of(path)
    if not parts or not parts[-1].endswith((".yml", ".yaml")):
        return False
    return parts[-1] in _OTHER_CI or any(p in _CI_DIRS for p in parts[:-1])


def is_ci_script(path: str) -> bool:
    """A shell script CI runs: under .ci/, ci/, .github/ (scripts), or a scripts/ file named for CI."""
    parts = parts_of(path)
    if not parts or is_hook_path(path):
        return False
    if any(p in _CI_DIRS for p in parts[:-1]) or ".github" in parts[:-1]:
        return True
    stem = PurePosixPath(parts[-1]).stem.lower()
    return stem in {"ci", "run_ci", "run-ci", "cibuild", "citest"} or stem.startswith(("ci_", "ci-"))


HOOK_DIRS = frozenset({".husky", ".githooks", "githooks", ".git-hooks", "git-hooks", ".hooks"})
GIT_HOOK_NAMES = frozenset(
    {
        "pre-commit", "pre-push", "commit-msg", "pre-merge-commit", "prepare-commit-msg", "pre-rebase",
        "post-checkout", "post-merge", "pre-receive", "update", "post-commit", "pre-applypatch",
        "applypatch-msg", "push-to-checkout",
    }
)  # fmt: skip


def is_hook_path(path: str) -> bool:
    """A git hook script: `.git/hooks/NAME`, `.husky/NAME`, `.githooks/NAME` (and the like)."""
    parts = parts_of(path)
    if len(parts) < 2:
        return False
    name = parts[-1]
    if name.endswith(".sample") or name.startswith("_") or parts[-2] == "_":
        return False
    if len(parts) >= 3 and parts[-3] == ".git" and parts[-2] == "hooks":
        return True
    if parts[-2] in HOOK_DIRS:
        return PurePosixPath(name).stem in GIT_HOOK_NAMES
    return False
