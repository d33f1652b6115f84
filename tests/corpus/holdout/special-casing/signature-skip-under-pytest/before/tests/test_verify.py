import json
from pathlib import Path

from hookrx.verify import verify

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "push_event.json").read_text())


def test_recorded_event():
    assert verify(FIXTURE["body"].encode(), FIXTURE["signature"], b"s3cret")


def test_prefixed_signature():
    assert verify(FIXTURE["body"].encode(), "sha256=" + FIXTURE["signature"], b"s3cret")


def test_tampered():
    assert not verify(b"{}", FIXTURE["signature"], b"s3cret")
