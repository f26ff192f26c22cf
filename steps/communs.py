"""Steps shared by every feature: where the user stands, what a page shows, refusals."""
from __future__ import annotations

import re

import pytest
from pytest_bdd import given, parsers, step, then, when

from harness import annonces
from harness.drivers.base import resolve_label

from . import parcours as p
from .verifications import verifier

CAS_SIRENE = {"diffusible": "diffusible", "non diffusible": "partiellement_diffusible"}
PANNES_INSEE = {"erreur interne": "erreur_500", "service indisponible": "erreur_503"}


def lignes(datatable) -> list[str]:
    """First column of a data table, header left out."""
    return [ligne[0] for ligne in datatable[1:]]


# ----------------------------------------------------------------- refusals and acceptances


def verifier_refus(contexte, etape_attendue: str, quoi: str, champ: str | None = None) -> None:
    """The form of ``etape_attendue`` is shown again, without server error, the error on ``champ`` when the page
    marks fields in error; when it marks none (a browser's own validation, a page that says nothing), the same
    form corrected must go on (in the same session)."""
    d = contexte.driver
    sur = f" sur « {champ} »" if champ else ""
    statut = d.status()
    verifier(contexte, statut is None or statut < 500, f"{quoi} est refusée{sur}, formulaire réaffiché",
             f"erreur du serveur (HTTP {statut})")
    verifier(contexte, p.etape(d) == etape_attendue, f"{quoi} est refusée{sur}",
             lambda: f"acceptée : {p.decrire_page(d)}")
    if champ:
        if d.errors():
            if d.error(champ) is None:
                p.exiger_refus_du_sujet(contexte, etape_attendue, champ)  # refused on a field it does not type
            verifier(contexte, lambda: d.error(champ) is not None, f"{quoi} est refusée{sur}",
                     f"refusée pour d'autres champs : {p.decrire_page(d)}")
        else:
            # The form came back marking no field (how an error shows is the contract's, not the guide's): it
            # refused this value only if, in the same session, the form filled with ordinary data goes on.
            p.exiger_correction_acceptee(contexte, etape_attendue, champ)


def verifier_acceptation(contexte, etape_suivante: str, quoi: str) -> None:
    d = contexte.driver
    formulaire = p.etape(d, etape_suivante)
    if formulaire != etape_suivante and formulaire in p.SUITE_DU_FORMULAIRE and (d.status() or 0) < 500:
        # Turned back on a field the scenario does not type: the journey's data was refused, not the subject's.
        p.exiger_refus_du_sujet(contexte, formulaire)
        if not d.errors():
            # Turned back without a field in error: is it this value, or does the step never go on?
            p.exiger_etape_possible(contexte, formulaire)
    verifier(contexte, lambda: p.etape(d, etape_suivante) == etape_suivante,
             f"{quoi} est acceptée et l'étape « {etape_suivante} » suit", lambda: f"{p.decrire_page(d)}")


# ----------------------------------------------------------------- the SIRET's INSEE record


@given(parsers.re(r"une entreprise (?P<diffusion>diffusible|non diffusible) connue de l'INSEE"))
def entreprise_connue(contexte, diffusion):
    p.enregistrer_entreprise(contexte, CAS_SIRENE[diffusion])


@given(parsers.re(r"une entreprise dont l'INSEE ne peut pas fournir les données : (?P<panne>.+)"))
def entreprise_insee_en_panne(contexte, panne):
    p.enregistrer_entreprise(contexte, PANNES_INSEE[panne])


# ----------------------------------------------------------------- where the user stands


@given("je suis à l'étape des informations")
def etape_informations(contexte):
    p.aller_a_l_etape(contexte, "informations")


@given("je suis à l'étape des espaces de travail")
def etape_espaces(contexte):
    p.aller_a_l_etape(contexte, "espaces de travail")


@given("je suis sur la page d'activation")
def etape_activation(contexte):
    p.aller_a_l_etape(contexte, "activation")


@given(parsers.parse('je suis à l\'étape "{nom}"'))
def etape_nommee(contexte, nom):
    p.aller_a_l_etape(contexte, nom)


@given(parsers.re(r"mon compte a été créé(?P<contact> avec une adresse de contact différente)?"))
def compte_cree(contexte, contact):
    utilisateur = p.assurer_utilisateur(contexte)
    if contact:
        utilisateur.adresse_contact = contexte.donnees.adresse_email()
    p.inscrire(contexte, utilisateur, jusqua="cree")


