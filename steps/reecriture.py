"""The browser twins of the scenarios that send a forbidden value over HTTP (« … par le serveur, même quand la
page a accepté la saisie »): the page gets a value the guide allows, and the request it sends carries the
forbidden one instead (``Driver.rewrite_next_submission``). On a front whose script checks the value, this is the
only way the browser channel proves that the server checks it too; the values are the HTTP scenarios' own (the same
Examples, tests/test_reecriture.py checks it).

A value that the page does not send as typed, or that the request carries more often than the fields it stands
for, cannot be replaced in its field: « préparation impossible », never a verdict on the rule.
"""
from __future__ import annotations

from pytest_bdd import parsers, when

from harness.preparation import PreparationImpossible

from . import parcours as p
from .identification import _cas_adresse, _identifier

# Step 2's two address fields both carry the contact address (prefilled with the login address): the first value
# of the request that carries it is the address field, the last the re-typed one (the form's order).
RANG_DU_CHAMP = {p.ADRESSE_CONNEXION: 0, p.RESAISIE: -1}


def _exiger_champ_designe(contexte, champ: str) -> None:
    """The request carried the typed address in exactly its two fields, so that the one rewritten was ``champ``."""
    n = getattr(contexte.driver, "occurrences", 0)
    if n != 2:
        raise PreparationImpossible(
            f"la requête ne porte pas l'adresse saisie dans ses deux seuls champs d'adresse : le champ « {champ} » "
            f"ne peut pas y être désigné", f"{n} valeur(s) de la requête la portent")


# ----------------------------------------------------------------- step 1


@when(parsers.parse('je m\'identifie avec une adresse électronique valide, remplacée dans la requête par une '
                    'adresse "{cas}"'))
def identifier_adresse_reecrite(contexte, cas):
    envoyee = _cas_adresse(contexte.donnees, cas).valeur
    utilisateur = p.assurer_utilisateur(contexte)
    contexte.driver.rewrite_next_submission(utilisateur.adresse_connexion, envoyee, whole=True)
    _identifier(contexte, utilisateur.adresse_connexion, p.assurer_entreprise(contexte))
    p.exiger_reecriture(contexte)


@when(parsers.parse('je m\'identifie, le champ "{champ}" vidé dans la requête'))
def identifier_champ_vide(contexte, champ):
    adresse, siret = p.assurer_utilisateur(contexte).adresse_connexion, p.assurer_entreprise(contexte)
    saisi = {p.ADRESSE_CONNEXION: adresse, p.SIRET: siret}.get(champ)
    if saisi is None:
        raise AssertionError(f"Erreur du harnais : « {champ} » n'est pas un champ de l'identification.")
    contexte.driver.rewrite_next_submission(saisi, "", whole=True)
    _identifier(contexte, adresse, siret)
    p.exiger_reecriture(contexte)


# ----------------------------------------------------------------- step 2


def _valider_informations_reecrites(contexte, saisi: str, envoye: str, *, whole: bool = True,
                                    champ: str | None = None) -> None:
    """Step 2 submitted as « je valide mes informations » does, ``saisi`` replaced by ``envoye`` in the request
    (in the field ``champ`` only, for an address that two fields carry)."""
    rang = RANG_DU_CHAMP.get(champ)
    contexte.driver.rewrite_next_submission(saisi, envoye, whole=whole, occurrence=rang)
    contexte.refus["etape"] = "informations"
    p.completer_informations(contexte.driver, contexte, p.assurer_utilisateur(contexte), saisies=contexte.saisies,
                             rattachement=contexte.rattachement, services=contexte.services_choisis)
    p.exiger_reecriture(contexte)
    if rang is not None:
        _exiger_champ_designe(contexte, champ)


@when(parsers.parse('je valide mes informations, le champ "{champ}" vidé dans la requête'))
def valider_informations_champ_vide(contexte, champ):
    utilisateur = p.assurer_utilisateur(contexte)
    saisi = {p.ADRESSE_CONNEXION: utilisateur.adresse_contact, p.RESAISIE: utilisateur.adresse_contact,
             p.NOM: utilisateur.nom, p.PRENOM: utilisateur.prenom,
             p.CAPTCHA: contexte.implementation.captcha_reponse}.get(champ)
    if not saisi:
        raise AssertionError(f"Erreur du harnais : aucune valeur connue du champ « {champ} » à vider.")
    _valider_informations_reecrites(contexte, saisi, "", champ=champ)


