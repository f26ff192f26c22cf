"""Steps of features/05_apres_activation.feature and the account checks of the other features."""
from __future__ import annotations

from pytest_bdd import parsers, step, then, when

from . import parcours as p
from .verifications import verifier

ROLE = "Rôle"
STRUCTURE = "Structure"
RATTACHEMENT_COMPTE = "Rattachement"


def _information_du_compte(contexte, information: str, driver=None) -> str:
    return (driver or contexte.driver).value(information) or ""


# ----------------------------------------------------------------- login


@step(parsers.re(r"je me connecte avec mon adresse électronique de connexion et "
                 r"(?P<quoi>mon mot de passe|ce mot de passe|un autre mot de passe|un mot de passe conforme|"
                 r"un mot de passe vide)"))
def se_connecter(contexte, quoi):
    u = contexte.utilisateur
    mot_de_passe = {
        "mon mot de passe": lambda: u.mot_de_passe,
        "ce mot de passe": lambda: contexte.mot_de_passe_essaye,
        "un autre mot de passe": lambda: p.mot_de_passe_conforme(contexte.donnees),
        "un mot de passe conforme": lambda: p.mot_de_passe_conforme(contexte.donnees),
        "un mot de passe vide": lambda: "",
    }[quoi]()
    contexte.mot_de_passe_essaye = mot_de_passe
    p.se_connecter(contexte.driver, contexte.implementation, u.adresse_connexion, mot_de_passe or "")


@then("je suis connecté à mon compte")
def connecte(contexte):
    verifier(contexte, lambda: p.etape(contexte.driver) == "compte", "la connexion mène à « Mon compte »",
             lambda: p.decrire_page(contexte.driver))


def _refus_de_connexion(contexte, driver, qui: str) -> None:
    statut = driver.status()
    verifier(contexte, p.etape(driver) != "compte" and (statut is None or statut < 500),
             f"la connexion {qui} est refusée", lambda: p.decrire_page(driver))


@then("la connexion est refusée")
def connexion_refusee(contexte):
    _refus_de_connexion(contexte, contexte.driver, "")


@then("la connexion avec mon adresse de contact et mon mot de passe est refusée")
def connexion_contact_refusee(contexte):
    u = contexte.utilisateur
    autre = contexte.nouveau_driver()
    p.se_connecter(autre, contexte.implementation, u.adresse_contact, u.mot_de_passe)
    _refus_de_connexion(contexte, autre, f"avec l'adresse de contact {u.adresse_contact}")


@then("le refus est le même que pour une adresse inconnue")
def refus_indistinct(contexte):
    autre = contexte.nouveau_driver()
    p.se_connecter(autre, contexte.implementation, contexte.donnees.adresse_email(), contexte.mot_de_passe_essaye)
    mien = contexte.driver.errors() or contexte.driver.text()
    inconnu = autre.errors() or autre.text()
    verifier(contexte, mien == inconnu,
             "le même message pour un mauvais mot de passe que pour une adresse inconnue",
             f"mauvais mot de passe : {mien!r} ; adresse inconnue : {inconnu!r}")


@when("je me reconnecte")
def se_reconnecter(contexte):
    contexte.driver = contexte.nouveau_driver()
    p.connecter(contexte, contexte.utilisateur)


# ----------------------------------------------------------------- the account page


@then(parsers.parse('mon compte indique le rôle "{role}"'))
def compte_role(contexte, role):
    p.page_compte(contexte)
    verifier(contexte, lambda: p.dit(contexte.driver, _information_du_compte(contexte, ROLE), role),
             f"« Rôle » : {role}", lambda: f"« Rôle » : {_information_du_compte(contexte, ROLE)}")


@then("le premier utilisateur reste gestionnaire principal")
def premier_reste_gestionnaire(contexte):
    driver = p.driver_de_preparation(contexte)
    p.connecter(contexte, contexte.premier, driver)
    role = _information_du_compte(contexte, ROLE, driver)
    verifier(contexte, p.dit(driver, role, "Gestionnaire principal"),
             "le premier utilisateur a toujours le rôle « Gestionnaire principal »", f"« Rôle » : {role}")