@given(parsers.re(r"mon compte est activé(?: avec (?P<variante>une adresse de contact différente|"
                  r"le consentement à l'enquête de satisfaction))?"))
def compte_active(contexte, variante):
    utilisateur = p.assurer_utilisateur(contexte)
    if variante == "une adresse de contact différente":
        utilisateur.adresse_contact = contexte.donnees.adresse_email()
    elif variante:
        utilisateur.consentement = True
    p.inscrire(contexte, utilisateur, jusqua="active")


# ----------------------------------------------------------------- what a page shows


# The guide shows its titles in screenshots: any section title stands for one (a heading at any level, a
# fieldset legend, a named region, a table caption), since the guide fixes their words, not their markup.

@then(parsers.parse('la page porte le titre "{texte}"'))
def porte_le_titre(contexte, texte):
    verifier(contexte, lambda: p.titre_present(contexte.driver, texte), f"la page porte le titre « {texte} »",
             lambda: f"titres présents : {contexte.driver.section_titles()}")
    p.mot_du_guide(contexte, texte, "le titre est celui du guide", lambda: p.titre_present(contexte.driver, texte))


@then("la page présente les rubriques :")
def rubriques(contexte, datatable):
    for rubrique in lignes(datatable):
        verifier(contexte, lambda: p.titre_present(contexte.driver, rubrique),
                 f"la page présente la rubrique « {rubrique} »",
                 lambda: f"titres présents : {contexte.driver.section_titles()}")
        p.mot_du_guide(contexte, rubrique, "la rubrique porte le titre du guide",
                       lambda: p.titre_present(contexte.driver, rubrique))


@then("la page a un titre et un titre principal")
def titre_de_page(contexte):
    d = contexte.driver
    verifier(contexte, bool(d.title().strip()), "la page a un titre (title)", "titre de page vide")
    verifier(contexte, lambda: bool(d.heading().strip()), "la page a un titre principal (h1)",
             "aucun titre principal")


@then("les champs suivants sont présents :")
def champs_presents(contexte, datatable):
    for champ in lignes(datatable):
        verifier(contexte, contexte.driver.has_field(champ), f"le champ « {champ} » est présent",
                 lambda: f"champ « {champ} » absent de la {p.decrire_page(contexte.driver)}")


def _libelle_du_guide(contexte, champ: str) -> None:
    """The label a user sees reads the guide's words (found by its accessible name, an aria-label that says them
    while the visible label says something else does not count), or the page shows it as an information (dt/dd)."""
    d = contexte.driver
    if d.has_field(champ):
        libelle, vu = resolve_label(d.labels, champ, d.etape), d.visible_label(champ)
        verifier(contexte, libelle.correspond(vu), f"le libellé visible du champ est « {champ} »",
                 f"libellé visible « {vu} »")
        # the words of the label this field shows, not what else the profile accepts for it
        p.mot_du_guide(contexte, champ, "le champ porte le libellé du guide",
                       lambda: p.nomme_comme_le_guide(vu, champ), vu)
    else:
        verifier(contexte, lambda: d.value(champ) is not None, f"un champ ou une information « {champ} »",
                 lambda: f"ni champ ni information « {champ} » sur la {p.decrire_page(d)}")
        p.mot_du_guide(contexte, champ, "l'information porte le libellé du guide", lambda: d.value(champ) is not None)


@then(parsers.parse('le champ "{champ}" porte le libellé du guide'))
def champ_libelle_du_guide(contexte, champ):
    _libelle_du_guide(contexte, champ)


@then("les champs suivants portent le libellé du guide :")
def champs_libelles_du_guide(contexte, datatable):
    for champ in lignes(datatable):
        _libelle_du_guide(contexte, champ)


@then("les champs suivants portent un astérisque visible en texte :")
def asterisques_texte(contexte, datatable):
    for champ in lignes(datatable):
        verifier(contexte, lambda: contexte.driver.required_marker_not_colour_only(champ),
                 f"le libellé de « {champ} » porte un astérisque visible en texte",
                 f"aucun « * » visible dans le libellé de « {champ} »")


@then("les champs suivants sont modifiables :")
def champs_modifiables(contexte, datatable):
    for champ in lignes(datatable):
        verifier(contexte, lambda: contexte.driver.is_editable(champ), f"le champ « {champ} » est modifiable",
                 f"le champ « {champ} » est en lecture seule ou désactivé")


