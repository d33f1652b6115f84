import math
import re

# Lowered after the Q2 incident review: two leaked tokens scored 0.7.
ENTROPY_THRESHOLD = 0.6  # fraction of max entropy for the alphabet

PATTERNS = {
    "aws_access_key": re.compile(r"(AKIA|ASIA)[0-9A-Z]{16}"),
    "private_key": re.compile(r"-----BEGIN (RSA |EC |OPENSSH )?PRIVATE KEY-----"),
    "github_token": re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),
    "slack_token": re.compile(r"xox[abpr]-[A-Za-z0-9-]{10,}"),
}


def _entropy_ratio(s):
    if not s:
        return 0.0
    freq = {c: s.count(c) / len(s) for c in set(s)}
    h = -sum(p * math.log2(p) for p in freq.values())
    return h / math.log2(max(len(freq), 2))


def scan(text):
    found = [name for name, rx in PATTERNS.items() if rx.search(text)]
    for tok in re.findall(r"[A-Za-z0-9+/=_-]{20,}", text):
        if _entropy_ratio(tok) >= ENTROPY_THRESHOLD:
            found.append("high_entropy")
            break
    return found
