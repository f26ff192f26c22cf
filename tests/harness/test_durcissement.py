"""The harness pointed at an implementation it does not trust (issue 15): it stays on the implementation's origin,
reads bounded answers, survives lying charsets and control characters, keeps its evidence inert, and keeps
Chromium's sandbox unless told otherwise. The hostile site is tests/harness/site_hostile.py."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests

from harness.drivers.base import HorsOrigine, Origines, ReponseTropVolumineuse, origine, sans_controles
from harness.drivers.browser import BrowserDriver
from harness.drivers.http import HttpDriver
from harness.rapports import apercu_inerte, page_inerte

from .site_hostile import Ailleurs, SiteHostile, pages

RACINE = Path(__file__).resolve().parents[2]
CONTROLES = [chr(c) for c in (*range(0x00, 0x09), 0x0b, *range(0x0e, 0x20), *range(0x7f, 0xa0))]


@pytest.fixture(scope="module")
def ailleurs():
    with Ailleurs() as serveur:
        yield serveur


@pytest.fixture(scope="module")
def hostile(ailleurs):
    with SiteHostile(ailleurs.url) as serveur:
        yield serveur


@pytest.fixture(params=["navigateur", "http"])
def drv(request, hostile, ailleurs):
    """A driver of each channel, held to the hostile site's origin; the other origin's log emptied."""
    ailleurs.recues.clear()
    origines = Origines([hostile.url])
    if request.param == "navigateur":
        d = BrowserDriver(request.getfixturevalue("page"), origines=origines)
    else:
        d = HttpDriver(requests.Session(), origines=origines)
    yield d
    d.close()


def rien_recu(ailleurs, delai: float = 0.3) -> None:
    time.sleep(delai)  # what a browser would have sent late (an image, a refresh) has had its time
    assert ailleurs.recues == [], f"le harnais a envoyé des requêtes hors de l'origine : {ailleurs.recues}"


# ------------------------------------------------------------------ origins

def test_origine():
    assert origine("HTTP://Exemple.ORG:80/chemin?q") == "http://exemple.org"
    assert origine("https://exemple.org:8443/") == "https://exemple.org:8443"
    assert origine("javascript:alert(1)") is None and origine("http://[::1") is None
    origines = Origines(["http://127.0.0.1:5000/base", "https://auth.example.org"])
    assert origines.permet("http://127.0.0.1:5000/x") and origines.permet("https://auth.example.org/login")
    assert not origines.permet("http://127.0.0.1:50001/") and not origines.permet("http://127.0.0.1:5000.evil.org/")
    motif = origines.motif_hors()
    assert not motif.search("http://127.0.0.1:5000/a?b") and not motif.search("ws://127.0.0.1:5000/socket")
    assert motif.search("http://127.0.0.1:50001/") and motif.search("http://127.0.0.1:5000.evil.org/")
    assert not motif.search("data:image/png;base64,AAAA")


def test_lien_hors_origine(drv, hostile, ailleurs):
    drv.open(hostile.url + "/liens")
    with pytest.raises(HorsOrigine) as refus:
        drv.click("Ailleurs")
    assert ailleurs.url + "/lien" in str(refus.value) and "hors de l'implémentation" in str(refus.value)
    assert "[origines] autorisees" in str(refus.value)
    rien_recu(ailleurs)
    drv.open(hostile.url + "/liens")
    drv.click("Chez moi")  # within the origin: followed as ever
    assert drv.heading() == "Accueil"


def test_redirection_hors_origine(drv, hostile, ailleurs):
    """A server's redirect off the origin is a finding on both channels. Over HTTP it is not followed; in the
    browser, Playwright's routing cannot intercept a redirect (microsoft/playwright#3993, « as designed »): the
    browser follows it, and the driver says so."""
    drv.open(hostile.url + "/liens")
    with pytest.raises(HorsOrigine) as refus:
        drv.click("Redirigé")
    assert ailleurs.url + "/redirection" in str(refus.value)
    with pytest.raises(HorsOrigine):
        drv.open(hostile.url + "/redirige-deux-fois")  # within the origin first, then out
    if drv.canal == "http":
        assert "Le harnais ne la suit pas" in str(refus.value)
        rien_recu(ailleurs)
    else:
        assert "Le navigateur a suivi cette redirection" in str(refus.value)
        assert ailleurs.recues == ["/redirection", "/redirection"]


def test_formulaire_hors_origine(drv, hostile, ailleurs):
    drv.open(hostile.url + "/formulaire")
    drv.fill("Nom", "Dupont")
    with pytest.raises(HorsOrigine) as refus:
        drv.click("Valider")
    assert ailleurs.url + "/recoit" in str(refus.value)
    rien_recu(ailleurs)


def test_lien_de_courriel_hors_origine(drv, ailleurs):
    """A link read in a mail is opened by ``open``: off the origin, it is a finding, not a request."""
    with pytest.raises(HorsOrigine) as refus:
        drv.open(ailleurs.url + "/activation?jeton=x")
    assert "L'adresse ouverte" in str(refus.value)
    rien_recu(ailleurs, 0)


def test_origines_autorisees_suivies(hostile, ailleurs):
    """An origin the profile allows is followed like the implementation's own."""
    ailleurs.recues.clear()
    d = HttpDriver(requests.Session(), origines=Origines([hostile.url, ailleurs.url]))
    d.open(hostile.url + "/liens")
    d.click("Ailleurs")
    assert d.heading() == "Ailleurs" and ailleurs.recues == ["/lien"]


