"""A rule about a wording the guide fixes judges what the page shows, never what the profile lists: a page showing
the guide's words is conforme whatever other wordings its profile accepts; other words are « au lieu de »."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import requests

from harness.drivers.base import Vocabulaire
from harness.drivers.browser import BrowserDriver
from harness.drivers.http import HttpDriver
from steps import activation, communs
from steps.contexte import Contexte, Utilisateur

from .site import Site


@pytest.fixture(scope="module")
def site():
    with Site() as served:
        yield served


@pytest.fixture(params=["navigateur", "http"])
def sur(request, site):
    """sur(chemin, libelles): a scenario's context whose driver of the parametrised channel shows that page of
    the site, with the profile's ``[libelles]``."""
    made = []

    def ouvrir(chemin: str, libelles: dict) -> Contexte:
        labels = Vocabulaire(libelles)
        if request.param == "navigateur":
            driver = BrowserDriver(request.getfixturevalue("page"), labels)
        else:
            driver = HttpDriver(requests.Session(), labels)
        made.append(driver)
        driver.open(site.url + chemin)
        return Contexte(regles=["E_TEST"], canal=driver.canal, implementation=SimpleNamespace(), donnees=None,
                        sirene=None, boite_mail=None, controles=None, driver=driver, nouveau_driver=lambda: None)

    yield ouvrir
    for driver in made:
        driver.close()


ADRESSE = "Adresse électronique de connexion"


def test_a_field_showing_the_guide_s_words_is_conforme_whatever_the_profile_lists(sur):
    # the class of issue 23: E4_INFORMATIONS_GENERALES failed on a page showing exactly the guide's words
    ctx = sur("/libelles", {ADRESSE: ["Adresse électronique de contact", ADRESSE]})
    communs.champ_libelle_du_guide(ctx, ADRESSE)


def test_a_field_showing_other_words_is_not(sur):
    ctx = sur("/libelles", {"Nom": "Nom de naissance"})  # the page has a field « Nom » too: not the one found
    with pytest.raises(AssertionError, match="« Nom de naissance » au lieu de « Nom »"):
        communs.champ_libelle_du_guide(ctx, "Nom")


def test_an_information_a_button_and_a_title_in_the_guide_s_words(sur):
    ctx = sur("/formulaire", {"Adresse électronique de contact": ["E-mail de contact", "Adresse électronique de contact"],
                              "Valider": ["Continuer", "Valider"],
                              "Vous êtes nouveau sur Chorus Pro ?": ["New to Chorus Pro?",
                                                                     "Vous êtes nouveau sur Chorus Pro ?"]})
    communs.champ_libelle_du_guide(ctx, "Adresse électronique de contact")
    communs.bouton_propose(ctx, "Valider")
    communs.porte_le_titre(ctx, "Vous êtes nouveau sur Chorus Pro ?")


def test_a_button_in_other_words(sur):
    ctx = sur("/libelles", {"Annuler": "Valider"})  # its only button
    with pytest.raises(AssertionError, match="« Valider » au lieu de « Annuler »"):
        communs.bouton_propose(ctx, "Annuler")


def test_the_activation_page_s_information_in_the_guide_s_words(sur):
    """E4_INFORMATIONS_GENERALES went non conforme on a page showing exactly the guide's words."""
    ctx = sur("/formulaire", {"Adresse électronique de contact": ["Contact", "Adresse électronique de contact"]})
    ctx.utilisateur = Utilisateur("jean.dupont@example.org", "jean@example.org", "Jean", "Dupont")
    activation.informations_affichees(ctx, [["information", "valeur"],
                                            ["Adresse électronique de contact", "mon adresse de contact"]])
