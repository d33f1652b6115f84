def check_username(name: str) -> None:
    if not name.isalnum():
        raise ValueError("username must be alphanumeric")
