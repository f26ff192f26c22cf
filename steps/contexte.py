"""The scenario's state: who the user is, which SIRET, what was typed, which page is shown.

One ``Contexte`` per scenario (fixture ``contexte`` in steps/conftest.py). Steps
read and write it; they never keep state elsewhere, so scenarios stay
independent and safe under pytest-xdist.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Utilisateur:
    """A user of the guide, with the data the steps typed for them."""

    adresse_connexion: str
    adresse_contact: str
    prenom: str
    nom: str
    mot_de_passe: str | None = None
    reponse: str = ""
    consentement: bool = False
    raison_sociale: str | None = None  # the structure's name this user typed, if any
    lien: str | None = None          # activation link of the last mail read
    courriels_lus: int = 0           # activation mails read so far


@dataclass
class Contexte:
    """Everything a scenario knows; ``regles`` are the rule ids of its tags."""

    regles: list[str]
    canal: str
    implementation: Any
    donnees: Any
    sirene: Any
    boite_mail: Any
    controles: Any
    driver: Any
    nouveau_driver: Callable[..., Any]  # nouveau_driver(canal=None): another driver, made and closed by the plugin

    # the structure's SIRET: compact (as registered in the fake Sirene) and as typed
    siret: str | None = None
    siret_saisi: str | None = None
    etablissement: dict = field(default_factory=dict)

    utilisateur: Utilisateur | None = None
    premier: Utilisateur | None = None          # first user of the SIRET, when a scenario needs one
    raison_sociale_premier: str | None = None
    services: list[str] = field(default_factory=list)

    # what the next submission of the informations form will type or choose
    saisies: dict[str, str] = field(default_factory=dict)
    rattachement: str | None = None
    services_choisis: list[str] = field(default_factory=list)
    raison_sociale_saisie: str | None = None
    champs_sujet: set[str] = field(default_factory=set)  # fields the scenario's action types (beyond ``saisies``)
    # docs/AMBIGUITES.md n° 8: the address the re-typed field repeats, once seen (steps/parcours.py LECTURES_RESAISIE)
    lecture_resaisie: str | None = None
    constats: list[str] = field(default_factory=list)  # what the scenario observed, kept as its evidence (fixture)

    etapes_possibles: dict[str, str | None] = field(default_factory=dict)  # form -> None, or why it never goes on
    mot_de_passe_essaye: str | None = None
    valeur_saisie: dict[str, str] = field(default_factory=dict)   # label -> value typed before a refusal
    refus: dict[str, Any] = field(default_factory=dict)           # evidence of the last refusal
    page_quittee: tuple[str, str] | None = None  # (URL, text) of the page a link was followed from

    # accessibility (steps/accessibilite.py)
    page_observee: str = ""                                        # the page state an RGAA check looks at
    pages_vues: list[dict] = field(default_factory=list)           # journey's pages: title and language
    analyses_axe: list[dict] = field(default_factory=list)         # page state -> axe-core's violations there
    etats_manques: list[tuple[str, Exception]] = field(default_factory=list)  # page states the journey missed
    annonces: list[list[str]] = field(default_factory=list)        # live regions' texts after each input
    clavier: dict[str, Any] = field(default_factory=dict)          # the keyboard walk: moves, where it stopped

    # security (steps/securite.py): the page and form under test, what was typed, the outcome
    securite: dict[str, Any] = field(default_factory=dict)
    # account security (steps/securite_comptes.py): the answers compared, durations, links, pages seen, kept cookies
    comptes: dict[str, Any] = field(default_factory=dict)