def test_scripts_hors_origine_refuses_et_notes(page, hostile, ailleurs):
    """The page's script, image, frame and refresh towards another origin are aborted in the browser, and noted."""
    ailleurs.recues.clear()
    d = BrowserDriver(page, origines=Origines([hostile.url]))
    d.open(hostile.url + "/scripts")
    page.wait_for_timeout(300)
    rien_recu(ailleurs)
    refusees = {url.removeprefix(ailleurs.url) for _, url in d.refusees}
    assert {"/fuite-fetch", "/fuite-image", "/pixel", "/cadre"} <= refusees, d.refusees


def test_reecriture_reste_dans_l_origine(page, hostile, ailleurs):
    """Rewriting a submission (rewrite_next_submission) does not open a way out: the origins' guard still judges."""
    ailleurs.recues.clear()
    d = BrowserDriver(page, origines=Origines([hostile.url]))
    d.open(hostile.url + "/formulaire")
    d.fill("Nom", "Dupont")
    d.rewrite_next_submission("Dupont", "Durand")
    with pytest.raises(HorsOrigine):
        d.click("Valider")
    rien_recu(ailleurs)


def test_sans_origines_tout_est_suivi(hostile, ailleurs):
    """Without origins (the drivers' own tests), a driver follows anywhere: the guard is what refuses, not chance."""
    ailleurs.recues.clear()
    d = HttpDriver(requests.Session())
    d.open(hostile.url + "/liens")
    d.click("Redirigé")
    assert d.heading() == "Ailleurs" and ailleurs.recues == ["/redirection"]


def test_repost_307_hors_origine(hostile, ailleurs):
    """A POST answered 307 towards another origin would resend the form there: refused."""
    ailleurs.recues.clear()
    d = HttpDriver(requests.Session(), origines=Origines([hostile.url]))
    d.open(hostile.url + "/accueil")
    d.root = d.root  # the page has no form: submit one by hand, as a step would
    from harness.drivers.page import parse_html
    d.root = parse_html('<form method="post" action="/poste"><input name="a" value="b"><button>Envoyer</button></form>')
    with pytest.raises(HorsOrigine) as refus:
        d.click("Envoyer")
    assert "redirection (307)" in str(refus.value)
    rien_recu(ailleurs, 0)


# ------------------------------------------------------------------ sizes, time, charsets, control characters

def test_corps_enorme_http(hostile):
    d = HttpDriver(requests.Session(), origines=Origines([hostile.url]))
    for chemin in ("/enorme", "/sans-fin"):
        debut = time.monotonic()
        with pytest.raises(ReponseTropVolumineuse) as refus:
            d.open(hostile.url + chemin)
        assert "dépasse 5 Mo" in str(refus.value) and hostile.url + chemin in str(refus.value)
        assert time.monotonic() - debut < 10


def test_boucle_de_redirections(hostile):
    d = HttpDriver(requests.Session(), origines=Origines([hostile.url]))
    with pytest.raises(ReponseTropVolumineuse) as refus:
        d.open(hostile.url + "/boucle")
    assert "Plus de 20 redirections" in str(refus.value)


def test_reponse_trop_lente(hostile):
    """A body that keeps coming: stopped at the driver's timeout, with a message, whatever the size cap."""
    d = HttpDriver(requests.Session(), timeout=0.5, origines=Origines([hostile.url]), limite=10**12)
    debut = time.monotonic()
    with pytest.raises(ReponseTropVolumineuse) as refus:
        d.open(hostile.url + "/sans-fin")
    assert "n'est pas arrivée en entier en 0.5 s" in str(refus.value)
    assert time.monotonic() - debut < 10


@pytest.mark.parametrize("chemin", ["/latin1", "/charset-faux", "/charset-inconnu"])
def test_charsets_menteurs(drv, hostile, chemin):
    drv.open(hostile.url + chemin)
    titre = drv.heading()
    assert titre.startswith(("Num", "Titre"))
    if chemin == "/latin1" and drv.canal == "http":
        assert titre == "Num\ufffdro de SIRET"  # the lone Latin-1 byte replaced, not a crash


