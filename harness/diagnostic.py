"""``chorus-conformance --diagnostic``: from "nothing works" to a working profile.

Walks the journey once over plain HTTP (identification, informations,
workspaces, activation from the captured mail, login, account page) and prints,
page by page, each element the harness looks for, whether it was found, and
for each one missing the accessible names the page offers instead, nearest
first. Where a name is missing it goes on with its best guess, so that one run
shows every page; at the end it prints the guesses as a ready-to-paste
``[libelles.<page>]`` block for the profile.

No rule is judged here: a refused form or a missing page only stops the walk,
with what the page said.
"""
from __future__ import annotations

import argparse
import difflib
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import requests

from .drivers.base import ActionImpossible, ElementIntrouvable, Vocabulaire, normalise, resolve_label
from .drivers.http import HttpDriver, session_http
from .drivers.page import accessible_name, buttons, fields, groups, input_type_of, links, term_pairs
from .libelles import (ADRESSE, ADRESSE_CONNEXION, CAPTCHA, CODE_POSTAL, COMPLEMENT_1, COMPLEMENT_2, CONFIRMATION,
                       CONSENTEMENT, ENREGISTRER, ESPACES, IDENTIFIANT, LIBELLE_STRUCTURE, MOT_DE_PASSE, NOM, NON, OUI,
                       PAGES, PAYS, PRENOM, QUESTION, RAISON_SOCIALE, RATTACHEMENT, RATTACHEMENT_STRUCTURE, REPONSE,
                       RESAISIE, SANS_SIRET, SE_CONNECTER, SIRET, VALIDER, VILLE, pages_confondues, reconnaitre)
from .preflight import siret_sonde
from .profile import Implementation, Profil, ProfilInvalide, charger_profil

CLE_DE_PAGE = {nom: cle for cle, nom in PAGES.items()}

# What the harness looks for on each page: (kind, guide wording, the control's type when it tells).
ATTENDUS: dict[str, list[tuple[str, str, str | None]]] = {
    "identification": [("champs", ADRESSE_CONNEXION, "email"), ("champs", SIRET, "text"),
                       ("boutons", VALIDER, None), ("liens", SANS_SIRET, None)],
    "informations": [("champs", ADRESSE_CONNEXION, "email"), ("champs", RESAISIE, "email"), ("champs", NOM, "text"),
                     ("champs", PRENOM, "text"), ("champs", CONSENTEMENT, "checkbox"), ("champs", CAPTCHA, "text"),
                     ("informations", IDENTIFIANT, None), ("champs", RAISON_SOCIALE, "text"),
                     ("champs", LIBELLE_STRUCTURE, "text"), ("champs", ADRESSE, "text"),
                     ("champs", COMPLEMENT_1, "text"), ("champs", COMPLEMENT_2, "text"),
                     ("champs", CODE_POSTAL, "text"), ("champs", VILLE, "text"), ("champs", PAYS, "text"),
                     ("boutons", VALIDER, None)],
    "espaces de travail": [*(("groupes", espace, None) for espace in ESPACES), ("boutons", VALIDER, None)],
    "activation": [("champs", MOT_DE_PASSE, "password"), ("champs", CONFIRMATION, "password"),
                   ("champs", QUESTION, "select"), ("champs", REPONSE, "text"), ("boutons", VALIDER, None)],
    "connexion": [("champs", ADRESSE_CONNEXION, "email"), ("champs", MOT_DE_PASSE, "password"),
                  ("boutons", SE_CONNECTER, None)],
    "compte": [*(("groupes", espace, None) for espace in ESPACES), ("boutons", ENREGISTRER, None)],
}
GENRES = {"champs": "champ", "groupes": "groupe", "boutons": "bouton", "liens": "lien", "choix": "choix",
          "informations": "information (champ en lecture seule ou dt/dd)"}


@dataclass
class Constat:
    genre: str
    cle: str
    trouve: str | None = None            # the name found (the guide's, or the profile's)
    propositions: list[str] = field(default_factory=list)  # nearest names on the page, when missing


@dataclass
class Page:
    nom: str
    url: str = ""
    constats: list[Constat] = field(default_factory=list)
    arret: str = ""                      # why the walk stopped on this page


