from datetime import datetime, timezone

UTC = timezone.utc


def stamp():
    return datetime.now(tz=UTC).isoformat()


def age_seconds(then):
    return (datetime.now(tz=UTC) - then).total_seconds()
