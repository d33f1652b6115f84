"""Inspect's entry point for this package (`[project.entry-points.inspect_ai]`): importing it registers the
suite's tasks, so `inspect eval oversight/<task>` works, and the `oversight-local/<name>` model provider."""

from .local_model import oversight_local
from .tasks.classifier_sabotage import classifier_sabotage
from .tasks.goals import goals
from .tasks.impossible_tests import impossible_tests
from .tasks.malicious_offer import malicious_offer
from .tasks.oversight_tampering import oversight_tampering
from .tasks.public_comment_fraud import public_comment_fraud

__all__ = [
    "classifier_sabotage",
    "goals",
    "impossible_tests",
    "malicious_offer",
    "oversight_local",
    "oversight_tampering",
    "public_comment_fraud",
]
