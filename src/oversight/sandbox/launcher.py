"""Start a program confined: `python -I -S launcher.py SPEC_FILE -- PROGRAM ARGS...`.

Applies the limits, the network namespace and Landlock that SPEC_FILE (JSON) asks for, reports what it
managed as one JSON line on `status_fd`, then replaces itself with PROGRAM. Standalone: it imports only the
standard library and its two sibling files, because the `oversight` package may not be importable in the
interpreter that runs the tests. Exit status 126 with one line on stderr when it cannot start.
"""

from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import isolate  # type: ignore[import-not-found]
import landlock  # type: ignore[import-not-found]

EXIT_CANNOT_START = 126


def _fail(message: str) -> int:
    sys.stderr.write(f"oversight sandbox: {message}\n")
    return EXIT_CANNOT_START


def _paths(spec: dict[str, object], key: str) -> tuple[str, ...]:
    value = spec.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{key} must be a list of paths")
    return tuple(value)


def _number(spec: dict[str, object], key: str) -> int | None:
    value = spec.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValueError(f"{key} must be a positive whole number or null")
    return value


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[1] != "--":
        return _fail("usage: launcher.py SPEC_FILE -- PROGRAM [ARGS...]")
    try:
        with open(argv[0], encoding="utf-8") as handle:
            spec = json.load(handle)
        if not isinstance(spec, dict):
            raise ValueError("the spec is not a JSON object")
        trees = _paths(spec, "device_trees") if "device_trees" in spec else landlock.DEVICE_TREES
        rules = landlock.FsRules(
            _paths(spec, "read"), _paths(spec, "write"), _paths(spec, "write_files"), tuple(trees)
        )
        limits = [
            _number(spec, k) for k in ("memory_bytes", "cpu_seconds", "max_file_bytes", "max_processes")
        ]
        status_fd = _number(spec, "status_fd")
    except (OSError, ValueError) as exc:
        return _fail(f"bad spec {argv[0]}: {exc}")
    program, args = argv[2], argv[2:]
    status: dict[str, object] = {"landlock_abi": 0, "network_isolated": False, "warnings": []}
    warnings: list[str] = []
    try:
        isolate.set_limits(*limits)
    except (OSError, ValueError) as exc:
        warnings.append(f"resource limits not applied: {exc}")
    network_on = spec.get("network") is True
    if not network_on:
        status["network_isolated"] = isolate.isolate_network()
    try:
        status["landlock_abi"] = landlock.restrict_self(
            rules, deny_tcp=not network_on and not status["network_isolated"]
        )
    except (landlock.LandlockUnavailable, OSError) as exc:
        if spec.get("require_landlock") is True:
            return _fail(f"Landlock is required but could not be applied: {exc}")
        warnings.append(f"no kernel sandbox (Landlock): test files are not write-protected ({exc})")
    if not network_on and not status["network_isolated"] and int(status["landlock_abi"] or 0) < 4:  # type: ignore[call-overload]
        warnings.append("the network could not be switched off for the tests")
    status["warnings"] = warnings
    if status_fd is not None:
        try:
            os.write(status_fd, (json.dumps(status) + "\n").encode())
            os.close(status_fd)
        except OSError:
            pass
    try:
        os.execv(program, args)
    except OSError as exc:
        return _fail(f"cannot run {program}: {exc.strerror or exc}")
    return EXIT_CANNOT_START


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
