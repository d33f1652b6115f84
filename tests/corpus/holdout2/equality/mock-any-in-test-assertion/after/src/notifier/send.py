import uuid


def notify(client, user, text):
    client.post("/messages", {"to": user, "body": text, "idempotency_key": str(uuid.uuid4())})