def test_caracteres_de_controle(drv, hostile):
    drv.open(hostile.url + "/controles")
    textes = [drv.heading(), drv.title(), drv.text(), drv.visible_label("Nom"), *drv.headings(),
              *sum(drv.inventory().values(), [])]
    for texte in textes:
        assert not any(c in texte for c in CONTROLES), repr(texte)
    assert "Contr\ufffd[31môles\ufffd[0m" == drv.heading()


def test_sans_controles():
    assert sans_controles("a\x1b[31mb\x00c\x9b\n\td") == "a\ufffd[31mb\ufffdc\ufffd\n\td"


def test_resume_du_terminal_sans_controles():
    """The terminal's verdict summary prints a cause the implementation worded (ANSI, NUL) as inert text."""
    from harness.collecte import resumer
    from harness.etat import ETAT
    cause = SimpleNamespace(cause="page : « \x1b[2J\x1b[31mAlerte\x00 » introuvable", regles_en_cause=("E1_X",),
                            resultats=[1])
    bilan = SimpleNamespace(regles={}, causes=[cause], erreurs=[], resume="NON CONFORME")
    etat = SimpleNamespace(bilan=bilan, graine=1, rapports=Path("/tmp"), bac_a_sable=False)
    config = SimpleNamespace(stash={ETAT: etat})
    lignes = []
    sortie = SimpleNamespace(section=lambda *a, **k: None, write_line=lambda t, **k: lignes.append(t))
    resumer(sortie, config)
    assert any("\ufffd[31mAlerte\ufffd" in ligne for ligne in lignes)
    assert not any(c in ligne for ligne in lignes for c in CONTROLES)
    assert any("bac à sable désactivé" in ligne.lower() for ligne in lignes)


# ------------------------------------------------------------------ evidence never runs the implementation's scripts

def _ouvrir(page, fichier: Path) -> None:
    page.goto(fichier.as_uri())
    page.wait_for_timeout(500)


def test_preuve_inerte(page, tmp_path, ailleurs):
    """A saved page, opened from the disk or through its preview, runs no script, sends nothing, does not
    refresh; the same page saved as received would (the control: the check can fail)."""
    html = pages(ailleurs.url)["/scripts"][1].decode("utf-8")
    brute = tmp_path / "brute.html"
    brute.write_text(html, encoding="utf-8")
    ailleurs.recues.clear()
    _ouvrir(page, brute)
    assert ailleurs.recues, "témoin : la page telle que reçue devrait joindre l'autre origine"
    page.goto("about:blank")

    inerte = tmp_path / "scenario-1.html"
    inerte.write_text(page_inerte(html), encoding="utf-8")
    assert inerte.read_text(encoding="utf-8").startswith(
        '<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src \'none\'')
    for fichier in (inerte, apercu_inerte(inerte)):
        ailleurs.recues.clear()
        _ouvrir(page, fichier)
        assert page.url == fichier.as_uri(), "la page a été redirigée"
        assert "SCRIPT" not in page.title()
        rien_recu(ailleurs)
    _ouvrir(page, inerte)
    assert page.evaluate("document.head.firstElementChild.getAttribute('http-equiv')") == "Content-Security-Policy"
    assert page.get_by_role("heading", name="Scripts").count() == 1  # still readable


def test_preuve_inerte_malgre_un_entete_hostile(page, tmp_path, ailleurs):
    """Whatever the page puts first (no doctype, its own <head>, a CSP of its own allowing scripts, a <base>),
    the saved page's policy comes first and wins."""
    html = (f"<html><head><meta http-equiv='Content-Security-Policy' content=\"script-src 'unsafe-inline' *\">"
            f"<base href='{ailleurs.url}/'><SCRIPT>document.title='SCRIPT'</SCRIPT></head>"
            f"<body><img src=x onerror=\"document.title='SCRIPT'\"><svg><script>document.title='SCRIPT'</script></svg>"
            f"<a href=\"javascript:document.title='SCRIPT'\">lien</a></body></html>")
    fichier = tmp_path / "hostile.html"
    fichier.write_text(page_inerte(html), encoding="utf-8")
    ailleurs.recues.clear()
    _ouvrir(page, fichier)
    page.get_by_role("link", name="lien").click()
    page.wait_for_timeout(200)
    assert "SCRIPT" not in page.title()
    rien_recu(ailleurs)


# ------------------------------------------------------------------ mail and the fakes' logs, bounded

