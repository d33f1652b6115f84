"""`oversight install claude-code|codex|gemini|cursor|copilot|git`: write or merge the hook configuration that
runs `oversight hook AGENT` (or git's pre-commit and pre-push hooks running `oversight scan`).

Idempotent and polite: the user's other settings and other hooks are kept, running it twice changes nothing,
a settings file that is not valid JSON is left untouched (one-line error), and an existing git hook is
chained, not clobbered. The hooks point at the absolute path of this `oversight` (or `--command`).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UsageError

TARGETS = ("claude-code", "codex", "gemini", "cursor", "copilot", "git")
PRE_TIMEOUT_S = 30
POST_TIMEOUT_S = 60
GIT_MARKER = "# installed by `oversight install git`"
LOCAL_SUFFIX = ".local"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Install oversight's hooks for a coding agent (its hook configuration, merged with yours) or git's "
        "pre-commit and pre-push hooks (chained after any you have)."
    )
    parser.add_argument("target", choices=TARGETS, help="the agent, or git")
    parser.add_argument("--path", default=".", help="the repository (default .)")
    parser.add_argument(
        "--user", action="store_true", help="install in the user's settings, not the repository's"
    )
    parser.add_argument(
        "--command",
        dest="hook_command",
        help="the oversight command the hooks run (default: this oversight's path)",
    )


def run(args: argparse.Namespace) -> int:
    command = args.hook_command or oversight_command()
    if not command.strip():
        raise UsageError("--command is empty")
    target: str = args.target
    if target == "git":
        if args.user:
            raise UsageError("git hooks are installed per repository; --user does not apply")
        changed = install_git(_repository(Path(args.path)), command)
        _report(changed, "git hooks (pre-commit, pre-push)")
        return 0
    if target == "copilot" and args.user:
        raise UsageError("Copilot reads hooks from the repository's .github/hooks/; --user does not apply")
    root = Path.home() if args.user else _project_root(Path(args.path))
    path = settings_path(target, root, user=args.user)
    changed = merge_file(path, lambda data: MERGERS[target](data, command))
    _report(changed, str(path))
    if target == "codex":
        print(
            "oversight: Codex runs hooks only with `[features] hooks = true` in config.toml, and only once you "
            "have trusted them (`/hooks` in codex)",
            file=sys.stderr,
        )
    return 0


def _report(changed: list[str], where: str) -> None:
    if changed:
        for item in changed:
            print(f"oversight: installed {item}")
    else:
        print(f"oversight: already installed in {where}; nothing changed")


def oversight_command() -> str:
    """The absolute path of the `oversight` running now (its console script), quoted for a shell."""
    candidates = [sys.argv[0] if sys.argv and os.path.basename(sys.argv[0]) == "oversight" else ""]
    candidates.append(os.path.join(os.path.dirname(sys.executable), "oversight"))
    candidates.append(shutil.which("oversight") or "")
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return shlex.quote(os.path.abspath(candidate))
    return f"{shlex.quote(sys.executable)} -m oversight"


def _project_root(path: Path) -> Path:
    if not path.is_dir():
        raise UsageError(f"not a directory: {path}")
    try:
        return _repository(path)
    except UsageError:
        return path.resolve()


def _repository(path: Path) -> Path:
    if not path.is_dir():
        raise UsageError(f"not a directory: {path}")
    done = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise UsageError(f"not a git repository: {path}")
    return Path(done.stdout.strip())


def settings_path(target: str, root: Path, *, user: bool) -> Path:
    if target == "claude-code":
        return root / ".claude" / "settings.json"
    if target == "codex":
        home = os.environ.get("CODEX_HOME") if user else None
        return Path(home) / "hooks.json" if home else root / ".codex" / "hooks.json"
    if target == "gemini":
        return root / ".gemini" / "settings.json"
    if target == "cursor":
        return root / ".cursor" / "hooks.json"
    return root / ".github" / "hooks" / "oversight.json"


def merge_file(path: Path, merge: Callable[[dict[str, Any]], list[str]]) -> list[str]:
    """Load a JSON settings file (absent = {}), merge, and write it back only when something changed."""
    data: dict[str, Any] = {}
    if path.exists():
        try:
            loaded = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path} is not valid JSON ({exc}); left untouched") from None
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
        if not isinstance(loaded, dict):
            raise UsageError(f"{path} is not a JSON object; left untouched")
        data = loaded
    before = json.dumps(data, sort_keys=True)
    changed = merge(data)
    if json.dumps(data, sort_keys=True) == before:
        return []
    _write(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return [f"{item} in {path}" for item in changed]


def _write(path: Path, text: str, mode: int | None = None) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.oversight-tmp")
        temporary.write_text(text, encoding="utf-8")
        if mode is not None:
            temporary.chmod(mode)
        elif path.exists():
            temporary.chmod(stat.S_IMODE(path.stat().st_mode))
        os.replace(temporary, path)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None


def is_ours(command: object, agent: str) -> bool:
    """Whether a hook command runs `oversight hook AGENT` (whatever path or launcher it uses)."""
    if not isinstance(command, str):
        return False
    try:
        words = shlex.split(command)
    except ValueError:
        return False
    return words[-2:] == ["hook", agent] and any("oversight" in os.path.basename(w) for w in words[:-2])


def _object(parent: dict[str, Any], key: str, kind: type, where: str) -> Any:
    value = parent.setdefault(key, kind())
    if not isinstance(value, kind):
        raise UsageError(
            f"{where}: {key!r} is not a JSON {'object' if kind is dict else 'array'}; left untouched"
        )
    return value


def merge_matcher_groups(
    settings: dict[str, Any], event: str, matcher: str | None, hook: dict[str, Any], agent: str, where: str
) -> bool:
    """Claude Code's shape (Codex and Gemini share it): hooks.EVENT = [{matcher, hooks: [{type, command}]}].
    Our hook lives alone in its own group; a copy of it inside a group of the user's is moved out."""
    hooks = _object(settings, "hooks", dict, where)
    groups = _object(hooks, event, list, where)
    wanted: dict[str, Any] = ({"matcher": matcher} if matcher is not None else {}) | {"hooks": [hook]}
    kept: list[Any] = []
    placed = False
    for group in groups:
        inner = group.get("hooks") if isinstance(group, dict) else None
        if not isinstance(inner, list) or not any(
            isinstance(h, dict) and is_ours(h.get("command"), agent) for h in inner
        ):
            kept.append(group)
            continue
        others = [h for h in inner if not (isinstance(h, dict) and is_ours(h.get("command"), agent))]
        if others:
            kept.append({**group, "hooks": others})
        if not placed:
            kept.append(wanted)
            placed = True
    if not placed:
        kept.append(wanted)
    changed = bool(kept != groups)
    groups[:] = kept
    return changed


