"""Server-side sessions (Flask-Session), kept in the application's SQLite database.

The cookie carries only a random session id; the data stays on the server, so
that logging out ends the session for good (an old cookie opens nothing), a
finished step cannot be replayed with a copy of the cookie, and a session idle
for longer than SESSION_IDLE_MINUTES is gone. Flask-Session brings the cookie
handling, the id generation and its regeneration at login; this module is its
storage.
"""
from __future__ import annotations

import time
from datetime import timedelta

from flask import Flask, g
from flask_session.base import ServerSideSession, ServerSideSessionInterface

from .db import get_db


class SqliteSessionInterface(ServerSideSessionInterface):
    """Flask-Session's storage contract over the ``session`` table (schema.sql)."""

    ttl = False  # expired rows are removed by this interface, not by the store
    session_class = ServerSideSession

    def __init__(self, app: Flask) -> None:
        # Cleanup of expired rows on about one request in 200.
        super().__init__(app, key_prefix="", use_signer=False, permanent=True, sid_length=32,
                         serialization_format="json", cleanup_n_requests=200)

    def save_session(self, app: Flask, session: ServerSideSession, response) -> None:
        if g.get("session_laissee"):  # seeded fault sec_deconnexion_cote_client (compte.deconnexion)
            return
        super().save_session(app, session, response)

    def _retrieve_session_data(self, store_id: str) -> dict | None:
        row = get_db().execute("SELECT data, expiry FROM session WHERE id = ?", (store_id,)).fetchone()
        if row is None:
            return None
        if row["expiry"] <= time.time():
            self._delete_session(store_id)
            return None
        return self.serializer.decode(row["data"])

    def _delete_session(self, store_id: str) -> None:
        get_db().execute("DELETE FROM session WHERE id = ?", (store_id,))

    def _upsert_session(self, session_lifetime: timedelta, session: ServerSideSession, store_id: str) -> None:
        # Each request moves the expiry forward: SESSION_IDLE_MINUTES is an idle timeout.
        expiry = time.time() + session_lifetime.total_seconds()
        get_db().execute(
            "INSERT INTO session (id, data, expiry, utilisateur_id) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET data = excluded.data, expiry = excluded.expiry,"
            " utilisateur_id = excluded.utilisateur_id",
            (store_id, self.serializer.encode(session), expiry, dict(session).get("user_id")),
        )

    def _delete_expired_sessions(self) -> None:
        get_db().execute("DELETE FROM session WHERE expiry <= ?", (time.time(),))


def age_sessions(db, adresse: str, minutes: float) -> int:
    """Move the last activity of the account's sessions ``minutes`` into the past (test control)."""
    return db.execute(
        "UPDATE session SET expiry = expiry - ? WHERE utilisateur_id IN"
        " (SELECT id FROM utilisateur WHERE adresse_connexion = ?)",
        (minutes * 60, adresse),
    ).rowcount


def init_app(app: Flask) -> None:
    minutes = float(app.config["SESSION_IDLE_MINUTES"])
    if app.config.get("FAULT") == "sec_session_sans_expiration":
        # The hurried version keeps Flask's default lifetime: a month, idle or not.
        minutes = 31 * 24 * 60
    elif app.config.get("FAULT") == "sec_session_inactive_15_minutes":
        minutes = minutes / 2  # the hurried version reads the setting as seconds and halves it "to be safe"
    app.permanent_session_lifetime = timedelta(minutes=minutes)
    app.session_interface = SqliteSessionInterface(app)
