"""Ordinary agent work inside `oversight run` still works: editing and creating files, git, virtual
environments, package installs, tests, builds, /tmp, reading protected files, exit statuses and stdin."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from test_run_cli import CLI, FILES, Guarded, git, make_guarded, needs_enforcement

pytestmark = needs_enforcement

PY = sys.executable


@pytest.fixture
def guarded(tmp_path: Path) -> Guarded:
    return make_guarded(tmp_path)


# Each script must exit 0 inside the sandbox; `after` checks its effect from outside.
TASKS: dict[str, str] = {
    "edit-source-in-place": "sed -i 's/a + b/b + a/' src/app.py && grep -q 'b + a' src/app.py",
    "rewrite-source-atomically": f"{PY} -c \"import os; open('src/.app.tmp', 'w').write('X = 1\\n'); "
    "os.replace('src/.app.tmp', 'src/app.py')\"",
    "new-file-at-root": "echo notes > NOTES.md",
    "new-files-in-new-folders": "mkdir -p pkg/sub && echo 'x = 1' > pkg/sub/mod.py && touch pkg/__init__.py",
    "rename-and-delete-own-files": "echo a > a.txt && mv a.txt b.txt && rm b.txt && mv README.md README.txt",
    "remove-non-protected-folder": "mkdir -p scratch/deep && touch scratch/deep/f && rm -rf scratch src",
    "git-add-commit": "echo change >> README.md && git add -A && git -c core.hooksPath=/dev/null commit -qm work "
    "&& git log --oneline | grep -q work",
    "git-branch-checkout": "git checkout -qb feature && echo f > f.txt && git add f.txt "
    "&& git commit -qm f --no-verify && git checkout -q main && git branch -D -q feature",
    "git-stash-own-change": "echo wip >> src/app.py && git stash -q && git stash pop -q && grep -q wip src/app.py",
    "git-status-diff-log": "git status --short && git diff HEAD~1 --stat && git log -3 --format=%s",
    "read-protected-files": "cat oversight.toml .git/hooks/pre-commit monitoring/check.py .claude/settings.json",
    "run-pytest": f"{PY} -m pytest -q -p no:cacheprovider tests",
    "python-writes-bytecode": f'PYTHONDONTWRITEBYTECODE= {PY} -c "import src.app" && ls src/__pycache__/',
    "build-folder": f"mkdir -p build && cp -r src build/ && {PY} -m compileall -q build && ls build/src",
    "makefile": "printf 'all:\\n\\tmkdir -p out && echo built > out/result\\n' > Makefile && make -s && cat out/result",
    "tmp-files": 'f=$(mktemp) && echo data > "$f" && d=$(mktemp -d) && mv "$f" "$d/x" && rm -r "$d"',
    "home-cache": "mkdir -p ~/.cache/tool && echo 1 > ~/.cache/tool/state && cat ~/.cache/tool/state",
    "symlinks-and-hard-links-of-own-files": "ln -s src/app.py app_link.py && ln README.md README.hard && cat app_link.py",
    "chmod-own-script": "printf '#!/bin/sh\\necho ran\\n' > run.sh && chmod +x run.sh && ./run.sh",
    "devices-and-shm": f"echo x > /dev/null && head -c 4 /dev/urandom > /dev/null && {PY} -c "
    '"import multiprocessing as m; q = m.Queue(); q.put(1); print(q.get())"',
    "sqlite-database": f"{PY} -c \"import sqlite3; c = sqlite3.connect('app.db'); c.execute('create table t(x)'); "
    "c.execute('insert into t values (1)'); c.commit()\"",
    "subprocesses-and-pipes": "seq 1 100 | sort -nr | head -1 | grep -q 100 && (sleep 0.1 &) && wait",
    "loopback-network": f"{PY} -c \"import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(); "
    "c = socket.create_connection(s.getsockname()); print('ok')\"",
}

AFTER: dict[str, tuple[str, str]] = {
    "new-file-at-root": ("NOTES.md", "notes\n"),
    "new-files-in-new-folders": ("pkg/sub/mod.py", "x = 1\n"),
    "makefile": ("out/result", "built\n"),
    "rewrite-source-atomically": ("src/app.py", "X = 1\n"),
}


@pytest.mark.parametrize("task", sorted(TASKS))
def test_task_works(guarded: Guarded, task: str) -> None:
    before = guarded.snapshot()
    result = guarded.sh(TASKS[task])
    assert result.returncode == 0, result.stdout + result.stderr
    if task in AFTER:
        rel, text = AFTER[task]
        assert (guarded.repo / rel).read_text() == text
    assert guarded.snapshot() == before


def test_commit_is_real(guarded: Guarded) -> None:
    result = guarded.sh("echo more >> README.md && git add README.md && git commit -qm inside --no-verify")
    assert result.returncode == 0, result.stderr
    assert git(guarded.repo, "log", "-1", "--format=%s").strip() == "inside"
    assert git(guarded.repo, "show", "HEAD:README.md") == FILES["README.md"] + "more\n"


def test_virtualenv_and_local_package_install(guarded: Guarded) -> None:
    wheel = guarded.repo / "dist/localpkg-1.0-py3-none-any.whl"
    wheel.parent.mkdir()
    info = "localpkg-1.0.dist-info"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("localpkg/__init__.py", "VALUE = 42\n")
        archive.writestr(f"{info}/METADATA", "Metadata-Version: 2.1\nName: localpkg\nVersion: 1.0\n")
        archive.writestr(
            f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        )
        archive.writestr(
            f"{info}/RECORD", f"localpkg/__init__.py,,\n{info}/METADATA,,\n{info}/WHEEL,,\n{info}/RECORD,,\n"
        )
    script = (
        f"{PY} -m venv .venv && .venv/bin/python -m pip install -q --no-index --disable-pip-version-check "
        "dist/localpkg-1.0-py3-none-any.whl && .venv/bin/python -c 'import localpkg; print(localpkg.VALUE)'"
    )
    result = guarded.sh(script, timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("42")
    assert list((guarded.repo / ".venv/lib").glob("python3*/site-packages/localpkg/__init__.py"))


@pytest.mark.parametrize(("script", "status"), [("exit 0", 0), ("exit 5", 5), ("kill -KILL $$", 137)])
def test_exit_status_passes_through(guarded: Guarded, script: str, status: int) -> None:
    assert guarded.sh(script).returncode == status


def test_stdin_and_output_pass_through(guarded: Guarded) -> None:
    result = guarded.run("tr", "a-z", "A-Z", stdin="hello\n")
    assert (result.returncode, result.stdout) == (0, "HELLO\n")


def test_command_runs_in_the_current_folder_as_the_same_user(guarded: Guarded) -> None:
    result = guarded.sh('pwd; id -u; id -g; test "$(stat -c %u README.md)" = "$(id -u)"')
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(guarded.repo), str(os.getuid()), str(os.getgid())]


@pytest.mark.parametrize(
    ("sig", "group", "status"),
    [(signal.SIGTERM, False, 143), (signal.SIGINT, True, 130)],
    ids=["term", "ctrl-c"],
)
def test_signals_from_outside_reach_the_command(
    guarded: Guarded, sig: signal.Signals, group: bool, status: int
) -> None:
    """SIGTERM to `oversight run` is passed down to the command; Ctrl-C (SIGINT to the whole process group)
    stops the command, and `oversight run` reports it as 128+n."""
    argv = [PY, "-c", CLI, "run", "--", "bash", "-c", "echo started; exec sleep 30"]
    process = subprocess.Popen(
        argv, cwd=guarded.repo, env=guarded.env, stdout=subprocess.PIPE, start_new_session=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline() == b"started\n"
        if group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        assert process.wait(timeout=10) == status
    finally:
        process.kill()
        process.wait()
