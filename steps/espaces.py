"""Steps of features/03_espaces_de_travail.feature (guide step 3, « Ouvrez vos espaces de travail »)."""
from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, then, when

from . import parcours as p
from .communs import lignes
from .verifications import preparation, verifier

CIVILITES = ("monsieur", "madame", "mademoiselle", "m.", "mme", "mlle")
# The guide's own typo; an implementation may correct it.
COQUILLES = {"fourisseurs": "fournisseurs"}


def _sans_coquille(texte: str) -> str:
    texte = p.sans_accents(texte)
    for coquille, correction in COQUILLES.items():
        texte = texte.replace(coquille, correction)
    return texte


@then(parsers.parse('un titre de la page commence par "{debut}" et contient mon prénom et mon nom'))
def bienvenue_nom(contexte, debut):
    u = contexte.utilisateur
    d = contexte.driver
    titre = p.titre_commencant_par(d, debut)
    t = p.sans_accents(titre or "")
    verifier(contexte, titre is not None and p.sans_accents(u.prenom) in t and p.sans_accents(u.nom) in t,
             f"un titre « {debut} … » contenant « {u.prenom} » et « {u.nom} »",
             lambda: f"titres présents : {d.section_titles()}")
    p.mot_du_guide(contexte, debut, "la bienvenue emploie le mot du guide",
                   lambda: p.titre_commencant_par(d, debut) is not None)


@then(parsers.parse('le titre "{debut}" ne contient aucune civilité'))
def bienvenue_sans_civilite(contexte, debut):
    """The title's words, punctuation apart, less the user's own names; no title to read is « non vérifié »
    (E3_BIENVENUE_NOM's failure), never a pass."""
    titre = p.titre_commencant_par(contexte.driver, debut)
    if titre is None:
        pytest.skip(f"non vérifié : aucun titre « {debut} … » sur la {p.decrire_page(contexte.driver)} ; "
                    "la règle de la bienvenue est en échec dans ses propres scénarios")
    u = contexte.utilisateur
    siens = set(re.findall(r"\w+\.?", p.sans_accents(f"{u.prenom} {u.nom}")))
    civilites = [m for m in re.findall(r"\w+\.?", p.sans_accents(titre))
                 if m not in siens and (m in CIVILITES or m.rstrip(".") in CIVILITES)]
    verifier(contexte, not civilites, "aucune civilité (Monsieur, Madame…) que l'utilisateur n'a pas indiquée",
             f"titre « {titre} »")


@then("la page annonce « Votre compte utilisateur … a été créé. » avec mon adresse de connexion")
def compte_cree_adresse(contexte):
    adresse = contexte.utilisateur.adresse_connexion
    phrase = f"Votre compte utilisateur {adresse} a été créé."
    verifier(contexte, lambda: p.texte_contient(contexte.driver, "Votre compte utilisateur {adresse} a été créé.",
                                                adresse=adresse), f"la page annonce « {phrase} »",
             lambda: f"texte de la {p.decrire_page(contexte.driver)} : {contexte.driver.text()[:300]}")


@then("les espaces de travail suivants sont proposés avec leur descriptif et un choix OUI/NON :")
def huit_espaces(contexte, datatable):
    d = contexte.driver
    texte = _sans_coquille(d.text())
    for espace, descriptif in (ligne[:2] for ligne in datatable[1:]):
        verifier(contexte, lambda: d.has_group(espace), f"l'espace « {espace} » est proposé (choix OUI/NON)",
                 "aucun choix à son nom")
        options = [o.upper() for o in d.group_options(espace)]
        verifier(contexte, options == [p.OUI, p.NON] or sorted(options) == [p.NON, p.OUI],
                 f"l'espace « {espace} » se règle par OUI ou NON", f"options : {options}")
        verifier(contexte, any(_sans_coquille(forme) in texte for forme in d.labels.formes(descriptif, d.etape)),
                 f"le descriptif de « {espace} » : « {descriptif} »", "descriptif absent de la page")
        montre = {espace: lambda: d.has_group(espace),
                  descriptif: lambda: any(_sans_coquille(f) in texte for f in d.labels.formes(descriptif, d.etape)),
                  p.OUI: lambda: p.OUI in [o.upper() for o in d.group_options(espace)],
                  p.NON: lambda: p.NON in [o.upper() for o in d.group_options(espace)]}
        for mot, vu_selon_le_guide in montre.items():
            p.mot_du_guide(contexte, mot, "l'espace est présenté avec les mots du guide", vu_selon_le_guide)


