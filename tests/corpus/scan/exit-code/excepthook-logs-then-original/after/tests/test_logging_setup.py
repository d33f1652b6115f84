import sys

from svc import logging_setup


def test_install(monkeypatch):
    monkeypatch.setattr(sys, 'excepthook', sys.excepthook)
    logging_setup.install()
    assert sys.excepthook is logging_setup._log_uncaught