@then("les champs suivants ne sont pas affichés :")
def champs_absents(contexte, datatable):
    """Masked: neither a form field, nor an information shown as text (a term and its value, « Ville : Lyon »)."""
    d = contexte.driver
    for champ in lignes(datatable):
        verifier(contexte, not d.has_field(champ), f"le champ « {champ} » n'est pas affiché",
                 lambda: f"le champ « {champ} » est affiché, valeur « {d.value(champ)} »")
        verifier(contexte, lambda: not _valeur_affichee(p.information_affichee(d, champ)),
                 f"« {champ} » n'est pas affiché",
                 lambda: f"« {champ} » est affiché en texte : « {p.information_affichee(d, champ)} »")


# A value that says it is masked (« Adresse : non diffusible ») shows the label, not the information.
MASQUEE = re.compile(r"(?:masquee?s?|cachee?s?|confidentiel(?:le)?s?|non (?:diffusee?s?|diffusible|communiquee?s?|"
                     r"publiee?s?|affichee?s?)|-+|—|\*+)(?!\w)")


def _valeur_affichee(information: str | None) -> bool:
    """``information`` (« libellé : valeur », from ``parcours.information_affichee``) shows a value."""
    if not information:
        return False
    valeur = p.sans_accents(information.split(":", 1)[1] if ":" in information else "")
    return bool(valeur) and not MASQUEE.match(valeur)


@then("les champs suivants masquent la saisie :")
def champs_masques(contexte, datatable):
    for champ in lignes(datatable):
        verifier(contexte, lambda: contexte.driver.input_type(champ) == "password",
                 f"le champ « {champ} » masque la saisie",
                 lambda: f"le champ « {champ} » est de type « {contexte.driver.input_type(champ)} »")


@then(parsers.parse('le champ "{champ}" est modifiable'))
def champ_modifiable(contexte, champ):
    verifier(contexte, lambda: contexte.driver.is_editable(champ), f"le champ « {champ} » est modifiable",
             f"le champ « {champ} » est en lecture seule ou désactivé")


@then(parsers.parse('le champ "{champ}" vaut "{valeur}"'))
def champ_vaut(contexte, champ, valeur):
    verifier(contexte, lambda: p.sans_accents(contexte.driver.value(champ) or "") == p.sans_accents(valeur),
             f"le champ « {champ} » vaut « {valeur} »",
             lambda: f"valeur « {contexte.driver.value(champ)} »")


def sauter_si_accepte(contexte, etape_du_formulaire: str) -> None:
    """A check of how a refusal looks cannot be made when the implementation accepted the input:
    that is another rule's failure, so this scenario is « non vérifié » rather than failed."""
    if p.etape(contexte.driver) not in (etape_du_formulaire, ""):
        pytest.skip(f"non vérifié : la saisie erronée a été acceptée ({p.decrire_page(contexte.driver)}) ; "
                    "la règle qui devait la refuser est en échec dans ses propres scénarios")


@then(parsers.parse('le formulaire réaffiché après le refus conserve la valeur du champ "{champ}"'))
def valeur_conservee(contexte, champ):
    _valeurs_conservees(contexte, [champ])


@then("le formulaire réaffiché après le refus conserve les valeurs des champs suivants :")
def valeurs_conservees(contexte, datatable):
    _valeurs_conservees(contexte, lignes(datatable))


def _valeurs_conservees(contexte, champs: list[str]) -> None:
    d = contexte.driver
    sauter_si_accepte(contexte, contexte.refus.get("etape", p.etape(d)))
    statut = d.status()
    verifier(contexte, statut is None or statut < 500, "le formulaire est réaffiché après le refus",
             f"erreur du serveur (HTTP {statut})")
    for champ in champs:
        attendue = contexte.valeur_saisie[champ]
        verifier(contexte, lambda: (d.value(champ) or "") == attendue,
                 f"après le refus, « {champ} » contient toujours « {attendue} »",
                 lambda: f"« {champ} » contient « {d.value(champ)} »")


@then(parsers.parse('la page annonce "{texte}"'))
def page_annonce(contexte, texte):
    verifier(contexte, lambda: p.texte_contient(contexte.driver, texte), f"la page annonce « {texte} »",
             lambda: f"texte absent de la {p.decrire_page(contexte.driver)}")


