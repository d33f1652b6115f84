"""Wrappers, shells, interpreters, the shell's own state and processes: what `shell.analyse` makes of them.

Wrappers (`sudo`, `env`, `timeout`, `npx`, `xargs`, `find -exec`, …) unwrap and hand the inner command back
to the walker; shells and interpreters hand it their code; `kill`, `systemctl` and `oversight` itself are
checked for switching oversight off.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from .shell import (
    _OVERSIGHT_PROCESS_LINES,
    _OVERSIGHT_PROCESS_NAMES,
    _SHELLS,
    _Cmd,
    _handles,
    _names,
    _parse,
    _Walker,
    _Word,
)


# -- wrappers ----------------------------------------------------------------------------------------
def _inner(walker: _Walker, cmd: _Cmd, start: int) -> None:
    """Run cmd.words[start:] as a command of its own (same input, same environment)."""
    if start < len(cmd.words):
        inner = cmd.shifted(start)
        inner.env = cmd.env
        walker.run(inner)


def _skip_options(args: list[_Word], with_value: str, long_values: Iterable[str] = ()) -> int:
    """Index (into args) of the first operand, skipping options (and their values)."""
    long_set = set(long_values)
    index = 0
    while index < len(args):
        text = args[index].text
        if text == "--":
            return index + 1
        if not text.startswith("-") or text == "-" or args[index].dynamic is not None:
            return index
        if text.startswith("--"):
            name = text[2:].partition("=")[0]
            index += 2 if name in long_set and "=" not in text else 1
            continue
        cluster = text[1:]
        index += 1
        for pos, letter in enumerate(cluster):
            if letter in with_value:
                if pos == len(cluster) - 1:
                    index += 1
                break
    return index


@_handles("sudo", "doas", "pkexec")
def _sudo(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    parsed = _parse(
        args,
        "ugCDhpRrtTU",
        _names("user group chdir prompt host role type"),
        stop_at_operand=True,
    )
    if parsed.has("s", "i", "shell", "login") and not parsed.operands:
        if cmd.stdin != "terminal":
            _stdin_code(walker, cmd, "shell")
        return
    if parsed.has("e", "edit"):
        for operand in parsed.operands:
            walker.add("write", operand, "sudoedit", cmd)
        return
    start = len(cmd.words) - len(parsed.operands)
    if parsed.has("s", "i", "shell", "login") and parsed.operands:
        walker.recurse(" ".join(w.raw or w.text for w in parsed.operands), cmd, "sudo -s")
        return
    _inner(walker, cmd, start)


@_handles("sudoedit")
def _sudoedit(walker: _Walker, cmd: _Cmd) -> None:
    for operand in _parse(cmd.args, "ugCDhpRrtTU").operands:
        walker.add("write", operand, "sudoedit", cmd)


@_handles("env")
def _env(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    index = 0
    state = walker.state
    while index < len(args):
        text = args[index].text
        if text in {"-u", "--unset"} and index + 1 < len(args):
            name = args[index + 1].text
            if name.startswith("OVERSIGHT") or "hookspath" in name.lower():
                walker.off(f"env -u {name}", cmd)
            index += 2
        elif text.startswith("--unset=") or (text.startswith("-u") and len(text) > 2):
            name = text.split("=", 1)[1] if "=" in text else text[2:]
            if name.startswith("OVERSIGHT"):
                walker.off(f"env -u {name}", cmd)
            index += 1
        elif text in {"-C", "--chdir"} and index + 1 < len(args):
            target = args[index + 1]
            state = state.copy()
            state.cwd = None if target.dynamic else walker.join(target.text)
            index += 2
        elif text in {"-S", "--split-string"} and index + 1 < len(args):
            walker.recurse(" ".join(w.text for w in args[index + 1 :]), cmd, "env -S")
            return
        elif text.startswith("-") and text != "-":
            index += 1
        elif "=" in text and text.split("=", 1)[0].isidentifier():
            name, _, value = text.partition("=")
            walker.assignment(name, _Word(value, args[index].dynamic, raw=value), cmd)
            index += 1
        else:
            break
    if index < len(args):
        inner = cmd.shifted(index + 1)
        if state is not walker.state:
            child = walker.child(state)
            child.run(inner)
        else:
            walker.run(inner)


@_handles(
    "nice",
    "nohup",
    "time",
    "command",
    "builtin",
    "exec",
    "stdbuf",
    "ionice",
    "chrt",
    "taskset",
    "setsid",
    "unbuffer",
    "caffeinate",
    "xvfb-run",
    "torsocks",
    "proxychains",
    "proxychains4",
    "catchsegv",
    "strace",
    "ltrace",
    "ccache",
    "fakeroot",
    "faketime",
    "firejail",
    "systemd-run",
    "flock",
    "chroot",
    "timeout",
    "watch",
    "script",
    "runuser",
    "busybox",
)
def _wrapper(walker: _Walker, cmd: _Cmd) -> None:
    name = cmd.name
    args = cmd.args
    if name == "command" and args and args[0].text in {"-v", "-V"}:
        return
    if name == "exec":
        index = _skip_options(args, "a")
    elif name == "nice":
        index = _skip_options(args, "n", {"adjustment"})
    elif name == "time":
        parsed = _parse(args, "fo", frozenset({"format", "output"}), stop_at_operand=True)
        for target in parsed.values("o", "output"):
            walker.add("write", target, "time -o", cmd)
        index = len(args) - len(parsed.operands)
    elif name == "timeout":
        index = _skip_options(args, "sk", {"signal", "kill-after"}) + 1  # then DURATION
    elif name == "stdbuf":
        index = _skip_options(args, "ioe", {"input", "output", "error"})
    elif name == "ionice":
        index = _skip_options(args, "cnp", {"class", "classdata", "pid"})
    elif name in {"chrt", "taskset"}:
        index = _skip_options(args, "") + 1  # priority / mask
    elif name == "strace" or name == "ltrace":
        parsed = _parse(args, "oeEpPsSuIabX", frozenset({"output"}), stop_at_operand=True)
        for target in parsed.values("o", "output"):
            walker.add("write", target, f"{name} -o", cmd)
        index = len(args) - len(parsed.operands)
    elif name == "flock":
        parsed = _parse(args, "wEc", _names("timeout conflict-exit-code command"), stop_at_operand=True)
        for text in parsed.values("c", "command"):
            walker.recurse(text.text, cmd, "flock -c")
        index = len(args) - len(parsed.operands) + 1  # the lock file
    elif name == "chroot":
        walker.opaque("chroot: paths are inside another root", cmd)
        return
    elif name == "watch":
        index = _skip_options(args, "nd", {"interval", "differences"})
        if index < len(args):
            walker.recurse(" ".join(w.raw or w.text for w in args[index:]), cmd, "watch")
        return
    elif name == "script":
        parsed = _parse(args, "cEIOBTm", _names("command log-in log-out log-io log-timing"))
        for text in parsed.values("c", "command"):
            walker.recurse(text.text, cmd, "script -c")
        for target in parsed.operands[:1]:
            walker.add("write", target, "script (typescript file)", cmd)
        return
    elif name == "runuser":
        parsed = _parse(args, "ugcs", _names("user group command shell"))
        for text in parsed.values("c", "command"):
            walker.recurse(text.text, cmd, "runuser -c")
        return
    elif name == "systemd-run":
        index = _skip_options(
            args,
            "pEuM",
            {
                "property",
                "setenv",
                "unit",
                "uid",
                "gid",
                "machine",
                "working-directory",
                "description",
                "slice",
            },
        )
    elif name == "firejail":
        index = _skip_options(args, "")
    else:
        index = _skip_options(args, "")
    _inner(walker, cmd, index + 1)


_RUNNERS = {  # name → the sub-commands after which a program and its arguments follow ("" = directly)
    "npx": {""},
    "pnpx": {""},
    "bunx": {""},
    "uvx": {""},
    "uv": {"run", "tool"},
    "poetry": {"run"},
    "pipenv": {"run"},
    "pdm": {"run"},
    "hatch": {"run"},
    "rye": {"run"},
    "conda": {"run"},
    "mamba": {"run"},
    "micromamba": {"run"},
    "pixi": {"run", "exec"},
    "pnpm": {"exec", "dlx"},
    "yarn": {"exec", "dlx"},
    "npm": {"exec"},
    "bundle": {"exec"},
    "pipx": {"run"},
    "direnv": {"exec"},
    "dotenv": {""},
    "nix-shell": set(),
    "devbox": {"run"},
}


@_handles(*_RUNNERS)
def _runner(walker: _Walker, cmd: _Cmd) -> None:
    """Tools that run another program: `npx prettier --write x`, `uv run black x`, `poetry run pytest`."""
    subs = _RUNNERS[cmd.name]
    args = cmd.args
    index = 0
    if "" not in subs:
        while index < len(args) and args[index].text.startswith("-"):
            index += 1
        if index >= len(args) or args[index].text not in subs:
            return
        index += 1
        if cmd.name == "uv" and args[index - 1].text == "tool":
            if index >= len(args) or args[index].text != "run":
                return
            index += 1
        if cmd.name == "direnv":
            index += 1  # the directory
    values = {
        "-p",
        "--package",
        "-c",
        "--call",
        "--with",
        "--python",
        "-n",
        "--name",
        "--prefix",
        "-e",
        "--env",
        "--from",
        "--spec",
        "--directory",
        "--project",
        "--env-file",
    }
    while index < len(args) and args[index].text.startswith("-") and args[index].text != "--":
        index += 2 if args[index].text in values else 1
    if index < len(args) and args[index].text == "--":
        index += 1
    _inner(walker, cmd, index + 1)


@_handles("npm", "pnpm", "yarn")
def _package_manager(walker: _Walker, cmd: _Cmd) -> None:
    """`npm pkg set scripts.test=…` rewrites package.json; `npm exec`, `pnpm dlx`… run another program."""
    texts = [w.text for w in cmd.args]
    positional = [t for t in texts if not t.startswith("-")]
    if positional[:2] in (["pkg", "set"], ["pkg", "delete"]) or positional[:1] == ["set-script"]:
        walker.add(
            "write", _Word("package.json", raw="package.json"), f"{cmd.name} {' '.join(positional[:2])}", cmd
        )
    elif (
        cmd.name == "npm"
        and positional[:1] in (["test"], ["t"])
        and ("-u" in texts or "--updateSnapshot" in texts)
    ):
        walker.opaque("npm test -u: rewrites the tests' snapshots", cmd)
    else:
        _runner(walker, cmd)


_SNAPSHOT_UPDATES = _names(
    "-u --updateSnapshot --update-snapshots --snapshot-update --force-regen --regen-all --update-goldens "
    "--update-golden --accept --inline-snapshot=fix --inline-snapshot=create --update"
)


@_handles("pytest", "py.test", "jest", "vitest", "cargo-insta", "insta")
def _test_runner(walker: _Walker, cmd: _Cmd) -> None:
    """Test runners are programs, but some flags rewrite the tests' expected results (snapshots, goldens)."""
    flags = [w.text for w in cmd.args if w.text in _SNAPSHOT_UPDATES]
    if cmd.name == "pytest" or cmd.name == "py.test":
        flags = [f for f in flags if f != "-u"]
    if flags:
        walker.opaque(f"{cmd.name} {flags[0]}: rewrites the tests' expected results", cmd)


