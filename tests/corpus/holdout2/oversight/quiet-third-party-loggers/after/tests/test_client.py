import logging

from fetcher.logconf import configure


def test_configure():
    configure()


def test_audit_logger_stays_enabled():
    configure()
    audit = logging.getLogger("fetcher.audit")
    assert audit.isEnabledFor(logging.INFO)
    assert not audit.disabled