@then(parsers.re(r"mon compte indique le rattachement \"(?P<rattachement>[^\"]+)\""
                 r"(?P<premier> avec le premier service seulement)?"))
def compte_rattachement(contexte, rattachement, premier):
    p.page_compte(contexte)
    valeur = p.sans_accents(_information_du_compte(contexte, RATTACHEMENT_COMPTE))
    verifier(contexte, p.dit(contexte.driver, valeur, rattachement, debut=True), f"« Rattachement » : {rattachement}",
             f"« Rattachement » : {valeur}")
    if premier:
        choisi, autre = contexte.services[0], contexte.services[1]
        verifier(contexte, p.sans_accents(choisi) in valeur and p.sans_accents(autre) not in valeur,
                 f"des droits sur « {choisi} » seulement, pas sur « {autre} »", f"« Rattachement » : {valeur}")


@then("mon compte indique la structure du premier utilisateur")
def compte_structure_du_premier(contexte):
    p.page_compte(contexte)
    mienne = _information_du_compte(contexte, STRUCTURE)
    driver = p.driver_de_preparation(contexte)
    p.connecter(contexte, contexte.premier, driver)
    celle_du_premier = _information_du_compte(contexte, STRUCTURE, driver)
    nom = contexte.raison_sociale_premier
    verifier(contexte, p.sans_accents(mienne) == p.sans_accents(celle_du_premier)
             and (nom is None or p.sans_accents(nom) in p.sans_accents(mienne)),
             f"la structure du premier utilisateur, « {celle_du_premier} »", f"« Structure » : {mienne}")


@then("mon compte indique ma structure avec la raison sociale saisie et son SIRET")
def compte_structure_saisie(contexte):
    p.page_compte(contexte)
    valeur = _information_du_compte(contexte, STRUCTURE)
    verifier(contexte, p.sans_accents(contexte.raison_sociale_saisie) in p.sans_accents(valeur)
             and contexte.siret in p.chiffres(valeur),
             f"« Structure » : {contexte.raison_sociale_saisie} (SIRET {contexte.siret})", f"« Structure » : {valeur}")


@then(parsers.re(r"sur mon compte, l'espace \"(?P<espace>[^\"]+)\" est sur \"(?P<valeur>OUI|NON)\""))
def compte_espace(contexte, espace, valeur):
    p.page_compte(contexte)
    choisi = (contexte.driver.chosen(espace) or "").upper()
    verifier(contexte, choisi == valeur, f"sur « Mon compte », l'espace « {espace} » est sur {valeur}",
             f"il est sur {choisi or 'rien'}")


@when(parsers.re(r"sur mon compte, je mets l'espace \"(?P<espace>[^\"]+)\" sur \"(?P<valeur>OUI|NON)\""))
def compte_mettre_espace(contexte, espace, valeur):
    p.page_compte(contexte)
    d = contexte.driver

    def mettre() -> bool:
        d.choose(espace, valeur)
        return (d.chosen(espace) or "").upper() == valeur
    verifier(contexte, mettre, f"sur « Mon compte », l'espace « {espace} » se met sur {valeur}",
             lambda: f"il est sur {d.chosen(espace) or 'rien'}")


@when("j'enregistre mon compte")
def enregistrer_compte(contexte):
    contexte.driver.click(p.ENREGISTRER)


@then(parsers.re(r"sur mon compte, la case de consentement à l'enquête de satisfaction (?P<etat>est|n'est pas) cochée"))
def compte_consentement(contexte, etat):
    p.page_compte(contexte)
    voulu = etat == "est"
    verifier(contexte, lambda: contexte.driver.is_checked(p.CONSENTEMENT) == voulu,
             f"sur « Mon compte », le consentement à l'enquête {etat} coché",
             "il " + ("n'est pas" if voulu else "est") + " coché")


@when("sur mon compte, je décoche la case de consentement à l'enquête de satisfaction")
def compte_decocher_consentement(contexte):
    p.page_compte(contexte)
    d = contexte.driver

    def decocher() -> bool:
        d.set_checked(p.CONSENTEMENT, False)
        return not d.is_checked(p.CONSENTEMENT)
    verifier(contexte, decocher, "sur « Mon compte », la case de consentement se décoche", "elle reste cochée")