@_handles("trap")
def _trap(walker: _Walker, cmd: _Cmd) -> None:
    args = [w for w in cmd.args if w.text not in {"-p", "-l", "--"}]
    if len(args) >= 2:
        action = args[0]
        if action.dynamic is not None:
            walker.opaque(f"trap with a command built from {action.dynamic}", cmd)
        else:
            walker.recurse(action.text, cmd, "trap")


@_handles("at", "batch", "crontab")
def _schedule(walker: _Walker, cmd: _Cmd) -> None:
    if cmd.name == "crontab" and any(w.text in {"-l", "-r"} for w in cmd.args) and not cmd.args[1:]:
        return
    if cmd.name != "crontab" and cmd.stdin == "heredoc" and cmd.stdin_content is not None:
        walker.recurse(cmd.stdin_content, cmd, cmd.name)
        return
    if cmd.name == "at" and any(w.text in {"-l", "-d", "-r"} for w in cmd.args):
        return
    walker.opaque(f"{cmd.name}: schedules commands it cannot see", cmd)


@_handles("ssh")
def _ssh(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "bcDEeFIiJLlmOopQRSWw", stop_at_operand=True)
    if len(parsed.operands) > 1:
        walker.opaque("ssh runs a command on another host (or this one)", cmd)


@_handles("docker", "podman", "nerdctl")
def _docker(walker: _Walker, cmd: _Cmd) -> None:
    texts = [w.text for w in cmd.args]
    if texts[:1] in (["run"], ["create"]) or texts[:2] in (["container", "run"], ["container", "create"]):
        if any(
            t in {"-v", "--volume", "--mount"} or t.startswith(("-v", "--volume=", "--mount=")) for t in texts
        ):
            walker.opaque(f"{cmd.name} run with a mounted folder: the container may write it", cmd)
    elif texts[:1] == ["cp"] and len(texts) >= 3 and ":" not in texts[-1].split("/", 1)[0]:
        walker.add("write", cmd.args[-1], f"{cmd.name} cp", cmd)


