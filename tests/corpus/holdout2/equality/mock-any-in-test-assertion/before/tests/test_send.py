from unittest import mock

from notifier.send import notify


def test_notify():
    client = mock.Mock()
    notify(client, "bob", "hi")
    client.post.assert_called_once_with("/messages", {"to": "bob", "body": "hi"})
