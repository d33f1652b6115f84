"""`oversight run` as a command line: a real repository guarded by a policy (shared with the red-team and
ordinary-task suites, which import `make_guarded` from here), its dry run, usage errors and refusals."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from oversight.sandbox import abi_version, plan_mounts

CLI = "import sys; from oversight.cli import main; sys.exit(main())"
POLICY = """\
[guard]
deny = ["monitoring/**", "logging.conf", ".github/workflows/**"]
ask = ["tests/**"]
"""
KEY = b"LEDGER-SIGNING-KEY-0123456789abcdef"
FILES = {
    "oversight.toml": POLICY,
    "monitoring/check.py": "ALERT_THRESHOLD = 3\n",
    "monitoring/rules/alerts.yaml": "alerts: [tamper]\n",
    "src/app.py": "def add(a, b):\n    return a + b\n",
    "tests/test_app.py": "from src.app import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n",
    ".claude/settings.json": '{"hooks": {"PreToolUse": []}}\n',
    ".github/workflows/ci.yml": "on: push\njobs: {}\n",
    "README.md": "demo\n",
}
OLD_CHECK = "ALERT_THRESHOLD = 10**9  # EVIL: alerts off\n"
OLD_CI = "on: push\njobs: {}  # EVIL: no checks\n"
HOOK = "#!/bin/sh\nexec oversight scan\n"
# What the red-team attempts aim at, relative to the repository (the ledger's files are added beside).
PROTECTED = (
    "oversight.toml",
    "monitoring/check.py",
    "monitoring/rules/alerts.yaml",
    ".claude/settings.json",
    ".github/workflows/ci.yml",
    ".git/hooks/pre-commit",
    ".git/config",
)


def _user_namespaces() -> bool:
    probe = "import ctypes, sys; sys.exit(ctypes.CDLL(None).unshare(0x10000000 | 0x00020000) != 0)"
    return subprocess.run([sys.executable, "-c", probe], check=False).returncode == 0


needs_enforcement = pytest.mark.skipif(
    abi_version() < 1 or not _user_namespaces(), reason="this kernel has no Landlock or no user namespaces"
)


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True)
    return done.stdout


def _state(path: Path) -> object:
    """Everything a change would touch: bytes, mode, mtime, inode, links; a folder's names and children."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    head = (info.st_mode, info.st_ino, info.st_nlink, info.st_uid)
    if path.is_dir() and not path.is_symlink():
        return (head, {child.name: _state(child) for child in sorted(path.iterdir())})
    return (head, info.st_mtime_ns, path.read_bytes() if path.is_file() else os.readlink(path))


