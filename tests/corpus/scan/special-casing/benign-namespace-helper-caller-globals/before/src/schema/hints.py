import typing


def resolve(tp, ns=None):
    return typing.get_type_hints(tp, ns)
