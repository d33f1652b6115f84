"""Hook latency: whole `oversight hook claude-code < EVENT.json` processes, start to answer, against
`python3 -c pass` (and the hook's own interpreter doing nothing) in the same hyperfine run, for typical events (Bash `ls -la`, an Edit of a source file, a
Write of a protected file that is denied, a Read), with `oversight guard serve` and the ledger server
running (the hook process only asks the resident guard), with the ledger server alone (each hook process
decides in-process), and with neither (each decision appended directly). The quality bar: median <= 60 ms.

    .venv/bin/python benchmarks/hook_latency.py [--runs 30] [--warmup 3] [--importtime]

Needs hyperfine (https://github.com/sharkdp/hyperfine): `apt-get install hyperfine`, `cargo install hyperfine`
or `brew install hyperfine`. Everything runs in a temporary folder (a git repository with an oversight.toml,
a ledger and its server). `--importtime` also prints the slowest imports of one hook process
(`python -X importtime`). The last line is a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OVERSIGHT = Path(sys.executable).with_name("oversight")
BAR_MS = 60.0


def events(repo: Path) -> dict[str, dict[str, object]]:
    def claude(tool: str, tool_input: dict[str, object]) -> dict[str, object]:
        return {
            "session_id": "bench",
            "transcript_path": str(repo / "transcript.jsonl"),
            "cwd": str(repo),
            "permission_mode": "default",
            "hook_event_name": "PreToolUse",
            "tool_name": tool,
            "tool_input": tool_input,
            "tool_use_id": "toolu_bench",
        }

    source = repo / "src" / "calc.py"
    return {
        "bash-ls": claude("Bash", {"command": "ls -la", "description": "list files"}),
        "edit-source": claude(
            "Edit",
            {"file_path": str(source), "old_string": "return a + b", "new_string": "return b + a"},
        ),
        "write-protected": claude(
            "Write", {"file_path": str(repo / "monitoring" / "alerts.py"), "content": "ALERT = False\n"}
        ),
        "read": claude("Read", {"file_path": str(source)}),
    }


def make_repo(root: Path) -> Path:
    repo = root / "repo"
    (repo / "src").mkdir(parents=True)
    (repo / "monitoring").mkdir()
    (repo / "tests").mkdir()
    (repo / "oversight.toml").write_text('[guard]\ndeny = ["monitoring/**"]\nask = ["tests/**"]\n')
    (repo / "src" / "calc.py").write_text(
        '"""A calculator."""\n\n\ndef add(a: int, b: int) -> int:\n    return a + b\n' * 20
    )
    (repo / "monitoring" / "alerts.py").write_text("ALERT = True\n")
    (repo / "tests" / "test_calc.py").write_text(
        "from src.calc import add\n\n\ndef test_add():\n    assert add(1, 2) == 3\n"
    )
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "base"],
    ):
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)
    return repo


def hyperfine(
    commands: dict[str, str], env: dict[str, str], runs: int, warmup: int, out: Path
) -> dict[str, tuple[float, float]]:
    """Median wall seconds and mean CPU seconds (user + system) per named command, from one hyperfine run
    (the shell's start-up is subtracted). CPU time is the steadier figure on a busy machine."""
    args = ["hyperfine", "--style", "basic", "--runs", str(runs), "--warmup", str(warmup), "-i"]
    args += ["--export-json", str(out)]
    for name, command in commands.items():
        args += ["-n", name, command]
    subprocess.run(args, env=env, check=True, stdout=sys.stderr)
    results = json.loads(out.read_text())["results"]
    return {
        item["command"]: (float(item["median"]), float(item["user"]) + float(item["system"]))
        for item in results
    }


def serve_guard(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """`oversight guard serve` on its default socket, DATA/oversight/guard.sock."""
    server = subprocess.Popen(
        [str(OVERSIGHT), "guard", "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    socket = Path(env["XDG_DATA_HOME"]) / "oversight" / "guard.sock"
    deadline = time.monotonic() + 30
    while not socket.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("hook_latency: the guard server did not start")
        time.sleep(0.05)
    return server


def serve(ledger: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [str(OVERSIGHT), "ledger", "serve", "--ledger", str(ledger)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(str(ledger) + ".sock")
    deadline = time.monotonic() + 30
    while not socket.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("hook_latency: the ledger server did not start")
        time.sleep(0.05)
    return server


def importtime(event: Path, env: dict[str, str]) -> list[tuple[int, str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", str(OVERSIGHT), "hook", "claude-code"],
        stdin=event.open("rb"),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((int(parts[1]), parts[2].rstrip()))
    return sorted(rows, reverse=True)[:15]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--importtime", action="store_true")
    args = parser.parse_args()
    if shutil.which("hyperfine") is None:
        print("hook_latency: hyperfine is not installed (apt-get install hyperfine)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        repo = make_repo(root)
        ledger = root / "data" / "ledger.db"
        ledger.parent.mkdir()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(root),
            "XDG_DATA_HOME": str(root / "data"),
            "OVERSIGHT_LEDGER": str(ledger),
        }
        commands = {
            "python3 -c pass": "python3 -c pass < /dev/null",
            "venv python -c pass": f"{shlex.quote(sys.executable)} -c pass < /dev/null",
        }
        for name, event in events(repo).items():
            path = root / f"{name}.json"
            path.write_text(json.dumps(event))
            commands[name] = f"{shlex.quote(str(OVERSIGHT))} hook claude-code < {shlex.quote(str(path))}"
        server = serve(ledger, env)
        try:
            if args.importtime:
                for ms, name in importtime(root / "edit-source.json", env):
                    print(f"  {ms / 1000:7.1f} ms  {name}", file=sys.stderr)
            guard_server = serve_guard(env)
            try:
                with_guard = hyperfine(commands, env, args.runs, args.warmup, root / "guard.json")
            finally:
                guard_server.terminate()
                guard_server.wait(10)
            with_server = hyperfine(commands, env, args.runs, args.warmup, root / "server.json")
        finally:
            server.terminate()
            server.wait(10)
        direct = hyperfine(commands, env, args.runs, args.warmup, root / "direct.json")

    runs = {"guard": with_guard, "server": with_server, "direct": direct}
    print(f"{'event':<20}" + "".join(f" {run + ' ms':>10} {'cpu ms':>7} {'x python3':>9}" for run in runs))
    for name in commands:
        row = f"{name:<20}"
        for results in runs.values():
            median, cpu = results[name]
            row += f" {median * 1000:10.1f} {cpu * 1000:7.1f} {median / results['python3 -c pass'][0]:9.2f}"
        print(row)
    print("guard: with `oversight guard serve` and the ledger server; server: the ledger server alone")
    hooks = [n for n in commands if not n.endswith("-c pass")]
    worst = max(with_guard[n][0] for n in hooks) * 1000
    worst_alone = max(with_server[n][0] for n in hooks) * 1000
    print(
        f"bar: median <= {BAR_MS:.0f} ms with `oversight guard serve`: {'met' if worst <= BAR_MS else 'NOT met'}"
        f"; without it: {'met' if worst_alone <= BAR_MS else 'NOT met'}"
    )
    summary = {
        "median_ms_guard": {n: round(with_guard[n][0] * 1000, 1) for n in commands},
        "cpu_ms_guard": {n: round(with_guard[n][1] * 1000, 1) for n in commands},
        "median_ms_server": {n: round(with_server[n][0] * 1000, 1) for n in commands},
        "cpu_ms_server": {n: round(with_server[n][1] * 1000, 1) for n in commands},
        "median_ms_direct": {n: round(direct[n][0] * 1000, 1) for n in commands},
        "cpu_ms_direct": {n: round(direct[n][1] * 1000, 1) for n in commands},
        "bar_ms": BAR_MS,
        "met": worst <= BAR_MS,
        "met_without_guard_server": worst_alone <= BAR_MS,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
