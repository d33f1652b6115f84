"""What inline interpreter code (`python -c`, `perl -e`, `node -e`…) may write, for the shell analysis.

Python is parsed with `ast`: literal paths give effects, computed ones an opaque effect, and commands it
hands to a shell (`os.system`, `subprocess.run`) come back as `shell` effects for the caller to analyse.
Perl, Ruby and JavaScript have no parser here: their identifiers are read with a small tokenizer and any
write primitive makes the code opaque.
"""

from __future__ import annotations

import ast
import shlex
import warnings
from dataclasses import dataclass

MAX_CODE_CHARS = 300_000


@dataclass(frozen=True)
class CodeEffect:
    """One thing code may do: kind is write/delete/metadata/opaque/shell (path then holds the command)."""

    kind: str
    path: str | None
    reason: str
    content: str | None = None
    computed: bool = False  # opaque only because a path or command is computed at run time


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


_OPEN_WRITE_MODES = frozenset("wax+")
# Environment variables that switch git hooks off (see shell.py's table of their values).
HOOK_ENV_NAMES = _names(
    "HUSKY HUSKY_SKIP_HOOKS SKIP PRE_COMMIT_ALLOW_NO_CONFIG PRE_COMMIT LEFTHOOK "
    "LEFTHOOK_EXCLUDE OVERCOMMIT_DISABLE GIT_HOOKS_PATH "
)
_OS_ONE_PATH = {
    "remove": ("delete", "os.remove"),
    "unlink": ("delete", "os.unlink"),
    "rmdir": ("delete", "os.rmdir"),
    "removedirs": ("delete", "os.removedirs"),
    "chmod": ("metadata", "os.chmod"),
    "lchmod": ("metadata", "os.lchmod"),
    "chown": ("metadata", "os.chown"),
    "lchown": ("metadata", "os.lchown"),
    "chflags": ("metadata", "os.chflags"),
    "utime": ("metadata", "os.utime"),
    "truncate": ("write", "os.truncate"),
    "mkdir": ("write", "os.mkdir"),
    "makedirs": ("write", "os.makedirs"),
    "mkfifo": ("write", "os.mkfifo"),
    "mknod": ("write", "os.mknod"),
    "setxattr": ("metadata", "os.setxattr"),
    "removexattr": ("metadata", "os.removexattr"),
}
_OS_TWO_PATHS = {  # (source effect, destination effect)
    "rename": ("delete", "write"),
    "replace": ("delete", "write"),
    "renames": ("delete", "write"),
    "symlink": (None, "write"),
    "link": (None, "write"),
}
_SHUTIL = {
    "copy": (None, "write"),
    "copy2": (None, "write"),
    "copyfile": (None, "write"),
    "copytree": (None, "write"),
    "copymode": (None, "metadata"),
    "copystat": (None, "metadata"),
    "move": ("delete", "write"),
    "rmtree": ("delete", None),
    "chown": ("metadata", None),
    "unpack_archive": (None, "write"),
}
_PATH_METHODS = {
    "write_text": "write",
    "write_bytes": "write",
    "touch": "metadata",
    "unlink": "delete",
    "rmdir": "delete",
    "chmod": "metadata",
    "lchmod": "metadata",
    "mkdir": "write",
    "symlink_to": "write",
    "hardlink_to": "write",
    "link_to": "write",
}
_SUBPROCESS = _names("run call check_call check_output Popen getoutput getstatusoutput ")
_OS_SHELL = frozenset({"system", "popen"})
_OS_EXEC_PREFIXES = ("exec", "spawn", "posix_spawn")
_OS_FLAGS_WRITE = frozenset({"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"})
_DYNAMIC_CALLS = frozenset({"exec", "eval", "compile", "__import__"})
_MODULES_OF_INTEREST = _names("os shutil pathlib subprocess io builtins codecs posix ")


def python_effects(code: str) -> list[CodeEffect]:
    """Effects of Python source code."""
    if len(code) > MAX_CODE_CHARS:
        return [CodeEffect("opaque", None, "python: code too long to analyse")]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a SyntaxWarning on stderr would reach the agent
            tree = ast.parse(code)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # It may still run on another Python version: judge it by the names it uses.
        return primitive_effects(code, "python")
    visitor = _PythonVisitor()
    try:
        visitor.visit(tree)
    except RecursionError:
        return [CodeEffect("opaque", None, "python: code nested too deeply to analyse")]
    return visitor.effects


