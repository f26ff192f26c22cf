"""Steps of the errors' rules (00_transverse): an error made on purpose at one of the steps, and how the page
shows it (T_ERREUR_SUR_LE_CHAMP, T_ERREUR_NOMME_LE_CHAMP: our contract's wording, docs/CONTRACT.md §1)."""
from __future__ import annotations

import pytest
from pytest_bdd import parsers, then, when

from harness.drivers.base import est_du_navigateur

from . import parcours as p
from .activation import mot_de_passe_du_cas
from .communs import sauter_si_accepte, valider_informations
from .identification import identifier_avec_un_siret
from .informations import resaisir_autre_adresse
from .verifications import verifier


@when(parsers.parse('je commets l\'erreur "{erreur}"'))
def commettre_erreur(contexte, erreur):
    contexte.refus["etape"] = {"SIRET à la clé fausse": "identification",
                               "adresse électronique résaisie différente": "informations",
                               "mot de passe trop court": "activation"}.get(erreur)
    if erreur == "SIRET à la clé fausse":
        identifier_avec_un_siret(contexte, "clé invalide")
    elif erreur == "adresse électronique résaisie différente":
        p.aller_a_l_etape(contexte, "informations")
        resaisir_autre_adresse(contexte)
        valider_informations(contexte)
    elif erreur == "mot de passe trop court":
        p.aller_a_l_etape(contexte, "activation")
        contexte.mot_de_passe_essaye = mot_de_passe_du_cas(
            contexte.donnees, "11 caractères : majuscules, minuscules, chiffres et spéciaux")
        p.activer(contexte, contexte.driver, contexte.utilisateur, contexte.mot_de_passe_essaye)
    else:
        raise AssertionError(f"Erreur du harnais : erreur « {erreur} » inconnue.")


# The guide shows no error message: how an error is shown comes from docs/CONTRACT.md §1. The two checks are
# two rules, so that each one's verdict says which part of the contract is missing.


MOTS_FRANCAIS = ("le", "la", "les", "de", "des", "du", "est", "doit", "doivent", "ce", "cet", "cette", "un",
                 "une", "au", "pas", "ne", "sont", "champ", "obligatoire", "invalide")
MOTS_ANGLAIS = ("the", "must", "invalid", "required", "field", "please", "should", "error")


def _message_du_champ(contexte, champ: str) -> str | None:
    """The implementation's message on the field; when only the browser's validation refused it (required,
    type=email…), the message is the browser's, in its language: these rules, about the implementation's message,
    are then « non vérifié »."""
    d = contexte.driver
    sauter_si_accepte(contexte, contexte.refus["etape"])
    message = d.error(champ) if d.has_field(champ) else None
    if est_du_navigateur(message):
        pytest.skip(f"non vérifié : seul le navigateur a refusé « {champ} » (validation HTML de la page), "
                    f"avec son propre message : « {message} »")
    return message


@then(parsers.parse('le champ "{champ}" est signalé en erreur par un message en français'))
def erreur_rattachee_au_champ(contexte, champ):
    """T_ERREUR_SUR_LE_CHAMP: the field is marked in error and described by a message in French."""
    d = contexte.driver
    message = _message_du_champ(contexte, champ)
    verifier(contexte, bool(message and message.strip()),
             f"le champ « {champ} » est marqué en erreur et décrit par son message",
             lambda: f"aucune erreur rattachée au champ ; {p.decrire_page(d)} ; texte : {d.text()[:200]}")
    mots = p.sans_accents(message).replace("'", " ").replace(":", " ").split()
    verifier(contexte, any(m in mots for m in MOTS_FRANCAIS) and not any(m in mots for m in MOTS_ANGLAIS),
             "un message d'erreur en français", f"message « {message} »")


@then(parsers.parse('le message d\'erreur du champ "{champ}" reprend son libellé'))
def erreur_nomme_le_champ(contexte, champ):
    """T_ERREUR_NOMME_LE_CHAMP: the message holds the field's label (our contract's wording)."""
    d = contexte.driver
    message = _message_du_champ(contexte, champ)
    verifier(contexte, bool(message and message.strip()), f"le champ « {champ} » a un message d'erreur",
             lambda: f"aucune erreur rattachée au champ ; {p.decrire_page(d)}")
    verifier(contexte, p.sans_accents(champ) in p.sans_accents(message),
             f"le message d'erreur reprend le libellé « {champ} »", f"message « {message} »")
