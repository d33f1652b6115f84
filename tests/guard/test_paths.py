"""Path tricks against the policy: every way of naming a protected file must still be recognised."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import git

from oversight.guard.paths import GlobError, normalise, split_glob
from oversight.policy import Policy, load_policy


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("OVERSIGHT_LEDGER", raising=False)
    return home


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for rel in ("monitoring/alerts.py", "tests/test_api.py", ".claude/settings.json", "src/app.py"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x = 1\n")
    (root / "oversight.toml").write_text(
        '[guard]\ndeny = ["monitoring/**", "logging.conf"]\nask = ["tests/**"]\n'
    )
    return root


def outcome(policy: Policy, path: str, cwd: str | None = None, **kw: bool) -> str | None:
    match = policy.classify(path, cwd, **kw)
    return match.outcome if match else None


def test_relative_to_cwd_and_dotdot(repo: Path) -> None:
    policy = load_policy(repo)
    assert outcome(policy, "alerts.py", str(repo / "monitoring")) == "deny"
    assert outcome(policy, "../monitoring/alerts.py", str(repo / "src")) == "deny"
    assert outcome(policy, "src/../monitoring/./alerts.py") == "deny"
    assert outcome(policy, "app.py", str(repo / "src")) is None


def test_double_slash_trailing_dot_and_proc_self_cwd(repo: Path) -> None:
    policy = load_policy(repo)
    assert outcome(policy, "/" + str(repo) + "//monitoring//alerts.py") == "deny"
    assert outcome(policy, str(repo / "monitoring") + "/.") == "deny"
    assert outcome(policy, "/proc/self/cwd/monitoring/alerts.py", str(repo)) == "deny"
    assert outcome(policy, "/proc/thread-self/cwd/../repo/oversight.toml", str(repo)) == "deny"
    assert outcome(policy, "/proc/self/root" + str(repo / "tests/test_api.py")) == "ask"


def test_symlink_to_protected_file_and_symlinked_parent(repo: Path) -> None:
    (repo / "innocent.py").symlink_to(repo / "monitoring/alerts.py")
    (repo / "docs").symlink_to(repo / ".claude")
    policy = load_policy(repo)
    match = policy.classify("innocent.py")
    assert match is not None and match.outcome == "deny" and match.rule == "deny:monitoring/**"
    assert "resolves to monitoring/alerts.py" in match.reason
    assert outcome(policy, "docs/settings.json") == "deny"
    assert outcome(policy, "docs/settings.local.json") == "deny"  # does not exist yet


def test_dangling_symlink_to_a_protected_path(repo: Path) -> None:
    (repo / "later").symlink_to(repo / ".git/hooks/pre-commit")
    assert not (repo / "later").exists()
    assert load_policy(repo).classify("later") is not None


def test_protected_symlink_that_points_away_is_still_protected(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "dotfiles"
    elsewhere.mkdir()
    (repo / ".codex").symlink_to(elsewhere)
    assert outcome(load_policy(repo), ".codex/hooks.json") == "deny"


def test_case_tricks(repo: Path) -> None:
    policy = load_policy(repo)
    assert outcome(policy, "MONITORING/alerts.py") == "deny"
    assert outcome(policy, ".Claude/Settings.JSON") == "deny"
    assert outcome(policy, "Tests/new_test.py") == "ask"
    assert outcome(policy, "src/Logging.Conf") == "deny"


def test_hard_link_to_protected_file(repo: Path) -> None:
    os.link(repo / "monitoring/alerts.py", repo / "src/copy.py")
    match = load_policy(repo).classify("src/copy.py")
    assert match is not None and match.outcome == "deny"
    assert "hard link to monitoring/alerts.py" in match.reason


def test_hard_link_between_unprotected_files_is_fine(repo: Path) -> None:
    os.link(repo / "src/app.py", repo / "src/app2.py")
    assert outcome(load_policy(repo), "src/app2.py") is None


def test_paths_outside_the_repo_only_meet_absolute_builtins(
    repo: Path, tmp_path: Path, private_home: Path
) -> None:
    other = tmp_path / "other"
    (other / "monitoring").mkdir(parents=True)
    policy = load_policy(repo)
    assert outcome(policy, str(other / "monitoring/alerts.py")) is None
    assert outcome(policy, str(other / "tests/test_x.py")) is None
    assert outcome(policy, "~/.claude/settings.json") == "deny"
    assert outcome(policy, str(private_home / ".gemini/settings.json")) == "deny"
    assert outcome(policy, "../../home/.cursor/hooks.json", str(repo / "src")) == "deny"


def test_nul_and_newline_are_denied_outright(repo: Path) -> None:
    policy = load_policy(repo)
    for bad in ("src/a\0.py", "src/a\n.py", "src/a\r.py", ""):
        match = policy.classify(bad)
        assert match is not None and (match.outcome, match.rule) == ("deny", "builtin:bad-path")


def test_streams_are_not_files_and_fds_are_unknowable(repo: Path) -> None:
    policy = load_policy(repo)
    assert policy.classify("/dev/stderr") is None
    assert policy.classify("/dev/null") is None
    match = policy.classify("/dev/fd/7")
    assert match is not None and match.outcome == "ask"
    assert outcome(policy, "/proc/self/fd/9") == "ask"


def test_folder_holding_protected_paths_when_deleting(repo: Path) -> None:
    policy = load_policy(repo)
    assert outcome(policy, ".", contents=True) == "deny"  # .git/hooks, oversight.toml, monitoring
    assert outcome(policy, ".claude", contents=True) == "deny"
    assert outcome(policy, "src", contents=True) is None
    (repo / "src/deep/er").mkdir(parents=True)
    (repo / "src/deep/er/logging.conf").write_text("")
    assert outcome(policy, "src", contents=True) == "deny"
    assert outcome(policy, str(repo.parent), contents=True) == "deny"


def test_a_protected_folder_itself(repo: Path) -> None:
    policy = load_policy(repo)
    assert outcome(policy, "monitoring") == "deny"
    assert outcome(policy, "tests") == "ask"
    assert outcome(policy, ".git/hooks") == "deny"


def test_normalise_gives_lexical_and_resolved(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    forms = normalise("link/x/../y", str(tmp_path))
    assert forms == (str(tmp_path / "link/y"), str(tmp_path / "real/y"))


@pytest.mark.parametrize(
    ("pattern", "segments"),
    [
        ("logging.conf", ("**", "logging.conf")),
        ("/build", ("build",)),
        ("monitoring/**", ("monitoring",)),
        ("monitoring/", ("**", "monitoring")),
        ("a/**/b.py", ("a", "**", "b.py")),
    ],
)
def test_gitignore_like_patterns(pattern: str, segments: tuple[str, ...]) -> None:
    assert split_glob(pattern) == segments


@pytest.mark.parametrize("pattern", ["", " x", "a/[b", "a//b", "../x", "a/../b", "a**", "x\0", "/"])
def test_bad_globs(pattern: str) -> None:
    with pytest.raises(GlobError):
        split_glob(pattern)


def test_folder_too_large_to_check_asks(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import oversight.policy

    for index in range(30):
        (repo / "src" / f"m{index}.py").write_text("")
    monkeypatch.setattr(oversight.policy, "_CONTAINS_BUDGET", 10)
    match = load_policy(repo).classify("src", contents=True)
    assert match is not None and (match.outcome, match.rule) == ("ask", "builtin:too-many-files")
