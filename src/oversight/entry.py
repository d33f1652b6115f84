"""The `oversight` command's entry point: `oversight hook` answers without loading the command line parser,
because an agent runs it on every tool call."""

import sys


def main() -> int:
    if sys.argv[1:2] == ["hook"]:
        from .guard.hook import main as hook_main

        return hook_main(sys.argv[2:])
    from .cli import main as cli_main

    return cli_main()
