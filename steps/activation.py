"""Steps of features/04_activation.feature (guide step 4, « Activez votre compte utilisateur »)."""
from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, then, when

from harness import oracles
from harness.oracles import CHIFFRES, MAJUSCULES, MINUSCULES, SPECIAUX

from . import parcours as p
from .communs import verifier_refus
from .verifications import verifier

# The words of the password outlines: "12 caractères : majuscules, minuscules et spéciaux".
CLASSES_DU_CAS = {
    "majuscules": (MAJUSCULES, None), "minuscules": (MINUSCULES, None), "chiffres": (CHIFFRES, None),
    "spéciaux": (SPECIAUX, "ponctuation"), "lettres accentuées": (SPECIAUX, "accents"),
    "espaces": (SPECIAUX, "espace"),
    "lettres minuscules accentuées": (SPECIAUX, "accents"), "lettres majuscules accentuées": (SPECIAUX, "accents"),
}
# The guide counts accents among the special characters: a lower-case accented letter (é) is special
# (E4_MDP_ACCENT_MINUSCULE, guide). Whether « É » is upper-case, special or both is a reading
# (docs/AMBIGUITES.md n° 2, E4_MDP_ACCENTS_ESPACES). The providers draw accented letters of both
# cases; these cases keep one case only, on the non-ASCII letters (the ASCII classes are untouched).
CASSE_DU_CAS = {"lettres minuscules accentuées": str.lower, "lettres majuscules accentuées": str.upper}
REGLE_MDP = ("Pour être accepté, votre mot de passe doit comporter au minimum 12 caractères et comporter au moins "
             "3 types de caractères parmi les 4 groupes suivants")
GROUPES_MDP = ("majuscules", "minuscules", "chiffres", "caractères spéciaux")


def mot_de_passe_du_cas(donnees, cas: str) -> str:
    trouve = re.fullmatch(r"(\d+) caractères : (.+)", cas)
    if not trouve:
        raise AssertionError(f"Erreur du harnais : cas de mot de passe illisible « {cas} ».")
    noms = re.split(r", | et ", trouve.group(2))
    classes, speciaux, casse = [], "ponctuation", None
    for nom in noms:
        classe, sorte = CLASSES_DU_CAS[nom]
        classes.append(classe)
        speciaux = sorte or speciaux
        casse = CASSE_DU_CAS.get(nom, casse)
    mdp = donnees.mot_de_passe(int(trouve.group(1)), classes, speciaux=speciaux)
    if casse is not None:
        mdp = "".join(c if c.isascii() else casse(c) for c in mdp)
    return mdp


# ----------------------------------------------------------------- the link


@given("le lien d'activation a dépassé sa durée de validité")
def lien_expire(contexte):
    contexte.controles.vieillir_liens(contexte.utilisateur.adresse_connexion,
                                      contexte.implementation.duree_validite_lien_minutes + 1)


@given("le lien d'activation arrive au terme de sa durée de validité")
def lien_presque_expire(contexte):
    contexte.controles.vieillir_liens(contexte.utilisateur.adresse_connexion,
                                      contexte.implementation.duree_validite_lien_minutes - 1)


@then("le courriel d'activation reçu à mon adresse de connexion contient un lien")
def courriel_lien(contexte):
    """E4_COURRIEL_LIEN (guide): « le lien reçu par courriel »."""
    message = contexte.boite_mail.attendre(contexte.utilisateur.adresse_connexion)
    verifier(contexte, len(message.liens) >= 1 and message.liens[0].startswith(("http://", "https://")),
             "le courriel d'activation contient un lien absolu", f"texte : {message.texte[:300]!r}")


@then("le courriel d'activation reçu à mon adresse de connexion a un objet")
def courriel_objet(contexte):
    """E4_COURRIEL_OBJET (our contract, docs/CONTRACT.md §3.4): the guide says nothing of the subject."""
    message = contexte.boite_mail.attendre(contexte.utilisateur.adresse_connexion)
    verifier(contexte, bool(message.sujet.strip()), "le courriel d'activation a un objet", "objet vide")


@when(parsers.re(r"j'ouvre (?P<quand>le|de nouveau le) lien du courriel d'activation"))
def ouvrir_lien(contexte, quand):
    u = contexte.utilisateur
    contexte.driver.open(u.lien or p.lien_activation(contexte, u))


@when("j'ouvre le lien du nouveau courriel d'activation")
def ouvrir_nouveau_lien(contexte):
    u = contexte.utilisateur
    contexte.driver.open(p.lien_activation(contexte, u, n=u.courriels_lus))


@then(parsers.re(r"la page indique que le lien a (?P<motif>expiré|déjà été utilisé)"))
def lien_refuse(contexte, motif):
    verifier(contexte, lambda: p.texte_contient(contexte.driver, motif), f"la page dit que le lien a {motif}",
             lambda: f"{p.decrire_page(contexte.driver)} : {contexte.driver.text()[:200]}")