@when(parsers.parse('je valide mes informations, l\'adresse électronique pré-remplie remplacée dans la requête '
                    'par une adresse "{cas}"'))
def valider_informations_adresse_reecrite(contexte, cas):
    """As the HTTP scenario types it in both address fields: every value carrying the address is replaced."""
    envoyee = _cas_adresse(contexte.donnees, cas).valeur
    _valider_informations_reecrites(contexte, p.assurer_utilisateur(contexte).adresse_contact, envoyee)


@when("je valide mes informations, l'adresse résaisie remplacée dans la requête par une autre adresse")
def valider_informations_resaisie_reecrite(contexte):
    utilisateur = p.assurer_utilisateur(contexte)
    contexte.valeur_saisie.update({p.NOM: utilisateur.nom, p.PRENOM: utilisateur.prenom})
    _valider_informations_reecrites(contexte, utilisateur.adresse_contact, contexte.donnees.adresse_email(),
                                    champ=p.RESAISIE)


@when("je valide mes informations, les caractères de l'image remplacés dans la requête par des caractères erronés")
def valider_informations_captcha_reecrit(contexte):
    bonne = contexte.implementation.captcha_reponse
    if not bonne:
        raise PreparationImpossible("le profil ne déclare pas la réponse de test du captcha : la page ne peut pas "
                                    "accepter la saisie", "")
    _valider_informations_reecrites(contexte, bonne, "ZZ" + "".join(reversed(bonne)) + "9")


@when(parsers.re(r"je valide mes informations, (?P<quoi>le service choisi|le rattachement choisi) retiré de la "
                 r"requête"))
def valider_informations_choix_retire(contexte, quoi):
    """What the page sends for the option chosen (a checkbox's or a radio's value, read on the page) goes empty."""
    option = contexte.services_choisis[0] if quoi == "le service choisi" else contexte.rattachement
    if not option:
        raise AssertionError(f"Erreur du harnais : {quoi} n'a pas été choisi par une étape précédente.")
    envoye = contexte.driver.value(option)
    if not envoye:
        raise PreparationImpossible(f"l'option « {option} » n'envoie aucune valeur que la requête porterait",
                                    p.decrire_page(contexte.driver))
    _valider_informations_reecrites(contexte, envoye, "")


# ----------------------------------------------------------------- step 4


@when("j'active mon compte avec un mot de passe conforme, sa confirmation remplacée dans la requête par un autre "
      "mot de passe")
def activer_confirmation_reecrite(contexte):
    saisi = contexte.mot_de_passe_essaye = p.mot_de_passe_sans_ponctuation(contexte.donnees)
    autre = p.mot_de_passe_sans_ponctuation(contexte.donnees)
    contexte.driver.rewrite_next_submission(saisi, autre, whole=True, occurrence=-1)
    p.remplir_activation(contexte.driver, saisi, reponse=contexte.utilisateur.reponse or "Paris")
    contexte.driver.click(p.VALIDER)
    p.exiger_reecriture(contexte)
    if contexte.driver.occurrences != 2:
        raise PreparationImpossible("la requête ne porte pas le mot de passe saisi dans ses deux seuls champs : la "
                                    "confirmation ne peut pas y être désignée",
                                    f"{contexte.driver.occurrences} valeur(s) de la requête le portent")


@when(parsers.parse('j\'active mon compte, le champ "{champ}" vidé dans la requête'))
def activer_champ_vide(contexte, champ):
    if champ != p.REPONSE:
        raise AssertionError(f"Erreur du harnais : seul le champ « {p.REPONSE} » se vide dans la requête.")
    reponse = contexte.utilisateur.reponse or contexte.donnees.city()
    mot_de_passe = contexte.mot_de_passe_essaye = p.mot_de_passe_sans_ponctuation(contexte.donnees)
    contexte.driver.rewrite_next_submission(reponse, "", whole=True)
    p.remplir_activation(contexte.driver, mot_de_passe, reponse=reponse)
    contexte.driver.click(p.VALIDER)
    p.exiger_reecriture(contexte)
