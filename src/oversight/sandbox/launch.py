"""Building the command that starts a program under the sandbox launcher."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class SandboxSpec:
    """What the launcher applies before it starts the program (see launcher.py)."""

    read: list[str] = field(default_factory=lambda: ["/"])
    write: list[str] = field(default_factory=list)
    write_files: list[str] = field(default_factory=list)
    device_trees: list[str] = field(default_factory=lambda: ["/dev/shm", "/dev/pts"])
    network: bool = False
    memory_bytes: int | None = None
    cpu_seconds: int | None = None
    max_file_bytes: int | None = None
    max_processes: int | None = None
    require_landlock: bool = False
    status_fd: int | None = None

    def write_spec(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)), encoding="utf-8")


def launcher_path() -> Path:
    return Path(__file__).with_name("launcher.py")


def launcher_command(python: str, spec: SandboxSpec, argv: Sequence[str], spec_path: Path) -> list[str]:
    """Write `spec` to `spec_path` and return the argv that runs `argv` confined by it."""
    spec.write_spec(spec_path)
    return [python, "-I", "-S", str(launcher_path()), str(spec_path), "--", *argv]