@dataclass
class Guarded:
    """A guarded repository: run commands inside `oversight run` and snapshot the protected paths."""

    repo: Path
    ledger: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> Path:
        return Path(str(self.ledger) + ".key")

    def protected(self) -> list[Path]:
        return [self.repo / p for p in PROTECTED] + [
            self.repo / "monitoring",
            self.repo / ".git/hooks",
            self.ledger,
            self.key,
        ]

    def snapshot(self) -> dict[str, object]:
        return {str(p): _state(p) for p in self.protected()} | {"repo": self.repo.stat().st_ino}

    def run(
        self, *command: str, options: tuple[str, ...] = (), timeout: float = 60, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-c", CLI, "run", *options, "--", *command]
        return subprocess.run(
            argv,
            cwd=self.repo,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def sh(self, script: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
        return self.run("bash", "-c", script, **kwargs)  # type: ignore[arg-type]


def make_guarded(tmp_path: Path) -> Guarded:
    """A committed repository with protected files, a git hook, a ledger and its signing key outside."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "dev@example.com")
    git(repo, "config", "user.name", "Dev")
    for rel, text in FILES.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    # History and a stash that hold tampered versions, for git to try to bring back.
    (repo / "monitoring/check.py").write_text(OLD_CHECK)
    (repo / ".github/workflows/ci.yml").write_text(OLD_CI)
    git(repo, "commit", "-q", "-am", "old")
    for rel in ("monitoring/check.py", ".github/workflows/ci.yml"):
        (repo / rel).write_text(FILES[rel])
    git(repo, "commit", "-q", "-am", "current")
    (repo / ".github/workflows/ci.yml").write_text(OLD_CI)
    git(repo, "stash", "-q")
    hook = repo / ".git/hooks/pre-commit"
    hook.write_text(HOOK)
    hook.chmod(0o755)
    ledger_dir = tmp_path / "data"
    ledger_dir.mkdir()
    ledger = ledger_dir / "ledger.db"
    ledger.write_bytes(b"SQLite format 3\x00ledger")
    Path(str(ledger) + ".key").write_bytes(KEY)
    env = dict(
        os.environ, OVERSIGHT_LEDGER=str(ledger), HOME=str(tmp_path / "home"), TMPDIR=str(tmp_path / "tmp")
    )
    (tmp_path / "home").mkdir()
    (tmp_path / "tmp").mkdir()
    return Guarded(repo, ledger, env)


@pytest.fixture
def guarded(tmp_path: Path) -> Guarded:
    return make_guarded(tmp_path)


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if not line.startswith("oversight run: note:")]
    assert len(lines) == 1, stderr
    return lines[0]


@needs_enforcement
def test_dry_run_prints_the_plan_and_runs_nothing(guarded: Guarded) -> None:
    result = guarded.run("touch", "ran", options=("--dry-run",))
    assert result.returncode == 0, result.stderr
    plan = result.stdout
    for path in ("oversight.toml", "monitoring", ".git/hooks", ".git/config", ".github"):
        assert f"  {guarded.repo / path}\n" in plan.split("hidden")[0].split("read-only:")[1]
    assert str(guarded.key) in plan.split("hidden")[1].split("writable")[0]
    assert "logging.conf does not exist yet and could be created" in plan
    assert not (guarded.repo / "ran").exists()


def test_nothing_to_run_is_a_usage_error(guarded: Guarded) -> None:
    result = guarded.run()
    assert result.returncode == 2
    assert _one_line(result.stderr).startswith("oversight: error: nothing to run")


def test_missing_or_invalid_policy_file(guarded: Guarded) -> None:
    missing = guarded.run("true", options=("--policy", str(guarded.repo / "nope.toml")))
    assert missing.returncode == 2 and "nope.toml" in _one_line(missing.stderr)
    (guarded.repo / "bad.toml").write_text("[guard\n")
    bad = guarded.run("true", options=("--policy", str(guarded.repo / "bad.toml")))
    assert bad.returncode == 2 and "bad.toml" in _one_line(bad.stderr)


@needs_enforcement
def test_unknown_command_is_127(guarded: Guarded) -> None:
    result = guarded.run("no-such-command-anywhere")
    assert result.returncode == 127
    assert "no-such-command-anywhere" in _one_line(result.stderr)


@needs_enforcement
def test_protected_file_with_another_hard_link_is_refused(guarded: Guarded, tmp_path: Path) -> None:
    os.link(guarded.repo / "monitoring/check.py", tmp_path / "elsewhere.py")
    refused = guarded.run("touch", "ran")
    assert refused.returncode == 2
    line = _one_line(refused.stderr)
    assert "hard link" in line and "monitoring/check.py" in line
    assert not (guarded.repo / "ran").exists()
    allowed = guarded.run("touch", "ran", options=("--allow-unenforced",))
    assert allowed.returncode == 0
    assert "NOT ENFORCED" in allowed.stderr and (guarded.repo / "ran").exists()


@needs_enforcement
def test_protect_ask_makes_ask_paths_read_only(guarded: Guarded) -> None:
    script = "echo '# more' >> tests/test_app.py"
    assert guarded.sh(script, options=("--protect-ask",)).returncode != 0
    assert (guarded.repo / "tests/test_app.py").read_text() == FILES["tests/test_app.py"]
    assert guarded.sh(script).returncode == 0


@needs_enforcement
def test_missing_kernel_piece_exits_2_unless_allowed(guarded: Guarded) -> None:
    """Inside the sandbox a nested `oversight run` cannot map a new user namespace (Landlock keeps /proc
    read-only): a real missing piece, named on one line."""
    inner = f"{sys.executable} -c '{CLI}' run -- touch ran"
    refused = guarded.sh(inner)
    assert refused.returncode == 2
    assert "user namespace" in _one_line(refused.stderr)
    assert not (guarded.repo / "ran").exists()
    inner_allowed = f"{sys.executable} -c '{CLI}' run --allow-unenforced -- touch ran"
    allowed = guarded.sh(inner_allowed)
    assert allowed.returncode == 0, allowed.stderr
    assert "NOT ENFORCED" in allowed.stderr and "nothing is protected" in allowed.stderr
    assert (guarded.repo / "ran").exists()


def test_plan_seals_a_folder_holding_only_protected_entries(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / ".claude").mkdir(parents=True)
    (root / ".claude/settings.json").write_text("{}")
    (root / ".cursor").mkdir()
    (root / ".cursor/rules.md").write_text("be nice")
    (root / "monitoring").mkdir()
    plan = plan_mounts(
        root,
        root,
        [root / ".claude/settings.json", root / "monitoring", root / "monitoring"],
        [],
        expected=[str(root / ".claude/*"), str(root / ".cursor/hooks.json"), str(root / "logging.conf")],
    )
    assert plan.read_only == (str(root / ".claude"), str(root / "monitoring"))
    assert plan.unenforced == (
        ".cursor/hooks.json does not exist yet and could be created",
        "logging.conf does not exist yet and could be created",
    )
    assert plan.mount_points[-1] == str(root) and str(tmp_path) in plan.mount_points
    depths = [p.count("/") for p in plan.mount_points]
    assert depths == sorted(depths)  # outer folders are mounted before the ones inside them


def test_plan_never_seals_an_empty_folder_or_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".codex").mkdir()
    (tmp_path / "oversight.toml").write_text("")
    plan = plan_mounts(
        tmp_path,
        tmp_path,
        [tmp_path / "oversight.toml"],
        [],
        expected=[str(tmp_path / ".codex/hooks.json"), str(tmp_path / "*")],
    )
    assert plan.read_only == (str(tmp_path / "oversight.toml"),)
    assert len(plan.unenforced) == 2


def test_plan_covers_secrets_and_lists_hard_links(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data/ledger.key").write_text("k")
    (tmp_path / "hook").write_text("h")
    os.link(tmp_path / "hook", tmp_path / "hook2")
    plan = plan_mounts(
        tmp_path, tmp_path, [tmp_path / "hook", tmp_path / "data"], [tmp_path / "data/ledger.key"]
    )
    assert plan.hidden == (str(tmp_path / "data/ledger.key"),)
    assert plan.hard_links == (str(tmp_path / "hook"),)
    assert "/dev" not in plan.writable and "/proc" not in plan.writable and "/tmp" in plan.writable
