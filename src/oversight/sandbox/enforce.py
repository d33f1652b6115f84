"""Run a command under a mount plan: start nsexec.py, hand it the plan, relay signals, return the status.

The command's exit status comes back unchanged (a signal n gives 128+n); 2 when the sandbox could not be
set up, which nsexec.py has then explained in one line on stderr.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from .mountns import MountPlan

EXIT_SETUP = 2
_FORWARDED = (signal.SIGTERM, signal.SIGHUP)


def nsexec_path() -> Path:
    """The standalone namespace launcher, beside this module."""
    return Path(__file__).with_name("nsexec.py")


def _exit_status(returncode: int) -> int:
    return 128 - returncode if returncode < 0 else returncode


def run_under(plan: MountPlan, command: Sequence[str], python: str = sys.executable) -> int:
    """Run `command` confined by `plan` and wait for it; its exit status, or 2 when setup failed."""
    plan_read, plan_write = os.pipe()
    status_read, status_write = os.pipe()
    argv = [python, "-I", "-S", str(nsexec_path()), str(plan_read), str(status_write), "--", *command]
    try:
        child = subprocess.Popen(argv, pass_fds=(plan_read, status_write))
    except OSError as exc:
        for fd in (plan_read, plan_write, status_read, status_write):
            os.close(fd)
        sys.stderr.write(f"oversight run: cannot start {python}: {exc.strerror or exc}\n")
        return EXIT_SETUP
    os.close(plan_read)
    os.close(status_write)
    with os.fdopen(plan_write, "wb") as handle:
        handle.write(plan.to_json())
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGQUIT, *_FORWARDED)}

    def forward(number: int, _frame: FrameType | None) -> None:
        child.send_signal(number)

    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal signals the command's group itself
        signal.signal(signal.SIGQUIT, signal.SIG_IGN)
        for sig in _FORWARDED:
            signal.signal(sig, forward)
        with os.fdopen(status_read, "rb") as status:
            started = status.read(1) == b"S"
        returncode = child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return _exit_status(returncode) if started else EXIT_SETUP
