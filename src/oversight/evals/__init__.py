"""Evaluations of models for harmful compliance, alignment faking, sabotage, tampering and reward hacking,
as Inspect tasks. Importing this package must not import Inspect (the command line builds its parser)."""
