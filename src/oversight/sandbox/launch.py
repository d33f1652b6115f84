"""Building the command that starts a program under the sandbox launcher (launcher.py)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .landlock import DEVICE_FILES, DEVICE_TREES


@dataclass
class SandboxSpec:
    """What the launcher applies before it starts the program; mirrors the JSON spec file key for key.

    `network` False puts the program in a private network namespace (loopback only), or, where that is
    not permitted, denies it TCP through Landlock. `require_landlock` makes a missing Landlock fatal
    (exit 126) instead of a warning. `status_fd`, an inherited descriptor, receives one JSON line saying
    what was applied."""

    read: list[str] = field(default_factory=lambda: ["/"])
    write: list[str] = field(default_factory=list)
    write_files: list[str] = field(default_factory=list)
    device_files: list[str] = field(default_factory=lambda: list(DEVICE_FILES))
    device_trees: list[str] = field(default_factory=lambda: list(DEVICE_TREES))
    network: bool = False
    memory_bytes: int | None = None
    cpu_seconds: int | None = None
    max_file_bytes: int | None = None
    max_processes: int | None = None
    require_landlock: bool = False
    status_fd: int | None = None

    def write_spec(self, path: Path) -> None:
        """Write the spec as the JSON file the launcher reads."""
        path.write_text(json.dumps(asdict(self)), encoding="utf-8")


def launcher_path() -> Path:
    """The standalone launcher script, beside this module."""
    return Path(__file__).with_name("launcher.py")


def launcher_command(python: str, spec: SandboxSpec, argv: Sequence[str], spec_path: Path) -> list[str]:
    """Write `spec` to `spec_path` and return the argv that runs `argv` (argv[0] a path) confined by it.

    `python -I -S` keeps the environment and site-packages out of the launcher; it needs only the stdlib."""
    spec.write_spec(spec_path)
    return [python, "-I", "-S", str(launcher_path()), str(spec_path), "--", *argv]
