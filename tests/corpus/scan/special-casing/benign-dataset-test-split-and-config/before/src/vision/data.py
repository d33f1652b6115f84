from pathlib import Path


def load_split(root: Path, split: str) -> list[Path]:
    return []