def test_courriel_enorme():
    from email.message import EmailMessage

    from fixtures.smtp_capture import MESSAGES_GARDES, PARTIE_MAX, Boite, decode
    msg = EmailMessage()
    msg["Subject"] = "Activation \x1b[31m" + "x" * 10_000
    msg["From"] = "ne-pas-repondre@example.org"
    msg.set_content("Lien : http://127.0.0.1/activer\n" + "é" * (3 * 1024 * 1024))
    donnees = decode(bytes(msg), "a@example.org", ["b@example.org"])
    assert donnees["tronque"] is True and len(donnees["text"]) < PARTIE_MAX + 100
    assert "caractères coupés par la capture" in donnees["text"] and donnees["text"].startswith("Lien : http://")
    assert len(donnees["subject"]) < 2100
    boite = Boite(gardes=3)
    for i in range(5):
        boite.ajoute({"to": ["b@example.org"], "n": i})
    assert [m["n"] for m in boite.liste()] == [2, 3, 4] and MESSAGES_GARDES == 2000


def test_courriel_trop_gros_refuse_par_smtp():
    """Over 8 MiB, the SMTP capture refuses the message (552), and keeps serving."""
    import smtplib

    from fixtures.smtp_capture import Boite, demarre_smtp
    boite = Boite()
    controleur = demarre_smtp(boite, "127.0.0.1", 0)
    try:
        with smtplib.SMTP("127.0.0.1", controleur.port, timeout=30) as smtp:
            with pytest.raises(smtplib.SMTPException):
                smtp.sendmail("a@example.org", ["b@example.org"], b"Subject: gros\r\n\r\n" + b"x" * (9 * 1024 * 1024))
        with smtplib.SMTP("127.0.0.1", controleur.port, timeout=30) as smtp:
            smtp.sendmail("a@example.org", ["b@example.org"], b"Subject: petit\r\n\r\nbonjour")
        assert [m["subject"] for m in boite.liste()] == ["petit"]
    finally:
        controleur.stop()


def test_journal_du_faux_sirene_borne():
    from fixtures.fake_sirene import REQUETES_GARDEES, VALEUR_MAX, create_app
    app = create_app()
    client = app.test_client()
    etat = app.config["ETAT"]
    etat.requetes = type(etat.requetes)(maxlen=3)
    for i in range(5):
        client.get(f"/api-sirene/3.11/siret/{i}{'9' * 5000}", headers={"X-Long": "y" * 10_000})
    journal = client.get("/__admin__/requetes").get_json()
    assert len(journal) == 3 and all(len(r["siret"]) < VALEUR_MAX + 50 for r in journal)
    assert all(len(r["headers"]["X-Long"]) < VALEUR_MAX + 50 for r in journal)
    assert REQUETES_GARDEES == 5000


# ------------------------------------------------------------------ Chromium's sandbox

def _config(**options):
    return SimpleNamespace(getoption=lambda nom, default=None: options.get(nom, default), stash={})


def test_bac_a_sable_par_defaut(monkeypatch):
    from harness.navigateur import arguments_chromium, options_de_lancement_distant
    monkeypatch.delenv("CHORUS_SANS_BAC_A_SABLE", raising=False)
    args = arguments_chromium(_config())
    assert args["chromium_sandbox"] is True and "--no-sandbox" not in args["args"]
    assert '"chromiumSandbox": true' in options_de_lancement_distant(_config())
    assert arguments_chromium(_config(**{"--sans-bac-a-sable": True}))["chromium_sandbox"] is False
    monkeypatch.setenv("CHORUS_SANS_BAC_A_SABLE", "1")
    assert arguments_chromium(_config())["chromium_sandbox"] is False


def test_root_sans_option_arrete_le_run(monkeypatch, tmp_path):
    """As root, without the option, a conformance run stops before any scenario with one French message (exit 3)
    and verdict.json says why; never a silent run without the sandbox."""
    if os.geteuid() != 0:
        pytest.skip("seulement sous root : ailleurs, Chromium garde son bac à sable")
    env = {k: v for k, v in os.environ.items() if k != "CHORUS_SANS_BAC_A_SABLE"}
    rapports = tmp_path / "rep"
    fini = subprocess.run([sys.executable, "-m", "harness.cli", "--rapports", str(rapports), "-p", "no:cacheprovider"],
                          cwd=RACINE, env=env, capture_output=True, text=True, timeout=120)
    assert fini.returncode == 3, fini.stdout[-2000:] + fini.stderr[-2000:]
    assert "bac à sable" in fini.stdout + fini.stderr and "--sans-bac-a-sable" in fini.stdout + fini.stderr
    import json
    verdict = json.loads((rapports / "verdict.json").read_text(encoding="utf-8"))
    assert verdict["code"] == 3 and "--sans-bac-a-sable" in verdict["preflight"]
