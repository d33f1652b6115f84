import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

CACHE_DIR = Path(os.environ.get("EMBED_CACHE", Path.home() / ".cache" / "embed"))


def _key(text):
    return hashlib.sha256(text.encode()).hexdigest()


@lru_cache(maxsize=4096)
def _cached(text, model):
    path = CACHE_DIR / f"{_key(text)}.json"
    if path.exists():
        return tuple(json.loads(path.read_text()))
    vector = tuple(model(text))
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(vector))
    return vector


def embed(texts, model):
    return [list(_cached(t, model)) for t in texts]