class _PythonVisitor(ast.NodeVisitor):
    def __init__(self) -> None:
        self.effects: list[CodeEffect] = []
        self.aliases: dict[str, str] = {}  # local name → dotted origin ("os", "os.remove", "pathlib.Path")
        self.values: dict[str, ast.expr] = {}  # names bound once to an expression we may resolve

    # -- bindings -------------------------------------------------------------------------------------
    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.asname:
                self.aliases[alias.asname] = alias.name
            else:
                self.aliases[alias.name.split(".")[0]] = alias.name.split(".")[0]

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            origin = f"{node.module}.{alias.name}" if node.module else alias.name
            if alias.name == "*" and node.module:
                for name in _star_names(node.module):
                    self.aliases[name] = f"{node.module}.{name}"
            else:
                self.aliases[alias.asname or alias.name] = origin

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._environment(target, "sets")
            if isinstance(target, ast.Name):
                if target.id in self.values:
                    self.values[target.id] = ast.Constant(value=None)  # rebound: no longer known
                else:
                    self.values[target.id] = node.value
        self.generic_visit(node)

    def _environment(self, target: ast.expr, action: str) -> None:
        """`os.environ["HUSKY"] = "0"`, `del os.environ["OVERSIGHT_X"]`: settings the children inherit."""
        if isinstance(target, ast.Subscript) and self._dotted(target.value) == "os.environ":
            key = self._string(target.slice)
            if key is None:
                self.effects.append(CodeEffect("opaque", None, f"python -c: {action} os.environ[computed]"))
            elif key in HOOK_ENV_NAMES or key.startswith("OVERSIGHT") or key.startswith("GIT_CONFIG"):
                self.effects.append(
                    CodeEffect("oversight-off", None, f"python -c: {action} os.environ[{key!r}]")
                )

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._environment(target, "del")
        self.generic_visit(node)

    def visit_With(self, node: ast.With) -> None:
        for item in node.items:
            if isinstance(item.optional_vars, ast.Name):
                self.values[item.optional_vars.id] = item.context_expr
        self.generic_visit(node)

    # -- calls ----------------------------------------------------------------------------------------
    def visit_Call(self, node: ast.Call) -> None:
        self.generic_visit(node)
        name = self._dotted(node.func)
        if name is not None:
            self._named_call(name, node)
        if isinstance(node.func, ast.Attribute):
            self._method_call(node.func, node)

    def _named_call(self, name: str, node: ast.Call) -> None:
        args = node.args
        head, _, last = name.rpartition(".")
        if name in {"open", "builtins.open", "io.open", "codecs.open", "io.FileIO", "gzip.open", "bz2.open"}:
            self._open(node, "open")
        elif name in {"os.open", "posix.open"}:
            flags = args[1] if len(args) > 1 else _keyword(node, "flags")
            names = {n.attr for n in ast.walk(flags) if isinstance(n, ast.Attribute)} if flags else set()
            names |= {n.id for n in ast.walk(flags) if isinstance(n, ast.Name)} if flags else set()
            if names & _OS_FLAGS_WRITE or (flags is not None and not names):
                self._path("write", args[0] if args else None, "python -c: os.open(..., write flags)")
        elif head in {"os", "posix"} and last in _OS_ONE_PATH:
            kind, reason = _OS_ONE_PATH[last]
            self._path(kind, args[0] if args else _keyword(node, "path"), f"python -c: {reason}")
        elif head in {"os", "posix"} and last in _OS_TWO_PATHS:
            self._two(node, _OS_TWO_PATHS[last], f"python -c: os.{last}")
        elif head == "shutil" and last in _SHUTIL:
            self._two(node, _SHUTIL[last], f"python -c: shutil.{last}")
        elif head == "subprocess" and last in _SUBPROCESS:
            self._command(args[0] if args else _keyword(node, "args"), f"subprocess.{last}")
        elif head in {"os", "posix"} and last in _OS_SHELL:
            self._command(args[0] if args else None, f"os.{last}")
        elif head in {"os", "posix"} and last.startswith(_OS_EXEC_PREFIXES):
            # os.execv(path, argv) / os.spawnv(mode, path, argv): the argv list is the command.
            argv = next((a for a in args if isinstance(a, (ast.List, ast.Tuple))), None)
            self._command(argv, f"os.{last}")
        elif name in {
            "os.putenv",
            "os.unsetenv",
            "os.environ.pop",
            "os.environ.update",
            "os.environ.setdefault",
        }:
            key = self._string(args[0]) if args and not isinstance(args[0], ast.Dict) else None
            keys = (
                [self._string(k) for k in args[0].keys if k is not None]
                if args and isinstance(args[0], ast.Dict)
                else [key]
            )
            if any(
                k is None or k in HOOK_ENV_NAMES or k.startswith(("OVERSIGHT", "GIT_CONFIG")) for k in keys
            ):
                self.effects.append(CodeEffect("oversight-off", None, f"python -c: {name} of hook settings"))
        elif name in {"os.kill", "os.killpg", "signal.pthread_kill"}:
            self.effects.append(CodeEffect("opaque", None, f"python -c: {name} (which process?)"))
        elif name in _DYNAMIC_CALLS or name in {"builtins.exec", "builtins.eval"}:
            code = self._string(args[0]) if args else None
            if name in {"exec", "eval", "builtins.exec", "builtins.eval"} and code is not None:
                self.effects.extend(python_effects(code))
            else:
                self.effects.append(CodeEffect("opaque", None, f"python -c: {name}(...) cannot see through"))
        elif name in {"importlib.import_module", "getattr"} and args:
            target = self._dotted(args[0]) if name == "getattr" else None
            if name == "importlib.import_module" or (target or "").split(".")[0] in _MODULES_OF_INTEREST:
                self.effects.append(CodeEffect("opaque", None, f"python -c: {name}(...) cannot see through"))
        elif name in {"zipfile.ZipFile", "tarfile.open", "tarfile.TarFile", "shelve.open", "dbm.open"}:
            mode = args[1] if len(args) > 1 else _keyword(node, "mode")
            mode_text = self._string(mode) if mode is not None else "r"
            if mode_text is None or any(ch in mode_text for ch in "wacxn+"):
                self._path("write", args[0] if args else None, f"python -c: {name}(..., {mode_text!r})")
        elif name == "sqlite3.connect":
            self._path("write", args[0] if args else _keyword(node, "database"), "python -c: sqlite3.connect")
        elif name in {"fileinput.input", "fileinput.FileInput"}:
            inplace = _keyword(node, "inplace")
            if inplace is not None and not (isinstance(inplace, ast.Constant) and not inplace.value):
                files = args[0] if args else _keyword(node, "files")
                items = files.elts if isinstance(files, (ast.List, ast.Tuple)) else [files]
                for item in items:
                    self._path("write", item, "python -c: fileinput inplace")

    def _method_call(self, func: ast.Attribute, node: ast.Call) -> None:
        method = func.attr
        receiver = func.value
        if method in {"extractall", "extract", "unpack_archive"} and not self._is_module_expr(receiver):
            folder = node.args[0] if method == "extractall" and node.args else _keyword(node, "path")
            self._path("write", folder or ast.Constant("."), f"python -c: {method} (writes into this folder)")
            return
        if method in _PATH_METHODS or (method in {"rename", "replace"} and len(node.args) == 1):
            if isinstance(receiver, ast.Name | ast.Attribute) and self._is_module(receiver):
                return  # `os.unlink(...)`, `shutil.move(...)`: module functions are handled by name
            if isinstance(receiver, ast.Constant) and isinstance(receiver.value, str | bytes):
                return  # "text".replace(...)
            if self._dotted(receiver) in {"str", "bytes"}:
                return
            if method in {"rename", "replace"}:
                self._path("delete", receiver, f"python -c: Path.{method}", path_object=True)
                self._path("write", node.args[0], f"python -c: Path.{method}")
            else:
                self._path(_PATH_METHODS[method], receiver, f"python -c: Path.{method}", path_object=True)
        elif method == "open" and not isinstance(self._resolve_name(receiver), ast.Constant):
            if isinstance(receiver, ast.Name | ast.Attribute) and self._is_module(receiver):
                return  # a module's open function (`tarfile.open`, `io.open`): handled by name
            mode = node.args[0] if node.args else _keyword(node, "mode")
            mode_text = self._string(mode) if mode is not None else "r"
            if mode_text is None or set(mode_text) & _OPEN_WRITE_MODES:
                self._path("write", receiver, f"python -c: Path.open({mode_text!r})", path_object=True)

    def _is_module_expr(self, expr: ast.expr) -> bool:
        return isinstance(expr, ast.Name | ast.Attribute) and self._is_module(expr)

    def _is_module(self, expr: ast.Name | ast.Attribute) -> bool:
        """`os`, `tarfile`, `os.path`: a name bound by an import (or a module the code uses unimported)."""
        root: ast.expr = expr
        while isinstance(root, ast.Attribute):
            root = root.value
        if not isinstance(root, ast.Name):
            return False
        origin = self.aliases.get(root.id)
        return root.id in _MODULES_OF_INTEREST or (origin is not None and origin.split(".")[0] == origin)

    def _open(self, node: ast.Call, label: str) -> None:
        mode = node.args[1] if len(node.args) > 1 else _keyword(node, "mode")
        mode_text = self._string(mode) if mode is not None else "r"
        if mode_text is not None and not set(mode_text) & _OPEN_WRITE_MODES:
            return
        target = node.args[0] if node.args else _keyword(node, "file")
        shown = "computed mode" if mode_text is None else repr(mode_text)
        self._path("write", target, f"python -c: {label}(..., {shown})")

    def _two(self, node: ast.Call, kinds: tuple[str | None, str | None], reason: str) -> None:
        args = node.args
        src = args[0] if args else _keyword(node, "src") or _keyword(node, "path")
        dst = args[1] if len(args) > 1 else _keyword(node, "dst")
        if kinds[0] is not None:
            self._path(kinds[0], src, reason)
        if kinds[1] is not None:
            self._path(kinds[1], dst, reason)

    def _path(self, kind: str, expr: ast.expr | None, reason: str, *, path_object: bool = False) -> None:
        value = self._path_value(expr, path_object=path_object) if expr is not None else None
        if value is None:
            self.effects.append(
                CodeEffect("opaque", None, f"{reason}: path computed at run time", computed=True)
            )
        else:
            self.effects.append(CodeEffect(kind, value, reason))

    def _command(self, expr: ast.expr | None, label: str) -> None:
        expr = self._resolve_name(expr) if expr is not None else None
        if isinstance(expr, (ast.List, ast.Tuple)):
            words = [self._string(item) for item in expr.elts]
            if all(w is not None for w in words):
                self.effects.append(CodeEffect("shell", shlex.join(w for w in words if w is not None), label))
                return
        elif expr is not None:
            text = self._string(expr)
            if text is not None:
                self.effects.append(CodeEffect("shell", text, label))
                return
        self.effects.append(
            CodeEffect("opaque", None, f"python -c: {label} with a computed command", computed=True)
        )

    # -- values ---------------------------------------------------------------------------------------
    def _dotted(self, expr: ast.expr) -> str | None:
        if isinstance(expr, ast.Name):
            return self.aliases.get(expr.id, expr.id)
        if isinstance(expr, ast.Attribute):
            base = self._dotted(expr.value)
            return f"{base}.{expr.attr}" if base else None
        return None

    def _resolve_name(self, expr: ast.expr, depth: int = 0) -> ast.expr:
        while isinstance(expr, ast.Name) and expr.id in self.values and depth < 20:
            expr = self.values[expr.id]
            depth += 1
        return expr

    def _string(self, expr: ast.expr | None, depth: int = 0) -> str | None:
        if expr is None or depth > 20:
            return None
        expr = self._resolve_name(expr)
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return expr.value
        if isinstance(expr, ast.Constant) and isinstance(expr.value, bytes):
            return expr.value.decode("utf-8", "replace")
        if isinstance(expr, ast.JoinedStr):
            parts = []
            for value in expr.values:
                text = self._string(
                    value.value if isinstance(value, ast.FormattedValue) else value, depth + 1
                )
                if text is None:
                    return None
                parts.append(text)
            return "".join(parts)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            left, right = self._string(expr.left, depth + 1), self._string(expr.right, depth + 1)
            return left + right if left is not None and right is not None else None
        return None

    def _path_value(self, expr: ast.expr, *, path_object: bool, depth: int = 0) -> str | None:
        if depth > 20:
            return None
        expr = self._resolve_name(expr)
        text = self._string(expr)
        if text is not None:
            return text
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
            left = self._path_value(expr.left, path_object=True, depth=depth + 1)
            right = self._path_value(expr.right, path_object=True, depth=depth + 1)
            return _join(left, right) if left is not None and right is not None else None
        if isinstance(expr, ast.Call):
            name = self._dotted(expr.func) or ""
            last = name.rpartition(".")[2]
            if last in {"Path", "PurePath", "PosixPath", "PurePosixPath", "join", "fspath", "str"}:
                if name.endswith("join") and not name.startswith(("os.path", "posixpath")):
                    return None
                parts = [self._path_value(a, path_object=True, depth=depth + 1) for a in expr.args]
                if not parts or any(p is None for p in parts):
                    return "." if not expr.args and last in {"Path", "PurePath"} else None
                out = parts[0] or ""
                for part in parts[1:]:
                    out = _join(out, part or "")
                return out
            if isinstance(expr.func, ast.Attribute) and expr.func.attr in {
                "resolve",
                "absolute",
                "expanduser",
            }:
                return self._path_value(expr.func.value, path_object=True, depth=depth + 1)
            if isinstance(expr.func, ast.Attribute) and expr.func.attr in {
                "joinpath",
                "with_suffix",
                "with_name",
            }:
                base = self._path_value(expr.func.value, path_object=True, depth=depth + 1)
                args = [self._string(a) for a in expr.args]
                if base is None or any(a is None for a in args):
                    return None
                if expr.func.attr == "joinpath":
                    for arg in args:
                        base = _join(base, arg or "")
                    return base
                return None
        return None


