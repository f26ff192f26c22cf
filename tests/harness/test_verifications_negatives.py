"""The negative checks on texts look for what they deny (an announcement, a civility, a masked value the page
shows), never for a word anywhere in the page: each on small pages, over both channels where the step runs on both."""
from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests

from harness.annonces import ANNONCE_GESTIONNAIRE, annonce
from harness.drivers.base import Vocabulaire
from harness.drivers.browser import BrowserDriver
from harness.drivers.http import HttpDriver
from harness.libelles import COMPTE_ACTIF
from harness.preparation import Ecart
from steps.communs import page_n_annonce_pas

from .petites_pages import PetitesPages, page

SECOND = page("Votre compte est créé", "<p>Votre compte est créé et un courriel d'activation est envoyé.</p>"
              "<p>Votre structure existe déjà : son gestionnaire principal garde les droits de modification.</p>")
PREMIER = page("Votre compte est créé", "<p>Votre compte est créé et un courriel d'activation est envoyé.</p>"
               "<p>Vous êtes le premier à créer votre entreprise dans Chorus Pro : vous en êtes le gestionnaire "
               "principal et avez tous les droits de modification sur celle-ci.</p>")
FEATURES = Path(__file__).parents[2] / "features" / "03_espaces_de_travail.feature"


def _guide(cle: str) -> tuple[str, ...]:
    return (cle,)


@pytest.mark.parametrize("texte", [
    "Votre structure existe déjà : son gestionnaire principal garde les droits de modification.",
    "Le gestionnaire principal de la structure validera votre rattachement.",
    "Vous n'êtes pas le gestionnaire principal de cette structure.",
    "Vous êtes rattaché à la structure ; le gestionnaire principal est prévenu.",
    "Contactez le Gestionnaire principal : Jean Dupont.",
])
def test_a_sentence_that_does_not_make_the_user_gestionnaire_principal(texte):
    assert annonce(texte, ANNONCE_GESTIONNAIRE, _guide) is None


@pytest.mark.parametrize("texte, phrase", [
    ("Bienvenue. Vous êtes le premier : vous en êtes le gestionnaire principal et avez tous les droits. Merci.",
     "Vous êtes le premier : vous en êtes le gestionnaire principal et avez tous les droits."),
    ("Vous êtes désormais le gestionnaire principal de la structure.",
     "Vous êtes désormais le gestionnaire principal de la structure."),
    ("VOUS ÊTES LE GESTIONNAIRE PRINCIPAL", "VOUS ÊTES LE GESTIONNAIRE PRINCIPAL"),
    ("Compte créé. En tant que gestionnaire principal, vous validez les rattachements.",
     "En tant que gestionnaire principal, vous validez les rattachements."),
    ("Votre rôle : Gestionnaire principal", "Votre rôle : Gestionnaire principal"),
    ("Vous avez le rôle de gestionnaire principal.", "Vous avez le rôle de gestionnaire principal."),
])
def test_a_sentence_that_makes_the_user_gestionnaire_principal_is_quoted_in_the_pages_words(texte, phrase):
    assert annonce(texte, ANNONCE_GESTIONNAIRE, _guide) == phrase


def test_the_profiles_wordings_of_the_sentence_and_of_its_term():
    formes = {ANNONCE_GESTIONNAIRE: ("you are its main administrator",),
              "gestionnaire principal": ("main administrator",)}.get
    assert annonce("Done. You are its main administrator.", ANNONCE_GESTIONNAIRE, formes) == \
        "You are its main administrator."
    assert annonce("Its main administrator keeps the rights.", ANNONCE_GESTIONNAIRE, formes) is None
    # the French sentences are built on the profile's term as well
    assert annonce("Vous êtes le main administrator.", ANNONCE_GESTIONNAIRE, formes)


@pytest.mark.parametrize("texte, annoncee", [
    ("Votre compte est désormais actif.", True),
    ("Votre compte a été activé : connectez-vous.", True),
    ("Activation annulée : votre compte n'est pas encore actif.", False),
    ("Votre compte sera actif une fois le mot de passe choisi.", False),
])
def test_the_account_is_active_is_a_sentence_too(texte, annoncee):
    assert bool(annonce(texte, COMPTE_ACTIF, _guide)) == annoncee


@pytest.fixture(scope="module")
def site():
    with PetitesPages({"/second": SECOND, "/premier": PREMIER}) as servi:
        yield servi


@pytest.fixture(params=["navigateur", "http"])
def driver(request):
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire()) if request.param == "navigateur" \
        else HttpDriver(requests.Session(), Vocabulaire())
    yield d
    d.close()


def _contexte(driver):
    return SimpleNamespace(driver=driver, regles=["E3_GESTIONNAIRE_PRINCIPAL_UNIQUE"])


def _annonce_niee(tag: str) -> str:
    """What the scenario tagged ``tag`` says the page does not announce (features/*.feature)."""
    scenario = next(s for s in FEATURES.read_text(encoding="utf-8").split("\n\n") if f"@{tag} " in s)
    return re.search(r"la page n'annonce pas \"([^\"]+)\"", scenario).group(1)


def test_a_second_user_told_of_the_structures_gestionnaire_principal_is_not_announced_one(driver, site):
    """E3_GESTIONNAIRE_PRINCIPAL_UNIQUE's Alors, as its feature words it (it failed here: the words were there)."""
    driver.open(site.url + "/second")
    page_n_annonce_pas(_contexte(driver), _annonce_niee("E3_GESTIONNAIRE_PRINCIPAL_UNIQUE"))


def test_a_page_announcing_the_role_fails_and_quotes_the_sentence(driver, site):
    driver.open(site.url + "/premier")
    with pytest.raises(Ecart) as echec:
        page_n_annonce_pas(_contexte(driver), ANNONCE_GESTIONNAIRE)
    assert "l'annonce : « Vous êtes le premier à créer votre entreprise dans Chorus Pro : vous en êtes le " \
           "gestionnaire principal" in str(echec.value)
