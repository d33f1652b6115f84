"""Loading and validating the policy, each built-in, and the path lists the kernel sandbox enforces."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import git

from oversight.policy import Policy, PolicyError, find_root, load_policy


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("OVERSIGHT_LEDGER", raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return home


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    return root


def rule_of(policy: Policy, path: str) -> str | None:
    match = policy.classify(path)
    return f"{match.outcome} {match.rule}" if match else None


def test_oversight_toml(repo: Path) -> None:
    (repo / "oversight.toml").write_text(
        '[guard]\ndeny = ["monitoring/**"]\nask = ["tests/**"]\nmedium = "ask"\n'
    )
    (repo / "sub").mkdir()
    policy = load_policy(repo / "sub")
    assert policy.root == repo.resolve()
    assert policy.source == repo.resolve() / "oversight.toml"
    assert (policy.deny, policy.ask, policy.medium) == (("monitoring/**",), ("tests/**",), "ask")
    match = policy.classify("tests/test_api.py")
    assert match is not None
    assert match.reason == (
        "tests/test_api.py is protected by ask:tests/** in oversight.toml: "
        "a human must approve changes matching tests/**"
    )


def test_pyproject_table_and_oversight_toml_wins(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.oversight.guard]\ndeny = ["audit/**"]\n'
    )
    policy = load_policy(repo)
    assert policy.deny == ("audit/**",) and policy.source == repo.resolve() / "pyproject.toml"
    assert rule_of(policy, "audit/log.py") == "deny deny:audit/**"
    (repo / "oversight.toml").write_text('[guard]\nask = ["docs/**"]\n')
    assert load_policy(repo).deny == ()


def test_no_policy_is_the_builtins(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    policy = load_policy(repo)
    assert policy.source is None and policy.deny == ()
    assert rule_of(policy, ".claude/settings.json") == "deny builtin:hook-config"


def test_broken_pyproject_without_policy_is_ignored_with_policy_is_an_error(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[project\nname = 'oversight-demo'\n")
    assert load_policy(repo).source is None
    (repo / "pyproject.toml").write_text("[tool.oversight.guard\ndeny = []\n")
    with pytest.raises(PolicyError, match=r"pyproject\.toml"):
        load_policy(repo)


def test_explicit_policy_file_is_itself_protected(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "policies" / "team.toml"
    outside.parent.mkdir()
    outside.write_text('[guard]\ndeny = ["infra/**"]\n')
    policy = load_policy(repo, outside)
    assert policy.deny == ("infra/**",)
    assert rule_of(policy, str(outside)) == "deny builtin:policy"
    with pytest.raises(PolicyError, match="cannot read"):
        load_policy(repo, tmp_path / "missing.toml")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[guard]\ndeny = 'monitoring/**'\n", "guard.deny must be a list"),
        ("[guard]\nask = [1]\n", "guard.ask must be a list"),
        ("[guard]\nallow = []\n", "unknown key guard.allow"),
        ("[gaurd]\ndeny = []\n", "unknown key 'gaurd'"),
        ("guard = 3\n", "guard must be a table"),
        ("[guard]\ndeny = ['tests/[abc']\n", r"guard.deny\[0\]: bad glob 'tests/\[abc': unclosed"),
        ("[guard]\ndeny = ['../etc/**']\n", r"guard.deny\[0\]: bad glob"),
        ("[guard]\nmedium = 'maybe'\n", "guard.medium must be one of allow, ask, deny"),
        ("[guard\n", "not valid TOML"),
    ],
)
def test_invalid_policies_name_file_and_problem(repo: Path, text: str, problem: str) -> None:
    (repo / "oversight.toml").write_text(text)
    with pytest.raises(PolicyError, match=problem) as info:
        load_policy(repo)
    assert str(info.value).startswith("oversight.toml: ") and "\n" not in str(info.value)


def test_policy_that_is_not_utf8(repo: Path) -> None:
    (repo / "oversight.toml").write_bytes(b"[guard]\ndeny = ['\xff']\n")
    with pytest.raises(PolicyError, match="not UTF-8"):
        load_policy(repo)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("oversight.toml", "deny builtin:policy"),
        ("pyproject.toml", "deny builtin:policy-table"),
        (".claude/settings.json", "deny builtin:hook-config"),
        (".claude/settings.local.json", "deny builtin:hook-config"),
        ("packages/web/.claude/settings.json", "deny builtin:hook-config"),
        (".claude/hooks/guard.sh", "deny builtin:hook-config"),
        (".codex/hooks.json", "deny builtin:hook-config"),
        (".gemini/settings.json", "deny builtin:hook-config"),
        (".cursor/hooks.json", "deny builtin:hook-config"),
        (".github/hooks/oversight.json", "deny builtin:hook-config"),
        (".git/hooks/pre-commit", "deny builtin:git-hooks"),
        (".git/config", "deny builtin:git-config"),
        (".pre-commit-config.yaml", "ask builtin:pre-commit"),
        (".github/workflows/ci.yml", "ask builtin:ci"),
        (".gitlab-ci.yml", "ask builtin:ci"),
        (".circleci/config.yml", "ask builtin:ci"),
        ("Jenkinsfile", "ask builtin:ci"),
        (".claude/commands/review.md", None),
        ("src/app.py", None),
        (".github/ISSUE_TEMPLATE/bug.md", None),
        (".git/refs/heads/main", None),
    ],
)
def test_repository_builtins(repo: Path, path: str, expected: str | None) -> None:
    assert rule_of(load_policy(repo), path) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (".claude/settings.json", "deny builtin:hook-config"),
        (".codex/config.toml", "deny builtin:hook-config"),
        (".gemini/settings.json", "deny builtin:hook-config"),
        (".cursor/hooks.json", "deny builtin:hook-config"),
        (".gitconfig", "ask builtin:git-config"),
        (".local/share/oversight/ledger.db", "deny builtin:ledger"),
        (".local/share/oversight/ledger.db.key", "deny builtin:ledger-key"),
        (".claude/projects/x.jsonl", None),
        (".gemini/tmp/x", None),
    ],
)
def test_user_level_builtins(repo: Path, private_home: Path, path: str, expected: str | None) -> None:
    assert rule_of(load_policy(repo), str(private_home / path)) == expected


def test_ledger_from_environment(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = tmp_path / "audit" / "team.db"
    monkeypatch.setenv("OVERSIGHT_LEDGER", str(ledger))
    policy = load_policy(repo)
    assert rule_of(policy, str(ledger)) == "deny builtin:ledger"
    assert rule_of(policy, str(ledger) + ".sock") == "deny builtin:ledger"
    read = policy.classify_read(str(ledger) + ".key")
    assert read is not None and read.rule == "builtin:ledger-key"
    assert policy.classify_read(str(ledger)) is None


def test_core_hooks_path_folder(repo: Path) -> None:
    git(repo, "config", "core.hooksPath", "ci/githooks")
    policy = load_policy(repo)
    assert rule_of(policy, "ci/githooks/pre-commit") == "deny builtin:git-hooks"
    assert rule_of(policy, "ci/other.sh") is None


def test_global_core_hooks_path(repo: Path, private_home: Path, tmp_path: Path) -> None:
    (private_home / ".gitconfig").write_text(f"[core]\n\thooksPath = {tmp_path}/shared-hooks\n")
    assert rule_of(load_policy(repo), str(tmp_path / "shared-hooks/pre-push")) == "deny builtin:git-hooks"


def test_worktree_git_file_points_at_real_hooks(repo: Path, tmp_path: Path) -> None:
    git(repo, "-c", "user.email=a@b", "-c", "user.name=a", "commit", "-q", "--allow-empty", "-m", "x")
    tree = tmp_path / "tree"
    git(repo, "worktree", "add", "-q", str(tree))
    assert (tree / ".git").is_file()
    policy = load_policy(tree / ".")
    assert policy.root == tree.resolve()
    assert rule_of(policy, str(repo / ".git/hooks/pre-commit")) == "deny builtin:git-hooks"
    assert rule_of(policy, str(repo / ".git/config")) == "deny builtin:git-config"


def test_find_root(repo: Path, tmp_path: Path) -> None:
    (repo / "a/b").mkdir(parents=True)
    (repo / "a/b/f.py").write_text("")
    assert find_root(repo / "a/b") == repo.resolve()
    assert find_root(repo / "a/b/f.py") == repo.resolve()
    lone = tmp_path / "lone"
    lone.mkdir()
    assert find_root(lone) == lone.resolve()


def test_read_only_paths_are_existing_deduplicated_most_general_first(repo: Path) -> None:
    for rel in ("monitoring/a.py", "monitoring/sub/b.py", "tests/test_x.py", ".claude/settings.json"):
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text("")
    (repo / "oversight.toml").write_text(
        '[guard]\ndeny = ["monitoring/**", "monitoring/sub/*.py"]\nask = ["tests/**"]\n'
    )
    (repo / "link.toml").symlink_to(repo / "oversight.toml")
    paths = load_policy(repo).read_only_paths()
    root = repo.resolve()
    assert root / "monitoring" in paths and root / "monitoring/sub/b.py" not in paths
    assert root / "oversight.toml" in paths and root / ".claude/settings.json" in paths
    assert root / ".git/hooks" in paths and root / ".git/config" in paths
    assert root / "tests" not in paths and root / "pyproject.toml" not in paths
    assert len(paths) == len(set(paths))
    depths = [len(p.parts) for p in paths]
    assert depths == sorted(depths)
    assert root / "tests" in load_policy(repo).read_only_paths(include_ask=True)


def test_pyproject_is_read_only_only_when_it_holds_the_policy(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert repo.resolve() / "pyproject.toml" not in load_policy(repo).read_only_paths()
    (repo / "pyproject.toml").write_text("[tool.oversight.guard]\ndeny = []\n")
    assert repo.resolve() / "pyproject.toml" in load_policy(repo).read_only_paths()


def test_secret_paths(repo: Path, private_home: Path) -> None:
    data = private_home / ".local/share/oversight"
    (data / "keys").mkdir(parents=True)
    (data / "ledger.db").write_text("")
    (data / "ledger.db.key").write_text("k")
    (data / "witness-a").mkdir()
    (data / "witness-a/witness.key").write_text("k")
    (repo / "oversight.toml").write_text('[guard]\nsecret = ["deploy/*.pem"]\n')
    (repo / "deploy").mkdir()
    (repo / "deploy/prod.pem").write_text("k")
    policy = load_policy(repo)
    secrets = policy.secret_paths()
    assert set(secrets) == {
        data.resolve() / "keys",
        data.resolve() / "ledger.db.key",
        data.resolve() / "witness-a/witness.key",
        repo.resolve() / "deploy/prod.pem",
    }
    assert policy.classify_read("deploy/prod.pem") is not None
    assert policy.classify_read(str(data / "ledger.db")) is None
    assert rule_of(policy, "deploy/prod.pem") == "deny secret:deploy/*.pem"


def test_home_patterns_in_policy(repo: Path, private_home: Path) -> None:
    (repo / "oversight.toml").write_text('[guard]\ndeny = ["~/.config/monitor/**"]\n')
    policy = load_policy(repo)
    assert (
        rule_of(policy, str(private_home / ".config/monitor/rules.yml")) == "deny deny:~/.config/monitor/**"
    )
    assert os.path.isabs(str(policy.root))


def test_postgres_ledger_keys_live_in_the_data_folder(
    repo: Path, private_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OVERSIGHT_LEDGER", "postgresql://audit:pw@db/ledger")
    policy = load_policy(repo)
    key = private_home / ".local/share/oversight/keys/pg-0123.key"
    read = policy.classify_read(str(key))
    assert read is not None and read.rule == "builtin:ledger-key"
    assert rule_of(policy, str(key)) == "deny builtin:ledger-key"
