"""Inspect scorers of the evaluation tasks."""
