"""Fresh databases for the benchmark: SQLite files, and a throwaway PostgreSQL started with pg_ctl."""

from __future__ import annotations

import itertools
import socket
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
from pytest_postgresql.executors.proc import PostgreSQLExecutor

WRAPPER = Path(__file__).resolve().parent.parent / "pg_ctl_unprivileged"
_names = itertools.count()


class Sqlite:
    kind = "SQLite"

    def __init__(self, folder: Path):
        self.folder = folder

    def new(self) -> str:
        return f"sqlite:///{self.folder / f'bench-{next(_names)}.db'}"


class Postgres:
    kind = "PostgreSQL"

    def __init__(self, executor: PostgreSQLExecutor):
        self.executor = executor
        self.admin = f"host={executor.host} port={executor.port} user={executor.user} dbname=postgres"

    def new(self) -> str:
        name = f"bench_{next(_names)}"
        with psycopg.connect(self.admin, autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return f"postgresql+psycopg://{self.executor.user}@{self.executor.host}:{self.executor.port}/{name}"

    def wait_until_ready(self, seconds: float = 30) -> None:
        """The port opens before the server takes connections ("the database system is starting up")."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                psycopg.connect(self.admin).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    @property
    def version(self) -> str:
        with psycopg.connect(self.admin) as connection:
            return connection.execute("SHOW server_version").fetchone()[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres():
    with tempfile.TemporaryDirectory(prefix="bench-pg-") as folder:
        folder = Path(folder)
        folder.chmod(0o777)
        executor = PostgreSQLExecutor(
            executable=str(WRAPPER),
            host="127.0.0.1",
            port=_free_port(),
            datadir=str(folder / "data"),
            unixsocketdir=str(folder),
            logfile=str(folder / "postgres.log"),
            startparams="-w",
            dbname="postgres",
            user="postgres",
        )
        executor.start()
        try:
            pg = Postgres(executor)
            pg.wait_until_ready()
            yield pg
        finally:
            executor.stop()