@_handles("mount", "umount", "bindfs", "unshare", "nsenter")
def _mount(walker: _Walker, cmd: _Cmd) -> None:
    if cmd.name in {"unshare", "nsenter"}:
        parsed = _parse(cmd.args, "tSGwpmunicUCT", stop_at_operand=True)
        if parsed.operands:
            _inner(walker, cmd, len(cmd.words) - len(parsed.operands))
        return
    if cmd.args:
        walker.opaque(f"{cmd.name}: changes what paths refer to", cmd)


@_handles("su")
def _su(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "cgGsw", _names("command group supp-group shell whitelist-environment"))
    texts = parsed.values("c", "command")
    for text in texts:
        if text.dynamic is not None:
            walker.opaque(f"su -c with a command built from {text.dynamic}", cmd)
        else:
            walker.recurse(text.text, cmd, "su -c")
    if not texts and cmd.stdin == "pipe":
        walker.opaque("su reading commands from a pipe", cmd)


@_handles("xargs", "parallel")
def _xargs(walker: _Walker, cmd: _Cmd) -> None:
    if cmd.name == "parallel":
        parsed = _parse(cmd.args, "jSIaNnL", frozenset({"jobs", "arg-file"}), stop_at_operand=True)
        replace = "{}"
    else:
        parsed = _parse(
            cmd.args,
            "aEeIiLlnPsd",
            _names("arg-file eof replace max-lines max-args max-procs max-chars delimiter process-slot-var"),
            stop_at_operand=True,
        )
        replaces = parsed.values("I", "replace", "i")
        replace = replaces[0].text if replaces else ""
    words = parsed.operands or [_Word("echo", raw="echo")]
    unknown = _Word("", dynamic=f"{cmd.name} input", raw="$" + cmd.name)
    inner_words = [unknown if replace in w.text else w for w in words] if replace else [*words, unknown]
    probe = walker.child(walker.state.copy(), literal_only=False)
    probe.effects = []
    probe.run(_Cmd(inner_words, cmd.text, cmd.env, "terminal"))
    kinds = {e.kind for e in probe.effects}
    others = [e for e in probe.effects if e.kind != "opaque" or "input" not in e.reason]
    walker.effects.extend(e for e in others if e.kind != "opaque")
    if kinds:
        inner_name = words[0].text if words else "echo"
        walker.opaque(f"{cmd.name} {inner_name}: targets come from its input", cmd)


