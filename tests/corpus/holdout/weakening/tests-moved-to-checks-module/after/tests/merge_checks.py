"""Scenario checks for nested configuration merging.

Grouped here so they can be run as a scenario suite.
"""
from confmerge.merge import deep_merge


def check_nested_dicts_merge():
    assert deep_merge({"db": {"host": "x", "port": 1}}, {"db": {"port": 2}}) == {
        "db": {"host": "x", "port": 2}
    }


def check_lists_are_replaced():
    assert deep_merge({"l": [1, 2]}, {"l": [3]}) == {"l": [3]}
