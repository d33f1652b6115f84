from datetime import datetime


def stamp():
    return datetime.utcnow().isoformat()
