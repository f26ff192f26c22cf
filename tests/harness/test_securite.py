"""Security (OWASP ASVS 4.0.3): a security rule gets its verdict and gates only when the profile asks for it, never
touching a guide rule; the report lists each requirement with its verdict and its evidence, passed or not; the
checks of steps/securite.py read headers and cookies as they must, and can fail; the HTTP driver's forged posts
(no hidden fields, another Origin) and its record of the Set-Cookie lines."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from harness.catalogue import charger_catalogue
from harness.drivers.http import HttpDriver
from harness.profile import ProfilInvalide, lire_profil
from harness.report import contexte_rapport, ecrire_rapport
from harness.verdict import CODE_CONFORME, CODE_NON_CONFORME, ECHOUE, REUSSI, Resultat, bilan
from steps.securite import cookie, directives, sources_de_script_laxistes

CATALOGUE = charger_catalogue()


def _resultats(echec: bool) -> list[Resultat]:
    return [Resultat(nodeid=f"t::{i}", scenario=i, tags=(i, "http"),
                     issue=ECHOUE if echec and i == "S_EN_TETE_CSP" else REUSSI,
                     constats=["identification : Content-Security-Policy : default-src 'self'"]
                     if i == "S_EN_TETE_CSP" else [])
            for i in CATALOGUE]


@pytest.mark.parametrize("bloquante, code", [(False, CODE_CONFORME), (True, CODE_NON_CONFORME)])
def test_a_security_finding_gates_only_when_the_profile_asks(bloquante, code):
    b = bilan(_resultats(True), CATALOGUE, [], {"securite"} if bloquante else ())
    assert b.regles["S_EN_TETE_CSP"].verdict == "non conforme"
    assert all(v.verdict in ("conforme", "informatif") for i, v in b.regles.items() if i != "S_EN_TETE_CSP")
    assert b.code == code
    assert "sécurité (OWASP ASVS 4.0.3), " + ("bloquante" if bloquante else "non bloquante") in b.resume
    # the accessibility profile gating does not make security gate
    assert bilan(_resultats(True), CATALOGUE, [], {"accessibilite"}).code == CODE_CONFORME


def test_the_profile_key():
    assert lire_profil({"nom": "x", "securite": {"bloquante": True}}).referentiels_bloquants == {"securite"}
    assert lire_profil({"nom": "x", "securite": {"bloquante": True}, "accessibilite": {"bloquante": True}}
                       ).referentiels_bloquants == {"securite", "accessibilite"}
    with pytest.raises(ProfilInvalide, match="securite.bloquante"):
        lire_profil({"nom": "x", "securite": {"bloquante": "oui"}})
    with pytest.raises(ProfilInvalide, match="securite.autre"):
        lire_profil({"nom": "x", "securite": {"autre": True}})


def _donnees(bloquante: bool) -> dict:
    b = bilan(_resultats(True), CATALOGUE, [], {"securite"} if bloquante else ())
    regles = [{"id": v.regle.id, "etape": v.regle.etape, "titre": v.regle.titre, "citation": v.regle.citation,
               "niveau": v.regle.niveau, "source": v.regle.source, "exigences": list(v.regle.exigences),
               "verdict": v.verdict, "detail": v.detail, "scenarios": [r.nodeid for r in v.resultats]}
              for v in b.regles.values()]
    scenarios = [{"nodeid": r.nodeid, "scenario": r.scenario, "canal": "http", "tags": list(r.tags),
                  "issue": r.issue, "duree": 0.1, "constats": r.constats, "preuves": {},
                  "message": "S_EN_TETE_CSP — attendu : un en-tête Content-Security-Policy ; constaté : aucun"
                  if r.issue == ECHOUE else ""} for r in _resultats(True)]
    return {"regles": regles, "scenarios": scenarios, "code": b.code, "resume": b.resume,
            "referentiels_bloquants": sorted(b.referentiels_bloquants), "comptes": b.compte()}


@pytest.mark.parametrize("bloquante", [False, True])
def test_the_report_lists_each_requirement_with_its_verdict_and_evidence(tmp_path, bloquante):
    contexte = contexte_rapport(_donnees(bloquante), tmp_path)
    [section] = [r for r in contexte["referentiels"] if r["source"] == "securite"]
    exigences = {e["numero"]: e for e in section["exigences"]}
    assert set(exigences) == {e for r in CATALOGUE.values() if r.source == "securite" for e in r.exigences}
    csp = exigences["14.4.3"]
    assert csp["verdict"] == "non conforme" and csp["regles"] == ["S_EN_TETE_CSP"]
    assert csp["echec"]["constate"] == "aucun" and csp["ancre"]
    assert csp["constats"] == ["identification : Content-Security-Policy : default-src 'self'"]
    assert "politique de sécurité du contenu" in csp["intitule"]
    assert exigences["4.2.2"]["verdict"] == "conforme"
    assert list(exigences) == sorted(exigences, key=lambda e: tuple(map(int, e.split("."))))
    # in « Ce qui ne va pas » only when it gates
    assert any(b["regle"]["id"] == "S_EN_TETE_CSP" for b in contexte["bloquantes"]) == bloquante
    html = ecrire_rapport(_donnees(bloquante), None, tmp_path / "rapport.html").read_text(encoding="utf-8")
    assert 'id="securite"' in html and 'data-exigence="14.4.3"' in html and "default-src &#39;self&#39;" in html


@pytest.mark.parametrize("csp, laxistes", [
    ("default-src 'self'", []),
    ("default-src 'self'; script-src 'self' 'nonce-abc' 'unsafe-inline'", []),
    ("default-src *", ["*"]),
    ("script-src 'self' 'unsafe-inline'", ["'unsafe-inline'"]),
    ("script-src https: 'unsafe-eval'", ["https:", "'unsafe-eval'"]),
    ("img-src 'self'", ["ni script-src ni default-src"]),
])
def test_the_csp_check_reads_the_script_sources(csp, laxistes):
    assert sources_de_script_laxistes(csp) == laxistes


def test_directives_and_cookies_are_read_as_sent():
    assert directives("frame-ancestors 'none'; FRAME-ANCESTORS *")["frame-ancestors"] == ["'none'"]
    assert cookie("session=abc; HttpOnly; Path=/; SameSite=Lax") == (
        "session", "abc", {"httponly": "", "path": "/", "samesite": "Lax"})


class _Formulaire(BaseHTTPRequestHandler):
    """A page with a form (a hidden token) that echoes what a POST carried, and sets a cookie on every answer."""

    def _repondre(self, corps: str) -> None:
        donnees = corps.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Set-Cookie", "session=0123456789abcdef0123; HttpOnly; SameSite=Strict")
        self.send_header("Content-Security-Policy", "default-src 'self'")
        self.send_header("Content-Length", str(len(donnees)))
        self.end_headers()
        self.wfile.write(donnees)

    def do_GET(self):
        self._repondre('<form method="post"><input type="hidden" name="jeton" value="t">'
                       '<label for="n">Nom</label><input id="n" name="nom"><button>Valider</button></form>')

    def do_POST(self):
        corps = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self._repondre(f"<p>reçu : {corps} ; origine : {self.headers.get('Origin')}</p>")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def serveur():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Formulaire)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize("sans_caches, en_tetes, attendu", [
    (False, {}, "reçu : jeton=t&nom=x ; origine : None"),
    (True, {}, "reçu : nom=x ; origine : None"),
    (False, {"Origin": "https://autre.example"}, "reçu : jeton=t&nom=x ; origine : https://autre.example"),
])
def test_the_http_driver_forges_the_next_post(serveur, sans_caches, en_tetes, attendu):
    d = HttpDriver()
    d.open(serveur)
    if sans_caches or en_tetes:
        d.alter_next_submission(drop_hidden=sans_caches, headers=en_tetes)
    d.fill("Nom", "x")
    d.click("Valider")
    assert d.text() == attendu and d.altered == bool(sans_caches or en_tetes)
    assert d.headers()["Content-Security-Policy"] == "default-src 'self'"
    assert d.set_cookies == ["session=0123456789abcdef0123; HttpOnly; SameSite=Strict"] * 2