def _candidats(driver: HttpDriver) -> dict[str, list[tuple[str, str]]]:
    """(name, control type) of what the page offers, by kind, in document order."""
    def nom(el) -> str:
        return accessible_name(el).rstrip(" *:").strip()
    root = driver.root
    champs = [(nom(el), input_type_of(el)) for el in fields(root) if nom(el)]
    return {"champs": champs,
            "groupes": [(nom(el), "") for el in groups(root) if nom(el)],
            "boutons": [(nom(el), "") for el in buttons(root) if nom(el)],
            "liens": [(nom(el), "") for el in links(root) if nom(el)],
            # read-only information: a dt/dd pair (th/td) or a field
            "informations": [(terme.rstrip(" *:").strip(), "") for terme, _ in term_pairs(root)] + champs}


def _types_proches(attendu: str | None, trouve: str) -> bool:
    if attendu is None:
        return True
    textuels = {"text", "email", "search", "tel", "textarea", "url"}
    return attendu == trouve or (attendu in textuels and trouve in textuels and attendu != "email")


def examiner(driver: HttpDriver, page: str, vocabulaire: Vocabulaire, devines: dict[str, str]) -> Page:
    """What the harness looks for on ``page``, found or not; the best guesses join ``vocabulaire`` (so that the
    walk goes on) and ``devines`` (a wording guessed on an earlier page is tried first on the next ones).

    A guess follows the page's order: the guide lists each page's elements in the order most pages show them,
    so the next free element of the same kind (and of a compatible type) after the last one placed is favoured,
    then the nearest name."""
    resultat = Page(page, driver.url())
    candidats = _candidats(driver)
    trouves = []
    for genre, cle, _ in ATTENDUS[page]:
        libelle = resolve_label(vocabulaire, cle, page)
        rang = next((i for i, (n, _) in enumerate(candidats[genre]) if libelle.correspond(n)), None)
        trouves.append(rang)
    pris = {(genre, rang) for (genre, _, _), rang in zip(ATTENDUS[page], trouves) if rang is not None}
    dernier: dict[str, int] = {}
    for (genre, cle, typ), rang in zip(ATTENDUS[page], trouves):
        constat = Constat(genre, cle)
        resultat.constats.append(constat)
        if rang is not None:
            constat.trouve = candidats[genre][rang][0]
            dernier[genre] = rang
            continue
        libres = [(i, n, t) for i, (n, t) in enumerate(candidats[genre])
                  if (genre, i) not in pris and _types_proches(typ, t)]
        if not libres:
            continue
        suivant = next((i for i, _, _ in libres if i > dernier.get(genre, -1)), None)
        cible = normalise(cle)

        def score(c) -> tuple:
            i, nom, _ = c
            deja = devines.get(cle) is not None and normalise(nom) == normalise(devines[cle])
            proximite = difflib.SequenceMatcher(None, cible, normalise(nom)).ratio()
            return (deja, proximite + (0.5 if i == suivant else 0.0), -i)
        classes = sorted(libres, key=score, reverse=True)
        constat.propositions = [n for _, n, _ in classes[:3]]
        choisi = classes[0]
        pris.add((genre, choisi[0]))
        dernier[genre] = choisi[0]
        devines.setdefault(cle, choisi[1])
        vocabulaire.pages.setdefault(page, {})[cle] = (choisi[1],)
    return resultat


def _choix_oui_non(driver: HttpDriver, page: Page, vocabulaire: Vocabulaire) -> None:
    """Each workspace's two choices are the guide's OUI and NON, in that order (the guide's table)."""
    groupe = next((c.cle for c in page.constats if c.genre == "groupes" and (c.trouve or c.propositions)), None)
    if groupe is None:
        return
    choix = driver.group_options(groupe)
    for cle, rang in ((OUI, 0), (NON, 1)):
        constat = Constat("choix", cle)
        page.constats.append(constat)
        if any(normalise(c) == normalise(cle) for c in choix):
            constat.trouve = cle
        elif len(choix) == 2:
            constat.propositions = [choix[rang]]
            vocabulaire.pages.setdefault(page.nom, {})[cle] = (choix[rang],)


