"""SQLite access: one connection per request, parameterised SQL only."""
from __future__ import annotations

import sqlite3
from importlib import resources

from flask import Flask, current_app, g


def connect(path: str) -> sqlite3.Connection:
    # isolation_level=None: transactions are opened explicitly (BEGIN IMMEDIATE)
    # where a read-then-write must be atomic.
    conn = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    # With the WAL journal (set by init_db), NORMAL is durable across application crashes.
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db(path: str) -> None:
    conn = connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(resources.files(__package__).joinpath("schema.sql").read_text(encoding="utf-8"))
    finally:
        conn.close()


def init_app(app: Flask) -> None:
    init_db(app.config["DATABASE"])
    # One connection stays open for the application's life. Each request still has its own, but closing it is
    # then never closing the database's last connection, which in WAL mode checkpoints the log into the database
    # and deletes it (measured with py-spy under the conformance suite: closing and reopening were about a quarter
    # of the implementation's samples).
    app.extensions["chorus_db_ouverte"] = connect(app.config["DATABASE"])
    app.teardown_appcontext(close_db)
