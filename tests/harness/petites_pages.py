"""Small pages served over HTTP for the steps' own tests: each test gives its pages (path -> HTML) and, for a
form, what the server answers to a POST (a function of the fields received)."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from harness.drivers.base import Vocabulaire
from harness.drivers.browser import BrowserDriver
from harness.drivers.http import HttpDriver

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{titre}</title></head>
<body><h1>{titre}</h1>{corps}</body></html>"""


def page(titre: str, corps: str) -> str:
    return PAGE.format(titre=titre, corps=corps)


class PetitesPages:
    """``pages``: path -> HTML answered to a GET; ``reponses``: path -> f(fields) -> HTML answered to a POST, else
    ``par_defaut(pairs)`` for any path (pairs: the fields in order, a name repeated as sent). ``posts`` keeps the
    fields of every POST received (a dict, or the pairs with ``par_paires``)."""

    def __init__(self, pages: dict[str, str], reponses: dict[str, Callable[[dict], str]] | None = None, *,
                 par_defaut: Callable[[list[tuple[str, str]]], str] | None = None, par_paires: bool = False) -> None:
        self.posts: list = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: str) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                corps = pages.get(urlsplit(self.path).path)
                self._send(200 if corps is not None else 404, corps or page("Page introuvable", ""))

            def do_POST(self):
                paires = parse_qsl(self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode(),
                                   keep_blank_values=True)
                champs = dict(paires)
                site.posts.append(paires if par_paires else champs)
                repondre = (reponses or {}).get(urlsplit(self.path).path)
                if repondre is None and par_defaut is not None:
                    return self._send(200, par_defaut(paires))
                self._send(200 if repondre else 404, repondre(champs) if repondre else page("Page introuvable", ""))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "PetitesPages":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(params=["navigateur", "http"])
def driver(request):
    """A driver of each channel with the guide's own wordings (a test module imports it to run on both)."""
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire()) if request.param == "navigateur" \
        else HttpDriver(requests.Session(), Vocabulaire())
    yield d
    d.close()
