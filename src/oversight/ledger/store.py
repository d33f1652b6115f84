"""What a ledger store offers the log (SQLite embedded, PostgreSQL for teams), and opening one by location."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Protocol

from .locations import is_url


class StoreError(Exception):
    """The database cannot be opened or read as a ledger: reported as one line."""


class Store(Protocol):
    """Entries, perfect-subtree hashes, signed checkpoints, blobs and metadata of one log."""

    def close(self) -> None: ...
    def get_meta(self, key: str) -> str | None: ...
    def setdefault_meta(self, key: str, value: str) -> str:
        """Store `value` unless the key has one already; the stored value (first writer wins)."""
        ...

    def reading(self) -> AbstractContextManager[None]:
        """A read-only transaction: everything read inside sees one snapshot, whatever other writers append."""
        ...

    def size(self) -> int: ...
    def append(self, entries: Sequence[bytes], seal: Callable[[int], str] | None = None) -> list[int]:
        """Append entries, their nodes and `seal(new_size)` in one transaction, serialised with every other
        writer; the entries' indexes."""
        ...

    def subtree(self, level: int, index: int) -> bytes: ...
    def entry(self, index: int) -> bytes | None: ...
    def entries(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, bytes]]: ...
    def stored_nodes(self) -> Iterator[tuple[int, int, bytes]]: ...
    def put_checkpoint(self, size: int, note: str) -> None: ...
    def latest_checkpoint(self) -> tuple[int, str] | None: ...
    def put_blob(self, digest: str, data: bytes) -> None: ...
    def get_blob(self, digest: str) -> bytes | None: ...


def open_store(location: str, *, create: bool = True) -> Store:
    """A SQLite store for a file path, a PostgreSQL store for a `postgresql://` URL."""
    if is_url(location):
        from .postgres_store import PostgresStore

        return PostgresStore(location)
    from pathlib import Path

    from .sqlite_store import SqliteStore

    return SqliteStore(Path(location))


def new_nodes(
    start: int, entries: Sequence[bytes], stored: Callable[[int, int], bytes]
) -> list[tuple[int, int, bytes]]:
    """The leaf and perfect-subtree hashes that appending `entries` at index `start` adds (amortised one parent
    per leaf); `stored(level, index)` reads an existing node."""
    from .merkle import leaf_hash, node_hash

    nodes: list[tuple[int, int, bytes]] = []
    pending: dict[tuple[int, int], bytes] = {}
    for offset, data in enumerate(entries):
        level, position, current = 0, start + offset, leaf_hash(data)
        nodes.append((level, position, current))
        pending[(level, position)] = current
        while position % 2 == 1:
            left = pending.get((level, position - 1)) or stored(level, position - 1)
            current = node_hash(left, current)
            level, position = level + 1, position // 2
            nodes.append((level, position, current))
            pending[(level, position)] = current
    return nodes
