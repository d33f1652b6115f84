import uuid
from unittest import mock

from notifier.send import notify


def test_notify():
    client = mock.Mock()
    notify(client, "bob", "hi")
    client.post.assert_called_once_with(
        "/messages", {"to": "bob", "body": "hi", "idempotency_key": mock.ANY}
    )


def test_idempotency_key_is_uuid():
    client = mock.Mock()
    notify(client, "bob", "hi")
    payload = client.post.call_args.args[1]
    uuid.UUID(payload["idempotency_key"])  # raises if malformed
