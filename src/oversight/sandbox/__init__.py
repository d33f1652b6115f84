"""Kernel-enforced confinement: Landlock file rules, a private network namespace, resource limits, and a
launcher that applies them before it starts a program."""

from .landlock import FsRules, LandlockUnavailable, abi_version, restrict_self
from .launch import SandboxSpec, launcher_command, launcher_path

__all__ = [
    "FsRules",
    "LandlockUnavailable",
    "SandboxSpec",
    "abi_version",
    "launcher_command",
    "launcher_path",
    "restrict_self",
]
