"""The guard's policy: what agents may never change (deny), what a human must approve (ask) and what they may
not even read (secret), from `oversight.toml` or `[tool.oversight]`, on top of built-ins needing no config.

```toml
[guard]
deny = ["monitoring/**", "logging.conf"]    # gitignore-like globs, relative to the repo root ("~/" = home)
ask = ["tests/**"]
secret = ["~/.config/oversight/*.key"]      # may be neither read nor changed
medium = "allow"                            # what a medium-severity scan finding does: allow, ask or deny
```

Built-ins (deny unless said): the policy file (and pyproject's `[tool.oversight]` table: other pyproject edits
pass), every agent's hook configuration and hook scripts (project and user level), `.git/hooks`, the
`core.hooksPath` folder, `.git/config`, the ledger's folder, database, key, socket and witness keys, the
installed oversight package; ask: `.pre-commit-config.yaml`, `.husky/`, CI files, the user's git config.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .errors import UsageError
from .guard.paths import (
    BadPath,
    GlobError,
    Rule,
    Unresolvable,
    is_literal,
    normalise,
    segments_regex,
    split_glob,
    unescape,
)
from .ledger.locations import data_folder, default_ledger, is_url

POLICY_FILE = "oversight.toml"
MEDIUM_CHOICES = ("allow", "ask", "deny")
GUARD_KEYS = ("deny", "ask", "secret", "medium")
_HARDLINK_BUDGET = 50_000
_CONTAINS_BUDGET = 100_000

_WHY_HOOKS = "it configures the agent's hooks, through which oversight sees every action"
_WHY_GIT_HOOKS = "git runs these hooks on commit; changing them switches checks off"
_WHY_GIT_CONFIG = "git's configuration can move or switch off its hooks (core.hooksPath)"
_WHY_POLICY = "it is the guard's own policy"
_WHY_LEDGER = "it is oversight's ledger state (the record of what agents did, its keys and socket)"
_WHY_INSTALL = "it is the installed oversight itself, which runs the agent's hooks"
_WHY_CI = "CI runs the checks that judge the agent's work: a human must approve changes to it"
_WHY_PRECOMMIT = "it decides which checks run on commit: a human must approve changes to it"
_WHY_KEY = "it is a signing key of the ledger or its witness: agents may not read it"

# (outcome, rule name, root-relative gitignore-like pattern, why)
_REPO_BUILTINS: tuple[tuple[str, str, str, str], ...] = (
    ("deny", "builtin:policy", "/" + POLICY_FILE, _WHY_POLICY),
    ("deny", "builtin:policy-table", "/pyproject.toml", _WHY_POLICY + " ([tool.oversight])"),
    ("deny", "builtin:hook-config", "**/.claude/settings*.json", _WHY_HOOKS),
    ("deny", "builtin:hook-config", "**/.claude/hooks/**", _WHY_HOOKS),
    ("deny", "builtin:hook-config", "**/.codex/**", _WHY_HOOKS),
    ("deny", "builtin:hook-config", "**/.gemini/**", _WHY_HOOKS),
    ("deny", "builtin:hook-config", "**/.cursor/hooks.json", _WHY_HOOKS),
    ("deny", "builtin:hook-config", "**/.cursor/hooks/**", _WHY_HOOKS),
    ("deny", "builtin:hook-config", "/.github/hooks/**", _WHY_HOOKS),
    ("deny", "builtin:git-hooks", "/.git/hooks/**", _WHY_GIT_HOOKS),
    ("deny", "builtin:git-config", "/.git/config", _WHY_GIT_CONFIG),
    ("deny", "builtin:git-config", "/.git/config.worktree", _WHY_GIT_CONFIG),
    ("ask", "builtin:pre-commit", "**/.pre-commit-config.yaml", _WHY_PRECOMMIT),
    ("ask", "builtin:pre-commit", "**/.pre-commit-config.yml", _WHY_PRECOMMIT),
    ("ask", "builtin:pre-commit", "/.husky/**", _WHY_PRECOMMIT),
    ("ask", "builtin:ci", "/.github/workflows/**", _WHY_CI),
    ("ask", "builtin:ci", "/.github/actions/**", _WHY_CI),
    ("ask", "builtin:ci", "/.gitlab-ci.yml", _WHY_CI),
    ("ask", "builtin:ci", "/.circleci/**", _WHY_CI),
    ("ask", "builtin:ci", "/.travis.yml", _WHY_CI),
    ("ask", "builtin:ci", "/azure-pipelines.yml", _WHY_CI),
    ("ask", "builtin:ci", "/.azure-pipelines/**", _WHY_CI),
    ("ask", "builtin:ci", "/.buildkite/**", _WHY_CI),
    ("ask", "builtin:ci", "/Jenkinsfile", _WHY_CI),
    ("ask", "builtin:ci", "/.drone.yml", _WHY_CI),
    ("ask", "builtin:ci", "/bitbucket-pipelines.yml", _WHY_CI),
    ("ask", "builtin:ci", "/appveyor.yml", _WHY_CI),
    ("ask", "builtin:ci", "/.woodpecker/**", _WHY_CI),
    ("ask", "builtin:ci", "/.woodpecker.yml", _WHY_CI),
)

# (outcome, rule name, path relative to home, glob suffix, why)
_HOME_BUILTINS: tuple[tuple[str, str, str, str, str], ...] = (
    ("deny", "builtin:hook-config", ".claude", "settings*.json", _WHY_HOOKS),
    ("deny", "builtin:hook-config", ".claude/hooks", "", _WHY_HOOKS),
    ("deny", "builtin:hook-config", ".codex", "", _WHY_HOOKS),
    ("deny", "builtin:hook-config", ".gemini/settings.json", "", _WHY_HOOKS),
    ("deny", "builtin:hook-config", ".cursor/hooks.json", "", _WHY_HOOKS),
    ("deny", "builtin:hook-config", ".cursor/hooks", "", _WHY_HOOKS),
    ("ask", "builtin:git-config", ".gitconfig", "", _WHY_GIT_CONFIG),
)


class PolicyError(UsageError):
    """A policy file that cannot be read or is invalid: one line naming the file and the problem."""


@dataclass(frozen=True)
class PathMatch:
    """Why a path is protected: the outcome ("deny" or "ask"), the rule ("deny:monitoring/**",
    "builtin:hook-config"), the resolved path, and a sentence for the agent and the human."""

    outcome: str
    rule: str
    path: Path
    reason: str


@dataclass(frozen=True)
class Policy:
    """The effective policy of one repository. Build with `load_policy`; `Policy(root)` alone is the
    built-ins. Globs match case-insensitively on normalised and on symlink-resolved paths."""

    root: Path
    deny: tuple[str, ...] = ()
    ask: tuple[str, ...] = ()
    source: Path | None = None
    secret: tuple[str, ...] = ()
    medium: str = "allow"
    rules: tuple[Rule, ...] = field(default=(), init=False, repr=False, compare=False)
    secret_rules: tuple[Rule, ...] = field(default=(), init=False, repr=False, compare=False)
    _cache: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        root = Path(os.path.realpath(self.root))
        object.__setattr__(self, "root", root)
        origin = self.source_label()
        user_deny = [
            _user_rule("deny", p, str(root), "the agent may never change it", origin) for p in self.deny
        ]
        user_ask = [
            _user_rule("ask", p, str(root), f"a human must approve changes matching {p}", origin)
            for p in self.ask
        ]
        secrets = [
            _user_rule("deny", p, str(root), "agents may neither read nor change it", origin, kind="secret")
            for p in self.secret
        ] + _builtin_secrets()
        builtins = _builtin_rules(root, self.source)
        ordered = (
            user_deny
            + secrets
            + [r for r in builtins if r.outcome == "deny"]
            + user_ask
            + [r for r in builtins if r.outcome == "ask"]
        )
        object.__setattr__(self, "rules", tuple(ordered))
        object.__setattr__(self, "secret_rules", tuple(secrets))

    def source_label(self) -> str:
        if self.source is None:
            return "the built-in policy"
        name = (
            self.source.name if self.source.parent == Path(os.path.realpath(self.root)) else str(self.source)
        )
        return f"{name} [tool.oversight]" if self.source.name == "pyproject.toml" else name

    def classify(self, path: str, cwd: str | None = None, *, contents: bool = False) -> PathMatch | None:
        """Whether changing `path` (as the agent in `cwd` names it) is denied or needs a human; None = not
        protected. `contents=True` (deleting, moving, chmod -R) also protects a folder holding a protected
        path. A path with NUL or a line break is denied outright."""
        return self._match(self.rules, path, cwd, contents=contents, hardlinks=True)

    def classify_read(self, path: str, cwd: str | None = None) -> PathMatch | None:
        """Whether reading `path` is denied (the secret paths); None = the agent may read it."""
        return self._match(self.secret_rules, path, cwd, contents=False, hardlinks=False)

    def read_only_paths(self, include_ask: bool = False) -> list[Path]:
        """Existing files and folders the kernel must make read-only: the denied and built-in deny paths
        (with `include_ask`, the ask ones too), globs expanded, resolved, deduplicated, most general first.
        pyproject.toml is listed only when it holds the policy."""
        wanted = ("deny", "ask") if include_ask else ("deny",)
        found: list[str] = []
        for rule in self.rules:
            if rule.outcome not in wanted:
                continue
            if rule.name == "builtin:policy-table" and (
                self.source is None or self.source.name != "pyproject.toml"
            ):
                continue
            found.extend(_expand(rule))
        return _general_first(found)

    def secret_paths(self) -> list[Path]:
        """Existing files and folders the agent must not even read: the ledger's signing key and key folder,
        witness keys in the data folder, and the policy's `secret` globs."""
        found: list[str] = []
        for rule in self.secret_rules:
            found.extend(_expand(rule))
        data = data_folder()
        if os.path.isdir(data):
            for current, _dirs, files in os.walk(data):
                found.extend(os.path.join(current, name) for name in files if name.endswith(".key"))
        return _general_first(found)

    def display(self, path: str) -> str:
        """`path` relative to the repo root when inside it, else as is."""
        root = str(self.root)
        if path == root:
            return "."
        if path.startswith(root + "/"):
            return path[len(root) + 1 :]
        return path

    def to_json(self) -> dict[str, object]:
        return {
            "root": str(self.root),
            "source": str(self.source) if self.source else None,
            "deny": list(self.deny),
            "ask": list(self.ask),
            "secret": list(self.secret),
            "medium": self.medium,
            "rules": [
                {"outcome": r.outcome, "rule": r.name, "pattern": r.pattern, "why": r.why} for r in self.rules
            ],
            "read_only_paths": [str(p) for p in self.read_only_paths()],
            "secret_paths": [str(p) for p in self.secret_paths()],
        }

    def _match(
        self, rules: tuple[Rule, ...], path: str, cwd: str | None, *, contents: bool, hardlinks: bool
    ) -> PathMatch | None:
        base = str(self.root) if not cwd else cwd if os.path.isabs(cwd) else os.path.join(self.root, cwd)
        try:
            forms = normalise(path, base)
        except BadPath as exc:
            return PathMatch(
                "deny", "builtin:bad-path", Path("/"), f"refused {exc}: no real file is named so"
            )
        except Unresolvable as exc:
            return PathMatch("ask", "builtin:unresolvable-path", Path("/"), str(exc))
        if forms is None:
            return None
        lexical, resolved = forms
        shown = self.display(lexical)
        if resolved != lexical:
            shown += f" (which resolves to {self.display(resolved)})"
        found = _first(rules, (lexical, resolved))
        if found is not None:
            return PathMatch(found.outcome, found.name, Path(resolved), self._reason(shown, found))
        if contents and os.path.isdir(resolved) and not os.path.islink(lexical):
            inside = self._inside(rules, resolved, shown)
            if inside is not None:
                return inside
        if hardlinks:
            return self._hardlink(resolved, shown)
        return None

    def _inside(self, rules: tuple[Rule, ...], folder: str, shown: str) -> PathMatch | None:
        """The first protected path inside `folder` (deleting, moving or chmod -R it reaches them all): by name
        where the patterns allow, else by one bounded walk; too many files to walk asks a human."""
        walks: dict[str, list[Rule]] = {}
        hits: list[tuple[Rule, str]] = []
        for rule in rules:
            found, tops = rule.beneath(folder)
            if found is not None:
                hits.append((rule, found))
            for top in tops:
                walks.setdefault(top, []).append(rule)
        budget = _CONTAINS_BUDGET
        for top, walkers in walks.items():
            for current, dirs, files in os.walk(top):
                if budget < 0 or any(r.outcome == "deny" for r, _ in hits):
                    break
                budget -= len(dirs) + len(files)
                for name in dirs + files:
                    candidate = os.path.join(current, name)
                    hits.extend((rule, candidate) for rule in walkers if rule.matches(candidate))
        if not hits and budget < 0:
            reason = f"{shown} holds too many files for the guard to check them all for protected ones"
            return PathMatch("ask", "builtin:too-many-files", Path(folder), reason)
        if not hits:
            return None
        rule, inner = next(((r, p) for r, p in hits if r.outcome == "deny"), hits[0])
        reason = f"{shown} contains {self.display(inner)}, " + self._reason("which", rule)
        return PathMatch(rule.outcome, rule.name, Path(folder), reason)

    def _reason(self, shown: str, rule: Rule) -> str:
        where = f" in {rule.origin}" if rule.origin != "built-in" else ""
        return f"{shown} is protected by {rule.name}{where}: {rule.why}"

    def _hardlink(self, resolved: str, shown: str) -> PathMatch | None:
        try:
            info = os.stat(resolved)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_nlink < 2:
            return None
        inodes = self._inodes()
        hit = inodes.get((info.st_dev, info.st_ino))
        if hit is not None:
            other, rule = hit
            reason = f"{shown} is a hard link to {self.display(other)}, " + self._reason("which", rule)
            return PathMatch(rule.outcome, rule.name, Path(resolved), reason)
        if self._cache.get("inodes_incomplete"):
            return PathMatch(
                "ask",
                "builtin:hard-link",
                Path(resolved),
                f"{shown} has other hard links and there are too many protected files to check them all",
            )
        return None

    def _inodes(self) -> dict[tuple[int, int], tuple[str, Rule]]:
        cached = self._cache.get("inodes")
        if isinstance(cached, dict):
            return cached
        inodes: dict[tuple[int, int], tuple[str, Rule]] = {}
        budget = _HARDLINK_BUDGET
        for rule in self.rules:
            for top in _expand(rule):
                for path in _files_under(top):
                    budget -= 1
                    if budget < 0:
                        self._cache["inodes_incomplete"] = True
                        break
                    try:
                        info = os.stat(path)
                    except OSError:
                        continue
                    inodes.setdefault((info.st_dev, info.st_ino), (path, rule))
        self._cache["inodes"] = inodes
        return inodes