@then("l'activation n'est pas proposée")
def activation_non_proposee(contexte):
    verifier(contexte, not contexte.driver.has_field(p.MOT_DE_PASSE),
             "le formulaire d'activation (mot de passe) n'est pas proposé", "le champ « Mot de passe » est proposé")


@when("je demande un nouveau lien d'activation")
def demander_nouveau_lien(contexte):
    if p.etape(contexte.driver) == "activation" and contexte.driver.has_field(p.MOT_DE_PASSE):
        pytest.skip("non vérifié : le lien n'a pas été refusé (voir E4_LIEN_EXPIRE) ; "
                    "aucun nouveau lien à demander")
    verifier(contexte, lambda: contexte.driver.has_button(p.NOUVEAU_LIEN) or contexte.driver.has_link(p.NOUVEAU_LIEN),
             f"une action « {p.NOUVEAU_LIEN} »", lambda: p.decrire_page(contexte.driver))
    contexte.driver.click(p.NOUVEAU_LIEN)


@then("le lien d'activation reste utilisable")
def lien_reste_utilisable(contexte):
    contexte.driver.open(contexte.utilisateur.lien)
    verifier(contexte, lambda: p.etape(contexte.driver) == "activation" and contexte.driver.has_field(p.MOT_DE_PASSE),
             "le lien d'activation mène toujours au formulaire d'activation", lambda: p.decrire_page(contexte.driver))


# ----------------------------------------------------------------- the page


@then("la page d'activation s'affiche")
def page_activation_affichee(contexte):
    """Known by what it asks for (the password and its confirmation), whatever its title."""
    verifier(contexte, lambda: p.etape(contexte.driver) == "activation",
             "le lien mène à la page d'activation (mot de passe et confirmation demandés)",
             lambda: p.decrire_page(contexte.driver))


@then("la page affiche les informations suivantes :")
def informations_affichees(contexte, datatable):
    u = contexte.utilisateur
    valeurs = {"mon adresse de connexion": u.adresse_connexion, "mon adresse de contact": u.adresse_contact,
               "mon nom": u.nom, "mon prénom": u.prenom}
    for information, valeur in (ligne[:2] for ligne in datatable[1:]):
        attendue = valeurs[valeur]
        verifier(contexte, lambda: p.sans_accents(contexte.driver.value(information) or "") == p.sans_accents(attendue),
                 f"« {information} » : {attendue}", lambda: f"affiché : « {contexte.driver.value(information)} »")
        p.mot_du_guide(contexte, information, "l'information porte le libellé du guide",
                       lambda: p.sans_accents(contexte.driver.value(information) or "") == p.sans_accents(attendue))


@then("la page énonce la règle du mot de passe et ses quatre groupes de caractères")
def regle_mdp_affichee(contexte):
    verifier(contexte, lambda: p.texte_contient(contexte.driver, REGLE_MDP), f"la page énonce « {REGLE_MDP} »",
             "phrase absente")
    for groupe in GROUPES_MDP:
        verifier(contexte, lambda: p.texte_contient(contexte.driver, groupe), f"la page cite le groupe « {groupe} »",
                 "absent")
    for texte in (REGLE_MDP, *GROUPES_MDP):
        p.mot_du_guide(contexte, texte, "la règle est énoncée avec les mots du guide",
                       lambda: p.texte_contient(contexte.driver, texte))


# What shows a level: a gauge, a progress bar, a status (an <output> is one, HTML-AAM).
INDICATEURS = ("meter", "progressbar", "status")


def indicateur_vu(d, nom: str) -> bool:
    """What the user sees: a gauge, a progress bar or a status named ``nom``, or the text ``nom`` (in the profile's
    wordings) shown with a level — beside such an element, or as « nom : valeur ». Whether assistive technologies
    get its name is the accessibility rules' (RGAA 7.5, A_MESSAGES_DE_STATUT; 7.1 and 11.1, A_AXE), not the guide's."""
    if any(d.has_role(role, nom) for role in INDICATEURS):
        return True
    return p.texte_contient(d, nom) and (any(d.has_role(role) for role in INDICATEURS)
                                         or p.information_affichee(d, nom) is not None)


@then(parsers.parse('un indicateur "{nom}" est présent'))
def indicateur(contexte, nom):
    d = contexte.driver
    verifier(contexte, lambda: indicateur_vu(d, nom),
             f"un indicateur « {nom} » (jauge, barre de progression, statut ou texte « {nom} » et son niveau)",
             "absent")
    p.mot_du_guide(contexte, nom, "l'indicateur porte le nom du guide", lambda: indicateur_vu(d, nom))


