"""Fixtures of the reference implementation's own tests.

A tiny fake of the INSEE API Sirene and an SMTP sink run in threads; each test
gets a fresh application (test mode, temporary database) and its test client.
"""
from __future__ import annotations

import email
import email.policy
import json
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jinja2
import pytest
from aiosmtpd.controller import Controller

from reference_impl import create_app

from .helpers import CAPTCHA, etablissement


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class FakeSirene:
    """Answers any SIRET as an active, diffusible establishment unless told otherwise."""

    url: str = ""
    cases: dict[str, object] = field(default_factory=dict)  # siret -> "inconnu"|"ferme"|"P"|500|503|"lent"|dict
    requests: list[dict] = field(default_factory=list)
    slow_seconds: float = 1.0

    def answer(self, siret: str, headers) -> tuple[int, dict]:
        self.requests.append({"siret": siret, "key": headers.get("X-INSEE-Api-Key-Integration")})
        if not headers.get("X-INSEE-Api-Key-Integration"):
            return 401, {"header": {"statut": 401, "message": "clé absente"}}
        case = self.cases.get(siret, "O")
        if case == "inconnu":
            return 404, {"header": {"statut": 404, "message": "Aucun élément trouvé pour le siret " + siret}}
        if case in (500, 503):
            return case, {"header": {"statut": case, "message": "Erreur"}}
        if case == "lent":
            time.sleep(self.slow_seconds)
        if case == "ferme":
            return 200, etablissement(siret, etat="F")
        if case in ("P", "N"):
            return 200, etablissement(siret, statut=case)
        if isinstance(case, dict):
            return 200, case
        return 200, etablissement(siret)


@pytest.fixture(scope="session")
def sirene_server():
    fake = FakeSirene()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            match = re.fullmatch(r"/api-sirene/3\.11/siret/(\d+)", self.path)
            status, body = fake.answer(match.group(1), self.headers) if match else (404, {})
            data = json.dumps(body).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:  # the client gave up (time-out test)
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/api-sirene/3.11"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield fake
    server.shutdown()


@pytest.fixture
def sirene(sirene_server):
    sirene_server.cases.clear()
    sirene_server.requests.clear()
    return sirene_server


# --- SMTP sink -------------------------------------------------------------------

@dataclass
class Mail:
    to: list[str]
    subject: str
    text: str

    @property
    def links(self) -> list[str]:
        return re.findall(r"https?://\S+", self.text)


class Sink:
    def __init__(self):
        self.mails: list[Mail] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.mails.append(Mail(list(envelope.rcpt_tos), message["Subject"],
                               message.get_body(("plain",)).get_content()))
        return "250 OK"

    def to(self, address: str) -> list[Mail]:
        return [m for m in self.mails if address in m.to]


@pytest.fixture(scope="session")
def smtp_server():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture
def smtp(smtp_server):
    smtp_server.mails.clear()
    return smtp_server


# --- the application ---------------------------------------------------------

@pytest.fixture
def config(tmp_path, sirene, smtp):
    return {
        "DATABASE": str(tmp_path / "reference.sqlite3"),
        "SIRENE_URL": sirene.url,
        "SIRENE_TIMEOUT": 0.5,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": smtp.port,
        "PUBLIC_URL": "http://chorus.test",
        "TEST_MODE": True,
        "CAPTCHA_ANSWER": CAPTCHA,
        "SECRET_KEY": "secret-de-test",
    }


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates shared by the many applications the tests create (a big share of their time)."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


TEMPLATE_CACHE = MemoryBytecodeCache()


def make_app(config):
    app = create_app(config)
    app.jinja_env.bytecode_cache = TEMPLATE_CACHE
    return app


@pytest.fixture
def app(config):
    return make_app(config)


@pytest.fixture
def client(app):
    return app.test_client()


