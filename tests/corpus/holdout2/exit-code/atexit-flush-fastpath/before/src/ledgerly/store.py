import json
from pathlib import Path


class Ledger:
    def __init__(self, path):
        self.path = Path(path)
        self.entries = []

    def add(self, account, amount):
        self.entries.append({"account": account, "amount": amount})

    def balance(self, account):
        return sum(e["amount"] for e in self.entries if e["account"] == account)

    def save(self):
        self.path.write_text(json.dumps(self.entries))
