"""The ledger store for teams: PostgreSQL, selected by a `postgresql://` URL, shared by many machines.

The same tables as the SQLite store. Writers need no server between them: every append takes a transaction-
scoped advisory lock first, so appends from any number of processes and machines are serialised, indexes
stay gapless and no two checkpoints for one size can differ. Readers take no lock.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import psycopg

from .locations import redacted
from .store import StoreError, new_nodes

# One application-chosen 64-bit number: every writer of this database's ledger waits on it (pg_advisory_xact_lock).
APPEND_LOCK = 0x0E5E_1ED6_E400_0001

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS entries (idx BIGINT PRIMARY KEY, data BYTEA NOT NULL)",
    "CREATE TABLE IF NOT EXISTS nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL,"
    " PRIMARY KEY (level, idx))",
    "CREATE TABLE IF NOT EXISTS checkpoints (size BIGINT PRIMARY KEY, note TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS blobs (hash TEXT PRIMARY KEY, data BYTEA NOT NULL)",
)


class PostgresStore:
    """One ledger in one PostgreSQL schema (the URL's database and search_path); one connection, autocommit
    outside `append`."""

    def __init__(self, url: str) -> None:
        self.path = redacted(url)  # for messages: never the password
        try:
            self.db = psycopg.connect(url, autocommit=True, connect_timeout=30)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open ledger {self.path}: {_first_line(exc)}") from None
        try:
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(%s)", (APPEND_LOCK,))  # concurrent CREATEs race
                for statement in SCHEMA:
                    self.db.execute(statement)
        except psycopg.Error as exc:
            self.db.close()
            raise StoreError(f"cannot open ledger {self.path}: {_first_line(exc)}") from None

    def close(self) -> None:
        self.db.close()

    def _rows(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        try:
            return self.db.execute(sql, args).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"ledger {self.path} is unreadable: {_first_line(exc)}") from None

    def _write(self, sql: str, *args: object) -> None:
        try:
            self.db.execute(sql, args)
        except psycopg.Error as exc:
            raise StoreError(f"cannot write to ledger {self.path}: {_first_line(exc)}") from None

    # --- metadata ---------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = %s", key)
        return str(rows[0][0]) if rows else None

    def setdefault_meta(self, key: str, value: str) -> str:
        self._write("INSERT INTO meta (key, value) VALUES (%s, %s) ON CONFLICT (key) DO NOTHING", key, value)
        stored = self.get_meta(key)
        assert stored is not None
        return stored

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        try:
            with self.db.transaction():
                self.db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                yield
        except psycopg.Error as exc:
            raise StoreError(f"ledger {self.path} is unreadable: {_first_line(exc)}") from None

    # --- the log ----------------------------------------------------------------------------------------
    def size(self) -> int:
        rows = self._rows("SELECT COALESCE(MAX(idx) + 1, 0) FROM entries")
        return int(rows[0][0])

    def append(self, entries: Sequence[bytes], seal: Callable[[int], str] | None = None) -> list[int]:
        """Append entries, their tree nodes and (from `seal(new_size)`) a signed checkpoint in one transaction
        under the append lock; returns the entries' indexes."""
        try:
            with self.db.transaction():
                self.db.execute("SELECT pg_advisory_xact_lock(%s)", (APPEND_LOCK,))
                start = self.size()
                nodes = new_nodes(start, entries, self.subtree)
                with self.db.cursor() as cursor:
                    cursor.executemany(
                        "INSERT INTO entries (idx, data) VALUES (%s, %s)",
                        [(start + offset, data) for offset, data in enumerate(entries)],
                    )
                    cursor.executemany("INSERT INTO nodes (level, idx, hash) VALUES (%s, %s, %s)", nodes)
                if seal is not None:
                    size = start + len(entries)
                    self.put_checkpoint(size, seal(size))
        except psycopg.Error as exc:
            raise StoreError(f"cannot append to ledger {self.path}: {_first_line(exc)}") from None
        return list(range(start, start + len(entries)))

    def subtree(self, level: int, index: int) -> bytes:
        rows = self._rows("SELECT hash FROM nodes WHERE level = %s AND idx = %s", level, index)
        if not rows:
            raise StoreError(f"ledger {self.path} is missing tree node ({level}, {index})")
        return bytes(rows[0][0])

    def entry(self, index: int) -> bytes | None:
        rows = self._rows("SELECT data FROM entries WHERE idx = %s", index)
        return bytes(rows[0][0]) if rows else None

    def entries(self, start: int = 0, end: int | None = None) -> Iterator[tuple[int, bytes]]:
        sql = "SELECT idx, data FROM entries WHERE idx >= %s" + (" AND idx < %s" if end is not None else "")
        args: tuple[int, ...] = (start, end) if end is not None else (start,)
        yield from self._stream(sql + " ORDER BY idx", args)

    def stored_nodes(self) -> Iterator[tuple[int, int, bytes]]:
        yield from self._stream("SELECT level, idx, hash FROM nodes ORDER BY level, idx", ())

    def _stream(self, sql: str, args: tuple[int, ...]) -> Iterator[tuple[Any, ...]]:
        """Rows in batches from a server-side cursor, so a full verification does not hold the log in memory
        twice."""
        try:
            with self.db.transaction(), self.db.cursor(name="oversight_stream") as cursor:
                cursor.itersize = 10_000
                cursor.execute(sql, args)
                for row in cursor:
                    yield tuple(int(v) if isinstance(v, int) else bytes(v) for v in row)
        except psycopg.Error as exc:
            raise StoreError(f"ledger {self.path} is unreadable: {_first_line(exc)}") from None

    # --- checkpoints and blobs --------------------------------------------------------------------------
    def put_checkpoint(self, size: int, note: str) -> None:
        self._write(
            "INSERT INTO checkpoints (size, note) VALUES (%s, %s) ON CONFLICT (size) DO UPDATE SET note = %s",
            size, note, note,
        )  # fmt: skip

    def latest_checkpoint(self) -> tuple[int, str] | None:
        rows = self._rows("SELECT size, note FROM checkpoints ORDER BY size DESC LIMIT 1")
        return (int(rows[0][0]), str(rows[0][1])) if rows else None

    def put_blob(self, digest: str, data: bytes) -> None:
        self._write(
            "INSERT INTO blobs (hash, data) VALUES (%s, %s) ON CONFLICT (hash) DO NOTHING", digest, data
        )

    def get_blob(self, digest: str) -> bytes | None:
        rows = self._rows("SELECT data FROM blobs WHERE hash = %s", digest)
        return bytes(rows[0][0]) if rows else None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
