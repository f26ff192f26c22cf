"""How a browser scenario reaches the step it observes: the steps before it over HTTP, the session handed to
the browser; the browser goes through them itself when the hand-over does not show the step."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from harness.drivers.base import Session, Vocabulaire
from harness.libelles import ADRESSE_CONNEXION, FACTURES_EMISES, RESAISIE, SIRET, VALIDER
from steps import parcours as p
from steps.contexte import Contexte, Utilisateur

# What each page asks for: the harness knows a page by that, never by its heading.
INVENTAIRES = {"identification": {"champs": [ADRESSE_CONNEXION, SIRET], "boutons": [VALIDER]},
               "informations": {"champs": [ADRESSE_CONNEXION, RESAISIE], "boutons": [VALIDER]},
               "espaces de travail": {"groupes": [FACTURES_EMISES], "boutons": [VALIDER]}}


class Navigateur:
    canal = "navigateur"
    labels = Vocabulaire()
    etape = None

    def __init__(self, garde_la_session: bool):
        self.garde_la_session = garde_la_session
        self.page = "identification"
        self.adoptees: list[Session] = []
        self.cible = ""

    def adopt(self, session: Session) -> None:
        self.adoptees.append(session)
        if self.garde_la_session:
            self.page = self.cible

    def inventory(self) -> dict[str, list[str]]:
        return INVENTAIRES[self.page]


class Preparation:
    canal = "http"
    ferme = False

    def session(self) -> Session:
        return Session(url="http://impl/informations")

    def close(self) -> None:
        self.ferme = True


@pytest.fixture
def journal(monkeypatch):
    appels: list[tuple[str, str]] = []
    preparations: list[Preparation] = []

    def inscrire(ctx, utilisateur, *, driver, jusqua):
        appels.append((driver.canal, jusqua))
        if driver is ctx.driver:
            driver.page = jusqua
        elif ctx.regles == ["HTTP_REFUSE"]:  # an implementation whose plain-HTTP journey fails
            raise AssertionError("préparation, étape 1 (Identifiez-vous) : l'étape « informations » suit")

    def driver_de_preparation(ctx):
        preparations.append(Preparation())
        return preparations[-1]

    monkeypatch.setattr(p, "inscrire", inscrire)
    monkeypatch.setattr(p, "driver_de_preparation", driver_de_preparation)
    return SimpleNamespace(appels=appels, preparations=preparations)


def contexte(driver, capacites=("navigateur", "http")) -> Contexte:
    implementation = SimpleNamespace(capacites=frozenset(capacites), libelles={}, demarrage="http://impl/")
    ctx = Contexte(regles=[], canal=driver.canal, implementation=implementation, donnees=None, sirene=None,
                   boite_mail=None, controles=None, driver=driver, nouveau_driver=lambda: None)
    ctx.utilisateur = Utilisateur("a@example.org", "a@example.org", "Camille", "Dupont")
    return ctx


@pytest.mark.parametrize("etape", ["informations", "espaces de travail"])
def test_prepared_over_http_then_handed_to_the_browser(journal, etape):
    navigateur = Navigateur(garde_la_session=True)
    navigateur.cible = etape
    p.aller_a_l_etape(contexte(navigateur), etape)
    assert journal.appels == [("http", etape)]  # the browser went through nothing itself
    assert navigateur.adoptees == [Session(url="http://impl/informations")]
    assert journal.preparations[0].ferme
    assert p.etape(navigateur) == etape


def test_the_browser_goes_through_the_steps_when_the_hand_over_does_not_show_the_step(journal):
    navigateur = Navigateur(garde_la_session=False)  # state kept outside cookies: the start page again
    navigateur.cible = "espaces de travail"
    p.aller_a_l_etape(contexte(navigateur), "espaces de travail")
    assert journal.appels == [("http", "espaces de travail"), ("navigateur", "espaces de travail")]
    assert p.etape(navigateur) == "espaces de travail"


def test_without_the_http_capability_the_browser_goes_through_the_steps(journal):
    navigateur = Navigateur(garde_la_session=True)
    p.aller_a_l_etape(contexte(navigateur, capacites=("navigateur",)), "informations")
    assert journal.appels == [("navigateur", "informations")] and not journal.preparations
    assert not navigateur.adoptees


def test_the_http_channel_goes_through_the_steps_itself(journal):
    class Http(Navigateur):
        canal = "http"
    http = Http(garde_la_session=True)
    p.aller_a_l_etape(contexte(http), "informations")
    assert journal.appels == [("http", "informations")] and not journal.preparations


def test_the_browser_goes_through_the_steps_when_the_http_journey_fails(journal):
    navigateur = Navigateur(garde_la_session=True)
    ctx = contexte(navigateur)
    ctx.regles = ["HTTP_REFUSE"]
    p.aller_a_l_etape(ctx, "informations")
    assert journal.appels == [("http", "informations"), ("navigateur", "informations")]
    assert not navigateur.adoptees and journal.preparations[0].ferme
    assert p.etape(navigateur) == "informations"
