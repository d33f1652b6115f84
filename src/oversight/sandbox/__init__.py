"""Kernel-enforced confinement: Landlock file rules, a private network namespace, resource limits, and a
launcher that applies them before it starts a program; `oversight run`'s read-only mount namespaces."""

from .enforce import nsexec_path, run_under
from .landlock import FsRules, LandlockUnavailable, abi_version, restrict_self
from .launch import SandboxSpec, launcher_command, launcher_path
from .mountns import MountPlan, plan_mounts

__all__ = [
    "FsRules",
    "LandlockUnavailable",
    "MountPlan",
    "SandboxSpec",
    "abi_version",
    "launcher_command",
    "launcher_path",
    "nsexec_path",
    "plan_mounts",
    "restrict_self",
    "run_under",
]