@then(parsers.parse('le champ "{champ}" propose une liste de questions'))
def liste_questions(contexte, champ):
    verifier(contexte, lambda: len(contexte.driver.select_options(champ)) >= 1,
             f"« {champ} » est une liste d'au moins une question", "aucune question proposée")


# ----------------------------------------------------------------- activating


@when(parsers.parse('j\'active mon compte avec un mot de passe de "{cas}"'))
def activer_avec_cas(contexte, cas):
    contexte.mot_de_passe_essaye = mot_de_passe_du_cas(contexte.donnees, cas)
    p.activer(contexte, contexte.driver, contexte.utilisateur, contexte.mot_de_passe_essaye)


@when(parsers.parse('j\'active mon compte avec un mot de passe conforme, remplacé dans la requête par un mot de '
                   'passe de "{cas}"'))
def activer_reecrit(contexte, cas):
    """Server-side enforcement, also for pages whose script checks the password: the page gets a conforming
    password, the request carries the case's instead (in both fields)."""
    saisi = p.mot_de_passe_sans_ponctuation(contexte.donnees)
    contexte.mot_de_passe_essaye = mot_de_passe_du_cas(contexte.donnees, cas)
    contexte.driver.rewrite_next_submission(saisi, contexte.mot_de_passe_essaye)
    p.remplir_activation(contexte.driver, saisi, reponse=contexte.utilisateur.reponse or "Paris")
    contexte.driver.click(p.VALIDER)
    p.exiger_reecriture(contexte)


@when("j'active mon compte avec un mot de passe conforme")
def activer_conforme(contexte):
    contexte.mot_de_passe_essaye = p.mot_de_passe_conforme(contexte.donnees)
    p.activer(contexte, contexte.driver, contexte.utilisateur, contexte.mot_de_passe_essaye)


@when("j'active mon compte avec une confirmation différente du mot de passe")
def activer_confirmation_differente(contexte):
    mdp = contexte.mot_de_passe_essaye = p.mot_de_passe_conforme(contexte.donnees)
    p.remplir_activation(contexte.driver, mdp, mdp[:-1] + ("x" if mdp[-1] != "x" else "y"))
    contexte.driver.click(p.VALIDER)


@when(parsers.re(r"j'active mon compte sans (?P<manque>réponse|question secrète)"))
def activer_sans(contexte, manque):
    mdp = contexte.mot_de_passe_essaye = p.mot_de_passe_conforme(contexte.donnees)
    if manque == "réponse":
        p.remplir_activation(contexte.driver, mdp, reponse="")
    else:
        p.remplir_activation(contexte.driver, mdp, question=False, reponse="Paris")
    contexte.driver.click(p.VALIDER)


@when("je saisis un mot de passe conforme puis j'annule")
def saisir_puis_annuler(contexte):
    contexte.mot_de_passe_essaye = p.mot_de_passe_conforme(contexte.donnees)
    p.remplir_activation(contexte.driver, contexte.mot_de_passe_essaye)
    contexte.driver.click(p.ANNULER)


def _activation_acceptee(contexte, mot_de_passe: str | None) -> bool:
    return p.activation_acceptee(contexte, contexte.driver, contexte.utilisateur.adresse_connexion, mot_de_passe or "")


@then(parsers.re(r"le mot de passe est (?P<verdict>accepté|refusé)"))
def verdict_mot_de_passe(contexte, verdict):
    mdp = contexte.mot_de_passe_essaye
    oracle = oracles.mot_de_passe(mdp)
    if oracle.valide != (verdict == "accepté"):
        raise AssertionError(f"Erreur du harnais : l'exemple dit « {verdict} » mais la règle du harnais dit "
                             f"« {oracle} » pour {mdp!r}.")
    d = contexte.driver
    acceptee = _activation_acceptee(contexte, mdp)
    if verdict == "accepté":
        if not acceptee and p.etape(d) == "activation" and not d.errors():
            p.exiger_etape_possible(contexte, "activation")  # this password, or activation itself?
        verifier(contexte, acceptee, f"le mot de passe {mdp!r} est accepté ({oracle}) et le compte activé",
                 lambda: f"refusé : {p.decrire_page(d)}")
    else:
        verifier(contexte, not acceptee,
                 f"le mot de passe {mdp!r} est refusé sur « Mot de passe » ({oracle})", "compte activé")
        verifier_refus(contexte, "activation", f"l'activation avec le mot de passe {mdp!r}", p.MOT_DE_PASSE)


@then(parsers.parse('l\'activation est refusée sur le champ "{champ}"'))
def activation_refusee(contexte, champ):
    verifier(contexte, not _activation_acceptee(contexte, contexte.mot_de_passe_essaye),
             f"l'activation est refusée sur « {champ} »", "compte activé")
    verifier_refus(contexte, "activation", "l'activation", champ)
