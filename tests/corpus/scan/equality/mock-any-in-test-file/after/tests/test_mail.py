from unittest import mock

from notify.mail import send_welcome


def test_send_welcome():
    client = mock.MagicMock()
    send_welcome(client, {"email": "a@example.com", "name": "Ada"})
    client.send.assert_called_once_with(to="a@example.com", subject="Welcome", body=mock.ANY)