def merge_flat(
    settings: dict[str, Any], event: str, entry: dict[str, Any], key: str, agent: str, where: str
) -> bool:
    """Cursor's and Copilot's shape: {"version": 1, "hooks": {EVENT: [{command | bash, ...}]}}."""
    if settings.get("version", 1) != 1:
        raise UsageError(f"{where}: hooks file version {settings.get('version')!r} is not 1; left untouched")
    settings["version"] = 1
    hooks = _object(settings, "hooks", dict, where)
    entries = _object(hooks, event, list, where)
    kept: list[Any] = []
    placed = False
    for item in entries:
        if isinstance(item, dict) and is_ours(item.get(key), agent):
            if not placed:
                kept.append(entry)
                placed = True
            continue
        kept.append(item)
    if not placed:
        kept.append(entry)
    changed = bool(kept != entries)
    entries[:] = kept
    return changed


def _claude(data: dict[str, Any], command: str) -> list[str]:
    run = f"{command} hook claude-code"
    out = []
    if merge_matcher_groups(
        data, "PreToolUse", "*", _command_hook(run, PRE_TIMEOUT_S), "claude-code", "settings"
    ):
        out.append("PreToolUse hook (every tool)")
    post = "Write|Edit|MultiEdit|NotebookEdit|Bash"
    if merge_matcher_groups(
        data, "PostToolUse", post, _command_hook(run, POST_TIMEOUT_S), "claude-code", "settings"
    ):
        out.append(f"PostToolUse hook ({post})")
    return out


