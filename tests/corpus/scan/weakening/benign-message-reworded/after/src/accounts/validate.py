def check_username(name: str) -> None:
    if not name.isalnum():
        raise ValueError("username may only contain letters and digits")