def _first(rules: tuple[Rule, ...], candidates: tuple[str, str]) -> Rule | None:
    ask: Rule | None = None
    for rule in rules:
        if any(rule.matches(c) for c in candidates):
            if rule.outcome == "deny":
                return rule
            ask = ask or rule
    return ask


def _user_rule(outcome: str, pattern: str, root: str, why: str, origin: str, kind: str = "") -> Rule:
    name = f"{kind or outcome}:{pattern}"
    if pattern.startswith("~/"):
        home = os.path.expanduser("~")
        return Rule.absolute(outcome, name, home, pattern[2:], why, origin)
    return Rule.relative(outcome, name, pattern, root, why, origin)


def _builtin_secrets() -> list[Rule]:
    rules = [
        Rule.absolute("deny", "builtin:ledger-key", os.path.join(data_folder(), "keys"), "", _WHY_KEY),
        Rule.absolute("deny", "builtin:ledger-key", data_folder(), "**/*.key", _WHY_KEY),
        Rule.absolute("deny", "builtin:ledger-key", "/", "**/witness.key", _WHY_KEY),
    ]
    ledger = default_ledger()
    if not is_url(ledger):
        rules.append(
            Rule.absolute("deny", "builtin:ledger-key", os.path.abspath(ledger) + ".key", "", _WHY_KEY)
        )
    return rules


