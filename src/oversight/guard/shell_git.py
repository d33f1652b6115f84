"""git for `shell.analyse`: sub-commands that rewrite the work tree (paths where given, else the whole tree
as "."), and the ways to skip or redirect hooks (`--no-verify`, `-c core.hooksPath=`, `git config`).
"""

from __future__ import annotations

import posixpath

from .shell import (
    _Cmd,
    _each,
    _handles,
    _names,
    _parse,
    _Walker,
    _Word,
    read_regular_file,
)
from .shell_files import MAX_PATCH_CHARS, _copy_like, _int, _patch_paths, _patch_text

_GIT_GLOBAL_VALUES = {
    "-C",
    "-c",
    "--git-dir",
    "--work-tree",
    "--namespace",
    "--exec-path",
    "--config-env",
    "--super-prefix",
    "--list-cmds",
    "--attr-source",
}
_NO_VERIFY = {
    "commit",
    "push",
    "merge",
    "am",
    "rebase",
    "pull",
    "cherry-pick",
    "revert",
    "switch",
    "checkout",
    "worktree",
    "stash",
}


@_handles("git", "hub")
def _git(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    index = 0
    state = walker.state
    while index < len(args):
        word = args[index]
        text = word.text
        if word.maybe_option:
            walker.opaque(f"git with arguments built from {word.dynamic}", cmd)
            return
        if not text.startswith("-"):
            break
        name, eq, value = text.partition("=")
        if name in _GIT_GLOBAL_VALUES:
            value_word = (
                _Word(value, word.dynamic, raw=value)
                if eq
                else (args[index + 1] if index + 1 < len(args) else _Word(""))
            )
            index += 1 if eq else 2
            if name == "-c" or name == "--config-env":
                _git_config_pair(walker, cmd, value_word)
            elif name == "-C":
                state = state.copy()
                state.cwd = None if value_word.dynamic else walker.join(value_word.text)
            elif name in {"--work-tree", "--git-dir"} and value_word.dynamic:
                walker.opaque(f"git {name} built from {value_word.dynamic}", cmd)
            continue
        index += 1
    if index >= len(args):
        return
    sub = args[index]
    if sub.dynamic is not None:
        walker.opaque(f"git subcommand built from {sub.dynamic}", cmd)
        return
    inner = walker if state is walker.state else walker.child(state)
    _git_subcommand(inner, cmd, sub.text, args[index + 1 :])


def _work_tree(walker: _Walker) -> _Word:
    """The whole work tree: the nearest folder at or above the current one holding `.git`."""
    cwd = walker.state.cwd
    if cwd and cwd.startswith("/"):
        folder = cwd
        for _ in range(64):
            if walker.exists(posixpath.join(folder, ".git")):
                return _Word(folder, raw=folder)
            parent = posixpath.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return _Word(".", raw=".")


def _git_config_pair(walker: _Walker, cmd: _Cmd, pair: _Word) -> None:
    key = pair.text.split("=", 1)[0].lower()
    if pair.dynamic is not None and "hookspath" not in key:
        walker.opaque(f"git -c built from {pair.dynamic}", cmd)
    elif key == "core.hookspath":
        walker.off("git -c core.hooksPath=…: runs other hooks (or none)", cmd)
    elif key.startswith(("alias.", "include.", "includeif.")) or key in {
        "core.fsmonitor",
        "core.sshcommand",
        "core.editor",
        "sequence.editor",
    }:
        walker.opaque(f"git -c {key}: configuration that runs commands", cmd)


def _git_subcommand(walker: _Walker, cmd: _Cmd, sub: str, args: list[_Word]) -> None:
    texts = [w.text for w in args]
    # git accepts any unambiguous prefix of a long option: `--no-veri` is `--no-verify`.
    if sub in _NO_VERIFY and any(len(t) >= 9 and "--no-verify".startswith(t) for t in texts):
        walker.off(f"git {sub} --no-verify: skips the hooks", cmd)
    if sub == "commit":
        parsed = _parse(
            args,
            "mFCcStu",
            _names(
                "message file reuse-message reedit-message fixup squash author date template "
                "cleanup gpg-sign trailer pathspec-from-file"
            ),
        )
        if parsed.has("n"):
            walker.off("git commit -n: skips the hooks", cmd)
        return
    tree = _work_tree(walker)
    _commands_git_runs(walker, cmd, sub, args)
    handler = _GIT.get(sub)
    if handler is not None:
        handler(walker, cmd, args, tree)
    elif sub in {
        "merge",
        "pull",
        "am",
        "cherry-pick",
        "rebase",
        "revert",
        "bisect",
        "sparse-checkout",
        "read-tree",
        "checkout-index",
        "filter-branch",
        "filter-repo",
    }:
        if not _readonly_flags(sub, texts):
            walker.add("write", tree, f"git {sub} rewrites the work tree", cmd)
    elif sub == "config":
        _git_config(walker, cmd, args)
    elif sub in {"archive", "format-patch", "bundle"}:
        parsed = _parse(args, "o", frozenset({"output", "output-directory"}))
        for output in parsed.values("o", "output", "output-directory"):
            walker.add("write", output, f"git {sub} -o", cmd)
    elif sub in {"diff", "log", "show"}:
        for word in args:
            if word.text.startswith("--output="):
                walker.add("write", _Word(word.text.split("=", 1)[1]), f"git {sub} --output", cmd)
    elif sub == "update-index" and any(t in {"--assume-unchanged", "--skip-worktree"} for t in texts):
        walker.off(f"git update-index {texts[0] if texts else ''}: hides changes from git", cmd)
    elif sub == "submodule" and texts[:1] in (["update"], ["deinit"], ["foreach"]):
        walker.add("write", tree, f"git submodule {texts[0]}", cmd)
    elif sub == "worktree" and texts[:1] in (["add"],) and len(args) > 1:
        positional = [w for w in args[1:] if not w.text.startswith("-")]
        _each(walker, cmd, "write", positional[:1], "git worktree add")


def _commands_git_runs(walker: _Walker, cmd: _Cmd, sub: str, args: list[_Word]) -> None:
    """Shell commands git itself runs: `rebase --exec`, `bisect run`, `submodule foreach`, filter-branch."""
    texts = [w.text for w in args]
    commands: list[_Word] = []
    if sub == "rebase":
        commands = _parse(args, "xsXSo", _names("exec strategy strategy-option onto")).values("x", "exec")
    elif sub == "bisect" and texts[:1] == ["run"] and len(args) > 1:
        walker.run(_Cmd(args[1:], cmd.text, cmd.env))
    elif sub == "submodule" and "foreach" in texts:
        commands = args[texts.index("foreach") + 1 :][-1:]
    elif sub == "filter-branch":
        filters = {"--tree-filter", "--index-filter", "--msg-filter", "--commit-filter", "--env-filter"}
        commands = [args[i + 1] for i, t in enumerate(texts[:-1]) if t in filters]
    for command in commands:
        if command.dynamic is not None:
            walker.opaque(f"git {sub} runs a command built from {command.dynamic}", cmd)
        else:
            walker.recurse(command.text, cmd, f"git {sub}")


def _readonly_flags(sub: str, texts: list[str]) -> bool:
    if sub == "bisect":
        return bool(texts) and texts[0] in {"log", "view", "visualize", "terms"}
    return any(t in {"--help", "-h"} for t in texts)


def _git_config(walker: _Walker, cmd: _Cmd, args: list[_Word]) -> None:
    parsed = _parse(args, "f", _names("file blob type default comment value"))
    mutating = parsed.has(
        "unset", "unset-all", "replace-all", "add", "rename-section", "remove-section", "edit", "e"
    )
    operands = parsed.operands
    if operands and operands[0].text in {"set", "unset"}:  # git ≥ 2.46 subcommand syntax
        mutating = True
        operands = operands[1:]
    elif operands and operands[0].text in {"get", "list"}:
        return
    if not operands:
        if parsed.has("edit", "e"):
            walker.opaque("git config --edit", cmd)
        return
    key = operands[0]
    if key.dynamic is not None:
        walker.opaque(f"git config of a key built from {key.dynamic}", cmd)
        return
    lower = key.text.lower()
    sets = mutating or len(operands) >= 2
    if lower == "core.hookspath" and sets:
        walker.off("git config core.hooksPath: runs other hooks (or none)", cmd)
    elif sets and (lower.startswith(("alias.", "include.", "includeif.")) or lower in {"core.fsmonitor"}):
        walker.opaque(f"git config {key.text}: configuration that runs commands", cmd)
    elif parsed.has("remove-section") and lower in {"core"}:
        walker.off("git config --remove-section core", cmd)


def _git_checkout(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    parsed = _parse(args, "bBt", _names("orphan conflict pathspec-from-file track"))
    new_branch = parsed.values("b", "B", "orphan")
    if parsed.has("pathspec-from-file"):
        walker.add("write", tree, "git checkout --pathspec-from-file", cmd)
        return
    if parsed.after_dashdash:
        dash = len(parsed.operands) - _count_after_dashdash(args)
        paths = parsed.operands[dash:]
        _each(walker, cmd, "write", paths or [tree], "git checkout -- <path>")
        if parsed.operands[:dash] and not paths:
            walker.add("write", tree, "git checkout <commit>", cmd)
        return
    operands = parsed.operands
    if new_branch:
        if operands:
            walker.add("write", tree, "git checkout -b <branch> <start> switches the work tree", cmd)
        return
    if not operands:
        if parsed.has("p", "patch", "m", "merge", "f", "force"):
            walker.add("write", tree, "git checkout", cmd)
        return
    if len(operands) == 1:
        path = walker.join(operands[0].text) if operands[0].dynamic is None else None
        if path is not None and walker.exists(path):
            walker.add("write", operands[0], "git checkout <path>", cmd)
        else:
            walker.add("write", tree, "git checkout <branch> switches the work tree", cmd)
        return
    _each(walker, cmd, "write", operands[1:], "git checkout <commit> <path>")


def _count_after_dashdash(args: list[_Word]) -> int:
    for index, word in enumerate(args):
        if word.text == "--" and word.dynamic is None:
            return len(args) - index - 1
    return 0


def _git_restore(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    parsed = _parse(args, "s", _names("source pathspec-from-file conflict"))
    if parsed.has("S", "staged") and not parsed.has("W", "worktree"):
        return
    _each(walker, cmd, "write", parsed.operands or [tree], "git restore")


def _git_rm(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    parsed = _parse(args, "", frozenset({"pathspec-from-file"}))
    if parsed.has("cached", "n", "dry-run"):
        return
    _each(
        walker,
        cmd,
        "delete",
        parsed.operands or ([tree] if parsed.has("pathspec-from-file") else []),
        "git rm",
    )


def _git_mv(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    parsed = _parse(args, "")
    if parsed.has("n", "dry-run"):
        return
    _copy_like(walker, cmd, parsed.operands, [], False, "git mv", True)


def _git_apply(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    parsed = _parse(args, "pC", _names("directory exclude include whitespace build-fake-ancestor"))
    if parsed.has("cached", "check", "stat", "numstat", "summary") and not parsed.has("index", "3", "3way"):
        return
    strip = _int(parsed.values("p"), default=1)
    texts: list[str | None] = []
    sources = parsed.operands
    if sources:
        for source in sources:
            path = walker.join(source.text) if source.dynamic is None else None
            if path is None:
                texts.append(None)
            elif path in walker.state.written:
                texts.append(walker.state.written[path])
            else:
                texts.append(read_regular_file(path, MAX_PATCH_CHARS))
    else:
        texts.append(_patch_text(walker, cmd, []))
    for text in texts:
        if text is None:
            walker.add("write", tree, "git apply (cannot read the patch: the whole work tree)", cmd)
            continue
        for path in _patch_paths(text, strip):
            walker.add("write", _Word(path), "git apply", cmd)


def _git_stash(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    action = args[0].text if args and not args[0].text.startswith("-") else "push"
    if action in {"list", "show", "drop", "clear", "create", "store", "branch"}:
        return
    rest = args[1:] if args and not args[0].text.startswith("-") else args
    parsed = _parse(rest, "m", frozenset({"message", "pathspec-from-file"}))
    if action in {"push", "save"} and parsed.after_dashdash and parsed.operands:
        _each(walker, cmd, "write", parsed.operands, f"git stash {action} -- <path>")
        return
    walker.add("write", tree, f"git stash {action} rewrites the work tree", cmd)


def _git_reset(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    texts = {w.text for w in args}
    if texts & {"--hard", "--merge", "--keep"}:
        walker.add("write", tree, "git reset --hard rewrites the work tree", cmd)


def _git_clean(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    parsed = _parse(args, "e", frozenset({"exclude"}))
    if parsed.has("n", "dry-run") or not parsed.has("f", "force", "i", "interactive"):
        return
    # Unlike the others, git clean without paths cleans from the current folder down.
    _each(walker, cmd, "delete", parsed.operands or [_Word(".", raw=".")], "git clean")


def _git_switch(walker: _Walker, cmd: _Cmd, args: list[_Word], tree: _Word) -> None:
    parsed = _parse(args, "cCt", _names("create force-create orphan conflict track"))
    if parsed.values("c", "C", "create", "force-create") and not parsed.operands:
        return
    walker.add("write", tree, "git switch changes the work tree", cmd)


_GIT = {
    "checkout": _git_checkout,
    "restore": _git_restore,
    "rm": _git_rm,
    "mv": _git_mv,
    "apply": _git_apply,
    "stash": _git_stash,
    "reset": _git_reset,
    "clean": _git_clean,
    "switch": _git_switch,
}