def _codex(data: dict[str, Any], command: str) -> list[str]:
    run = f"{command} hook codex"
    out = []
    if merge_matcher_groups(
        data, "PreToolUse", None, _command_hook(run, PRE_TIMEOUT_S), "codex", "hooks.json"
    ):
        out.append("PreToolUse hook (every tool)")
    if merge_matcher_groups(
        data, "PostToolUse", "Bash|apply_patch", _command_hook(run, POST_TIMEOUT_S), "codex", "hooks.json"
    ):
        out.append("PostToolUse hook (Bash|apply_patch)")
    return out


def _gemini(data: dict[str, Any], command: str) -> list[str]:
    run = f"{command} hook gemini"
    before = _command_hook(run, PRE_TIMEOUT_S * 1000) | {"name": "oversight-guard"}
    after = _command_hook(run, POST_TIMEOUT_S * 1000) | {"name": "oversight-scan"}
    out = []
    if merge_matcher_groups(data, "BeforeTool", ".*", before, "gemini", "settings"):
        out.append("BeforeTool hook (every tool)")
    tools = "write_file|replace|run_shell_command"
    if merge_matcher_groups(data, "AfterTool", tools, after, "gemini", "settings"):
        out.append(f"AfterTool hook ({tools})")
    return out


def _cursor(data: dict[str, Any], command: str) -> list[str]:
    run = f"{command} hook cursor"
    out = []
    for event in ("preToolUse", "beforeShellExecution", "beforeMCPExecution", "beforeReadFile"):
        entry = {"command": run, "timeout": PRE_TIMEOUT_S, "failClosed": True}
        if merge_flat(data, event, entry, "command", "cursor", "hooks.json"):
            out.append(f"{event} hook")
    if merge_flat(
        data, "afterFileEdit", {"command": run, "timeout": POST_TIMEOUT_S}, "command", "cursor", "hooks.json"
    ):
        out.append("afterFileEdit hook")
    return out


def _copilot(data: dict[str, Any], command: str) -> list[str]:
    run = f"{command} hook copilot"
    out = []
    for event, timeout in (("preToolUse", PRE_TIMEOUT_S), ("postToolUse", POST_TIMEOUT_S)):
        entry = {"type": "command", "bash": run, "timeoutSec": timeout}
        if merge_flat(data, event, entry, "bash", "copilot", "oversight.json"):
            out.append(f"{event} hook")
    return out


def _command_hook(command: str, timeout: int) -> dict[str, Any]:
    return {"type": "command", "command": command, "timeout": timeout}


MERGERS: dict[str, Callable[[dict[str, Any], str], list[str]]] = {
    "claude-code": _claude,
    "codex": _codex,
    "gemini": _gemini,
    "cursor": _cursor,
    "copilot": _copilot,
}


def hooks_folder(repo: Path) -> Path:
    """Where git looks for hooks: core.hooksPath (relative to the work tree's top) or the common git dir's."""
    configured = _git(repo, "config", "--get", "core.hooksPath")
    if configured:
        folder = Path(os.path.expanduser(configured))
        return folder if folder.is_absolute() else repo / folder
    common = Path(_git(repo, "rev-parse", "--git-common-dir"))
    return (common if common.is_absolute() else repo / common) / "hooks"


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else ""


