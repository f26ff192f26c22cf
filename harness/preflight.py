"""Preflight: before any scenario, check that the implementation is reachable and wired to the fakes.

One probe sign-up over HTTP (guide steps 1 to 3) proves that the implementation
answers, that its identification page carries the guide's labels, that it asks
the fake Sirene server for the probe SIRET and that its mail reaches the SMTP
capture. Any problem gives ONE French message saying what is wrong and how to
fix it (``PreflightEchec``).
"""
from __future__ import annotations

import random

import requests
from stdnum import luhn

from fixtures.clients import BoiteMail, SireneAdmin

from .drivers.base import ActionImpossible, ElementIntrouvable
from .drivers.http import HttpDriver
from .profile import Implementation

DELAI_REPONSE = 10
DELAI_COURRIEL = 15

ADRESSE = "Adresse électronique de connexion"
RESAISIE = "Résaisissez votre adresse électronique de connexion"
SIRET = "Numéro de SIRET"
CAPTCHA = "Entrez les caractères générés par l'image"
RAISON_SOCIALE = "Raison Sociale"
RATTACHEMENT = "Je me rattache à"
STRUCTURE = "La structure (y compris l'ensemble des services de ma structure)"


class PreflightEchec(Exception):
    """The preflight found a configuration problem; ``str()`` is the message for the user."""


def siret_sonde(rng: random.Random) -> str:
    """A Luhn-valid SIRET (valid SIREN too) outside La Poste, new at each run."""
    while True:
        siren = "".join(rng.choice("0123456789") for _ in range(8))
        siren += luhn.calc_check_digit(siren)
        if siren != "356000000" and siren[0] != "0":
            break
    nic = "".join(rng.choice("0123456789") for _ in range(4))
    return siren + nic + luhn.calc_check_digit(siren + nic)


def _echec(quoi: str, comment: str) -> PreflightEchec:
    return PreflightEchec(f"Vérification préalable échouée : {quoi}\nComment corriger : {comment}\n"
                          f"Aucun scénario n'a été exécuté.")


