"""E4_COMPLEXITE_INDICATEUR: an indicator is what the user sees — a gauge, a progress bar, a status, an <output>,
or the guide's words « Complexité du mot de passe » shown with a level beside the password field —; its
accessible name is the accessibility rules' business. Small pages, both channels."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import requests

from harness.drivers import accessibilite as a11y
from harness.drivers.base import Vocabulaire
from harness.drivers.browser import BrowserDriver
from harness.drivers.http import HttpDriver
from harness.libelles import COMPLEXITE, MOT_DE_PASSE
from harness.preparation import Ecart
from steps.activation import indicateur

from .petites_pages import PetitesPages, driver, page  # noqa: F401 - driver: a fixture

CHAMP = '<p><label for="m">Mot de passe * :</label><input id="m" name="m" type="password" required></p>'
PAGES = {
    # the page: the guide's words as text, an <output> beside them, neither named by the other
    "/texte-et-output": CHAMP + "<p>Complexité du mot de passe : <output>Insuffisante</output></p>",
    "/texte-et-valeur": CHAMP + "<p>Complexité du mot de passe : <span>Faible</span></p>",
    "/texte-et-jauge": CHAMP + "<p>Complexité du mot de passe</p><meter min=0 max=4 value=1></meter>",
    "/jauge-nommee": CHAMP + '<meter aria-label="Complexité du mot de passe" value="0.2"></meter>',
    "/mot-seul": CHAMP + "<p>Choisissez un mot de passe dont la complexité du mot de passe est grande</p>",
    "/jauge-autre-nom": CHAMP + '<p>Force</p><meter aria-label="Force" value="0.2"></meter>',
    "/rien": CHAMP,
}


@pytest.fixture(scope="module")
def site():
    with PetitesPages({chemin: page("Activation du compte utilisateur", corps)
                       for chemin, corps in PAGES.items()}) as servi:
        yield servi


def _contexte(d):
    return SimpleNamespace(driver=d, regles=["E4_COMPLEXITE_INDICATEUR"])


@pytest.mark.parametrize("chemin", ["/texte-et-output", "/texte-et-valeur", "/texte-et-jauge", "/jauge-nommee"])
def test_an_indicator_the_user_sees_is_present(driver, site, chemin):
    driver.open(site.url + chemin)
    indicateur(_contexte(driver), COMPLEXITE)  # « /texte-et-… » were judged « absent »


@pytest.mark.parametrize("chemin", ["/mot-seul", "/jauge-autre-nom", "/rien"])
def test_no_indicator_in_the_guides_words_is_absent(driver, site, chemin):
    driver.open(site.url + chemin)
    with pytest.raises(Ecart, match="constaté : absent"):
        indicateur(_contexte(driver), COMPLEXITE)


def test_the_profiles_wording_of_the_indicator(driver, site):
    """A profile's wording lets the indicator be found; the rule about the guide's wording still fails."""
    d = BrowserDriver(driver.page, Vocabulaire({COMPLEXITE: "Force"})) if driver.canal == "navigateur" \
        else HttpDriver(requests.Session(), Vocabulaire({COMPLEXITE: "Force"}))
    d.open(site.url + "/jauge-autre-nom")
    with pytest.raises(Ecart, match="« Force » au lieu de « Complexité du mot de passe » sur la page"):
        indicateur(_contexte(d), COMPLEXITE)


def test_an_output_is_a_live_region_for_the_status_messages_rule(request, site):
    """RGAA 7.5 (A_MESSAGES_DE_STATUT) reads the <output> the guide's rule takes for an indicator."""
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + "/texte-et-output")
    assert "Insuffisante" in a11y.regions_vivantes(d)
    assert d.has_field(MOT_DE_PASSE)


@pytest.mark.parametrize("chemin, annonces, nomme", [
    ("/jauge-nommee", [[]], True),
    ("/texte-et-jauge", [["1"]], False),                 # the gauge has no name: the text beside it is not tied
    ("/texte-et-output", [["Insuffisante"]], False),     # the page: the guide's rule takes it, this one not
    ("/texte-et-output", [["Complexité du mot de passe : Insuffisante"]], True),  # the announcement says it
])
def test_whether_assistive_technologies_get_its_name_is_the_accessibility_rules(request, site, chemin, annonces,
                                                                                  nomme):
    from steps.accessibilite import complexite_nommee
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + chemin)
    contexte = SimpleNamespace(driver=d, regles=["A_MESSAGES_DE_STATUT"], annonces=annonces)
    if nomme:
        complexite_nommee(contexte)
    else:
        with pytest.raises(Ecart, match="RGAA 7.5 .* constaté : indicateurs sans nom"):
            complexite_nommee(contexte)