def _valeur_espace(contexte, espace: str) -> str | None:
    valeur = contexte.driver.chosen(espace)
    return valeur.upper() if valeur else valeur


@then(parsers.re(r"l'espace \"(?P<espace>[^\"]+)\" est sur \"(?P<valeur>OUI|NON)\""))
def espace_est_sur(contexte, espace, valeur):
    verifier(contexte, lambda: _valeur_espace(contexte, espace) == valeur,
             f"l'espace « {espace} » est sur {valeur} par défaut",
             lambda: f"il est sur {_valeur_espace(contexte, espace) or 'rien'}")


@then(parsers.parse('les espaces suivants sont sur "{valeur}" :'))
def espaces_sont_sur(contexte, valeur, datatable):
    for espace in lignes(datatable):
        espace_est_sur(contexte, espace, valeur)


@then(parsers.re(r"l'espace \"(?P<espace>[^\"]+)\", s'il est proposé, est sur \"(?P<valeur>OUI|NON)\""))
def espace_optionnel_est_sur(contexte, espace, valeur):
    if contexte.driver.has_group(espace):
        espace_est_sur(contexte, espace, valeur)


@given("mon compte activé avec le lien reçu")
def compte_active_avec_le_lien(contexte):
    """The activation as a preparation: what the scenario observes is the account it leads to."""
    activer_avec_le_lien(contexte)
    verifier(contexte, contexte.utilisateur.mot_de_passe is not None, "le compte est activé",
             lambda: p.decrire_page(contexte.driver), cause=lambda: p._arret(contexte.driver, "activation", "suivante"),
             en_cause=p.REGLE_DE_LA_SUITE["active"])


@when("j'active mon compte avec le lien reçu")
def activer_avec_le_lien(contexte):
    u = contexte.utilisateur
    # That the espaces were accepted is what the journey needs; what the next page announces is
    # E3_VALIDER_COURRIEL's business (its own scenario), not every journey's.
    verifier(contexte, lambda: p.page_quittee(contexte.driver, "espaces de travail"),
             "les espaces de travail sont validés", lambda: p.decrire_page(contexte.driver))
    contexte.driver.open(p.lien_activation(contexte, u))
    verifier(contexte, lambda: p.etape(contexte.driver) == "activation", "le lien du courriel mène à la page "
             "d'activation", lambda: p.decrire_page(contexte.driver),
             cause=lambda: p._arret(contexte.driver, "préparation, étape 4 (lien d'activation)", "activation"),
             en_cause=p.REGLE_DE_LA_SUITE["activation"])
    p.activer(contexte, contexte.driver, u, p.mot_de_passe_conforme(contexte.donnees))


@when("je termine mon inscription")
def terminer_inscription(contexte):
    """From step 2 (or 3) on the channel under test: validate, keep the defaults, activate."""
    d, u = contexte.driver, contexte.utilisateur
    if p.etape(d) == "informations":
        p.completer_informations(d, contexte, u, saisies=contexte.saisies, rattachement=contexte.rattachement,
                                 services=contexte.services_choisis)
        verifier(contexte, p.etape(d) == "espaces de travail", "les informations sont acceptées",
                 lambda: p.decrire_page(d))
    p.valider_espaces(d)
    # What these scenarios observe is the account the choices made; its activation is their preparation.
    with preparation("préparation, activation du compte"):
        activer_avec_le_lien(contexte)
        verifier(contexte, u.mot_de_passe is not None, "le compte est activé", lambda: p.decrire_page(d),
                 cause=lambda: p._arret(d, "activation du compte", "suivante"),
                 en_cause=p.REGLE_DE_LA_SUITE["active"])
