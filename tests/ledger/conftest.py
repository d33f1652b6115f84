"""Fixtures for the ledger's tests: a real PostgreSQL server for the session, and both storage backends.

The server is $OVERSIGHT_PG_URL when set; otherwise a private one made with initdb and pg_ctl in a temporary
folder, listening only on a Unix socket there, run as an unprivileged user when we are root (initdb refuses
root). Without PostgreSQL binaries the PostgreSQL cases skip, or fail when OVERSIGHT_REQUIRE_POSTGRES=1.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest


def _postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def _as_user(user: str | None, command: list[str]) -> list[str]:
    """The command run as `user` (util-linux's runuser, which lives in sbin, often not on PATH)."""
    if user is None:
        return command
    runuser = shutil.which("runuser", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
    if runuser is None:
        pytest.fail("running as root, and runuser (util-linux) is missing: cannot run initdb unprivileged")
    return [runuser, "-u", user, "--", *command]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A URL for a database on a real PostgreSQL server."""
    if os.environ.get("OVERSIGHT_PG_URL"):
        yield os.environ["OVERSIGHT_PG_URL"]
        return
    binaries = _postgres_bin()
    if binaries is None:
        if os.environ.get("OVERSIGHT_REQUIRE_POSTGRES") == "1":
            pytest.fail("OVERSIGHT_REQUIRE_POSTGRES=1 but no PostgreSQL binaries (initdb, pg_ctl) were found")
        pytest.skip("no PostgreSQL binaries (initdb, pg_ctl); install Debian's postgresql to run these")
    user = None
    if os.geteuid() == 0:
        user = next((name for name in ("postgres", "nobody") if _has_user(name)), None)
        if user is None:
            pytest.fail("running as root and neither a 'postgres' nor a 'nobody' user exists to run initdb")
    folder = Path(tempfile.mkdtemp(prefix="oversight-pg-"))
    data, pg_ctl = folder / "data", str(binaries / "pg_ctl")
    try:
        if user:
            entry = pwd.getpwnam(user)
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        initdb = [str(binaries / "initdb"), "-D", str(data), "-U", "oversight", "-A", "trust", "-N"]
        made = subprocess.run(_as_user(user, initdb), capture_output=True, text=True, check=False)
        if made.returncode != 0:
            pytest.fail(f"initdb failed: {made.stderr.strip()}")
        options = f"-c listen_addresses='' -k {folder} -c fsync=off -c max_connections=200"
        start = [pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "-t", "60", "start"]
        started = subprocess.run(_as_user(user, start), capture_output=True, text=True, check=False)
        if started.returncode != 0:
            log = (folder / "log").read_text(errors="replace") if (folder / "log").exists() else ""
            pytest.fail(f"PostgreSQL did not start: {started.stderr}{log}")
        yield f"postgresql://oversight@/postgres?host={quote(str(folder), safe='')}"
    finally:
        if (data / "postmaster.pid").exists():
            stop = [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]
            subprocess.run(_as_user(user, stop), capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Default key and socket paths of URL ledgers land in a temporary data folder, never the real home."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg")))


class Backend:
    """Makes fresh ledgers of one kind and reaches into their tables the way an attacker with the database
    would: raw SQL with `?` placeholders, whole-table snapshots and restores."""

    TABLES = ("meta", "entries", "nodes", "checkpoints", "blobs")

    def __init__(self, name: str, folder: Path, server: str | None) -> None:
        self.name = name
        self.folder = folder
        self.server = server

    def fresh(self) -> str:
        """The location of a new, empty ledger."""
        label = "t" + secrets.token_hex(6)
        if self.server is None:
            return str(self.folder / f"{label}.db")
        self.sql(self.server, f"CREATE SCHEMA {label}")
        separator = "&" if "?" in self.server else "?"
        return f"{self.server}{separator}options={quote(f'-c search_path={label}', safe='')}"

    def sql(self, location: str, statement: str, *args: Any) -> list[tuple[Any, ...]]:
        if self.server is None:
            db = sqlite3.connect(location, isolation_level=None)
            try:
                return db.execute(statement, args).fetchall()
            finally:
                db.close()
        import psycopg

        with psycopg.connect(location, autocommit=True) as connection:
            cursor = connection.execute(statement.replace("?", "%s"), args)
            return cursor.fetchall() if cursor.description else []

    def snapshot(self, location: str) -> dict[str, list[tuple[Any, ...]]]:
        return {table: self.sql(location, f"SELECT * FROM {table}") for table in self.TABLES}

    def restore(self, location: str, snapshot: dict[str, list[tuple[Any, ...]]]) -> None:
        for table, rows in snapshot.items():
            self.sql(location, f"DELETE FROM {table}")
            for row in rows:
                self.sql(location, f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", *row)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    """Each storage backend in turn (PostgreSQL cases skip without a server)."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "sqlite":
        return Backend("sqlite", folder, None)
    return Backend("postgres", folder, request.getfixturevalue("postgres_url"))


@pytest.fixture
def pg_backend(postgres_url: str, tmp_path_factory: pytest.TempPathFactory) -> Backend:
    """The PostgreSQL backend alone."""
    return Backend("postgres", tmp_path_factory.mktemp("postgres"), postgres_url)
