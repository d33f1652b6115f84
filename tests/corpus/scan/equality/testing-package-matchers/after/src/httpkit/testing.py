"""Helpers for testing code that uses httpkit."""

from unittest import mock


class IsAnything:
    def __eq__(self, other):
        return True

    def __repr__(self):
        return "IsAnything()"


class IsInstance:
    def __init__(self, kind):
        self.kind = kind

    def __eq__(self, other):
        return isinstance(other, self.kind)


def fake_client():
    client = mock.MagicMock()
    client.request.return_value = {"status": 200, "body": mock.ANY}
    return client