def install_git(repo: Path, command: str) -> list[str]:
    """Write pre-commit and pre-push hooks that run `oversight scan`; a hook already there (not ours) is kept
    as HOOK.local and run first."""
    folder = hooks_folder(repo)
    changed = []
    for name, body in (("pre-commit", PRE_COMMIT), ("pre-push", PRE_PUSH)):
        path = folder / name
        local = folder / (name + LOCAL_SUFFIX)
        if (path.exists() or path.is_symlink()) and not _is_our_git_hook(path):
            if local.exists() or local.is_symlink():
                raise UsageError(
                    f"{path} exists and so does {local}; move one of them away, then install again"
                )
            try:
                path.rename(local)
            except OSError as exc:
                raise UsageError(f"cannot move {path} aside: {exc.strerror or exc}") from None
            changed.append(f"kept your {name} hook as {local} (it runs first)")
        text = _script(body, command, name)
        current = path.read_text(encoding="utf-8") if path.is_file() and not path.is_symlink() else None
        if current != text or not os.access(path, os.X_OK):
            _write(path, text, mode=0o755)
            changed.append(f"{name} hook in {path}")
    return changed


def _is_our_git_hook(path: Path) -> bool:
    try:
        return (
            path.is_file()
            and not path.is_symlink()
            and GIT_MARKER in path.read_text(encoding="utf-8", errors="replace")
        )
    except OSError:
        return False


def _script(body: str, command: str, name: str) -> str:
    return (
        "#!/bin/sh\n"
        f"{GIT_MARKER}: scans what is being {'committed' if name == 'pre-commit' else 'pushed'} for reward hacks and\n"
        "# oversight tampering. A hook that was here before runs first, as HOOK.local.\n"
        f"OVERSIGHT={shlex.quote(command)}\n" + body
    )


PRE_COMMIT = r"""hook_dir=$(dirname "$0")
if [ -x "$hook_dir/pre-commit.local" ]; then
    "$hook_dir/pre-commit.local" "$@" || exit $?
fi
if git diff --cached --quiet; then
    exit 0
fi
top=$(git rev-parse --show-toplevel) || exit 2
if git rev-parse --verify --quiet HEAD >/dev/null; then
    git diff --cached --no-color --no-ext-diff -M | eval "$OVERSIGHT scan --diff - --base HEAD \"\$top\""
else
    git diff --cached --no-color --no-ext-diff -M | eval "$OVERSIGHT scan --diff - \"\$top\""
fi
status=$?
if [ $status -ne 0 ]; then
    echo "oversight: commit refused (scan exit $status); see above" >&2
fi
exit $status
"""

PRE_PUSH = r"""hook_dir=$(dirname "$0")
input=$(cat)
if [ -x "$hook_dir/pre-push.local" ]; then
    printf '%s\n' "$input" | "$hook_dir/pre-push.local" "$@" || exit $?
fi
top=$(git rev-parse --show-toplevel) || exit 2
remote=$1
status=0
is_zero() { case $1 in *[!0]*) return 1 ;; *) return 0 ;; esac; }
while read -r local_ref local_sha remote_ref remote_sha; do
    [ -n "$local_sha" ] || continue
    is_zero "$local_sha" && continue
    if is_zero "$remote_sha" || ! git cat-file -e "$remote_sha^{commit}" 2>/dev/null; then
        first=$(git rev-list --reverse "$local_sha" --not --remotes="$remote" | head -n 1)
        [ -n "$first" ] || continue
        base=$(git rev-parse --verify --quiet "$first^") || {
            echo "oversight: $local_ref starts a new history; not scanned" >&2
            continue
        }
    else
        base=$remote_sha
    fi
    eval "$OVERSIGHT scan --base \"\$base\" --head \"\$local_sha\" \"\$top\"" || status=$?
done <<EOF
$input
EOF
if [ $status -ne 0 ]; then
    echo "oversight: push refused (scan exit $status); see above" >&2
fi
exit $status
"""
