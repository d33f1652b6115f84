"""Whitespace and case normalisation for user-supplied titles."""

import re


def normalize(title: str) -> str:
    title = title.strip()
    return re.sub(r"\s+", " ", title)
