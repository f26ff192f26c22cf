"""The real process: ``python -m reference_impl`` prints READY and serves over HTTP."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from reference_impl.__main__ import loopback
from reference_impl.faults import FAULTS

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reference_impl", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=30, env={**os.environ, **(env or {})})


@pytest.fixture
def server(tmp_path, sirene, smtp):
    process = subprocess.Popen(
        [sys.executable, "-m", "reference_impl", "--host", "127.0.0.1", "--port", "0", "--test-mode",
         "--database", str(tmp_path / "e2e.sqlite3"), "--sirene-url", sirene.url, "--sirene-key", "cle",
         "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp.port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline().strip()
        assert re.fullmatch(r"READY http://127\.0\.0\.1:\d+", line), line + process.stderr.read()
        # Test mode says so, loudly, before anything is served.
        assert "MODE TEST ACTIF" in process.stderr.readline()
        yield line.split()[1]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_process_serves_the_flow(server, sirene):
    http = requests.Session()
    page = http.get(server + "/", timeout=5)
    assert page.status_code == 200 and "<h1>Vous êtes nouveau sur Chorus Pro ?</h1>" in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    response = http.post(server + "/", data={"csrf_token": token, "adresse_connexion": "e2e@exemple.fr",
                                              "siret": "356 000 000 09075"}, timeout=10)
    assert response.url == server + "/informations"
    assert 'value="AGENCE INFORMATIQUE FINANCIERE ETAT"' in response.text
    assert sirene.requests[-1] == {"siret": "35600000009075", "key": "cle"}
    controls = requests.post(server + "/__test__/services", data={"siret": "35600000009075", "nom": "X"}, timeout=5)
    assert controls.status_code == 404  # test mode is on, but no structure yet


def test_fault_refused_without_test_mode():
    result = run("--fault", "captcha_ignore")
    assert result.returncode == 2 and "--test-mode" in result.stderr


def test_unknown_fault_refused():
    result = run("--test-mode", "--fault", "pas_un_defaut")
    assert result.returncode == 2 and "inconnu" in result.stderr


def test_list_faults():
    result = run("--list-faults")
    assert result.returncode == 0
    assert [line.split("\t")[0] for line in result.stdout.splitlines()] == list(FAULTS)


def test_test_mode_refused_on_a_reachable_address():
    for result in (run("--host", "0.0.0.0", "--port", "0", "--test-mode"),
                   run("--host", "0.0.0.0", "--port", "0", env={"CHORUS_REF_TEST_MODE": "1"})):
        assert result.returncode == 2 and "boucle locale" in result.stderr and "READY" not in result.stdout


def test_loopback_addresses():
    assert all(loopback(h) for h in ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"))
    assert not any(loopback(h) for h in ("0.0.0.0", "::", "192.168.1.10", "exemple.fr"))


def test_process_serves_over_https_with_secure_cookies(tmp_path):
    trustme = pytest.importorskip("trustme")
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    cert.private_key_pem.write_to_path(str(tmp_path / "key.pem"))
    cert.cert_chain_pems[0].write_to_path(str(tmp_path / "cert.pem"))
    process = subprocess.Popen(
        [sys.executable, "-m", "reference_impl", "--port", "0", "--test-mode", "--database", str(tmp_path / "s.db"),
         "--keyfile", str(tmp_path / "key.pem")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "CHORUS_REF_CERTFILE": str(tmp_path / "cert.pem")})
    try:
        line = process.stdout.readline().strip()
        assert re.fullmatch(r"READY https://127\.0\.0\.1:\d+", line), line + process.stderr.read()
        page = requests.get(line.split()[1] + "/", verify=str(tmp_path / "ca.pem"), timeout=5)
        assert page.status_code == 200 and "Vous êtes nouveau sur Chorus Pro ?" in page.text
        # Served over HTTPS, the session cookie travels over HTTPS only, and the browser is told to stay there.
        assert "; Secure" in page.headers["Set-Cookie"], page.headers["Set-Cookie"]
        assert "max-age=" in page.headers["Strict-Transport-Security"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_certificate_without_its_key_refused(tmp_path):
    result = run("--port", "0", "--certfile", str(tmp_path / "cert.pem"))
    assert result.returncode == 2 and "--keyfile" in result.stderr
