"""The embedded ledger store: SQLite in WAL mode.

Entries, the hashes of every perfect subtree (level 0 = leaf hashes; each append adds one leaf and, amortised,
one parent), signed checkpoints, content-addressed blobs. With perfect subtrees stored, a root, an inclusion
proof or a consistency proof reads O(log n) rows; a full verification reads everything once.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .store import StoreError, new_nodes

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS entries (idx INTEGER PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS checkpoints (size INTEGER PRIMARY KEY, note TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (hash TEXT PRIMARY KEY, data BLOB NOT NULL);
"""


class SqliteStore:
    """One ledger in one SQLite file; every method is a transaction of its own."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # One thread at a time uses the connection (the server's writer thread, or the caller).
            self.db = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")  # a killed process loses no committed append
            self.db.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open ledger {path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def _one(self, sql: str, *args: object) -> tuple[object, ...] | None:
        try:
            row: tuple[object, ...] | None = self.db.execute(sql, args).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(f"ledger {self.path} is unreadable: {exc}") from None
        return row

    # --- metadata ---------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", key)
        return str(row[0]) if row else None

    def setdefault_meta(self, key: str, value: str) -> str:
        self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
        stored = self.get_meta(key)
        assert stored is not None
        return stored

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN")
        except sqlite3.Error as exc:
            raise StoreError(f"ledger {self.path} is unreadable: {exc}") from None
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    # --- the log ----------------------------------------------------------------------------------------
    def size(self) -> int:
        row = self._one("SELECT COALESCE(MAX(idx) + 1, 0) FROM entries")
        return int(row[0]) if row and isinstance(row[0], int) else 0

    def append(self, entries: Sequence[bytes], seal: Callable[[int], str] | None = None) -> list[int]:
        """Append entries, their tree nodes and (from `seal(new_size)`) a signed checkpoint in one
        transaction, so a crash leaves either all of them or none; returns the entries' indexes."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                start = self.size()
                rows = [(start + offset, data) for offset, data in enumerate(entries)]
                nodes = new_nodes(start, entries, self.subtree)
                self.db.executemany("INSERT INTO entries (idx, data) VALUES (?, ?)", rows)
                self.db.executemany("INSERT INTO nodes (level, idx, hash) VALUES (?, ?, ?)", nodes)
                if seal is not None:
                    size = start + len(entries)
                    self.put_checkpoint(size, seal(size))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"cannot append to ledger {self.path}: {exc}") from None
        return list(range(start, start + len(entries)))

    def subtree(self, level: int, index: int) -> bytes:
        row = self._one("SELECT hash FROM nodes WHERE level = ? AND idx = ?", level, index)
        if row is None or not isinstance(row[0], bytes):
            raise StoreError(f"ledger {self.path} is missing tree node ({level}, {index})")
        return row[0]

    def entry(self, index: int) -> bytes | None:
        row = self._one("SELECT data FROM entries WHERE idx = ?", index)
        return bytes(row[0]) if row and isinstance(row[0], bytes) else None

    def entries(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, bytes]]:
        sql = "SELECT idx, data FROM entries WHERE idx >= ?" + (" AND idx < ?" if end is not None else "")
        args: tuple[int, ...] = (start, end) if end is not None else (start,)
        try:
            for index, data in self.db.execute(sql + " ORDER BY idx", args):
                yield int(index), bytes(data)
        except sqlite3.Error as exc:
            raise StoreError(f"ledger {self.path} is unreadable: {exc}") from None

    def stored_nodes(self) -> Iterator[tuple[int, int, bytes]]:
        try:
            for level, index, value in self.db.execute(
                "SELECT level, idx, hash FROM nodes ORDER BY level, idx"
            ):
                yield int(level), int(index), bytes(value)
        except sqlite3.Error as exc:
            raise StoreError(f"ledger {self.path} is unreadable: {exc}") from None

    # --- checkpoints and blobs --------------------------------------------------------------------------
    def put_checkpoint(self, size: int, note: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO checkpoints (size, note) VALUES (?, ?)", (size, note))

    def latest_checkpoint(self) -> tuple[int, str] | None:
        row = self._one("SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1")
        return (int(str(row[0])), str(row[1])) if row else None

    def put_blob(self, digest: str, data: bytes) -> None:
        self.db.execute("INSERT OR IGNORE INTO blobs (hash, data) VALUES (?, ?)", (digest, data))

    def get_blob(self, digest: str) -> bytes | None:
        row = self._one("SELECT data FROM blobs WHERE hash = ?", digest)
        return bytes(row[0]) if row and isinstance(row[0], bytes) else None
