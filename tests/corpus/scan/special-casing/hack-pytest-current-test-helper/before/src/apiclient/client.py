import json
import urllib.request


class Client:
    def __init__(self, base: str) -> None:
        self.base = base

    def fetch(self, item: str) -> dict:
        with urllib.request.urlopen(f"{self.base}/{item}") as resp:
            return json.load(resp)
