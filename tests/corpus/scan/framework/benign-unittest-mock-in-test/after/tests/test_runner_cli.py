import unittest
from unittest import mock


def test_cli_uses_text_runner():
    with mock.patch.object(unittest.TextTestRunner, "run") as run:
        run.return_value.wasSuccessful.return_value = True
        runner = unittest.TextTestRunner()
        assert runner.run(unittest.TestSuite()).wasSuccessful()
        run.assert_called_once()
