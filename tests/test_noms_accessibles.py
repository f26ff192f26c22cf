"""The HTTP channel's accessible names are Chromium's.

harness/drivers/page.py computes by hand (no maintained Python library does it) the accessible name of what the
HTTP channel looks for. This test walks every page state of the bundled reference implementation and of the
witness (French and English, server-rendered) over HTTP, then gives each document, as the HTTP channel read it, to
Chromium (scripts off: the same document, its stylesheets loaded from the implementation) and compares, for every
field, button, link and group, page.py's name with the name in Chromium's accessibility tree (CDP
``Accessibility.getFullAXTree``): what assistive technologies get. Every difference is listed.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import lxml.html
import pytest

from fixtures.clients import BoiteMail, SireneAdmin, start_process, stop_process
from harness.drivers.base import sans_controles
from harness.drivers.http import HttpDriver
from harness.drivers.page import accessible_name, buttons, fields, fold, groups, links, parse_html
from harness.libelles import NOM, VALIDER
from harness.profile import Implementation, charger_profil
from harness.services import RACINE, commande_reference, demarrer_faux, environnement, port_libre
from steps import parcours as p
from steps.contexte import Utilisateur

from .harness.site import FORMULAIRE, LIBELLES

MOT_DE_PASSE_CONFORME = "Chorus-Pro-2024!"
# The roles of what page.py lists, in Chromium's accessibility tree.
ROLES = {"champs": {"textbox", "searchbox", "checkbox", "radio", "combobox", "ListBox", "listbox", "spinbutton",
                    "slider", "switch"},
         "boutons": {"button"}, "liens": {"link"}, "groupes": {"group", "radiogroup"}}
QUOI = {"champs": fields, "boutons": buttons, "liens": links, "groupes": groups}
MARQUE = "data-chorus-n"


@pytest.fixture(scope="module")
def faux(tmp_path_factory):
    processus: list = []
    try:
        yield demarrer_faux(tmp_path_factory.mktemp("faux"), processus)
    finally:
        for proc in processus:
            stop_process(proc)


@contextmanager
def implementation(nom: str, faux: dict, dossier: Path) -> Iterator[Implementation]:
    """The reference or the witness (``temoin``, ``temoin_en``) running on a free port, wired to the fakes."""
    port = port_libre()
    url = f"http://127.0.0.1:{port}"
    if nom == "reference":
        base = tempfile.mkdtemp(prefix="chorus-noms-")
        argv = commande_reference(port, Path(base) / "reference.sqlite", faux["sirene"], faux["smtp_port"],
                                  smtp_hote=faux["smtp_hote"], captcha="TEST-CAPTCHA")
    else:
        base = None
        argv = [sys.executable, "-m", "temoin", "--port", str(port), "--langue", "en" if nom == "temoin_en" else "fr",
                "--sirene-url", faux["sirene"], "--sirene-key", "k", "--smtp-host", faux["smtp_hote"],
                "--smtp-port", str(faux["smtp_port"]), "--public-url", url, "--test-mode",
                "--captcha-answer", "TEST-CAPTCHA", "--front", "html"]
    processus, _ = start_process(argv, "READY", 30, dossier / f"{nom}.log", env=environnement(), cwd=RACINE)
    try:
        profil = charger_profil(RACINE / "profiles" / f"{nom}.toml")
        yield Implementation.depuis_profil(profil, url)
    finally:
        stop_process(processus)
        if base:
            shutil.rmtree(base, ignore_errors=True)


def etats(impl: Implementation, faux: dict) -> list[tuple[str, str, str, str]]:
    """Every page state of the journey, as the HTTP channel reads it: (state, the page recognised, URL, document).
    Each form is shown refused once, then filled as the journey fills it."""
    sirene, boite = SireneAdmin(faux["sirene"]), BoiteMail(faux["boite"])
    d = HttpDriver(labels=impl.libelles, origines=impl.origines)
    vus: list[tuple[str, str, str, str]] = []

    def garder(etat: str) -> None:
        vus.append((etat, p.etape(d), d.url(), d.html()))

    adresse = f"noms.{port_libre()}@example.org"
    u = Utilisateur(adresse, adresse, "Zoé", "Lefèvre-d'Arc")
    siret = "35600000009075"
    sirene.enregistrer(siret, "diffusible")
    d.open(impl.demarrage)
    garder("identification")
    p.soumettre_identification(d, "pas-une-adresse", "123")
    garder("identification refusée")
    p.soumettre_identification(d, u.adresse_connexion, siret)
    garder("informations")
    ctx = type("Ctx", (), {"implementation": impl, "donnees": None})()
    p.completer_informations(d, ctx, u, saisies={NOM: ""})
    garder("informations refusées")
    p.completer_informations(d, ctx, u)
    garder("espaces de travail")
    p.valider_espaces(d)
    garder("compte créé")
    lien = boite.attendre(u.adresse_connexion).liens[0]
    d.open(lien)
    garder("activation")
    p.remplir_activation(d, "court")
    d.click(VALIDER)
    garder("activation refusée")
    p.remplir_activation(d, MOT_DE_PASSE_CONFORME)
    d.click(VALIDER)
    garder("compte activé")
    d.open(impl.connexion)
    garder("connexion")
    p.soumettre_connexion(d, u.adresse_connexion, MOT_DE_PASSE_CONFORME)
    garder("compte")
    d.close()
    return vus


def marquer(html: str):
    """The document as page.py reads it, each element numbered (an attribute no name depends on)."""
    root = parse_html(html)
    for n, el in enumerate(root.iter()):
        if isinstance(el.tag, str):
            el.set(MARQUE, str(n))
    return root


def noms_de_chromium(page, url: str, document: str) -> dict[str, tuple[str, str]]:
    """Chromium's accessibility tree of ``document`` served at ``url``: element number -> (role, name)."""
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=document))
    try:
        page.goto(url, wait_until="load")
    finally:
        page.unroute(url)
    cdp = page.context.new_cdp_session(page)
    try:
        dom = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        numeros: dict[int, str] = {}

        def parcourir(noeud) -> None:
            attributs = noeud.get("attributes") or []
            for cle, valeur in zip(attributs[0::2], attributs[1::2]):
                if cle == MARQUE:
                    numeros[noeud["backendNodeId"]] = valeur
            for enfant in noeud.get("children") or []:
                parcourir(enfant)
        parcourir(dom["root"])
        arbre = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    noms = {}
    for noeud in arbre:
        numero = numeros.get(noeud.get("backendDOMNodeId"))
        if numero is None or noeud.get("ignored"):
            continue
        noms[numero] = ((noeud.get("role") or {}).get("value", ""),
                        fold((noeud.get("name") or {}).get("value", "")))
    return noms


