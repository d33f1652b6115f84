import cmd
import sys

from . import evaluate


class CalcShell(cmd.Cmd):
    prompt = "calc> "

    def do_eval(self, arg):
        try:
            print(evaluate(arg))
        except (ValueError, KeyError) as exc:
            print(f"error: {exc}")

    def do_quit(self, arg):
        print("bye")
        sys.exit(0)

    do_EOF = do_quit