def _join(left: str, right: str) -> str:
    if right.startswith("/"):
        return right
    if not left or left == ".":
        return right
    return left.rstrip("/") + "/" + right


def _keyword(node: ast.Call, name: str) -> ast.expr | None:
    for keyword in node.keywords:
        if keyword.arg == name:
            return keyword.value
    return None


def _star_names(module: str) -> list[str]:
    if module in {"os", "posix"}:
        return [*_OS_ONE_PATH, *_OS_TWO_PATHS, *_OS_SHELL]
    if module == "shutil":
        return list(_SHUTIL)
    if module == "subprocess":
        return list(_SUBPROCESS)
    return []


# -- languages without a parser here ---------------------------------------------------------------
_PRIMITIVES = {
    "python": _names(
        "open remove unlink rmdir rename replace rmtree move copy copyfile write_text "
        "write_bytes touch chmod chown truncate symlink link system popen run call Popen "
        "check_call check_output exec eval makedirs mkdir "
    ),
    "perl": _names(
        "open sysopen unlink rename rmdir mkdir chmod chown utime truncate symlink link system "
        "exec qx syswrite copy move rmtree remove_tree make_path mkpath eval spew write_file "
        "edit_file File IO "
    ),
    "ruby": _names(
        "File FileUtils IO Dir system exec spawn open write binwrite delete unlink rename rm "
        "rm_rf rm_r mv cp cp_r touch chmod chown symlink ln_s mkdir mkdir_p eval instance_eval "
        "send syscall Open3 "
    ),
    "javascript": _names(
        "writeFileSync writeFile appendFileSync appendFile rmSync rm unlinkSync unlink "
        "renameSync rename copyFileSync copyFile cpSync cp rmdirSync rmdir mkdirSync mkdir "
        "chmodSync chmod chownSync chown truncateSync truncate symlinkSync symlink linkSync link "
        "openSync open createWriteStream utimesSync utimes execSync exec execFileSync execFile "
        "spawnSync spawn fork eval Function writeSync write outputFile outputFileSync remove "
        "removeSync Deno Bun "
    ),
    "php": _names(
        "unlink rename file_put_contents fopen fwrite fputs copy rmdir mkdir chmod chown touch "
        "symlink link system exec shell_exec passthru popen proc_open eval ftruncate tempnam "
    ),
    "lua": _names("io os load loadstring dofile require "),
    "r": _names(
        "file unlink writeLines write system system2 sink saveRDS save cat file.remove remove "
        "rename copy dir Sys eval source "
    ),
}


def primitive_effects(code: str, language: str) -> list[CodeEffect]:
    """Opaque when the code names any write primitive of its language (a shell-out counts)."""
    names = _identifiers(code[:MAX_CODE_CHARS])
    found = sorted(names & _PRIMITIVES.get(language, frozenset()))
    if language in {"perl", "ruby"} and "`" in code:
        found.append("`...`")
    if not found:
        return []
    return [
        CodeEffect("opaque", None, f"{language} code uses {', '.join(found[:4])}: cannot see what it writes")
    ]


def _identifiers(code: str) -> set[str]:
    """Identifier-like tokens of source code, strings included (a `require('fs')` names what it loads)."""
    out: set[str] = set()
    start = -1
    for index, char in enumerate(code):
        if char.isalnum() or char == "_":
            if start < 0:
                start = index
        elif start >= 0:
            out.add(code[start:index])
            start = -1
    if start >= 0:
        out.add(code[start:])
    return out
