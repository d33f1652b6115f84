"""What `rm`, `cp`, `sed -i`, `tar -x`, `patch`, editors… may write or delete.

One handler per command family, registered by name with `@_handles`, each reading the command's options the
way the command itself does (clustered short options, `--long=value`, `--`).
"""

from __future__ import annotations

import posixpath

from .shell import (
    _Cmd,
    _each,
    _handles,
    _into,
    _is_directory,
    _names,
    _parse,
    _Walker,
    _Word,
    read_regular_file,
)


@_handles("rm", "rmdir", "unlink", "srm")
def _rm(walker: _Walker, cmd: _Cmd) -> None:
    _each(walker, cmd, "delete", _parse(cmd.args, "").operands, cmd.name)


@_handles("shred", "wipe")
def _shred(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "nsx", _names("iterations size random-source remove"))
    kind = "delete" if parsed.has("u", "remove") else "write"
    _each(walker, cmd, kind, parsed.operands, cmd.name)


@_handles("truncate")
def _truncate(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "sr", frozenset({"size", "reference"}))
    _each(walker, cmd, "write", parsed.operands, "truncate")


@_handles("touch")
def _touch(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "dtr", _names("date reference time"))
    _each(walker, cmd, "metadata", parsed.operands, "touch")


@_handles("chmod", "chown", "chgrp")
def _chmod(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    # A mode like `-w` or `-x` looks like an option: read it as the mode when no mode came before.
    modes = {"chmod"}
    operands: list[_Word] = []
    reference = False
    for word in args:
        text = word.text
        if text.startswith("--reference"):
            reference = True
        elif (
            text.startswith("-")
            and not operands
            and not (cmd.name in modes and set(text[1:]) <= set("rwxXst"))
        ):
            continue
        else:
            operands.append(word)
    targets = operands if reference else operands[1:]
    _each(walker, cmd, "metadata", targets, cmd.name)


@_handles("chattr", "chflags")
def _chattr(walker: _Walker, cmd: _Cmd) -> None:
    operands = [w for w in cmd.args if not w.text.startswith(("-", "+", "=")) or w.dynamic]
    if cmd.name == "chflags" and operands:
        operands = operands[1:]
    for target in operands:
        walker.add("metadata", target, cmd.name, cmd)
    walker.off(f"{cmd.name}: changes file attributes (immutable/append-only)", cmd)


@_handles("setfacl", "setfattr", "chcon", "restorecon")
def _setfacl(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(
        cmd.args,
        "mMxXnvhtu",
        _names(
            "modify modify-file remove remove-file set set-file name value user type role range reference"
        ),
    )
    _each(walker, cmd, "metadata", parsed.operands, cmd.name)


@_handles("mkdir", "mkfifo", "mknod")
def _mkdir(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "mZ", frozenset({"mode", "context"}))
    operands = parsed.operands[:1] if cmd.name == "mknod" else parsed.operands
    _each(walker, cmd, "write", operands, cmd.name)


def _copy_like(
    walker: _Walker,
    cmd: _Cmd,
    parsed_operands: list[_Word],
    target_dir: list[_Word],
    no_target_dir: bool,
    reason: str,
    delete_sources: bool,
) -> None:
    operands = parsed_operands
    if target_dir:
        sources = operands
        for source in sources:
            walker.add("write", _into(walker, target_dir[-1], source), reason, cmd)
    elif len(operands) >= 2:
        sources, dest = operands[:-1], operands[-1]
        if not no_target_dir and (len(sources) > 1 or _is_directory(walker, dest)):
            for source in sources:
                walker.add("write", _into(walker, dest, source), reason, cmd)
        else:
            walker.add("write", dest, reason, cmd)
    else:
        sources = []
        if operands and cmd.name == "ln":
            walker.add("write", _Word(_basename_text(operands[0])), reason, cmd)
        elif operands:
            walker.opaque(f"{cmd.name} with a single operand", cmd, weak=True)
    if delete_sources:
        for source in sources:
            walker.add("delete", source, reason, cmd)


def _basename_text(word: _Word) -> str:
    return posixpath.basename(word.text.rstrip("/")) or word.text


@_handles("cp", "mv", "ln", "link", "install", "rename")
def _cp(walker: _Walker, cmd: _Cmd) -> None:
    name = cmd.name
    if name == "link":
        operands = _parse(cmd.args).operands
        if len(operands) >= 2:
            walker.add("write", operands[1], "link", cmd)
            walker.add("write", operands[0], "link (hard link: a second name to write the file through)", cmd)
        return
    if name == "rename":
        operands = _parse(cmd.args, "").operands
        files = operands[2:] if len(operands) > 2 and not operands[0].text.startswith("s") else operands[1:]
        _each(walker, cmd, "delete", files, "rename")
        walker.opaque("rename: new names are computed", cmd)
        return
    values = {"cp": "St", "mv": "St", "ln": "St", "install": "gmoSt"}[name]
    longs = _names("target-directory suffix backup mode owner group context")
    parsed = _parse(cmd.args, values, longs)
    if name == "install" and parsed.has("d", "directory"):
        _each(walker, cmd, "write", parsed.operands, "install -d")
        return
    target_dir = parsed.values("t", "target-directory")
    no_target = parsed.has("T", "no-target-directory")
    hard = (name == "ln" and not parsed.has("s", "symbolic")) or (name == "cp" and parsed.has("l", "link"))
    if hard:
        # A hard link is a second name for the same file: writing through it writes the original.
        sources = parsed.operands if target_dir or len(parsed.operands) < 2 else parsed.operands[:-1]
        _each(walker, cmd, "write", sources, f"{name} (hard link: a second name to write the file through)")
    reason = {"cp": "cp", "mv": "mv", "ln": "ln (the link name is written)", "install": "install"}[name]
    _copy_like(walker, cmd, parsed.operands, target_dir, no_target, reason, name == "mv")


@_handles("rsync")
def _rsync(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(
        cmd.args,
        "eBfT",
        _names(
            "rsh exclude include filter exclude-from include-from files-from temp-dir "
            "partial-dir backup-dir suffix chmod chown log-file password-file compare-dest "
            "copy-dest link-dest rsync-path bwlimit timeout port"
        ),
    )
    if len(parsed.operands) < 2:
        return
    sources, dest = parsed.operands[:-1], parsed.operands[-1]
    if ":" in dest.text.split("/", 1)[0]:
        return  # a remote destination
    walker.add("write", dest, "rsync (destination folder)", cmd)
    for source in sources:
        if not source.text.endswith("/"):
            walker.add("write", _into(walker, dest, source), "rsync", cmd)
        if parsed.has("remove-source-files"):
            walker.add("delete", source, "rsync --remove-source-files", cmd)
    if parsed.has("delete", "delete-before", "delete-during", "delete-after", "delete-excluded", "del"):
        walker.add("delete", dest, "rsync --delete", cmd)
    for log in parsed.values("log-file"):
        walker.add("write", log, "rsync --log-file", cmd)


@_handles("dd")
def _dd(walker: _Walker, cmd: _Cmd) -> None:
    for word in cmd.args:
        if word.text.startswith("of="):
            target = _Word(word.text[3:], word.dynamic, word.glob, word.raw[3:])
            walker.add("write", target, "dd of=", cmd)


@_handles("tee", "sponge")
def _tee(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "", frozenset({"output-error"}))
    content = cmd.stdin_content if cmd.stdin in {"heredoc", "herestring"} else None
    for target in parsed.operands:
        walker.add("write", target, f"{cmd.name} -a" if parsed.has("a", "append") else cmd.name, cmd, content)


@_handles("sed", "gsed")
def _sed(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    in_place = False
    scripts: list[_Word] = []
    operands: list[_Word] = []
    index = 0
    while index < len(args):
        word = args[index]
        text = word.text
        index += 1
        if word.maybe_option:
            walker.opaque(f"sed with options built from {word.dynamic}", cmd)
            return
        if text == "--":
            operands.extend(args[index:])
            break
        if text.startswith("--"):
            name, eq, value = text[2:].partition("=")
            if name == "in-place":
                in_place = True
            elif name in {"expression", "file"}:
                if eq:
                    scripts.append(_Word(value, raw=value))
                elif index < len(args):
                    scripts.append(args[index])
                    index += 1
            elif name in {"line-length"} and not eq:
                index += 1
            continue
        if text.startswith("-") and len(text) > 1 and word.dynamic is None:
            cluster = text[1:]
            for pos, letter in enumerate(cluster):
                if letter == "i":
                    in_place = True
                    break  # GNU: the rest of the cluster is the backup suffix
                if letter in {"e", "f"}:
                    rest = cluster[pos + 1 :]
                    if rest:
                        scripts.append(_Word(rest, raw=rest))
                    elif index < len(args):
                        scripts.append(args[index])
                        index += 1
                    break
                if letter == "l":
                    if pos == len(cluster) - 1:
                        index += 1
                    break
            continue
        operands.append(word)
    if not scripts and operands:
        scripts.append(operands.pop(0))
    for script in scripts:
        _sed_script(walker, cmd, script)
    if in_place:
        for target in operands:
            walker.add("write", target, "sed -i", cmd)


def _sed_script(walker: _Walker, cmd: _Cmd, script: _Word) -> None:
    """`w FILE` commands and `s///w FILE` flags write files; `e` runs commands."""
    if script.dynamic is not None:
        walker.opaque(f"sed script built from {script.dynamic}", cmd, weak=True)
        return
    for line in script.text.split("\n"):
        for piece in line.split(";"):
            stripped = _skip_sed_address(piece.strip().lstrip("{ "))
            if stripped[:1] in {"w", "W"} and stripped[1:2] in {" ", "\t"}:
                walker.add("write", _Word(stripped[2:].strip()), "sed w command", cmd)
            elif stripped.startswith("s") and len(stripped) > 1:
                delimiter = stripped[1]
                parts = _split_unescaped(stripped[2:], delimiter)
                if len(parts) >= 3:
                    flags = parts[2]
                    if "w" in flags:
                        walker.add("write", _Word(flags[flags.index("w") + 1 :].strip()), "sed s///w", cmd)
                    if "e" in flags.split("w")[0]:
                        walker.opaque("sed s///e runs commands", cmd)
            elif stripped == "e" or stripped.startswith("e "):
                walker.opaque("sed e runs commands", cmd)


def _skip_sed_address(text: str) -> str:
    """The sed command after its address (`12`, `$`, `/re/`, `\\%re%`, `a,b`, `first~step`, `!`)."""
    index = 0
    for _ in range(2):
        if index < len(text) and text[index].isdigit():
            while index < len(text) and (text[index].isdigit() or text[index] == "~"):
                index += 1
        elif index < len(text) and text[index] == "$":
            index += 1
        elif index < len(text) and text[index] in {"/", "\\"}:
            if text[index] == "\\":
                index += 1
            delimiter = text[index] if index < len(text) else "/"
            index += 1
            while index < len(text) and text[index] != delimiter:
                index += 2 if text[index] == "\\" else 1
            index += 1
            while index < len(text) and text[index] in "IM":
                index += 1
        else:
            break
        while index < len(text) and text[index] == " ":
            index += 1
        if index < len(text) and text[index] == ",":
            index += 1
            continue
        break
    return text[index:].lstrip(" !")


def _split_unescaped(text: str, delimiter: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for char in text:
        if escaped:
            current.append(char)
            escaped = False
        elif char == "\\":
            current.append(char)
            escaped = True
        elif char == delimiter and len(parts) < 2:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


@_handles("awk", "gawk", "mawk", "nawk")
def _awk(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "fvFiIlE", _names("file assign field-separator include load"))
    programs: list[_Word] = []
    operands = parsed.operands
    if not parsed.values("f", "file") and operands:
        programs.append(operands[0])
        operands = operands[1:]
    if any(v.text == "inplace" for v in parsed.values("i", "include")):
        _each(walker, cmd, "write", [o for o in operands if "=" not in o.text], "gawk -i inplace")
    for program in programs:
        if program.dynamic is not None:
            walker.opaque(f"awk program built from {program.dynamic}", cmd, weak=True)
        elif _awk_writes(program.text):
            walker.opaque("awk program writes files or runs commands", cmd)


def _awk_writes(program: str) -> bool:
    """An awk program that redirects print output, pipes it, or calls system()."""
    statement: list[str] = []
    quote = False
    statements: list[str] = []
    for char in program:
        if char == '"':
            quote = not quote
            statement.append(" ")
            continue
        if quote:
            continue
        if char in ";{}\n":
            statements.append("".join(statement))
            statement = []
        else:
            statement.append(char)
    statements.append("".join(statement))
    for text in statements:
        words = text.replace("(", " ( ").split()
        if "system" in words or "system(" in text.replace(" ", ""):
            return True
        if words and words[0] in {"print", "printf"} and (">" in text or "|" in text):
            return True
        if "getline" in words and "|" in text:
            return True
    return False


@_handles("patch")
def _patch(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(
        cmd.args,
        "pioBdDrYzVFg",
        _names("strip input output directory reject-file prefix suffix basename-prefix"),
    )
    if parsed.has("dry-run", "C"):
        return
    for output in parsed.values("o", "output"):
        walker.add("write", output, "patch -o", cmd)
    if parsed.values("o", "output"):
        return
    strip = _int(parsed.values("p", "strip"), default=-1)
    directory = parsed.values("d", "directory")
    if parsed.operands:
        walker.add("write", parsed.operands[0], "patch", cmd)
        return
    text = _patch_text(walker, cmd, parsed.values("i", "input"))
    if text is None:
        walker.opaque("patch: cannot see which files the patch changes", cmd)
        return
    for path in _patch_paths(text, strip):
        target = posixpath.join(directory[0].text, path) if directory and not directory[0].dynamic else path
        walker.add("write", _Word(target), "patch", cmd)


def _int(words: list[_Word], default: int) -> int:
    try:
        return int(words[-1].text) if words else default
    except ValueError:
        return default


MAX_PATCH_CHARS = 4_000_000


def _patch_text(walker: _Walker, cmd: _Cmd, inputs: list[_Word]) -> str | None:
    if inputs:
        source = inputs[0]
        path = walker.join(source.text) if source.dynamic is None else None
    elif cmd.stdin == "heredoc":
        return cmd.stdin_content
    elif cmd.stdin == "file" and cmd.stdin_file is not None:
        path = walker.join(cmd.stdin_file)
    else:
        return None
    if path is None:
        return None
    if path in walker.state.written:
        return walker.state.written[path]
    return read_regular_file(path, MAX_PATCH_CHARS)


def _patch_paths(text: str, strip: int) -> list[str]:
    """Files a unified or git diff touches (`---`/`+++`, `rename to`), with `strip` leading components cut."""
    found: list[str] = []
    for line in text.splitlines():
        name = ""
        if line.startswith(("--- ", "+++ ")):
            name = line[4:].split("\t")[0].strip()
        elif line.startswith(("rename from ", "rename to ", "copy to ")):
            name = "x/" + line.split(" ", 2)[2].strip()
        if not name or name == "/dev/null":
            continue
        if name.startswith('"') and name.endswith('"'):
            name = name[1:-1]
        parts = name.split("/")
        cut = strip if strip >= 0 else (1 if len(parts) > 1 and parts[0] in {"a", "b", "x"} else 0)
        stripped = "/".join(parts[cut:]) if len(parts) > cut else parts[-1]
        if stripped and stripped not in found:
            found.append(stripped)
    return found


@_handles("tar", "bsdtar", "gtar")
def _tar(walker: _Walker, cmd: _Cmd) -> None:
    args = list(cmd.args)
    if args and not args[0].text.startswith("-") and args[0].dynamic is None:
        args[0] = _Word("-" + args[0].text, raw="-" + args[0].text)  # old style: `tar xzf a.tgz`
    parsed = _parse(
        args,
        "fCbHKNTXgVL",
        _names(
            "file directory exclude files-from exclude-from transform xform to-command "
            "use-compress-program owner group mode format label"
        ),
    )
    extract = parsed.has("x", "extract", "get")
    create = parsed.has("c", "create", "r", "append", "u", "update", "A", "catenate", "concatenate", "delete")
    if extract and not parsed.has("O", "to-stdout", "t", "list"):
        directories = parsed.values("C", "directory")
        target = directories[-1] if directories else _Word(".", raw=".")
        walker.add("write", target, "tar -x (extracts into this folder)", cmd)
        if parsed.values("to-command"):
            walker.opaque("tar --to-command runs commands", cmd)
    if create:
        for archive in parsed.values("f", "file"):
            if archive.text != "-":
                walker.add("write", archive, "tar -c -f", cmd)
        if parsed.has("remove-files"):
            _each(walker, cmd, "delete", parsed.operands, "tar --remove-files")


@_handles("unzip", "7z", "7za", "unrar", "cpio", "bsdcpio")
def _unzip(walker: _Walker, cmd: _Cmd) -> None:
    if cmd.name == "unzip":
        parsed = _parse(cmd.args, "dxP", frozenset())
        if parsed.has("l", "t", "p", "v", "Z", "z"):
            return
        directories = parsed.values("d")
        walker.add(
            "write", directories[-1] if directories else _Word(".", raw="."), "unzip (extracts here)", cmd
        )
    elif cmd.name in {"7z", "7za", "unrar"}:
        if cmd.args and cmd.args[0].text in {"x", "e"}:
            outs = [w for w in cmd.args if w.text.startswith("-o")]
            target = _Word(outs[-1].text[2:]) if outs else _Word(".", raw=".")
            walker.add("write", target, f"{cmd.name} x (extracts here)", cmd)
        elif cmd.args and cmd.args[0].text in {"a", "u", "d"} and len(cmd.args) > 1:
            archive = [w for w in cmd.args[1:] if not w.text.startswith("-")]
            _each(walker, cmd, "write", archive[:1], f"{cmd.name} {cmd.args[0].text}")
    else:
        if any(
            w.text in {"-i", "--extract", "-id", "-idv", "-idmv", "-imd"}
            or (w.text.startswith("-i") and not w.text.startswith("--"))
            for w in cmd.args
        ):
            walker.add("write", _Word(".", raw="."), "cpio -i (extracts here)", cmd)


@_handles("zip")
def _zip(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "bnstxiOP", frozenset())
    _each(walker, cmd, "write", parsed.operands[:1], "zip")
    if parsed.has("m", "move"):
        _each(walker, cmd, "delete", parsed.operands[1:], "zip -m")


@_handles(
    "gzip", "gunzip", "bzip2", "bunzip2", "xz", "unxz", "lzma", "zstd", "unzstd", "compress", "uncompress"
)
def _gzip(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "SbTo", frozenset({"suffix", "output"}))
    if parsed.has("c", "stdout", "to-stdout", "t", "test", "l", "list"):
        return
    decompress = parsed.has("d", "decompress", "uncompress") or cmd.name.startswith("un")
    keep = parsed.has("k", "keep") or cmd.name in {"zstd", "unzstd"}
    for operand in parsed.operands:
        if operand.dynamic is not None:
            walker.add("write", operand, cmd.name, cmd)
            continue
        if not keep:
            walker.add("delete", operand, cmd.name, cmd)
        if decompress:
            stem = operand.text.rsplit(".", 1)[0] if "." in posixpath.basename(operand.text) else operand.text
            walker.add("write", _Word(stem, glob=operand.glob), cmd.name, cmd)
        else:
            walker.add("write", _Word(operand.text + ".gz", glob=operand.glob), cmd.name, cmd)
    for output in parsed.values("o", "output"):
        walker.add("write", output, f"{cmd.name} -o", cmd)


@_handles(
    "ex",
    "ed",
    "red",
    "vim",
    "vi",
    "nvim",
    "view",
    "gvim",
    "emacs",
    "nano",
    "pico",
    "micro",
    "kak",
    "joe",
    "mcedit",
)
def _editor(walker: _Walker, cmd: _Cmd) -> None:
    values = "p" if cmd.name in {"ed", "red"} else "cSsTuUiwWt"
    parsed = _parse(
        cmd.args,
        values,
        _names("cmd eval load script funcall insert chdir directory file visit"),
    )
    targets = parsed.operands + parsed.values("file", "visit", "insert")
    _each(walker, cmd, "write", [t for t in targets if not t.text.startswith("+")], f"{cmd.name} (editor)")
    if parsed.values("eval", "load", "funcall"):
        walker.opaque(f"{cmd.name} --eval runs code", cmd)
    if not targets and cmd.name in {"ed", "red", "ex"} and cmd.stdin in {"pipe", "heredoc"}:
        walker.opaque(f"{cmd.name} reading commands from its input", cmd, weak=True)


@_handles("sort")
def _sort(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(
        cmd.args,
        "ktSTo",
        _names(
            "key field-separator buffer-size temporary-directory output files0-from parallel "
            "batch-size compress-program sort random-source"
        ),
    )
    for output in parsed.values("o", "output"):
        walker.add("write", output, "sort -o", cmd)


@_handles("uniq")
def _uniq(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(cmd.args, "fsw", _names("skip-fields skip-chars check-chars group all-repeated"))
    if len(parsed.operands) >= 2:
        walker.add("write", parsed.operands[1], "uniq OUTPUT", cmd)


@_handles("split", "csplit")
def _split(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(
        cmd.args,
        "abClnf",
        _names("suffix-length bytes line-bytes lines number prefix additional-suffix filter suffix-format"),
    )
    prefix = parsed.operands[1] if len(parsed.operands) > 1 else _Word("x", raw="x")
    walker.add("write", _Word(prefix.text + "*", prefix.dynamic, True, prefix.raw), cmd.name, cmd)


@_handles("curl")
def _curl(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(
        cmd.args,
        "oAbcCdDeEFHKmrtTuUwxXyYz",
        _names(
            "output user-agent cookie cookie-jar data data-binary data-raw dump-header "
            "header config max-time range upload-file user write-out proxy request "
            "output-dir trace trace-ascii stderr form url referer retry connect-timeout"
        ),
    )
    for output in parsed.values("o", "output"):
        if output.text != "-":
            walker.add("write", output, "curl -o", cmd)
    for jar in parsed.values("c", "cookie-jar", "D", "dump-header", "trace", "trace-ascii", "stderr"):
        if jar.text != "-":
            walker.add("write", jar, "curl (writes a file)", cmd)
    if parsed.has("O", "remote-name", "remote-name-all", "J"):
        folder = parsed.values("output-dir")
        for url in parsed.operands:
            name = _Word(posixpath.basename(url.text.split("?")[0]) or "index.html", url.dynamic)
            walker.add("write", _into(walker, folder[-1], name) if folder else name, "curl -O", cmd)


@_handles("wget")
def _wget(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(
        cmd.args,
        "OoaPetTwUiB",
        _names(
            "output-document output-file append-output directory-prefix execute tries "
            "timeout wait user-agent input-file base header user password post-data "
            "post-file"
        ),
    )
    documents = parsed.values("O", "output-document")
    for log in parsed.values("o", "output-file", "a", "append-output"):
        walker.add("write", log, "wget -o", cmd)
    if documents:
        for document in documents:
            if document.text != "-":
                walker.add("write", document, "wget -O", cmd)
        return
    folder = parsed.values("P", "directory-prefix")
    for url in parsed.operands:
        name = _Word(posixpath.basename(url.text.split("?")[0]) or "index.html", url.dynamic)
        walker.add("write", _into(walker, folder[-1], name) if folder else name, "wget (downloads here)", cmd)
    if parsed.has("r", "recursive", "m", "mirror"):
        walker.add("write", folder[-1] if folder else _Word(".", raw="."), "wget -r", cmd)


_SQLITE_VALUES = _names(
    "cmd init separator nullvalue newline vfs maxsize mmap lookaside pagecache heap A archive"
)


@_handles("sqlite3", "sqlite")
def _sqlite(walker: _Walker, cmd: _Cmd) -> None:
    """sqlite3 spells its options with one dash (`-readonly`, `-cmd SQL`)."""
    args = cmd.args
    index = 0
    readonly = False
    while index < len(args) and args[index].text.startswith("-") and args[index].dynamic is None:
        name = args[index].text.lstrip("-")
        readonly = readonly or name in {"readonly", "safe"}
        index += 2 if name in _SQLITE_VALUES else 1
    if readonly or index >= len(args):
        return
    walker.add("write", args[index], "sqlite3 opens the database for writing", cmd)


@_handles("gcc", "g++", "cc", "c++", "clang", "clang++", "rustc", "go", "javac", "tsc", "esbuild")
def _compiler(walker: _Walker, cmd: _Cmd) -> None:
    args = cmd.args
    for index, word in enumerate(args):
        text = word.text
        if text in {"-o", "--out-file", "--outfile", "--outDir", "--outdir", "-d"} and index + 1 < len(args):
            if cmd.name in {"javac", "tsc", "esbuild"} or text == "-o":
                walker.add("write", args[index + 1], f"{cmd.name} {text}", cmd)
        elif text.startswith("-o") and len(text) > 2 and cmd.name not in {"go", "tsc"}:
            walker.add("write", _Word(text[2:], word.dynamic, word.glob, word.raw[2:]), f"{cmd.name} -o", cmd)
        elif text.startswith(("--outfile=", "--outdir=", "--out-file=", "--outDir=")):
            walker.add("write", _Word(text.split("=", 1)[1]), f"{cmd.name} output", cmd)


_FORMATTERS = {  # name → (flag that makes it write, flags that make it read-only)
    "black": ("", {"check", "diff"}),
    "isort": ("", {"check", "check-only", "c", "diff"}),
    "autopep8": ("i", set()),
    "autoflake": ("i", set()),
    "yapf": ("i", set()),
    "gofmt": ("w", set()),
    "goimports": ("w", set()),
    "clang-format": ("i", set()),
    "prettier": ("write", set()),
    "eslint": ("fix", set()),
    "rustfmt": ("", {"check"}),
    "shfmt": ("w", set()),
    "dos2unix": ("", set()),
    "unix2dos": ("", set()),
}


@_handles(*_FORMATTERS)
def _formatter(walker: _Walker, cmd: _Cmd) -> None:
    flag, readonly = _FORMATTERS[cmd.name]
    parsed = _parse(
        cmd.args,
        "lclpm",
        _names("config line-length target-version ignore-path plugin parser style ext rule settings-path"),
    )
    if parsed.has(*readonly) or (flag and not parsed.has(flag, "in-place")):
        return
    _each(walker, cmd, "write", parsed.operands, f"{cmd.name} rewrites files")


@_handles("ruff")
def _ruff(walker: _Walker, cmd: _Cmd) -> None:
    parsed = _parse(
        cmd.args,
        "",
        _names(
            "config line-length target-version select ignore extend-select exclude "
            "output-format stdin-filename"
        ),
    )
    sub = parsed.operands[0].text if parsed.operands else ""
    writes = (sub == "format" and not parsed.has("check", "diff")) or (
        sub == "check" and parsed.has("fix", "unsafe-fixes") and not parsed.has("diff", "no-fix")
    )
    if writes:
        targets = parsed.operands[1:] or [_Word(".", raw=".")]
        _each(walker, cmd, "write", targets, f"ruff {sub} rewrites files")


@_handles("yq", "iconv", "pandoc", "xmlstarlet", "jq", "crudini", "dasel")
def _data_tools(walker: _Walker, cmd: _Cmd) -> None:
    name = cmd.name
    if name == "yq":
        parsed = _parse(
            cmd.args,
            "pPoIs",
            _names("output-format input-format indent expression split-exp"),
        )
        if parsed.has("i", "inplace"):
            _each(walker, cmd, "write", parsed.operands[1:] or parsed.operands, "yq -i")
    elif name in {"iconv", "pandoc"}:
        parsed = _parse(cmd.args, "ftoFrwMVs", _names("from to output from-code to-code"))
        for output in parsed.values("o", "output"):
            walker.add("write", output, f"{name} -o", cmd)
    elif name == "xmlstarlet":
        if (
            len(cmd.args) > 1
            and cmd.args[0].text in {"ed", "edit"}
            and any(w.text in {"-L", "--inplace"} for w in cmd.args)
        ):
            files = [w for w in cmd.args[1:] if not w.text.startswith("-")]
            _each(walker, cmd, "write", files[-1:], "xmlstarlet ed -L")
    elif name == "crudini":
        if cmd.args and cmd.args[0].text in {"--set", "--del", "--merge"} and len(cmd.args) > 1:
            walker.add("write", cmd.args[1], f"crudini {cmd.args[0].text}", cmd)
    elif name == "dasel" and cmd.args and cmd.args[0].text in {"put", "delete"}:
        parsed = _parse(cmd.args[1:], "ftvrw", _names("file type value"))
        _each(walker, cmd, "write", parsed.values("f", "file"), f"dasel {cmd.args[0].text}")
