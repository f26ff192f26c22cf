"""``python -m temoin_dsfr`` as a process: READY line, its DSFR assets served from npm's copy (never a CDN), its
seeded deviations refused outside test mode, test controls absent outside test mode, and no import of the harness."""
from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest
import requests

from fixtures.clients import start_process, stop_process

from .outils import ENV, FAUTES, RACINE, commande, port_libre

HARNAIS = {"harness", "steps", "fixtures", "features", "reference_impl", "temoin"}


def _lancer(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "temoin_dsfr", *args], cwd=RACINE, env=ENV, capture_output=True,
                          text=True, timeout=30)


@pytest.fixture
def base(tmp_path):
    """The witness in test mode; nothing listens on its Sirene and SMTP ports (these tests send nothing there)."""
    argv = commande(port_libre(), port_libre(), port_libre(), "--test-mode")
    processus, ligne = start_process(argv, "READY", 30, tmp_path / "temoin_dsfr.log", env=ENV, cwd=RACINE)
    try:
        assert re.fullmatch(r"READY http://127\.0\.0\.1:\d+", ligne), ligne
        yield ligne.split()[1]
    finally:
        stop_process(processus)


def test_it_serves_the_dsfr_assets_installed_from_npm(base):
    page = requests.get(base + "/creer-un-compte", timeout=10)
    assert page.status_code == 200
    sources = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', page.text)
    assert {"/dsfr/dsfr.min.css", "/dsfr/dsfr.module.min.js"} <= set(sources), sources
    assert all(s.startswith("/") for s in sources), sources  # no CDN
    for chemin, type_attendu in (("/dsfr/dsfr.min.css", "text/css"), ("/dsfr/dsfr.module.min.js", "javascript"),
                                 ("/dsfr/fonts/Marianne-Regular.woff2", "font/woff2")):
        reponse = requests.get(base + chemin, timeout=10)
        assert reponse.status_code == 200 and type_attendu in reponse.headers["Content-Type"], (chemin, reponse)
    # the very files npm installed
    copie = RACINE / "temoin_dsfr" / "node_modules" / "@gouvfr" / "dsfr" / "dist" / "dsfr.min.css"
    assert requests.get(base + "/dsfr/dsfr.min.css", timeout=10).content == copie.read_bytes()


def test_its_pages_have_the_dsfr_markup(base):
    texte = requests.get(base + "/creer-un-compte", timeout=10).text
    for motif in ('class="fr-header"', 'class="fr-footer"', 'class="fr-stepper"', "Étape 1 sur 4",
                  'class="fr-hint-text"', 'class="fr-messages-group"', 'class="temoin-asterisque">*<'):
        assert motif in texte, motif


def test_the_locked_dsfr_is_1_15():
    verrou = (RACINE / "temoin_dsfr" / "package-lock.json").read_text(encoding="utf-8")
    assert re.search(r'"node_modules/@gouvfr/dsfr": \{\s*"version": "1\.15\.\d+"', verrou)


def test_list_faults_is_the_faults_file():
    r = _lancer("--list-faults")
    assert r.returncode == 0
    assert [ligne.split("\t")[0] for ligne in r.stdout.splitlines()] == [f["nom"] for f in FAUTES]
    assert {ligne.split("\t")[1] for ligne in r.stdout.splitlines()} == {"navigateur", "serveur", "les deux"}


def test_a_fault_is_refused_without_test_mode_and_an_unknown_one_always():
    r = _lancer("--sirene-url", "http://127.0.0.1:9/api-sirene/3.11", "--faute", FAUTES[0]["nom"])
    assert r.returncode == 2 and "--test-mode" in r.stderr
    r = _lancer("--sirene-url", "http://127.0.0.1:9/api-sirene/3.11", "--test-mode", "--faute", "inexistante")
    assert r.returncode == 2 and "inconnu" in r.stderr


def test_test_mode_is_refused_on_an_address_reachable_from_elsewhere():
    r = _lancer("--host", "0.0.0.0", "--sirene-url", "http://127.0.0.1:9/api-sirene/3.11", "--test-mode")
    assert r.returncode == 2 and "mode test" in r.stderr


def test_test_controls_exist_in_test_mode_only(base, tmp_path):
    assert requests.post(base + "/__test__/services", data={"siret": "1", "nom": "x"}, timeout=5).status_code == 404
    argv = commande(port_libre(), port_libre(), port_libre())
    processus, ligne = start_process(argv, "READY", 30, tmp_path / "sans_mode_test.log", env=ENV, cwd=RACINE)
    try:
        for controle in ("liens/vieillir", "services", "sessions/vieillir"):
            reponse = requests.post(ligne.split()[1] + "/__test__/" + controle, data={"adresse": "a@b.fr"}, timeout=5)
            assert reponse.status_code == 404, controle
    finally:
        stop_process(processus)


def _imports(dossier) -> set[str]:
    trouves = set()
    for chemin in dossier.rglob("*.py"):
        if "node_modules" in chemin.parts:
            continue
        for noeud in ast.walk(ast.parse(chemin.read_text(encoding="utf-8"))):
            if isinstance(noeud, ast.Import):
                trouves |= {a.name.split(".")[0] for a in noeud.names}
            elif isinstance(noeud, ast.ImportFrom) and noeud.level == 0 and noeud.module:
                trouves.add(noeud.module.split(".")[0])
    return trouves


def test_it_meets_the_harness_over_http_and_smtp_only():
    assert "falcon" in _imports(RACINE / "temoin_dsfr")  # the scan sees imports
    assert not _imports(RACINE / "temoin_dsfr") & HARNAIS
    for paquet in ("harness", "steps", "fixtures", "reference_impl", "temoin"):
        assert "temoin_dsfr" not in _imports(RACINE / paquet), paquet
