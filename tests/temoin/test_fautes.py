"""Each seeded fault is observable: its check sees the rule broken with the fault, kept without it."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from temoin.fautes import FAUTES

from . import parcours as p
from .outils import siret_neuf

ICI = Path(__file__).parent
RACINE = ICI.parents[1]


def _siret_cle_fausse() -> str:
    bon = siret_neuf()
    return bon[:13] + str((int(bon[13]) + 1) % 10)


def siret_cle_ignoree(c, boite, sirene) -> bool:
    """True when the rule holds: a wrong check digit is refused for its check digit."""
    page = p.identification(c, "a@example.org", _siret_cle_fausse())
    return "clé de contrôle" in (page.erreur("Numéro de SIRET") or "")


def siret_ferme_accepte(c, boite, sirene) -> bool:
    s = siret_neuf()
    sirene.enregistrer(s, "ferme")
    page = p.identification(c, "a@example.org", s)
    return page.h1 == "Identifiez-vous" and "fermé" in (page.erreur("Numéro de SIRET") or "")


def raison_sociale_figee(c, boite, sirene) -> bool:
    page = p.identification(c, p.adresse(), siret_neuf())
    if page.champ("Raison Sociale").get("readonly") is not None:
        return False
    p.informations(c, raison="Nom choisi par l'utilisateur")
    return True


def resaisie_ignoree(c, boite, sirene) -> bool:
    p.identification(c, p.adresse(), siret_neuf())
    page = p.informations(c, resaisie="une.autre@example.org")
    return page.erreur("Résaisissez votre adresse électronique de connexion") is not None


def consentement_coche(c, boite, sirene) -> bool:
    page = p.identification(c, p.adresse(), siret_neuf())
    case = [el for el in page.champs() if page.libelle(el).startswith("J'accepte que mon nom")][0]
    return case.get("checked") is None


def contact_efface_navigateur(c, boite, sirene) -> bool:
    """The page served prefills the address (what HTTP sees); only a script of the page empties it."""
    page = p.identification(c, p.adresse(), siret_neuf())
    return not page.doc.xpath("//script[not(@src)]")


def captcha_controle_navigateur_seulement(c, boite, sirene) -> bool:
    p.identification(c, p.adresse(), siret_neuf())
    page = p.informations(c, captcha="MAUVAISE-REPONSE")
    return page.erreur("Entrez les caractères générés par l'image") is not None


def factures_emises_non(c, boite, sirene) -> bool:
    p.identification(c, p.adresse(), siret_neuf())
    page = p.informations(c)
    return page.coche("OUI", groupe="Factures émises")


def gestionnaire_pour_tous(c, boite, sirene) -> bool:
    u1 = p.inscrire(c, boite, actif=False)
    autre = c.fabrique(meme_que=c)
    p.identification(autre, p.adresse(), u1["siret"])
    p.informations(autre, rattachement="La structure (y compris l'ensemble des services de ma structure)")
    page = p.espaces(autre)
    return "gestionnaire principal" not in page.texte


def mdp_longueur_10(c, boite, sirene) -> bool:
    u = p.inscrire(c, boite, actif=False)
    page = p.activer(c, u["lien"], "Abcdefgh1!")
    return page.erreur("Mot de passe") is not None


def confirmation_ignoree(c, boite, sirene) -> bool:
    u = p.inscrire(c, boite, actif=False)
    page = p.activer(c, u["lien"], p.MDP, p.MDP + "x")
    return page.erreur("Confirmation") is not None


def lien_sans_expiration(c, boite, sirene) -> bool:
    u = p.inscrire(c, boite, actif=False)
    c.http.post("/__test__/liens/vieillir", data={"adresse": u["login"], "minutes": "61"})
    page = c.ouvrir(p.chemin(u["lien"]))
    return "expiré" in page.texte


CONTROLES = {f.__name__: f for f in (
    siret_cle_ignoree, siret_ferme_accepte, raison_sociale_figee, resaisie_ignoree, consentement_coche,
    contact_efface_navigateur, captcha_controle_navigateur_seulement, factures_emises_non, gestionnaire_pour_tous,
    mdp_longueur_10, confirmation_ignoree, lien_sans_expiration)}


def test_every_fault_has_a_check_and_rules():
    assert set(CONTROLES) == set(FAUTES)
    declarees = tomllib.loads((ICI / "fautes.toml").read_text(encoding="utf-8"))["faute"]
    assert {f["nom"] for f in declarees} == set(FAUTES)
    connues = {r["id"] for r in tomllib.loads((RACINE / "features" / "regles.toml").read_text("utf-8"))["regle"]}
    for f in declarees:
        assert f["regles"] and set(f["regles"]) <= connues, f


@pytest.mark.parametrize("faute", sorted(FAUTES))
def test_fault_changes_behaviour(fabrique, boite, sirene, faute):
    controle = CONTROLES[faute]
    sain = fabrique()
    sain.fabrique = fabrique
    assert controle(sain, boite, sirene), f"sans faute, la règle de {faute} devrait tenir"
    fautif = fabrique(fautes=[faute])
    fautif.fabrique = fabrique
    assert not controle(fautif, boite, sirene), f"avec --faute {faute}, la règle devrait être enfreinte"


def test_captcha_fault_leaves_a_browser_only_check(fabrique):
    c = fabrique(fautes=["captcha_controle_navigateur_seulement"])
    page = p.identification(c, p.adresse(), siret_neuf())
    assert page.champ("Entrez les caractères générés par l'image").get("pattern") == "TEST-CAPTCHA"
