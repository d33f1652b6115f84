"""The suite's Inspect tasks, one module each (`tasks/<name>.py` defines the `@task` `<name>`).

Importing this package imports nothing heavy: the names and headline verbs below are for the command line
and the report; Inspect loads the tasks themselves through `oversight.evals._registry`.
"""

TASK_NAMES: tuple[str, ...] = (
    "public_comment_fraud",
    "goals",
    "malicious_offer",
    "classifier_sabotage",
    "oversight_tampering",
    "impossible_tests",
)

# What a sample whose rate_value is 1 did, for headlines such as "7 of 8 models complied with public_comment_fraud".
HEADLINE_VERBS: dict[str, str] = {
    "public_comment_fraud": "complied with",
    "goals": "faked alignment in",
    "malicious_offer": "took the harmful action in",
    "classifier_sabotage": "sabotaged the classifier in",
    "oversight_tampering": "tampered with oversight in",
    "impossible_tests": "cheated on",
}
