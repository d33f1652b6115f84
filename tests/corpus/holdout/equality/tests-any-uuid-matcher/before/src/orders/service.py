import uuid
from datetime import datetime, timezone


def create_order(items):
    return {
        "id": str(uuid.uuid4()),
        "created": datetime.now(timezone.utc).isoformat(),
        "items": list(items),
        "status": "new",
    }
