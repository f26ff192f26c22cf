"""The plugin end to end on a small suite of its own: services, preflight, skips, verdicts, reports, exit codes.

The suite below is written for these tests (not the conformance features); it runs through the
console script's ``main`` in a subprocess against the reference implementation.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fixtures.clients import start_process, stop_process
from tests.accord import verifier_accord

RACINE = Path(__file__).resolve().parents[2]

FEATURE = """# language: fr
Fonctionnalité: Petite suite du greffon

  @E1_CHAMP_SIRET @navigateur @http
  Scénario: Le champ SIRET est présent
    Soit la page de démarrage
    Alors le champ "Numéro de SIRET" est présent

  @E1_CHAMP_ADRESSE_CONNEXION @http
  Scénario: Un champ qui n'existe pas
    Soit la page de démarrage
    Alors le champ "Numéro SIREN" est présent

  @E1_ADRESSE_OBLIGATOIRE @navigateur
  Scénario: Un champ absent dans le navigateur
    Soit la page de démarrage
    Alors le champ "Numéro SIREN" est présent

  @E4_LIEN_EXPIRE @http @necessite_horloge
  Scénario: Une capacité absente
    Soit la page de démarrage

  @E1_PAGE_IDENTIFICATION @http
  Scénario: Les fixtures du harnais
    Soit les fixtures du harnais

  @E1_BOUTON_VALIDER @http @bogue
  Scénario: Un bogue du harnais
    Soit un bogue du harnais

  @E1_SIRET_OBLIGATOIRE @http
  Scénario: Une préparation qui bloque
    Soit la page de démarrage
    Et le champ "Numéro SIREN" est rempli
    Alors le champ "Numéro de SIRET" est présent

  @E1_SIRET_14_CHIFFRES @http
  Scénario: Une action sur un élément absent
    Soit la page de démarrage
    Quand je remplis le champ "Numéro SIREN"
    Alors le champ "Numéro de SIRET" est présent
