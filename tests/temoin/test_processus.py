"""``python -m temoin`` as a process: READY line, options, faults refused outside test mode, SIGTERM."""
from __future__ import annotations

import signal
import subprocess
import sys

import requests

from temoin.fautes import FAUTES

from .conftest import RACINE, demarrer


def _lancer(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "temoin", *args], cwd=RACINE, capture_output=True, text=True,
                          timeout=30, **kw)


def test_list_faults():
    r = _lancer("--list-faults")
    assert r.returncode == 0
    assert [ligne.split("\t")[0] for ligne in r.stdout.splitlines()] == list(FAUTES)


def test_fault_refused_without_test_mode():
    r = _lancer("--sirene-url", "http://127.0.0.1:9/api-sirene/3.11", "--faute", "mdp_longueur_10")
    assert r.returncode == 2 and "--test-mode" in r.stderr
    r = _lancer("--sirene-url", "http://127.0.0.1:9/api-sirene/3.11", "--test-mode", "--faute", "inexistante")
    assert r.returncode == 2 and "inconnue" in r.stderr


def test_serves_and_stops_on_sigterm(sirene_url, smtp):
    proc, ligne = demarrer(["-m", "temoin", "--host", "127.0.0.1", "--port", "0", "--sirene-url", sirene_url,
                            "--sirene-key", "k", "--smtp-host", smtp["hote"], "--smtp-port", str(smtp["port"]),
                            "--test-mode", "--langue", "en"])
    try:
        assert ligne.startswith("READY http://127.0.0.1:")
        base = ligne.split()[1]
        r = requests.get(base + "/", timeout=5)
        assert r.status_code == 200 and "Identify yourself" in r.text
        assert requests.post(base + "/__test__/services", data={"siret": "1", "nom": "x"}, timeout=5).status_code == 404
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(15)
    assert code == 0


def test_test_controls_absent_without_test_mode_process(sirene_url, smtp):
    proc, ligne = demarrer(["-m", "temoin", "--port", "0", "--sirene-url", sirene_url, "--smtp-host", smtp["hote"],
                            "--smtp-port", str(smtp["port"])])
    try:
        base = ligne.split()[1]
        assert requests.post(base + "/__test__/liens/vieillir", data={"adresse": "a@b.fr", "minutes": "1"},
                             timeout=5).status_code == 404
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(15)
