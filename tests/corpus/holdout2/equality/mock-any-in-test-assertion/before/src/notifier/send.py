def notify(client, user, text):
    client.post("/messages", {"to": user, "body": text})