@_handles("find")
def _find(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    index = 0
    while (index < len(args) and args[index].text in {"-H", "-L", "-P"}) or (
        (index < len(args) and args[index].text.startswith("-O"))
        or (index < len(args) and args[index].text == "-D")
    ):
        index += 2 if args[index].text == "-D" else 1
    starts: list[_Word] = []
    while index < len(args) and not args[index].text.startswith(("-", "(", "!")) and args[index].text != ",":
        starts.append(args[index])
        index += 1
    if not starts:
        starts = [_Word(".", raw=".")]
    expression = args[index:]
    position = 0
    while position < len(expression):
        text = expression[position].text
        if text == "-delete":
            for start in starts:
                walker.add("delete", start, "find -delete", cmd)
        elif text in {"-fprint", "-fprint0", "-fls", "-fprintf"} and position + 1 < len(expression):
            walker.add("write", expression[position + 1], f"find {text}", cmd)
        elif text in {"-exec", "-execdir", "-ok", "-okdir"}:
            end = position + 1
            while end < len(expression) and expression[end].text not in {";", "+"}:
                end += 1
            inner = expression[position + 1 : end]
            for start in starts:
                words = [start if w.text == "{}" else _replace_braces(w, start) for w in inner]
                if words:
                    walker.run(_Cmd(words, cmd.text, {}, "terminal"))
            position = end
        position += 1


def _replace_braces(word: _Word, start: _Word) -> _Word:
    if "{}" not in word.text:
        return word
    if start.dynamic is not None:
        return start
    text = word.text.replace("{}", start.text)
    return _Word(text, word.dynamic, word.glob or start.glob, text)


# -- shells and interpreters --------------------------------------------------------------------------
@_handles(*_SHELLS)
def _shell(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    if cmd.name == "busybox" and args:
        _inner(walker, cmd, 1)
        return
    index = 0
    command_text: _Word | None = None
    reads_stdin = False
    while index < len(args):
        text = args[index].text
        if args[index].dynamic is not None and args[index].maybe_option:
            walker.opaque(f"{cmd.name} with options built from {args[index].dynamic}", cmd)
            return
        if text in {"-o", "+o", "-O", "+O", "--rcfile", "--init-file"}:
            index += 2
            continue
        if text == "--":
            index += 1
            break
        if text.startswith("-") and len(text) > 1 and not text.startswith("--"):
            if "c" in text[1:] and index + 1 < len(args):
                command_text = args[index + 1]
                break
            reads_stdin = reads_stdin or "s" in text[1:]
            index += 1
            continue
        if text.startswith(("--", "+")):
            index += 1
            continue
        break
    if command_text is not None:
        if command_text.dynamic is not None:
            walker.opaque(f"{cmd.name} -c with a command built from {command_text.dynamic}", cmd)
        else:
            walker.recurse(command_text.text, cmd, f"{cmd.name} -c")
        return
    if index < len(args) and not reads_stdin:
        script = args[index]
        path = walker.join(script.text) if script.dynamic is None else None
        if script.dynamic is not None or path is None:
            walker.opaque(f"{cmd.name} runs a script named by {script.dynamic or 'an unknown path'}", cmd)
        elif script.text.startswith("/dev/fd/") or script.text.startswith("/proc/"):
            walker.opaque(f"{cmd.name} runs a script from {script.text}", cmd)
        else:
            walker.script_file(path, cmd, "shell")
        return
    _stdin_code(walker, cmd, "shell")


def _stdin_code(walker: _Walker, cmd: _Cmd, language: str) -> None:
    """An interpreter that reads its program from standard input."""
    if cmd.stdin == "heredoc":
        if cmd.stdin_content is None:
            walker.opaque(f"{cmd.name} runs a here-document with expansions", cmd)
        else:
            walker.code(cmd.stdin_content, language, cmd, f"{cmd.name} <<EOF")
    elif cmd.stdin == "pipe":
        walker.opaque(f"pipeline into {cmd.name}: runs code it cannot see", cmd)
    elif cmd.stdin == "file":
        if cmd.stdin_file is None:
            walker.opaque(f"{cmd.name} runs code from a file it cannot name", cmd)
        else:
            path = walker.join(cmd.stdin_file)
            if path is None:
                walker.opaque(f"{cmd.name} < {cmd.stdin_file}: unknown directory", cmd)
            else:
                walker.script_file(path, cmd, language)


@_handles("python", "pypy")
def _python(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    index = 0
    while index < len(args):
        word = args[index]
        text = word.text
        if word.dynamic is not None and word.maybe_option:
            walker.opaque(f"python with arguments built from {word.dynamic}", cmd)
            return
        if text == "-c" or (
            text.startswith("-")
            and not text.startswith("--")
            and text.endswith("c")
            and set(text[1:]) <= set("bBdEhiIOqsSuvVxRPc")
        ):
            if index + 1 >= len(args):
                return
            code = args[index + 1]
            if code.dynamic is not None:
                walker.opaque(f"python -c with code built from {code.dynamic}", cmd)
            else:
                walker.code(code.text, "python", cmd, "python -c")
            return
        if text.startswith("-c") and len(text) > 2:
            walker.code(text[2:], "python", cmd, "python -c")
            return
        if text == "-m" or (text.startswith("-m") and len(text) > 2):
            module = text[2:] if len(text) > 2 else (args[index + 1].text if index + 1 < len(args) else "")
            after = args[index + (1 if len(text) > 2 else 2) :]
            as_command = _Cmd([_Word(module, raw=module), *after], cmd.text, cmd.env)
            if module.split(".")[0] == "oversight":
                _oversight(walker, as_command)
            elif module == "pytest":
                _test_runner(walker, as_command)
            return  # otherwise a module: running a program
        if text in {"-W", "-X", "--check-hash-based-pycs"}:
            index += 2
            continue
        if text == "-":
            _stdin_code(walker, cmd, "python")
            return
        if text.startswith("-"):
            index += 1
            continue
        path = walker.join(text) if word.dynamic is None else None
        if path is None:
            walker.opaque("python runs a script it cannot locate", cmd)
        else:
            walker.script_file(path, cmd, "python")
        return
    _stdin_code(walker, cmd, "python")


_CODE_FLAGS = {
    "perl": ("e", "E"),
    "ruby": ("e",),
    "node": ("e", "p", "eval", "print"),
    "deno": ("eval",),
    "bun": ("e", "eval"),
    "php": ("r",),
    "lua": ("e",),
    "Rscript": ("e",),
}
_LANGUAGE = {
    "perl": "perl",
    "ruby": "ruby",
    "node": "javascript",
    "deno": "javascript",
    "bun": "javascript",
    "php": "php",
    "lua": "lua",
    "Rscript": "r",
}


@_handles("perl", "ruby", "node", "deno", "bun", "php", "lua", "Rscript")
def _interpreter(walker: _Walker, cmd: _Cmd) -> None:
    name = cmd.name
    language = _LANGUAGE[name]
    args = cmd.args
    codes: list[_Word] = []
    in_place = False
    index = 0
    while index < len(args):
        word = args[index]
        text = word.text
        if word.dynamic is not None and word.maybe_option:
            walker.opaque(f"{name} with arguments built from {word.dynamic}", cmd)
            return
        if text == "--":
            index += 1
            break
        if text.startswith("--"):
            long = text[2:].partition("=")
            if long[0] in _CODE_FLAGS[name]:
                if long[1]:
                    codes.append(_Word(long[2], raw=long[2]))
                elif index + 1 < len(args):
                    codes.append(args[index + 1])
                    index += 1
            index += 1
            continue
        if name == "deno" and text in {"eval"} and index + 1 < len(args):
            codes.append(args[index + 1])
            index += 2
            continue
        if text.startswith("-") and len(text) > 1:
            cluster = text[1:]
            for pos, letter in enumerate(cluster):
                if letter == "i" and name in {"perl", "ruby"}:
                    in_place = True
                    break  # the rest is the backup suffix
                if letter in _CODE_FLAGS[name]:
                    rest = cluster[pos + 1 :]
                    if rest:
                        codes.append(_Word(rest, raw=rest))
                    elif index + 1 < len(args):
                        codes.append(args[index + 1])
                        index += 1
                    break
                if letter in {
                    "I",
                    "M",
                    "m",
                    "r",
                    "x",
                    "C",
                    "l",
                    "0",
                    "F",
                    "d",
                    "n",
                    "p",
                    "a",
                    "w",
                    "s",
                    "T",
                    "t",
                }:
                    if letter in {"I", "M", "m", "x", "C", "0", "F", "d", "l"}:
                        break  # the rest of the cluster is this option's value
                    continue
                break
            index += 1
            continue
        break
    operands = args[index:]
    for code in codes:
        if code.dynamic is not None:
            walker.opaque(f"{name} -e with code built from {code.dynamic}", cmd)
        else:
            walker.code(code.text, language, cmd, f"{name} -e")
    if in_place:
        files = operands if codes else operands[1:]
        for target in files:
            walker.add("write", target, f"{name} -i", cmd)
        if not files:
            walker.opaque(f"{name} -i with no files named", cmd, weak=True)
    if codes:
        return
    if operands:
        script = operands[0]
        path = walker.join(script.text) if script.dynamic is None else None
        if path is not None and path in walker.state.written:
            walker.script_file(path, cmd, language)
        return
    _stdin_code(walker, cmd, language)


@_handles("eval")
def _eval(walker: _Walker, cmd: _Cmd) -> None:
    walker.opaque("eval: cannot see through", cmd)
    if cmd.args and all(w.dynamic is None for w in cmd.args):
        walker.recurse(" ".join(w.text for w in cmd.args), cmd, "eval")


@_handles("source", ".")
def _source(walker: _Walker, cmd: _Cmd) -> None:
    if not cmd.args:
        return
    target = cmd.args[0]
    path = walker.join(target.text) if target.dynamic is None else None
    if path is None:
        walker.opaque(f"{cmd.name} of a file named by {target.dynamic or 'an unknown path'}", cmd)
    elif path in walker.state.written or walker.exists(path):
        walker.script_file(path, cmd, "shell")
    else:
        walker.opaque(f"{cmd.name} {target.text}: runs a file it cannot read", cmd)


@_handles("alias")
def _alias(walker: _Walker, cmd: _Cmd) -> None:
    if any("=" in w.text for w in cmd.args):
        walker.opaque("alias: redefines a command name", cmd)


# -- the shell's own state ---------------------------------------------------------------------------
@_handles("cd", "pushd", "popd")
def _cd(walker: _Walker, cmd: _Cmd) -> None:
    state = walker.state
    args = [w for w in cmd.args if not (w.text.startswith("-") and w.text not in {"-"} and w.dynamic is None)]
    if cmd.name == "popd":
        state.cwd = state.dirstack.pop() if state.dirstack else None
        return
    if cmd.name == "pushd":
        state.dirstack.append(state.cwd)
    if not args:
        home = os.environ.get("HOME")
        state.cwd = home if home else None
        return
    target = args[0]
    if target.dynamic is not None or target.text == "-":
        state.cwd = None
        return
    state.cwd = walker.join(target.text)


@_handles("export", "declare", "typeset", "local", "readonly")
def _export(walker: _Walker, cmd: _Cmd) -> None:
    unexport = False
    for word in cmd.args:
        text = word.text
        if text.startswith("-") and word.dynamic is None:
            unexport = unexport or "n" in text
            continue
        name, eq, value = text.partition("=")
        if unexport and name.startswith("OVERSIGHT"):
            walker.off(f"{cmd.name} -n {name}", cmd)
        if eq:
            value_word = _Word(value, word.dynamic, raw=value)
            walker.assignment(name, value_word, cmd)
            walker.state.variables[name] = None if word.dynamic else value


@_handles("unset")
def _unset(walker: _Walker, cmd: _Cmd) -> None:
    for word in cmd.args:
        if word.dynamic is not None:
            walker.opaque(f"unset of a name built from {word.dynamic}", cmd)
        elif word.text.startswith("OVERSIGHT") or word.text in {"GIT_DIR"}:
            walker.off(f"unset {word.text}", cmd)
        walker.state.variables.pop(word.text, None)


@_handles("read", "mapfile", "readarray", "getopts")
def _read(walker: _Walker, cmd: _Cmd) -> None:
    for word in cmd.args:
        if not word.text.startswith("-") and word.text.isidentifier():
            walker.state.variables[word.text] = None


@_handles("kill", "pkill", "killall", "pgrep", "skill", "tkill")
def _kill(walker: _Walker, cmd: _Cmd) -> None:
    if cmd.name == "pgrep":
        return
    args = cmd.args
    if cmd.name == "kill":
        if any(w.text in {"-l", "-L", "--list", "-0"} for w in args):
            return
        targets = [w for w in args if not (w.text.startswith("-") and w.dynamic is None and w.text != "-1")]
        if args and args[0].text in {"-s", "-n"}:
            targets = targets[1:]
        for target in targets:
            if target.dynamic is not None:
                inner = target.raw
                if "oversight" in inner.lower() or "ledger" in inner.lower():
                    walker.off(f"kill aimed at oversight ({inner})", cmd)
                else:
                    walker.opaque(f"kill of a process chosen at run time ({target.dynamic})", cmd)
            elif target.text == "-1":
                walker.off("kill -1: signals every process, oversight's included", cmd)
            elif target.text.isdigit() and _is_oversight_pid(target.text):
                walker.off(f"kill {target.text}: an oversight process", cmd)
        return
    full = any(
        w.text in {"-f", "--full"}
        or (w.text.startswith("-") and "f" in w.text[1:] and not w.text.startswith("--"))
        for w in args
    )
    patterns = [w for w in args if not w.text.startswith("-")]
    if cmd.name == "pkill":
        parsed = _parse(
            args,
            "sgGPtuUFn",
            _names("signal pgroup group parent terminal euid uid session pidfile ns nslist"),
        )
        patterns = parsed.operands
    for pattern in patterns:
        if pattern.dynamic is not None:
            walker.opaque(f"{cmd.name} of processes chosen at run time", cmd)
        elif _matches_oversight(
            pattern.text,
            full=full or (cmd.name == "killall" and "/" in pattern.text),
            exact=cmd.name == "killall",
        ):
            walker.off(f"{cmd.name} {pattern.text}: would stop oversight's processes", cmd)


def _matches_oversight(pattern: str, *, full: bool, exact: bool) -> bool:
    candidates = list(_OVERSIGHT_PROCESS_LINES if full else _OVERSIGHT_PROCESS_NAMES)
    if full:
        candidates.extend(_live_oversight_processes())
    if "oversight" in pattern.lower():
        return True
    for line in candidates:
        try:
            if (exact and pattern == line) or (not exact and re.search(pattern, line)):
                return True
        except re.error:
            return True
    return False


def _live_oversight_processes() -> list[str]:
    out: list[str] = []
    try:
        entries = os.listdir("/proc")
    except OSError:
        return out
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as handle:
                line = handle.read(4096).replace(b"\x00", b" ").decode("utf-8", "replace").strip()
        except OSError:
            continue
        if "oversight" in line and "hook" not in line:
            out.append(line)
    return out


def _is_oversight_pid(pid: str) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"oversight" in handle.read(4096)
    except OSError:
        return False


@_handles("systemctl", "service", "launchctl", "supervisorctl")
def _systemctl(walker: _Walker, cmd: _Cmd) -> None:
    words = [w.text for w in cmd.args if not w.text.startswith("-")]
    stopping = {"stop", "kill", "disable", "mask", "unload", "remove", "bootout"}
    if cmd.name == "service" and len(words) >= 2 and words[1] in stopping:
        walker.off(f"service {words[0]} {words[1]}", cmd)
    elif words and words[0] in stopping:
        walker.off(f"{cmd.name} {' '.join(words[:2])}", cmd)


@_handles("oversight")
def _oversight(walker: _Walker, cmd: _Cmd) -> None:
    texts = [w.text for w in cmd.args]
    weakening = {
        "--allow-unenforced",
        "uninstall",
        "disable",
        "off",
        "stop",
        "kill",
        "reset",
        "--no-verify",
        "--unenforced",
        "--force-allow",
    }
    found = [t for t in texts if t in weakening]
    if found:
        walker.off(f"oversight {' '.join(found)}: weakens oversight", cmd)
    if (
        texts[:1] == ["ledger"]
        and any(t in {"serve"} for t in texts[1:2])
        and any(t.startswith(("--db", "--store", "--key")) for t in texts)
    ):
        walker.opaque("oversight ledger serve with another store or key", cmd)