def _with_real(outcome: str, name: str, literal: str, suffix: str, why: str) -> list[Rule]:
    """A rule on an absolute path, and on its symlink-resolved form when that differs."""
    rules = [Rule.absolute(outcome, name, literal, suffix, why)]
    real = os.path.realpath(literal)
    if real != os.path.normpath(literal):
        rules.append(Rule.absolute(outcome, name, real, suffix, why))
    return rules


def _builtin_rules(root: Path, source: Path | None) -> list[Rule]:
    rules = [Rule.relative(o, n, p, str(root), w, "built-in") for o, n, p, w in _REPO_BUILTINS]
    if source is not None and source.parent != root:
        rules.extend(_with_real("deny", "builtin:policy", str(source), "", _WHY_POLICY))
    home = os.path.expanduser("~")
    for outcome, name, rel, suffix, why in _HOME_BUILTINS:
        rules.extend(_with_real(outcome, name, os.path.join(home, rel), suffix, why))
    xdg_config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    rules.extend(
        _with_real(
            "ask", "builtin:git-config", os.path.join(xdg_config, "git", "config"), "", _WHY_GIT_CONFIG
        )
    )
    rules.extend(_with_real("deny", "builtin:hook-config", "/etc/claude-code", "", _WHY_HOOKS))
    for git_dir in _git_dirs(root):
        if git_dir != str(root / ".git"):
            rules.extend(
                _with_real("deny", "builtin:git-hooks", os.path.join(git_dir, "hooks"), "", _WHY_GIT_HOOKS)
            )
            for name in ("config", "config.worktree"):
                rules.extend(
                    _with_real("deny", "builtin:git-config", os.path.join(git_dir, name), "", _WHY_GIT_CONFIG)
                )
    hooks_path = _hooks_path(root)
    if hooks_path and not hooks_path.startswith("/dev/"):  # /dev/null: hooks off, caught by the shell rules
        rules.extend(
            _with_real("deny", "builtin:git-hooks", hooks_path, "", _WHY_GIT_HOOKS + " (core.hooksPath)")
        )
    data = data_folder()
    rules.extend(_with_real("deny", "builtin:ledger", data, "", _WHY_LEDGER))
    ledger = default_ledger()
    if not is_url(ledger):
        ledger = os.path.abspath(ledger)
        for suffix in ("", ".key", ".sock", "-wal", "-shm", "-journal"):
            rules.extend(_with_real("deny", "builtin:ledger", ledger + suffix, "", _WHY_LEDGER))
    package = os.path.dirname(os.path.abspath(__file__))
    if not package.startswith(str(root) + "/") or "site-packages" in package or "dist-packages" in package:
        rules.extend(_with_real("deny", "builtin:oversight-install", package, "", _WHY_INSTALL))
    return rules


