"""Preflight: before any scenario, check that the implementation is reachable and wired to the fakes.

One probe sign-up over HTTP (guide steps 1 to 3) proves that the implementation
answers, that its identification page carries the guide's labels, that it asks
the fake Sirene server for the probe SIRET and that its mail reaches the SMTP
capture. A wiring or configuration problem gives ONE French message saying what
is wrong and how to fix it (``PreflightEchec``). A probe refused for a reason the
guide covers (a step that does not go on, a field the probe left empty) is the
scenarios' business: the run goes on, and the summary says what the probe could
not check.
"""
from __future__ import annotations

import random

from stdnum import luhn

from fixtures.clients import BoiteMail, SireneAdmin

from .drivers.base import ActionImpossible, ElementIntrouvable
from .drivers.http import HttpDriver, session_http
from .libelles import (ADRESSE_CONNEXION, CAPTCHA, NOM, PRENOM, RAISON_SOCIALE, RATTACHEMENT,
                       RATTACHEMENT_STRUCTURE, RESAISIE, SIRET, VALIDER, reconnaitre)
from .profile import Implementation

DELAI_REPONSE = 10
DELAI_COURRIEL = 15

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
             jeton: str, adresses: dict[str, str] | None = None, rng: random.Random | None = None,
             driver=None) -> str:
    """Run the preflight; return a one-line summary, raise ``PreflightEchec`` on the first wiring problem.

    ``adresses`` (for the messages) gives the fakes' addresses: ``sirene``, ``smtp``. ``driver``: the channel the
    profile offers (a browser driver for an implementation that needs JavaScript); plain HTTP by default.
    """
    adresses = adresses or {}
    rng = rng or random.Random()
    driver = driver or HttpDriver(session_http(implementation.confiance), implementation.libelles,
                                  timeout=DELAI_REPONSE, origines=implementation.origines)
    url = implementation.demarrage
    profil_hint = "url_base et [pages] demarrage du profil, ou --url-implementation"
    adresse = f"sonde.{jeton}@example.org"
    try:
        # 1. the start page answers
        try:
            driver.open(url)
        except Exception as exc:  # noqa: BLE001 - requests' or the browser's: the same fact, unreachable
            raise _echec(f"l'implémentation ne répond pas à {url} ({type(exc).__name__} : {exc}).",
                         f"démarrez-la, ou corrigez l'adresse ({profil_hint}).") from None
        if driver.status() is None or driver.status() >= 400:
            raise _echec(f"la page de démarrage {url} répond HTTP {driver.status()}.",
                         f"vérifiez le chemin de la page d'identification ({profil_hint}).")
        # 2. the identification page carries the guide's labels: without them no scenario can start
        driver.etape = "identification"
        def nomme(genre: str, cle: str) -> str:
            autres = implementation.libelles.remplace(cle, "identification")
            return f"{genre} « {cle} »" + (f" (cherché sous « {' » ou « '.join(autres)} » d'après [libelles])"
                                           if autres else "")
        manquants = [nomme("champ", c) for c in (ADRESSE_CONNEXION, SIRET) if not driver.has_field(c)]
        if not driver.has_button(VALIDER):
            manquants.append(nomme("bouton", VALIDER))
        if manquants:
            inventaire = driver.inventory()
            presents = "; ".join(f"{genre} présents : " + (", ".join(f"« {n} »" for n in noms) or "aucun")
                                 for genre, noms in inventaire.items() if genre in ("champs", "boutons"))
            raise _echec(f"la page d'identification {driver.url()} n'a pas : {', '.join(manquants)}. {presents}.",
                         "chaque champ doit avoir un libellé accessible au libellé du guide (docs/CONTRACT.md §1) ; "
                         "si vos libellés diffèrent, faites-les correspondre dans la section [libelles] du profil "
                         "(chorus-conformance --diagnostic propose le bloc à coller).")
        # 3. a probe sign-up reaches the fake Sirene server ...
        siret = siret_sonde(rng)
        sirene.enregistrer(siret, "diffusible")
        driver.fill(ADRESSE_CONNEXION, adresse)
        driver.fill(SIRET, siret)
        driver.click(VALIDER)
        if not sirene.requetes(siret):
            raise _echec(f"après l'étape 1 (SIRET sonde {siret}), l'implémentation n'a pas interrogé le faux "
                         f"serveur Sirene {adresses.get('sirene', '')}.",
                         "configurez l'URL de l'API Sirene de l'implémentation sur l'adresse du faux serveur "
                         "(docs/CONTRACT.md §5) ; avec un profil, fixez son port par [services] sirene_port.")
        if (arret := _arret(driver, "informations", "l'étape 1 (Identifiez-vous)")):
            return _reserve(implementation, adresse, arret)
        # ... and its mail reaches the capture
        driver.etape = "informations"
        for champ, valeur in ((RESAISIE, adresse), (NOM, "Sonde"), (PRENOM, "Préalable"),
                              (CAPTCHA, implementation.captcha_reponse)):
            if driver.has_field(champ) and driver.is_editable(champ):
                driver.fill(champ, valeur)
        # The probe checks wiring, not rules: an empty prefill is judged by the scenarios (E2_STRUCTURE_PREREMPLIE_INSEE).
        if driver.has_field(RAISON_SOCIALE) and driver.is_editable(RAISON_SOCIALE) \
                and not (driver.value(RAISON_SOCIALE) or "").strip():
            driver.fill(RAISON_SOCIALE, "SONDE PREALABLE")
        if driver.has_group(RATTACHEMENT):
            driver.choose(RATTACHEMENT, RATTACHEMENT_STRUCTURE)
        driver.click(VALIDER)
        captcha = next((m for k, m in driver.errors().items() if k == CAPTCHA), None)
        if captcha is not None:
            raise _echec(f"la réponse de test du captcha « {implementation.captcha_reponse} » est refusée "
                         f"({captcha}).",
                         "lancez l'implémentation en mode test et donnez sa réponse de captcha documentée "
                         "dans [test] captcha_reponse du profil (docs/CONTRACT.md §4).")
        if (arret := _arret(driver, "espaces de travail", "l'étape 2 (Complétez les informations demandées)")):
            return _reserve(implementation, adresse, arret)
        driver.etape = "espaces de travail"
        driver.click(VALIDER)
        if reconnaitre(driver) == "espaces de travail" or (driver.status() or 0) >= 400:
            return _reserve(implementation, adresse, "l'étape 3 (Ouvrez vos espaces de travail) ne va pas plus loin "
                                                     f"(page {driver.url()}, HTTP {driver.status()})")
        try:
            boite.attendre(adresse, 1, delai=DELAI_COURRIEL)
        except AssertionError:
            raise _echec(f"aucun courriel n'est arrivé pour {adresse} au serveur de capture SMTP "
                         f"{adresses.get('smtp', '')} en {DELAI_COURRIEL} s après l'étape 3 de l'inscription sonde.",
                         "configurez l'hôte et le port SMTP de l'implémentation sur ceux de la capture "
                         "(docs/CONTRACT.md §5) ; avec un profil, fixez-le par [services] smtp_port.") from None
    except (ElementIntrouvable, ActionImpossible) as exc:
        # Past the identification page, an element the probe cannot use is the scenarios' business.
        return _reserve(implementation, adresse, f"l'inscription sonde s'arrête : {exc}")
    except PreflightEchec:
        raise
    except Exception as exc:  # noqa: BLE001 - requests' or the browser's errors: the implementation stopped
        raise _echec(f"l'implémentation a cessé de répondre pendant l'inscription sonde ({type(exc).__name__} : "
                     f"{str(exc)[:300]}).", "consultez ses journaux.") from None
    finally:
        driver.close()
    return f"implémentation {implementation.url_base} prête (inscription sonde {adresse} : Sirene et courriel reçus)"


def _arret(driver, attendue: str, etape: str) -> str:
    """Why the probe did not reach ``attendue`` ("" when it did), for the summary."""
    if reconnaitre(driver, attendue) == attendue:
        return ""
    erreurs = driver.errors()
    return (f"{etape} ne mène pas à la page « {attendue} » (page {driver.url()}, HTTP {driver.status()}"
            + (f", erreurs : {erreurs}" if erreurs else "") + ")")


def _reserve(implementation: Implementation, adresse: str, arret: str) -> str:
    return (f"implémentation {implementation.url_base} joignable, Sirene interrogé ; mais l'inscription sonde "
            f"{adresse} s'arrête : {arret}. Les scénarios jugeront cette étape ; l'arrivée du courriel "
            f"n'a pas pu être vérifiée d'avance.")
