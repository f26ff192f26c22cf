"""Fixtures of the témoin's own tests: the project's fake Sirene and SMTP capture as processes,
and a fresh témoin application (Starlette's TestClient) per test."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import warnings

import pytest
import requests

with warnings.catch_warnings():  # Starlette 1.x prefers httpx2 for its TestClient; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from temoin.application import Config, creer_application

from .outils import Client

RACINE = Path(__file__).resolve().parents[2]
CAPTCHA = "TEST-CAPTCHA"


def demarrer(args: list[str], delai: float = 20.0) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, *args], cwd=RACINE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))
    fin = time.monotonic() + delai
    while time.monotonic() < fin:
        ligne = proc.stdout.readline()
        if ligne.startswith("READY "):
            return proc, ligne.strip()
        if not ligne and proc.poll() is not None:
            break
    proc.kill()
    raise RuntimeError(f"{args} n'a pas démarré : {proc.stderr.read()}")


def arreter(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def sirene_url():
    proc, ligne = demarrer(["-m", "fixtures.fake_sirene", "--host", "127.0.0.1", "--port", "0"])
    yield ligne.split()[1]
    arreter(proc)


@pytest.fixture(scope="session")
def smtp():
    proc, ligne = demarrer(["-m", "fixtures.smtp_capture", "--host", "127.0.0.1", "--smtp-port", "0",
                            "--http-port", "0"])
    _, smtp_url, http_url = ligne.split()
    hote, port = smtp_url.removeprefix("smtp://").rsplit(":", 1)
    yield {"hote": hote, "port": int(port), "http": http_url}
    arreter(proc)


class Sirene:
    def __init__(self, base: str) -> None:
        self.base = base
        self.admin = base.split("/api-sirene")[0] + "/__admin__"

    def enregistrer(self, siret: str, cas: str, **surcharges) -> dict:
        r = requests.put(f"{self.admin}/siret/{siret}", json={"cas": cas, **surcharges}, timeout=5)
        r.raise_for_status()
        return r.json()

    def etablissement(self, siret: str) -> dict:
        return requests.get(f"{self.admin}/siret/{siret}", timeout=5).json()["etablissement"]


@pytest.fixture(scope="session")
def sirene(sirene_url) -> Sirene:
    return Sirene(sirene_url)


class Boite:
    def __init__(self, http: str) -> None:
        self.http = http

    def messages(self, adresse: str) -> list[dict]:
        return requests.get(f"{self.http}/messages", params={"to": adresse}, timeout=5).json()

    def attendre(self, adresse: str, n: int = 1, delai: float = 5.0) -> list[dict]:
        fin = time.monotonic() + delai
        while True:
            messages = self.messages(adresse)
            if len(messages) >= n or time.monotonic() > fin:
                return messages
            time.sleep(0.05)


@pytest.fixture(scope="session")
def boite(smtp) -> Boite:
    return Boite(smtp["http"])


@pytest.fixture
def fabrique(sirene_url, smtp):
    """Builds a témoin (TestClient wrapped in the form client) with the given options."""
    ouverts = []

    def fabriquer(*, fautes=(), langue="fr", mode_test=True, minutes=60, meme_que: Client | None = None,
                  variantes=()) -> Client:
        """A new client; with ``meme_que``, a second user (own cookies) of that client's application."""
        if meme_que is not None:
            app = meme_que.app
        else:
            config = Config(sirene_url=sirene_url, sirene_cle="cle-de-test", smtp_hote=smtp["hote"],
                            smtp_port=smtp["port"], url_publique="http://testserver", minutes_lien=minutes,
                            mode_test=mode_test, captcha_test=CAPTCHA, langue=langue, fautes=frozenset(fautes),
                            variantes=frozenset(variantes))
            app = creer_application(config)
        http = TestClient(app)
        http.__enter__()
        ouverts.append(http)
        client = Client(http)
        client.app = http.app
        return client

    yield fabriquer
    for http in ouverts:
        http.__exit__(None, None, None)


@pytest.fixture
def temoin(fabrique) -> Client:
    return fabrique()
