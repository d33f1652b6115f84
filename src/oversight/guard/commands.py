"""Placeholder: replaced by the guard's implementation."""

import argparse

from ..errors import UsageError


def configure(parser: argparse.ArgumentParser) -> None:
    """Add this command's arguments."""


def run(args: argparse.Namespace) -> int:
    raise UsageError("not built yet")
