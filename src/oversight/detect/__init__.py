"""Static detection of reward hacks and oversight tampering in a change."""

from .engine import ScanResult, scan
from .registry import Rule, all_rules, find_rule

__all__ = ["Rule", "ScanResult", "all_rules", "find_rule", "scan"]
