"""Witnessed test runs: a verdict on the working tree's code from the trusted revision's tests, which the
code under test cannot forge.

`verify(path, base=...)` returns a `Verdict`; `reward(verdict)` turns it into a training signal.
"""

from ..types import Evidence, TestOutcome, Verdict
from .api import verify
from .reward import reward

__all__ = ["Evidence", "TestOutcome", "Verdict", "reward", "verify"]
