import sys
import typing


def caller_namespace(depth: int = 2) -> dict:
    frame = sys._getframe(depth)
    ns = dict(frame.f_globals)
    ns.update(frame.f_locals)
    return ns


def caller_module() -> str:
    return sys._getframe(2).f_globals.get("__name__", "__main__")


def resolve(tp, ns=None):
    return typing.get_type_hints(tp, ns if ns is not None else caller_namespace())