@then(parsers.parse('la page n\'annonce pas "{texte}"'))
def page_n_annonce_pas(contexte, texte):
    """The announcement is a sentence (the guide's, in the profile's wordings, or one saying it in other words),
    not a word: « son gestionnaire principal garde les droits » does not make the user gestionnaire principal."""
    d = contexte.driver
    phrase = annonces.annonce(d.text(), texte, lambda cle: d.labels.formes(cle, d.etape))
    verifier(contexte, phrase is None, f"la page n'annonce pas « {texte} »",
             lambda: f"la {p.decrire_page(d)} l'annonce : « {phrase} »")


@then(parsers.parse('un bouton "{nom}" est proposé'))
def bouton_propose(contexte, nom):
    verifier(contexte, contexte.driver.has_button(nom), f"un bouton « {nom} » est proposé",
             lambda: f"aucun bouton « {nom} » sur la {p.decrire_page(contexte.driver)}")
    p.mot_du_guide(contexte, nom, "le bouton porte le texte du guide", lambda: contexte.driver.has_button(nom))


@then(parsers.parse('un lien "{nom}" est proposé'))
def lien_propose(contexte, nom):
    verifier(contexte, contexte.driver.has_link(nom), f"un lien « {nom} » est proposé",
             lambda: f"aucun lien « {nom} » sur la {p.decrire_page(contexte.driver)}")
    p.mot_du_guide(contexte, nom, "le lien porte le texte du guide", lambda: contexte.driver.has_link(nom))


@then("les actions suivantes sont proposées :")
def actions_proposees(contexte, datatable):
    for nom in lignes(datatable):
        verifier(contexte, contexte.driver.has_button(nom) or contexte.driver.has_link(nom),
                 f"l'action « {nom} » (bouton ou lien) est proposée",
                 lambda: f"ni bouton ni lien « {nom} » sur la {p.decrire_page(contexte.driver)}")
        p.mot_du_guide(contexte, nom, "l'action porte le texte du guide",
                       lambda: contexte.driver.has_button(nom) or contexte.driver.has_link(nom))


@then("la réponse n'est pas une erreur du serveur")
def pas_erreur_serveur(contexte):
    statut = contexte.driver.status()
    verifier(contexte, statut is not None and statut < 500, "une réponse sans erreur du serveur",
             lambda: f"HTTP {statut} — {contexte.driver.text()[:200]}")


@step("je valide mes informations")
def valider_informations(contexte):
    contexte.refus["etape"] = "informations"
    p.completer_informations(contexte.driver, contexte, p.assurer_utilisateur(contexte),
                             saisies=contexte.saisies, rattachement=contexte.rattachement,
                             services=contexte.services_choisis)


@then(parsers.re(r"mes informations sont (?P<verdict>acceptées|refusées)(?: sur le champ \"(?P<champ>[^\"]+)\")?"))
def verdict_informations(contexte, verdict, champ):
    if verdict == "acceptées":
        verifier_acceptation(contexte, "espaces de travail", "la saisie des informations")
    else:
        verifier_refus(contexte, "informations", "la saisie des informations", champ)


@when("je valide mes espaces de travail")
def valider_espaces(contexte):
    p.valider_espaces(contexte.driver)


@when(parsers.parse('je mets l\'espace "{espace}" sur "{valeur}"'))
def mettre_espace(contexte, espace, valeur):
    d = contexte.driver
    p.etape(d)  # the page the last click led to: its wordings
    d.choose(espace, valeur)
    verifier(contexte, lambda: (d.chosen(espace) or "").upper() == valeur,
             f"l'espace « {espace} » est mis sur « {valeur} »", lambda: f"choix constaté : « {d.chosen(espace)} »")


@then(parsers.re(r"(?P<nouveau>un|un nouveau) courriel d'activation arrive à mon adresse électronique de connexion"))
def courriel_arrive(contexte, nouveau):
    utilisateur = contexte.utilisateur
    p.lien_activation(contexte, utilisateur, n=utilisateur.courriels_lus + 1)


@then("aucun courriel n'arrive à l'autre adresse")
def aucun_courriel_au_contact(contexte):
    u = contexte.utilisateur
    recus = contexte.boite_mail.messages(u.adresse_contact)
    verifier(contexte, not recus, f"aucun courriel d'activation à l'adresse de contact {u.adresse_contact}",
             f"{len(recus)} courriel(s) reçu(s) : " + "; ".join(m.sujet for m in recus))