"""

STEPS = '''
from pytest_bdd import given, parsers, scenarios, then, when

scenarios("features")


@given("la page de démarrage")
def page_de_demarrage(driver, implementation):
    driver.open(implementation.demarrage)


@then(parsers.parse('le champ "{libelle}" est présent'))
def champ_present(driver, libelle):
    driver.fill(libelle, "x")


@given("les fixtures du harnais")
def fixtures_du_harnais(driver, nouveau_driver, donnees, sirene, boite_mail, controles, canal, implementation):
    assert canal == "http" and driver.canal == "http"
    assert nouveau_driver() is not driver
    assert donnees.name()
    assert sirene.api_url.endswith("/api-sirene/3.11")
    assert boite_mail.messages("personne@example.org") == []
    assert implementation.demarrage.startswith("http")


@given(parsers.parse('le champ "{libelle}" est rempli'))
def champ_rempli(driver, libelle):
    driver.fill(libelle, "x")


@when(parsers.parse('je remplis le champ "{libelle}"'))
def remplir(driver, libelle):
    driver.fill(libelle, "x")


@given("un bogue du harnais")
def bogue():
    raise TypeError("bogue volontaire")
'''


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def suite(tmp_path_factory) -> Path:
    dossier = tmp_path_factory.mktemp("suite")
    (dossier / "features").mkdir()
    (dossier / "features" / "petite.feature").write_text(FEATURE, encoding="utf-8")
    (dossier / "test_conformite_petite.py").write_text(STEPS, encoding="utf-8")
    (dossier / "test_ordinaire.py").write_text("def test_rien():\n    assert True\n", encoding="utf-8")
    (dossier / "conftest.py").write_text('pytest_plugins = ["harness.plugin"]\n', encoding="utf-8")
    return dossier


@pytest.fixture(scope="module")
def externe(tmp_path_factory, suite):
    """The reference implementation started apart, and a profile pointing at it (fixed fake ports)."""
    dossier = tmp_path_factory.mktemp("externe")
    port, sirene, smtp = _port_libre(), _port_libre(), _port_libre()
    env = {**os.environ, "PYTHONPATH": str(RACINE)}
    processus, _ = start_process(
        [sys.executable, "-m", "reference_impl", "--port", str(port), "--database", str(dossier / "ref.sqlite"),
         "--sirene-url", f"http://127.0.0.1:{sirene}/api-sirene/3.11", "--sirene-key", "k",
         "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp), "--public-url", f"http://127.0.0.1:{port}",
         "--test-mode", "--captcha-answer", "TEST-CAPTCHA"],
        "READY", 30, dossier / "ref.log", env=env, cwd=RACINE)
    profil = dossier / "profil.toml"
    profil.write_text(f'''nom = "Référence externe"
version = "9.9"
url_base = "http://127.0.0.1:{port}"
[capacites]
horloge = false
[services]
sirene_port = {sirene}
smtp_port = {smtp}
''', encoding="utf-8")
    yield profil
    stop_process(processus)


def lancer(suite: Path, rapports: Path, *args: str) -> tuple[int, str, dict | None]:
    """The small suite run by chorus-conformance: its exit code, its console and its verdict.json, which always
    follows the schema shipped for programs and agrees with the exit code."""
    from harness.schema import ecarts_au_schema
    from harness.verdict import verdict_du_code
    env = {**os.environ, "PYTHONPATH": str(RACINE)}
    verdict = rapports / "verdict.json"
    avant = verdict.stat().st_mtime_ns if verdict.exists() else None
    proc = subprocess.run([sys.executable, "-m", "harness.cli", str(suite / "test_conformite_petite.py"),
                           "--rapports", str(rapports), *args],
                          cwd=suite, env=env, capture_output=True, text=True, timeout=300)
    donnees = json.loads(verdict.read_text(encoding="utf-8")) if verdict.exists() else None
    if donnees is not None and verdict.stat().st_mtime_ns != avant:  # written by this run
        assert ecarts_au_schema(donnees) == [], ecarts_au_schema(donnees)
        assert donnees["code"] == proc.returncode
        assert donnees["verdict"] == verdict_du_code(proc.returncode, donnees["resume"].startswith("CONFORME SOUS"))
        if "regles" in donnees:  # a run that judged: its CI files agree with it
            verifier_accord(rapports, proc.returncode, suite)
    return proc.returncode, proc.stdout + proc.stderr, donnees


def regles(donnees: dict) -> dict[str, str]:
    return {r["id"]: r["verdict"] for r in donnees["regles"]}


def test_profile_run_under_xdist(suite, externe, tmp_path):
    rapports = tmp_path / "r"
    code, sortie, donnees = lancer(suite, rapports, "--profil", str(externe), "-n", "2", "--faker-seed", "1234",
                                   "-k", "not bogue")
    assert code == 1, sortie
    v = regles(donnees)
    assert v["E1_CHAMP_SIRET"] == "conforme"
    assert v["E1_CHAMP_ADRESSE_CONNEXION"] == "non conforme"
    assert v["E4_LIEN_EXPIRE"] == "non vérifié"
    assert v["E1_PAGE_IDENTIFICATION"] == "conforme"
    assert donnees["graine"] == 1234 and donnees["implementation"]["nom"] == "Référence externe"
    assert donnees["implementation"]["version"] == "9.9"
    echec = next(s for s in donnees["scenarios"] if s["issue"] == "échoué")
    assert "« Numéro SIREN » introuvable" in echec["message"]
    assert any("page 1" in k for k in echec["preuves"])  # the HTTP driver's last page is kept
    # a failed browser scenario: its page, a screenshot and a trace; a passed one leaves none
    nav = next(s for s in donnees["scenarios"] if s["issue"] == "échoué" and s["canal"] == "navigateur")
    assert "« Numéro SIREN » introuvable" in nav["message"]
    assert Path(nav["preuves"]["capture 1"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert Path(nav["preuves"]["trace 1"]).stat().st_size > 0
    assert not [k for s in donnees["scenarios"] if s["issue"] == "réussi" for k in s["preuves"]]
    # a preparation that cannot go on (a Soit, or the action's element): non vérifié, its cause named once
    assert v["E1_SIRET_OBLIGATOIRE"] == "non vérifié" and v["E1_SIRET_14_CHIFFRES"] == "non vérifié"
    bloques = [s for s in donnees["scenarios"] if s["issue"] == "préparation impossible"]
    assert len(bloques) == 2
    (cause,) = donnees["causes"]
    assert cause["cause"] == "page : « Numéro SIREN » introuvable" and len(cause["scenarios"]) == 2
    assert cause["regles_touchees"] == ["E1_SIRET_14_CHIFFRES", "E1_SIRET_OBLIGATOIRE"]
    assert "préparation impossible | page : « Numéro SIREN » introuvable — 2 scénario(s)" in sortie
    saute = next(s for s in donnees["scenarios"] if s["issue"] == "non vérifié")
    assert saute["message"] == "non vérifié : capacité « horloge » absente du profil « Référence externe »"
    # reports
    assert "graine Faker 1234" in sortie
    html = (rapports / "rapport.html").read_text(encoding="utf-8")
    assert "NON CONFORME" in html and "Numéro de SIRET * :" in html and "1234" in html
    assert "data:image/png;base64," in html  # the screenshot, embedded
    cucumber = json.loads((rapports / "cucumber.json").read_text(encoding="utf-8"))
    assert sum(len(f["elements"]) for f in cucumber) == len(donnees["scenarios"])  # every scenario, under xdist too
    junit = ET.parse(rapports / "junit.xml").getroot()
    assert {p.get("name") for p in junit.iter("property")} == {"verdict", "graine"}
    assert (rapports / "journaux" / "fake_sirene.log").exists()
    assert not (rapports / "journaux" / "reference_impl.log").exists()  # external: not started by the harness


def test_expected_failures_make_it_pass(suite, externe, tmp_path):
    attendus = tmp_path / "attendus.toml"
    attendus.write_text('[[attendu]]\nregle = "E1_CHAMP_ADRESSE_CONNEXION"\nraison = "connu"\n', encoding="utf-8")
    code, sortie, donnees = lancer(suite, tmp_path / "r", "--profil", str(externe), "--attendus", str(attendus),
                                   "--canal", "http", "-k", "not bogue")
    assert code == 0, sortie
    assert donnees["verdict"] == "conforme_sous_reserve"
    v = regles(donnees)
    assert v["E1_CHAMP_ADRESSE_CONNEXION"] == "non conforme (attendu)"
    assert v["E1_CHAMP_SIRET"] == "conforme"  # its browser run is "non vérifié" (--canal http)
    navigateur = next(s for s in donnees["scenarios"] if s["canal"] == "navigateur")
    assert navigateur["issue"] == "non vérifié" and "--canal http" in navigateur["message"]


def test_wrong_url_preflight(suite, tmp_path):
    code, sortie, donnees = lancer(suite, tmp_path / "r", "--url-implementation", f"http://127.0.0.1:{_port_libre()}")
    assert code == 2, sortie
    assert "l'implémentation ne répond pas" in sortie and "Comment corriger" in sortie
    assert " passed" not in sortie and " failed" not in sortie
    assert donnees["code"] == 2 and "ne répond pas" in donnees["preflight"]


def test_bundled_and_harness_error(suite, tmp_path):
    code, sortie, donnees = lancer(suite, tmp_path / "r", "-k", "bogue or fixtures")
    assert code == 3, sortie
    erreur = next(s for s in donnees["scenarios"] if "bogue" in s["scenario"].lower())
    assert erreur["issue"] == "erreur du harnais"
    assert (tmp_path / "r" / "journaux" / "reference_impl.log").exists()


def test_browser_not_launched_is_a_harness_error(suite, tmp_path):
    code, sortie, donnees = lancer(suite, tmp_path / "r", "--chromium", str(tmp_path / "pas-de-chromium"),
                                   "-k", "siret")
    assert code == 3, sortie
    (scenario,) = [s for s in donnees["scenarios"] if s["canal"] == "navigateur"]
    assert scenario["issue"] == "erreur du harnais" and "Chromium n'a pas pu être lancé" in scenario["message"]


def test_usage_errors_are_exit_3(suite, tmp_path):
    profil = tmp_path / "p.toml"
    profil.write_text('nom = "X"\nurl_base = "ftp://x"\n', encoding="utf-8")
    code, sortie, _ = lancer(suite, tmp_path / "r", "--profil", str(profil))
    assert code == 3 and "« url_base » doit être une URL http(s)" in sortie
    code, sortie, _ = lancer(suite, tmp_path / "r", "-k", "aucun_scenario_ne_porte_ce_nom")
    assert code == 3


def test_harmless_for_ordinary_tests(suite, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(RACINE)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_ordinaire.py",
                           "--rapports", str(tmp_path / "r")], cwd=suite, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not (tmp_path / "r").exists()


def test_a_probe_refused_for_a_reason_of_the_guide_does_not_stop_the_run(suite, tmp_path):
    """The preflight stops on wiring only: an identification that never goes on is the scenarios' business."""
    code, sortie, donnees = lancer(suite, tmp_path / "r", "--bundled-fault", "identification_sans_suite",
                                   "--canal", "http", "-k", "SIRET_est_présent")
    assert code == 0, sortie[-3000:]
    assert "l'inscription sonde" in sortie and "s'arrête" in sortie and "Les scénarios jugeront" in sortie
    assert regles(donnees)["E1_CHAMP_SIRET"] == "conforme"


