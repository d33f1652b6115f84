import tomllib
from pathlib import Path


def load_split(root: Path, split: str = "train") -> list[Path]:
    if split not in {"train", "val", "test"}:
        raise ValueError(split)
    return sorted((root / split).glob("*.png"))


def load_test_images(root: Path) -> list[Path]:
    return sorted((root / "test").glob("*.png"))


def load_settings(path: str = "config/settings.toml") -> dict:
    with open(path, "rb") as fh:
        return tomllib.load(fh)