def nom_selon_playwright(page, numero: str) -> str | None:
    """The element's name as Playwright computes it (its aria snapshot's first line): the computation behind the
    browser channel's lookups by role and by label."""
    ligne = page.locator(f'[{MARQUE}="{numero}"]').aria_snapshot().splitlines()[0].removeprefix("- ")
    ligne = ligne.removesuffix(":")  # a node with children (a link's /url)
    if ligne.startswith("'") and ligne.endswith("'"):  # YAML's quoting of a line holding « : »
        ligne = ligne[1:-1].replace("''", "'")
    trouve = re.match(r'^[\w-]+(?: (".*?(?<!\\)"))?', ligne)
    return fold(json.loads(trouve.group(1))) if trouve and trouve.group(1) else ""


def differences(etat: str, url: str, html: str, page, compares: list[str] | None = None) -> list[str]:
    """Every field, button, link and group whose name page.py and Chromium do not give alike, and what Chromium
    names in those roles that page.py does not list; ``compares`` gets each element compared."""
    root = marquer(html)
    document = lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")
    chromium = noms_de_chromium(page, url, document)
    ecarts, vus = [], set()
    for genre, liste in QUOI.items():
        for el in liste(root):
            numero = el.get(MARQUE)
            vus.add(numero)
            nom = accessible_name(el)
            decrit = f"{etat} : {genre[:-1]} <{el.tag}{' ' + el.get('type') if el.get('type') else ''}>"
            if compares is not None:
                compares.append(f"{etat} : {genre[:-1]} « {nom} »")
            if numero not in chromium:
                ecarts.append(f"{decrit} « {nom} » : absent de l'arbre d'accessibilité de Chromium")
            elif chromium[numero][1] != nom:
                ecarts.append(f"{decrit} : page.py « {nom} », Chromium « {chromium[numero][1]} »")
            else:
                selon_playwright = nom_selon_playwright(page, numero)
                if selon_playwright != nom:
                    ecarts.append(f"{decrit} : page.py et Chromium « {nom} », Playwright « {selon_playwright} »")
    for numero, (role, nom) in chromium.items():
        if numero not in vus and any(role in roles for roles in ROLES.values()):
            el = root.xpath(f"//*[@{MARQUE}=$n]", n=numero)[0]
            ecarts.append(f"{etat} : {role} <{el.tag}> « {sans_controles(nom)} » : Chromium le donne, page.py non")
    return ecarts


@pytest.fixture
def sans_script(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


# Differences that are Chromium's own behaviour, not page.py's to copy (each with why). None so far.
CONNUES: dict[str, list[str]] = {"reference": [], "temoin": [], "temoin_en": []}


# Each state, and the page the harness recognises in it: the walk went where it says.
PARCOURS = [("identification", "identification"), ("identification refusée", "identification"),
            ("informations", "informations"), ("informations refusées", "informations"),
            ("espaces de travail", "espaces de travail"), ("compte créé", ""), ("activation", "activation"),
            ("activation refusée", "activation"), ("compte activé", ""), ("connexion", "connexion"),
            ("compte", "compte")]


@pytest.mark.parametrize("nom", ["reference", "temoin", "temoin_en"])
def test_the_http_channel_names_what_chromium_names(nom, faux, sans_script, tmp_path):
    with implementation(nom, faux, tmp_path) as impl:
        vus = etats(impl, faux)
    assert [(etat, reconnue) for etat, reconnue, _, _ in vus] == PARCOURS
    compares: list[str] = []
    ecarts = [e for etat, _, url, html in vus for e in differences(etat, url, html, sans_script, compares)]
    assert ecarts == CONNUES[nom], "\n".join(ecarts)
    for etat, _ in PARCOURS:  # something was compared in every state
        assert any(c.startswith(etat + " : ") for c in compares), (etat, compares)


def test_the_drivers_test_pages_too(sans_script):
    """The small pages of each pattern the drivers' tests use (hints inside labels, markers, aria-labelledby,
    aria-hidden parts, a <select> inside its label…): page.py gave the aria-hidden « * » of a label to the name
    until it left aria-hidden parts out, as Chromium does."""
    compares: list[str] = []
    ecarts = [e for nom, html in (("formulaire", FORMULAIRE), ("libellés", LIBELLES))
              for e in differences(nom, f"http://127.0.0.1:9/{len(nom)}", html, sans_script, compares)]
    assert not ecarts, "\n".join(ecarts)
    assert len(compares) == 40, compares