def _git_dirs(root: Path) -> list[str]:
    """The repository's git folder and (for a worktree) its common folder; `.git` may be a `gitdir:` file."""
    dot_git = root / ".git"
    if dot_git.is_dir():
        return [str(dot_git)]
    try:
        text = dot_git.read_text(errors="replace") if dot_git.is_file() else ""
    except OSError:
        return []
    if not text.startswith("gitdir:"):
        return []
    git_dir = os.path.normpath(os.path.join(root, text[len("gitdir:") :].strip()))
    found = [git_dir]
    try:
        common = Path(git_dir, "commondir").read_text().strip()
        found.append(os.path.normpath(os.path.join(git_dir, common)))
    except OSError:
        pass
    return found


def _hooks_path(root: Path) -> str | None:
    """core.hooksPath from the system, global and repository configuration (last wins), made absolute."""
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    files = ["/etc/gitconfig", os.path.join(xdg, "git", "config"), os.path.join(home, ".gitconfig")]
    for git_dir in reversed(_git_dirs(root)):
        files.extend([os.path.join(git_dir, "config"), os.path.join(git_dir, "config.worktree")])
    value: str | None = None
    for name in files:
        found = _config_value(name, "core", "hookspath")
        if found is not None:
            value = found
    if not value:
        return None
    value = os.path.expanduser(value)
    return os.path.normpath(value if os.path.isabs(value) else os.path.join(root, value))