def parcourir(implementation: Implementation, sirene, boite, jeton: str) -> tuple[list[Page], Vocabulaire]:
    """Walk the journey once; every page's findings, and the vocabulary the walk ended with."""
    vocabulaire = Vocabulaire(implementation.libelles.commun,
                              {p: dict(t) for p, t in implementation.libelles.pages.items()})
    driver = HttpDriver(session_http(implementation.confiance), vocabulaire, origines=implementation.origines)
    pages: list[Page] = []
    adresse = f"diagnostic.{jeton}@example.org"
    mot_de_passe = "Diagnostic-2026-" + jeton

    devines: dict[str, str] = {}

    def sur(page: str) -> Page:
        driver.etape = page
        pages.append(examiner(driver, page, vocabulaire, devines))
        return pages[-1]

    def attendre(page: str, apres: str, precedente: str | None) -> None:
        """The walk knows which page comes next; it stops when the form came back (the same page, or errors)."""
        driver.etape = None
        erreurs = driver.errors()
        revenu = precedente is not None and reconnaitre(driver) == precedente
        if erreurs or revenu or (driver.status() or 0) >= 400:
            raise ActionImpossible(f"après {apres}, la page « {page} » ne suit pas (page {driver.url()}, HTTP "
                                   f"{driver.status()}" + (f", erreurs : {erreurs}" if erreurs else "") + ")")
    try:
        driver.open(implementation.demarrage)
        sur("identification")
        siret = siret_sonde(random.Random())
        sirene.enregistrer(siret, "diffusible")
        driver.fill(ADRESSE_CONNEXION, adresse)
        driver.fill(SIRET, siret)
        driver.click(VALIDER)
        attendre("informations", "l'identification", "identification")
        sur("informations")
        for champ, valeur in ((RESAISIE, adresse), (NOM, "Diagnostic"), (PRENOM, "Harnais"),
                              (CAPTCHA, implementation.captcha_reponse)):
            driver.fill(champ, valeur)
        if driver.has_field(RAISON_SOCIALE) and not (driver.value(RAISON_SOCIALE) or "").strip():
            driver.fill(RAISON_SOCIALE, "DIAGNOSTIC")
        if driver.has_group(RATTACHEMENT):
            driver.choose(RATTACHEMENT, RATTACHEMENT_STRUCTURE)
        driver.click(VALIDER)
        attendre("espaces de travail", "la saisie des informations", "informations")
        espaces = sur("espaces de travail")
        _choix_oui_non(driver, espaces, vocabulaire)
        driver.click(VALIDER)
        message = boite.attendre(adresse, 1, delai=15)
        if not message.liens:
            raise ActionImpossible(f"le courriel d'activation « {message.sujet} » ne contient aucun lien")
        driver.open(message.liens[0])
        attendre("activation", "l'ouverture du lien d'activation", None)
        sur("activation")
        driver.fill(MOT_DE_PASSE, mot_de_passe)
        driver.fill(CONFIRMATION, mot_de_passe)
        options = driver.select_options(QUESTION)
        if options:
            driver.select(QUESTION, options[0])
        driver.fill(REPONSE, "Paris")
        driver.click(VALIDER)
        if "compte" in implementation.capacites:
            driver.open(implementation.connexion)
            sur("connexion")
            driver.fill(ADRESSE_CONNEXION, adresse)
            driver.fill(MOT_DE_PASSE, mot_de_passe)
            driver.click(SE_CONNECTER)
            attendre("compte", "la connexion", "connexion")
            _choix_oui_non(driver, sur("compte"), vocabulaire)
    except (ElementIntrouvable, ActionImpossible, AssertionError, requests.RequestException) as exc:
        arret = str(exc).split(" Champs présents")[0]
        if pages:
            pages[-1].arret = arret
        else:
            pages.append(Page("identification", implementation.demarrage, arret=arret))
    finally:
        driver.close()
    return pages, vocabulaire


