"""The bundled reference served over HTTPS (--https): a throw-away CA made at start, trusted by the HTTP channel
(verified, never verify=False) and by Chromium (the server's key pinned), so that S_COOKIE_SECURE is judged."""
from __future__ import annotations

import http.server
import json
import os
import ssl
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

from harness.drivers.http import session_http
from harness.services import HOTE
from harness.tls import certificats_de_test, empreintes_spki

RACINE = Path(__file__).resolve().parents[1]
# The rule the fault breaks, and a journey through both channels: the mail's link, the test controls (the clock).
SELECTION = "S_COOKIE_SECURE or E4_COURRIEL_LIEN or E4_LIEN_EXPIRE"


def lancer(rapports: Path, *args: str) -> tuple[int, str, dict]:
    env = {**os.environ, "PYTHONPATH": str(RACINE)}
    proc = subprocess.run([sys.executable, "-m", "harness.cli", "--https", "--rapports", str(rapports), *args],
                          cwd=RACINE, env=env, capture_output=True, text=True, timeout=300)
    sortie = proc.stdout + proc.stderr
    verdict = rapports / "verdict.json"
    assert verdict.exists(), f"pas de verdict.json :\n{sortie[-3000:]}"
    return proc.returncode, sortie, json.loads(verdict.read_text(encoding="utf-8"))


def verdict_de(donnees: dict, regle: str) -> str:
    return next(r["verdict"] for r in donnees["regles"] if r["id"] == regle)


def test_en_https_le_cookie_secure_est_juge_conforme_et_le_parcours_passe(tmp_path):
    code, sortie, donnees = lancer(tmp_path, "-m", SELECTION)
    assert code == 0, sortie[-3000:]
    assert donnees["implementation"]["url"].startswith("https://127.0.0.1:")
    assert verdict_de(donnees, "S_COOKIE_SECURE") == "conforme"
    passes = {(s["canal"], s["issue"]) for s in donnees["scenarios"] if s["issue"] != "non vérifié"}
    assert passes == {("http", "réussi"), ("navigateur", "réussi")}, [
        (s["scenario"], s["canal"], s["issue"], s.get("message")) for s in donnees["scenarios"]]


def test_en_https_la_faute_sec_cookie_sans_secure_est_non_conforme(tmp_path):
    code, sortie, donnees = lancer(tmp_path, "-m", "S_COOKIE_SECURE", "--canal", "http",
                                   "--bundled-fault", "sec_cookie_sans_secure")
    assert code in (0, 1), sortie[-3000:]  # the security profile gates only when the profile says so
    assert verdict_de(donnees, "S_COOKIE_SECURE") == "non conforme", sortie[-3000:]


@pytest.fixture
def serveur_https(tmp_path):
    certificats = certificats_de_test(tmp_path, HOTE)
    serveur = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    contexte = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    contexte.load_cert_chain(certificats.certificat, certificats.cle)
    serveur.socket = contexte.wrap_socket(serveur.socket, server_side=True)
    threading.Thread(target=serveur.serve_forever, daemon=True).start()
    yield f"https://127.0.0.1:{serveur.server_address[1]}/", certificats
    serveur.shutdown()
    serveur.server_close()


def test_la_session_verifie_avec_les_certificats_de_confiance_malgre_l_environnement(serveur_https, monkeypatch):
    url, certificats = serveur_https
    # requests lets these variables override a session's own ``verify`` (psf/requests#3829)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", requests.certs.where())
    monkeypatch.setenv("CURL_CA_BUNDLE", requests.certs.where())
    assert session_http(str(certificats.confiance)).get(url, timeout=5).status_code == 200
    with pytest.raises(requests.exceptions.SSLError):  # without them: verified, and refused
        session_http().get(url, timeout=5)


def test_chromium_epingle_la_cle_du_certificat_du_serveur(tmp_path):
    certificats = certificats_de_test(tmp_path, HOTE)
    autorite, serveur = empreintes_spki(certificats.confiance)
    assert empreintes_spki(certificats.certificat)[0] == serveur != autorite
