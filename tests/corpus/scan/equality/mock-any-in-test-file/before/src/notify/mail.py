def send_welcome(client, user):
    client.send(to=user["email"], subject="Welcome", body=f"Hi {user['name']}")