def _toml(texte: str) -> str:
    return '"' + texte.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rendre(pages: list[Page], implementation: Implementation) -> str:
    """The findings, page by page, then the [libelles] block to paste."""
    lignes = [f"Diagnostic de {implementation.url_base} (libellés du profil « {implementation.nom} »)", ""]
    bloc: dict[str, list[str]] = {}
    for page in pages:
        lignes.append(f"Page « {page.nom} » ({page.url})")
        for c in page.constats:
            quoi = f"{GENRES[c.genre]} « {c.cle} »"
            if c.trouve is not None:
                lignes.append(f"  ✓ {quoi}" + (f" : trouvé sous « {c.trouve} »" if normalise(c.trouve) != normalise(
                    c.cle.rstrip('…')) and not normalise(c.trouve).startswith(normalise(c.cle.rstrip('…'))) else ""))
            elif c.propositions:
                autres = ", ".join(f"« {n} »" for n in c.propositions[1:])
                lignes.append(f"  ✗ {quoi} introuvable ; le plus proche : « {c.propositions[0]} »"
                              + (f" (autres : {autres})" if autres else ""))
                bloc.setdefault(CLE_DE_PAGE[page.nom], []).append(
                    f"{_toml(c.cle)} = {_toml(c.propositions[0])}"
                    + (f"   # autres : {autres}" if autres else ""))
            else:
                lignes.append(f"  ✗ {quoi} introuvable, et aucun {GENRES[c.genre]} libre sur la page")
        if page.arret:
            lignes.append(f"  ■ parcours arrêté : {page.arret}")
        lignes.append("")
    # Never a block that leaves the journey unable to tell two pages apart (harness/libelles.py pages_confondues).
    colle = Vocabulaire(implementation.libelles.commun,
                        {nom: dict(table) for nom, table in implementation.libelles.pages.items()})
    for page in pages:
        colle.pages.setdefault(page.nom, {}).update(
            {c.cle: (c.propositions[0],) for c in page.constats if c.trouve is None and c.propositions})
    confusions = pages_confondues(colle)
    if bloc and confusions:
        lignes.append("Aucun bloc à coller : les noms les plus proches trouvés rendraient des pages indiscernables "
                      "(le harnais refuserait ce profil) ; choisissez d'autres libellés parmi les propositions :")
        lignes += [f"  ■ {c}" for c in confusions]
    elif bloc:
        lignes.append("À coller dans le profil (vérifiez chaque ligne : ce sont les noms les plus proches, pas des "
                      "certitudes) :")
        lignes.append("")
        for cle, entrees in bloc.items():
            lignes += [f"[libelles.{cle}]", *entrees, ""]
    elif not any(p.arret for p in pages):
        lignes.append("Tout ce que le harnais cherche a été trouvé : aucun libellé à faire correspondre.")
    return "\n".join(lignes)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="chorus-conformance --diagnostic", description=__doc__.split("\n\n")[0])
    parser.add_argument("--diagnostic", action="store_true")
    parser.add_argument("--profil")
    parser.add_argument("--url-implementation")
    parser.add_argument("--rapports", default="reports")
    parser.add_argument("--bundled-fault")
    args, _ = parser.parse_known_args(argv)
    from .etat import Etat
    from .services import arreter_services, demarrer_services
    try:
        profil = charger_profil(args.profil) if args.profil else Profil()
    except ProfilInvalide as exc:
        print(exc, file=sys.stderr)
        return 3
    url = args.url_implementation
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        print(f"--url-implementation doit être une URL http(s) absolue, pas « {url} ».", file=sys.stderr)
        return 3
    if "http" not in profil.capacites:
        print("Le diagnostic parcourt les pages en HTTP sans JavaScript : ce profil n'offre pas la capacité « http ».",
              file=sys.stderr)
        return 3
    jeton = "".join(random.SystemRandom().choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(6))
    etat = Etat(profil=profil, graine=0, id_run=jeton, rapports=Path(tempfile.mkdtemp(prefix="chorus-diag-")),
                url_implementation=url.rstrip("/") if url else None, faute=args.bundled_fault)
    try:
        demarrer_services(etat)
        from fixtures.clients import BoiteMail, SireneAdmin
        implementation = Implementation.depuis_profil(profil, etat.services["implementation"],
                                                      etat.services.get("confiance"))
        debut = time.monotonic()
        pages, _ = parcourir(implementation, SireneAdmin(etat.services["sirene"]),
                             BoiteMail(etat.services["boite"]), jeton)
    except Exception as exc:  # noqa: BLE001 - one readable line, whatever broke
        print(f"Diagnostic impossible : {type(exc).__name__} : {exc}", file=sys.stderr)
        return 2
    finally:
        arreter_services(etat)
    print(rendre(pages, implementation))
    print(f"(parcours en {time.monotonic() - debut:.1f} s)")
    return 2 if any(p.arret for p in pages) else 0