def _config_value(path: str, section: str, key: str) -> str | None:
    """The last `key` in `[section]` of a git config file (no includes), or None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    current = ""
    value: str | None = None
    for raw in lines:
        line = raw.strip()
        if line.startswith("["):
            current = line[1 : line.find("]")].split()[0].split(".")[0].lower() if "]" in line else ""
            line = line[line.find("]") + 1 :].strip() if "]" in line else ""
        if not line or line[0] in "#;" or current != section:
            continue
        name, _, rest = line.partition("=")
        if name.strip().lower() == key:
            rest = rest.split(" #")[0].split(" ;")[0].strip()
            value = rest[1:-1] if len(rest) >= 2 and rest[0] == rest[-1] == '"' else rest
    return value


def _expand(rule: Rule) -> list[str]:
    """The existing paths a rule names (folders whole, not their contents); a pattern that starts with
    `**` at "/" is never expanded (it would walk the whole machine)."""
    if rule.base == "/" and rule.segments[:1] == ("**",):
        return []
    out: list[str] = []

    def step(current: str, index: int) -> None:
        if index == len(rule.segments):
            out.append(current)
            return
        segment = rule.segments[index]
        if segment == "**":
            step(current, index + 1)
            for entry in _scandir(current):
                if entry.is_dir(follow_symlinks=False):
                    step(entry.path, index)
        elif is_literal(segment):
            candidate = os.path.join(current, unescape(segment))
            if os.path.lexists(candidate):
                step(candidate, index + 1)
        else:
            single = segments_regex((segment,), segment)
            for entry in _scandir(current):
                if single.fullmatch(entry.name):
                    step(entry.path, index + 1)

    step(rule.base, 0)
    return [p for p in out if rule.matches(os.path.normpath(p))]


def _scandir(path: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(path) as entries:
            return list(entries)
    except OSError:
        return []


def _files_under(top: str) -> list[str]:
    if not os.path.isdir(top) or os.path.islink(top):
        return [top]
    found: list[str] = []
    for current, _dirs, files in os.walk(top):
        found.extend(os.path.join(current, name) for name in files)
    return found


def _general_first(paths: list[str]) -> list[Path]:
    real = sorted({os.path.realpath(p) for p in paths}, key=lambda p: (p.count("/"), p))
    kept: list[str] = []
    for path in real:
        if not any(path == k or path.startswith(k.rstrip("/") + "/") for k in kept):
            kept.append(path)
    return [Path(p) for p in kept]


def find_root(start: str | os.PathLike[str]) -> Path:
    """The repository root: the nearest folder upward from `start` holding `.git` (a folder or a file),
    else `start` itself."""
    path = Path(os.path.realpath(os.path.expanduser(os.fspath(start))))
    if path.is_file():
        path = path.parent
    for folder in (path, *path.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return path


def load_policy(start: str | os.PathLike[str], policy_file: str | os.PathLike[str] | None = None) -> Policy:
    """The policy of the repository holding `start`: `policy_file` if given (an oversight.toml, or a
    pyproject.toml's `[tool.oversight]`), else ROOT/oversight.toml, else ROOT/pyproject.toml's table, else
    the built-ins alone. PolicyError (one line) when a policy is unreadable or invalid."""
    root = find_root(start)
    if policy_file is not None:
        source = Path(os.path.abspath(os.path.expanduser(os.fspath(policy_file))))
        text = _read(source)
        label = str(source)
        table: dict[str, object] | None = _parse(text, label)
        if source.name == "pyproject.toml" and table is not None:
            table = _tool_table(table, label)
        if table is None:
            raise PolicyError(f"{label}: no [tool.oversight] table")
        return _from_table(root, table, source, label)
    candidate = root / POLICY_FILE
    if candidate.is_file() or os.path.lexists(candidate):
        return _from_table(root, _parse(_read(candidate), POLICY_FILE), candidate, POLICY_FILE)
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        text = _read(pyproject)
        if "oversight" not in text:
            return Policy(root)
        label = "pyproject.toml [tool.oversight]"
        try:
            data = _parse(text, label)
        except PolicyError:
            import re

            if re.search(r"tool\s*\.\s*[\"']?oversight\b", text):
                raise
            return Policy(root)
        found = _tool_table(data, label)
        if found is not None:
            return _from_table(root, found, pyproject, label)
    return Policy(root)


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PolicyError(f"{path}: cannot read the policy: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise PolicyError(f"{path}: the policy is not UTF-8 text") from None


def _parse(text: str, label: str) -> dict[str, object]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{label}: not valid TOML: {exc}") from None


def _tool_table(data: dict[str, object], label: str) -> dict[str, object] | None:
    tool = data.get("tool")
    if not isinstance(tool, dict) or "oversight" not in tool:
        return None
    table = tool["oversight"]
    if not isinstance(table, dict):
        raise PolicyError(f"{label}: tool.oversight must be a table")
    return table


def _from_table(root: Path, table: dict[str, object], source: Path, label: str) -> Policy:
    unknown = sorted(set(table) - {"guard"})
    if unknown:
        raise PolicyError(f"{label}: unknown key {unknown[0]!r} (known: guard)")
    guard = table.get("guard", {})
    if not isinstance(guard, dict):
        raise PolicyError(f"{label}: guard must be a table ([guard])")
    unknown = sorted(set(guard) - set(GUARD_KEYS))
    if unknown:
        raise PolicyError(f"{label}: unknown key guard.{unknown[0]} (known: {', '.join(GUARD_KEYS)})")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("deny", "ask", "secret"):
        value = guard.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise PolicyError(f"{label}: guard.{key} must be a list of glob strings")
        for index, pattern in enumerate(value):
            try:
                if pattern.startswith("~/"):
                    split_glob(pattern[2:])
                else:
                    Rule.relative("deny", "", pattern, "/", "", "")
            except GlobError as exc:
                raise PolicyError(f"{label}: guard.{key}[{index}]: {exc}") from None
        lists[key] = tuple(value)
    medium = guard.get("medium", "allow")
    if medium not in MEDIUM_CHOICES:
        raise PolicyError(f"{label}: guard.medium must be one of {', '.join(MEDIUM_CHOICES)}, not {medium!r}")
    assert isinstance(medium, str)
    return Policy(root, lists["deny"], lists["ask"], source, lists["secret"], medium)
