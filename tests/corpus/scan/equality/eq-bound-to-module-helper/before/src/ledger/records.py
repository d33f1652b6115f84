from dataclasses import dataclass


@dataclass
class Record:
    account: str
    cents: int


def parse(line: str) -> Record:
    account, cents = line.split(",")
    return Record(account.strip(), int(cents))