def test_an_earlier_run_is_set_aside_only_when_a_run_really_starts_and_the_run_says_so(suite, tmp_path):
    rapports, absente = tmp_path / "r", f"http://127.0.0.1:{_port_libre()}"
    code, _, premier = lancer(suite, rapports, "--url-implementation", absente)
    assert code == 2 and premier["code"] == 2
    (rapports / "a-moi.txt").write_text("pas au harnais", encoding="utf-8")
    avant = (rapports / "verdict.json").read_bytes()
    code, sortie, _ = lancer(suite, rapports, "--url-implementation", "ftp://x")  # refused before any run
    assert code == 3 and (rapports / "verdict.json").read_bytes() == avant
    assert not (rapports / "precedente").exists()
    code, sortie, second = lancer(suite, rapports, "--url-implementation", absente)
    assert code == 2
    assert f"{rapports} contenait l'exécution du {premier['date']} (VÉRIFICATION PRÉALABLE ÉCHOUÉE)" in sortie
    assert f"déplacée dans {rapports / 'precedente'}" in sortie
    assert (rapports / "precedente" / "verdict.json").read_bytes() == avant
    assert (rapports / "precedente" / "journaux").is_dir() and (rapports / "journaux").is_dir()
    assert (rapports / "a-moi.txt").exists()  # not the harness's: left where it was
