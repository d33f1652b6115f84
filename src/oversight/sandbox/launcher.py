"""Start a program confined: `python -I -S launcher.py SPEC_FILE -- PROGRAM ARGS...`.

Applies what SPEC_FILE (JSON, see launch.SandboxSpec) asks for: the network namespace, Landlock, then the
resource limits (last, so that a small memory limit binds the program and not the launcher's own setup).
It reports what it managed as one JSON line on `status_fd`, closes that descriptor and replaces itself
with PROGRAM. Standalone: it imports only the standard library and its two sibling files, found by path,
because the `oversight` package may not be importable by the interpreter that runs the program.

Exit status 126 with one line on stderr when it will not start the program (a bad spec, Landlock
required but unavailable), 127 when PROGRAM cannot be found. Never a traceback.
"""

from __future__ import annotations

import json
import os
import sys

EXIT_CANNOT_START = 126
EXIT_NOT_FOUND = 127
_KEYS = {
    "read": "paths",
    "write": "paths",
    "write_files": "paths",
    "device_files": "paths",
    "device_trees": "paths",
    "network": "bool",
    "require_landlock": "bool",
    "memory_bytes": "count",
    "cpu_seconds": "count",
    "max_file_bytes": "count",
    "max_processes": "count",
    "status_fd": "count",
}


class BadSpec(Exception):
    """The spec file cannot be read or does not say what the launcher needs."""


def _fail(message: str, status: int = EXIT_CANNOT_START) -> int:
    sys.stderr.write("oversight sandbox: " + " ".join(message.split()) + "\n")
    return status


def _read_spec(path: str) -> dict[str, object]:
    try:
        with open(path, encoding="utf-8") as handle:
            spec = json.load(handle)
    except (OSError, ValueError, RecursionError) as exc:
        raise BadSpec(str(exc) or type(exc).__name__) from None
    if not isinstance(spec, dict):
        raise BadSpec("the spec is not a JSON object")
    for key, value in spec.items():
        kind = _KEYS.get(key)
        if kind is None:
            raise BadSpec(f"unknown key {key!r}")
        if kind == "paths" and not (isinstance(value, list) and all(isinstance(p, str) and p for p in value)):
            raise BadSpec(f"{key} must be a list of paths")
        if kind == "bool" and not isinstance(value, bool):
            raise BadSpec(f"{key} must be true or false")
        if kind == "count" and value is not None and (type(value) is not int or value < 0):
            raise BadSpec(f"{key} must be a whole number, 0 or more, or null")
    return spec


def _paths(spec: dict[str, object], key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = spec.get(key)
    return default if value is None else tuple(value)  # type: ignore[arg-type]


def _count(spec: dict[str, object], key: str) -> int | None:
    value = spec.get(key)
    return value if isinstance(value, int) else None


def main(argv: list[str]) -> int:
    """Apply the spec in argv[0] and exec argv[2:]; returns an exit status only when it does not exec."""
    if len(argv) < 3 or argv[1] != "--":
        return _fail("usage: launcher.py SPEC_FILE -- PROGRAM [ARGS...]")
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    try:  # the two siblings, found by path as top-level modules
        import isolate  # type: ignore[import-not-found]
        import landlock  # type: ignore[import-not-found]
    except ImportError as exc:
        return _fail(f"cannot load the sandbox modules beside {__file__}: {exc}")
    try:
        spec = _read_spec(argv[0])
    except BadSpec as exc:
        return _fail(f"bad spec {argv[0]}: {exc}")
    rules = landlock.FsRules(
        read=_paths(spec, "read", ("/",)),
        write=_paths(spec, "write", ()),
        write_files=_paths(spec, "write_files", ()),
        device_files=_paths(spec, "device_files", landlock.DEVICE_FILES),
        device_trees=_paths(spec, "device_trees", landlock.DEVICE_TREES),
    )
    network_on = spec.get("network") is True
    warnings: list[str] = []

    isolated = False if network_on else isolate.isolate_network()
    deny_tcp = not network_on and not isolated  # a private namespace keeps loopback servers usable
    abi = 0
    try:
        abi = landlock.restrict_self(rules, deny_tcp=deny_tcp)
    except (landlock.LandlockUnavailable, OSError) as exc:
        if spec.get("require_landlock") is True:
            return _fail(f"Landlock is required but could not be applied: {exc}")
        warnings.append(
            f"no kernel sandbox (Landlock): files outside the write rules are not protected ({exc})"
        )
    tcp_denied = deny_tcp and abi >= 4
    if not network_on and not isolated and not tcp_denied:
        warnings.append("the network could not be switched off")
    try:
        isolate.set_limits(
            _count(spec, "memory_bytes"),
            _count(spec, "cpu_seconds"),
            _count(spec, "max_file_bytes"),
            _count(spec, "max_processes"),
        )
    except (OSError, ValueError) as exc:
        warnings.append(f"resource limits not applied: {exc}")

    status_fd = _count(spec, "status_fd")
    if status_fd is not None:
        status = {
            "landlock_abi": abi,
            "network_isolated": isolated,
            "tcp_denied": tcp_denied,
            "warnings": warnings,
        }
        try:
            os.write(status_fd, (json.dumps(status) + "\n").encode())
            os.close(status_fd)
        except OSError as exc:
            return _fail(f"cannot write the status to descriptor {status_fd}: {exc.strerror or exc}")
    program = argv[2]
    try:
        os.execv(program, argv[2:])
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError)
        return _fail(
            f"cannot run {program}: {exc.strerror or exc}", EXIT_NOT_FOUND if missing else EXIT_CANNOT_START
        )
    return EXIT_CANNOT_START  # not reached: execv returns only by raising


def _entry() -> int:
    try:
        return main(sys.argv[1:])
    except BaseException as exc:  # never a traceback: one line and 126, whatever went wrong
        if isinstance(exc, SystemExit):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc}")


if __name__ == "__main__":
    sys.exit(_entry())