def verifier(implementation: Implementation, sirene: SireneAdmin, boite: BoiteMail, *,
             jeton: str, adresses: dict[str, str] | None = None, rng: random.Random | None = None) -> str:
    """Run the preflight; return a one-line summary, raise ``PreflightEchec`` on the first problem.

    ``adresses`` (for the messages) gives the fakes' addresses: ``sirene``, ``smtp``.
    """
    adresses = adresses or {}
    rng = rng or random.Random()
    driver = HttpDriver(requests.Session(), implementation.libelles, timeout=DELAI_REPONSE)
    url = implementation.demarrage
    profil_hint = "url_base et [pages] demarrage du profil, ou --url-implementation"
    try:
        # 1. the start page answers
        try:
            driver.open(url)
        except requests.RequestException as exc:
            raise _echec(f"l'implémentation ne répond pas à {url} ({type(exc).__name__} : {exc}).",
                         f"démarrez-la, ou corrigez l'adresse ({profil_hint}).") from None
        if driver.status() is None or driver.status() >= 400:
            raise _echec(f"la page de démarrage {url} répond HTTP {driver.status()}.",
                         f"vérifiez le chemin de la page d'identification ({profil_hint}).")
        # 2. the identification page carries the guide's labels
        def nomme(genre: str, cle: str) -> str:
            autre = implementation.libelles.get(cle)
            return f"{genre} « {cle} »" + (f" (cherché sous « {autre} » d'après [libelles])" if autre else "")
        manquants = [nomme("champ", c) for c in (ADRESSE, SIRET) if not driver.has_field(c)]
        if not driver.has_button("Valider"):
            manquants.append(nomme("bouton", "Valider"))
        if manquants:
            try:
                driver.fill(ADRESSE if not driver.has_field(ADRESSE) else SIRET, "")
                present = ""
            except ElementIntrouvable as exc:
                present = " " + str(exc).split(". ", 1)[-1]
            raise _echec(f"la page d'identification {driver.url()} n'a pas : {', '.join(manquants)}.{present}",
                         "chaque champ doit avoir un <label> au libellé du guide (docs/CONTRACT.md §1) ; si vos "
                         "libellés diffèrent, faites-les correspondre dans la section [libelles] du profil.")
        # 3. a probe sign-up reaches the fake Sirene server ...
        siret = siret_sonde(rng)
        adresse = f"sonde.{jeton}@example.org"
        sirene.enregistrer(siret, "diffusible")
        driver.fill(ADRESSE, adresse)
        driver.fill(SIRET, siret)
        driver.click("Valider")
        if not sirene.requetes(siret):
            raise _echec(f"après l'étape 1 (SIRET sonde {siret}), l'implémentation n'a pas interrogé le faux "
                         f"serveur Sirene {adresses.get('sirene', '')}.",
                         "configurez l'URL de l'API Sirene de l'implémentation sur l'adresse du faux serveur "
                         "(docs/CONTRACT.md §5) ; avec un profil, fixez son port par [services] sirene_port.")
        if not driver.has_field(RESAISIE):
            erreurs = driver.errors()
            raise _echec(f"l'étape 1 de l'inscription sonde n'a pas mené à la page « informations » "
                         f"(page {driver.url()}, HTTP {driver.status()}, titre « {driver.title()} »"
                         + (f", erreurs : {erreurs}" if erreurs else "") + ").",
                         "vérifiez que l'implémentation accepte un SIRET connu de Sirene (docs/CONTRACT.md §3.1).")
        # ... and its mail reaches the capture
        driver.fill(RESAISIE, adresse)
        driver.fill("Nom", "Sonde")
        driver.fill("Prénom", "Préalable")
        driver.fill(CAPTCHA, implementation.captcha_reponse)
        # The probe checks wiring, not rules: an empty prefill is judged by the scenarios (E2_STRUCTURE_PREREMPLIE_INSEE).
        if driver.has_field(RAISON_SOCIALE) and driver.is_editable(RAISON_SOCIALE) \
                and not (driver.value(RAISON_SOCIALE) or "").strip():
            driver.fill(RAISON_SOCIALE, "SONDE PREALABLE")
        if driver.has_group(RATTACHEMENT):
            driver.choose(RATTACHEMENT, STRUCTURE)
        driver.click("Valider")
        erreurs = driver.errors()
        if erreurs:
            captcha = next((m for k, m in erreurs.items() if k == CAPTCHA), None)
            if captcha is not None:
                raise _echec(f"la réponse de test du captcha « {implementation.captcha_reponse} » est refusée "
                             f"({captcha}).",
                             "lancez l'implémentation en mode test et donnez sa réponse de captcha documentée "
                             "dans [test] captcha_reponse du profil (docs/CONTRACT.md §4).")
            raise _echec(f"l'étape 2 de l'inscription sonde est refusée : {erreurs}.",
                         "vérifiez la page « informations » contre docs/CONTRACT.md §3.2.")
        if not driver.has_button("Valider"):
            raise _echec(f"l'étape 2 de l'inscription sonde n'a pas mené à la page des espaces de travail "
                         f"(page {driver.url()}, HTTP {driver.status()}, titre « {driver.title()} »).",
                         "vérifiez les pages contre docs/CONTRACT.md §3.2 et §3.3.")
        driver.click("Valider")
        try:
            boite.attendre(adresse, 1, delai=DELAI_COURRIEL)
        except AssertionError:
            raise _echec(f"aucun courriel n'est arrivé pour {adresse} au serveur de capture SMTP "
                         f"{adresses.get('smtp', '')} en {DELAI_COURRIEL} s après l'étape 3 de l'inscription sonde.",
                         "configurez l'hôte et le port SMTP de l'implémentation sur ceux de la capture "
                         "(docs/CONTRACT.md §5) ; avec un profil, fixez-le par [services] smtp_port.") from None
    except (ElementIntrouvable, ActionImpossible) as exc:
        raise _echec(f"inscription sonde impossible : {exc}",
                     "comparez la page à docs/CONTRACT.md §3 ; si vos libellés diffèrent, faites-les "
                     "correspondre dans la section [libelles] du profil.") from None
    except requests.RequestException as exc:
        raise _echec(f"l'implémentation a cessé de répondre pendant l'inscription sonde ({exc}).",
                     "consultez ses journaux.") from None
    finally:
        driver.close()
    return f"implémentation {implementation.url_base} prête (inscription sonde {adresse} : Sirene et courriel reçus)"
