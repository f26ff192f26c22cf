"""The guide's journey, step by step, through any Driver.

Domain helpers shared by the step modules: the guide's labels, which step a
page is, and how to go through step 1, 2, 3, the activation and the login with
given data. No rule is checked here; a helper that cannot go on fails through
``verifier``, naming the scenario's rules and where the journey stopped.
"""
from __future__ import annotations

import re
import unicodedata

import requests

from harness.drivers.base import normalise
from harness.drivers.http import HttpDriver

from .contexte import Contexte, Utilisateur
from .verifications import verifier

# ----------------------------------------------------------------- the guide's words

ADRESSE_CONNEXION = "Adresse électronique de connexion"
SIRET = "Numéro de SIRET"
RESAISIE = "Résaisissez votre adresse électronique de connexion"
NOM = "Nom"
PRENOM = "Prénom"
CAPTCHA = "Entrez les caractères générés par l'image"
CONSENTEMENT = "J'accepte que mon nom, prénom et adresse électronique soient utilisés…"
CONSENTEMENT_PHRASE = (
    "J'accepte que mon nom, prénom et adresse électronique soient utilisés par le Ministère de l'Action et "
    "des Comptes publics (et par le prestataire réalisant les enquêtes de satisfaction pour le compte de "
    "l'AIFE) afin de recevoir l'enquête de satisfaction sur Chorus Pro."
)
# The guide's whole label, the withdrawal right included (it is what makes the consent revocable).
CONSENTEMENT_TEXTE = (CONSENTEMENT_PHRASE + " Je note par ailleurs que je pourrai à tout moment exercer mon droit de "
                      "retrait en décochant l'option.")
IDENTIFIANT = "Identifiant"
RAISON_SOCIALE = "Raison Sociale"
ADRESSE = "Adresse"
COMPLEMENT_1 = "Complément adresse 1"
CODE_POSTAL = "Code postal"
VILLE = "Ville"
PAYS = "Pays"
RATTACHEMENT = "Je me rattache à"
RATTACHEMENT_STRUCTURE = "La structure (y compris l'ensemble des services de ma structure)"
RATTACHEMENT_SERVICES = "Uniquement certains services"
SERVICES = "Services"
MOT_DE_PASSE = "Mot de passe"
CONFIRMATION = "Confirmation"
QUESTION = "Question secrète"
REPONSE = "Réponse"
VALIDER = "Valider"
ANNULER = "Annuler"
SE_CONNECTER = "Se connecter"
ENREGISTRER = "Enregistrer"
NOUVEAU_LIEN = "Recevoir un nouveau lien d'activation"
OUI, NON = "OUI", "NON"

# ----------------------------------------------------------------- where are we


def sans_accents(texte: str) -> str:
    """Case-, accent- and white-space-folded text, for comparisons of wording."""
    decompose = unicodedata.normalize("NFKD", normalise(texte))
    return "".join(c for c in decompose if not unicodedata.combining(c))


def titre(driver) -> str:
    try:
        return driver.heading()
    except AssertionError:
        return ""


def etape(driver) -> str:
    """The guide's step the page shows, from its main heading ("" when it has none)."""
    h1 = sans_accents(titre(driver))
    if h1.startswith("vous etes nouveau sur chorus pro"):
        return "identification"
    if h1.startswith("bienvenue"):
        return "espaces de travail"
    if h1.startswith("activation du compte utilisateur"):
        return "activation"
    if "informations" in h1:
        return "informations"
    if h1 == "mon compte":
        return "compte"
    if h1 == "connexion":
        return "connexion"
    return h1


def decrire_page(driver) -> str:
    """One line on the current page, for assertion messages."""
    try:
        statut = driver.status()
        erreurs = driver.errors()
    except Exception:  # noqa: BLE001 - a broken page is described as such
        return "page illisible"
    texte = f"page « {titre(driver) or '(sans titre principal)'} » (HTTP {statut})"
    if erreurs:
        texte += ", erreurs : " + " ; ".join(f"« {c} » : {m or '(sans message)'}" for c, m in erreurs.items())
    elif statut and statut >= 500:
        texte += ", erreur du serveur"
    return texte


def texte_contient(driver, phrase: str) -> bool:
    return sans_accents(phrase) in sans_accents(driver.text())


def chiffres(texte: str | None) -> str:
    return re.sub(r"\D", "", texte or "")


# ----------------------------------------------------------------- data


def nouvel_utilisateur(donnees, consentement: bool = False) -> Utilisateur:
    adresse = donnees.adresse_email()
    return Utilisateur(adresse_connexion=adresse, adresse_contact=adresse, prenom=donnees.first_name(),
                       nom=donnees.last_name(), consentement=consentement,
                       reponse=donnees.city())


def mot_de_passe_conforme(donnees) -> str:
    return donnees.mot_de_passe(16)


def assurer_utilisateur(ctx: Contexte) -> Utilisateur:
    if ctx.utilisateur is None:
        ctx.utilisateur = nouvel_utilisateur(ctx.donnees)
    return ctx.utilisateur


def enregistrer_entreprise(ctx: Contexte, cas: str = "diffusible", siret: str | None = None) -> str:
    """Register a fresh SIRET (or ``siret``) with ``cas`` in the fake Sirene; it becomes the scenario's."""
    siret = siret or ctx.donnees.siret_valide()
    ctx.etablissement = ctx.sirene.enregistrer(siret, cas=cas)
    ctx.siret, ctx.siret_saisi = siret, siret
    return siret


def assurer_entreprise(ctx: Contexte) -> str:
    return ctx.siret or enregistrer_entreprise(ctx)


def driver_de_preparation(ctx: Contexte) -> HttpDriver:
    """A fresh plain-HTTP driver to prepare a state quickly (an account created, activated…)
    before the channel under test looks at it."""
    return HttpDriver(requests.Session(), ctx.implementation.libelles)


# ----------------------------------------------------------------- the four steps


def identifier(driver, implementation, adresse: str, siret: str) -> None:
    """Step 1: open the start page, type the address and the SIRET, Valider."""
    driver.open(implementation.demarrage)
    driver.fill(ADRESSE_CONNEXION, adresse)
    driver.fill(SIRET, siret)
    driver.click(VALIDER)


def completer_informations(driver, ctx: Contexte, utilisateur: Utilisateur, *, saisies: dict | None = None,
                           rattachement: str | None = None, services: list[str] = (),
                           raison_sociale: str | None = None) -> None:
    """Step 2: type the user's data (``saisies`` win), choose the attachment, Valider.

    ``raison_sociale`` renames the structure when the field is editable (a preparation's wish);
    ``saisies`` are typed whatever the page says (a scenario's action)."""
    valeurs = {
        RESAISIE: utilisateur.adresse_contact,
        NOM: utilisateur.nom,
        PRENOM: utilisateur.prenom,
        CAPTCHA: ctx.implementation.captcha_reponse,
    }
    if utilisateur.adresse_contact != utilisateur.adresse_connexion:
        valeurs[ADRESSE_CONNEXION] = utilisateur.adresse_contact
    if raison_sociale is not None and driver.has_field(RAISON_SOCIALE) and driver.is_editable(RAISON_SOCIALE):
        valeurs[RAISON_SOCIALE] = utilisateur.raison_sociale = raison_sociale
    elif driver.has_field(RAISON_SOCIALE) and not (driver.value(RAISON_SOCIALE) or "").strip():
        # INSEE gave no name (non-diffusible or unavailable): the user types it.
        valeurs[RAISON_SOCIALE] = ctx.donnees.company().upper()
    valeurs.update(saisies or {})
    for champ, valeur in valeurs.items():
        driver.fill(champ, valeur)
    if driver.has_field(CONSENTEMENT) and (utilisateur.consentement or driver.is_checked(CONSENTEMENT)):
        driver.set_checked(CONSENTEMENT, utilisateur.consentement)
    if rattachement:
        driver.choose(RATTACHEMENT, rattachement)
    for service in services:
        driver.set_checked(service, True, group=SERVICES)
    driver.click(VALIDER)


def valider_espaces(driver, choix: dict[str, str] | None = None) -> None:
    """Step 3: set each workspace of ``choix`` to OUI/NON, Valider."""
    for espace, valeur in (choix or {}).items():
        driver.choose(espace, valeur)
    driver.click(VALIDER)


def lien_activation(ctx: Contexte, utilisateur: Utilisateur, n: int = 1) -> str:
    """The activation link of the ``n``-th mail received at the login address."""
    attendu = f"un courriel d'activation (n° {n}) avec un lien arrive à {utilisateur.adresse_connexion}"
    try:
        message = ctx.boite_mail.attendre(utilisateur.adresse_connexion, n=n)
    except AssertionError as exc:
        verifier(ctx, False, attendu, str(exc))
    utilisateur.courriels_lus = max(utilisateur.courriels_lus, n)
    verifier(ctx, bool(message.liens), attendu,
             f"le courriel « {message.sujet} » ne contient aucun lien : {message.texte[:300]!r}")
    utilisateur.lien = message.liens[0]
    return utilisateur.lien


def remplir_activation(driver, mot_de_passe: str, confirmation: str | None = None, *,
                       question: bool = True, reponse: str = "Paris") -> None:
    """Step 4's form, without submitting it."""
    driver.fill(MOT_DE_PASSE, mot_de_passe)
    driver.fill(CONFIRMATION, mot_de_passe if confirmation is None else confirmation)
    if question:
        options = driver.select_options(QUESTION)
        if not options:
            raise AssertionError("La liste « Question secrète » ne propose aucune question.")
        driver.select(QUESTION, options[0])
    driver.fill(REPONSE, reponse)


def page_quittee(driver, nom: str) -> bool:
    """The form of step ``nom`` was accepted: the page moved on, without a server error. What the next
    page announces is its own rule's business (E3_VALIDER_COURRIEL, E4_VALIDER_ACTIF), not the preparation's."""
    statut = driver.status()
    return (statut is None or statut < 400) and etape(driver) != nom


def activation_acceptee(driver) -> bool:
    return page_quittee(driver, "activation")


def activer(driver, utilisateur: Utilisateur, mot_de_passe: str) -> None:
    """Step 4 on the activation page already shown: password, question, answer, Valider."""
    remplir_activation(driver, mot_de_passe, reponse=utilisateur.reponse or "Paris")
    driver.click(VALIDER)
    if activation_acceptee(driver):
        utilisateur.mot_de_passe = mot_de_passe


def se_connecter(driver, implementation, adresse: str, mot_de_passe: str) -> None:
    driver.open(implementation.connexion)
    driver.fill(ADRESSE_CONNEXION, adresse)
    driver.fill(MOT_DE_PASSE, mot_de_passe)
    driver.click(SE_CONNECTER)


# ----------------------------------------------------------------- whole journeys


def _attendre_etape(ctx: Contexte, driver, attendue: str, ou: str) -> None:
    verifier(ctx, lambda: etape(driver) == attendue, f"{ou} : l'étape « {attendue} » suit",
             lambda: decrire_page(driver))


def inscrire(ctx: Contexte, utilisateur: Utilisateur, *, driver=None, jusqua: str = "cree",
             rattachement: str | None = None, raison_sociale: str | None = None,
             espaces: dict[str, str] | None = None) -> None:
    """Go through the guide for ``utilisateur`` on the scenario's SIRET.

    ``jusqua``: "informations" (step 1 done), "espaces de travail" (step 2
    done), "cree" (step 3 done, activation mail received) or "active".
    Uses a fresh HTTP driver unless ``driver`` is given.
    """
    driver = driver or driver_de_preparation(ctx)
    siret = assurer_entreprise(ctx)
    identifier(driver, ctx.implementation, utilisateur.adresse_connexion, ctx.siret_saisi or siret)
    _attendre_etape(ctx, driver, "informations", "préparation, étape 1 (Identifiez-vous)")
    if jusqua == "informations":
        return
    if rattachement is None and driver.has_group(RATTACHEMENT):
        rattachement = RATTACHEMENT_STRUCTURE
    completer_informations(driver, ctx, utilisateur, rattachement=rattachement, raison_sociale=raison_sociale)
    _attendre_etape(ctx, driver, "espaces de travail", "préparation, étape 2 (Complétez les informations demandées)")
    if jusqua == "espaces de travail":
        return
    valider_espaces(driver, espaces)
    verifier(ctx, lambda: page_quittee(driver, "espaces de travail"),
             "préparation, étape 3 (Ouvrez vos espaces de travail) : les espaces sont validés",
             lambda: decrire_page(driver))
    lien = lien_activation(ctx, utilisateur)
    if jusqua == "cree":
        return
    driver.open(lien)
    _attendre_etape(ctx, driver, "activation", "préparation, étape 4 (lien d'activation)")
    activer(driver, utilisateur, mot_de_passe_conforme(ctx.donnees))
    verifier(ctx, utilisateur.mot_de_passe is not None,
             "préparation, étape 4 (Activez votre compte utilisateur) : l'activation aboutit",
             lambda: decrire_page(driver))


def aller_a_l_etape(ctx: Contexte, nom: str) -> None:
    """Show the page of step ``nom`` on the channel under test, the steps before it done with fresh data."""
    utilisateur = assurer_utilisateur(ctx)
    if nom == "identification":
        ctx.driver.open(ctx.implementation.demarrage)
    elif nom in ("informations", "espaces de travail"):
        if ctx.driver.canal != "http" and "http" in ctx.implementation.capacites:
            # The steps before are not what this scenario observes: go through them over HTTP (fast), then hand
            # the session (cookies, page) to the browser. An implementation that keeps the journey's state
            # elsewhere (JavaScript storage, hidden fields) shows another page, one that needs JavaScript refuses
            # the plain-HTTP journey: the browser then goes through those steps itself, and judges them.
            preparation = driver_de_preparation(ctx)
            try:
                inscrire(ctx, utilisateur, driver=preparation, jusqua=nom)
                ctx.driver.adopt(preparation.session())
                if etape(ctx.driver) == nom:
                    return
            except AssertionError:
                pass
            finally:
                preparation.close()
        inscrire(ctx, utilisateur, driver=ctx.driver, jusqua=nom)
    elif nom == "activation":
        inscrire(ctx, utilisateur, jusqua="cree")
        ctx.driver.open(utilisateur.lien)
    else:
        raise ValueError(f"étape inconnue : {nom!r}")


def connecter(ctx: Contexte, utilisateur: Utilisateur, driver=None) -> None:
    """Log ``utilisateur`` in (on ``driver``, by default the channel's) and expect the account page."""
    driver = driver or ctx.driver
    se_connecter(driver, ctx.implementation, utilisateur.adresse_connexion, utilisateur.mot_de_passe or "")
    _attendre_etape(ctx, driver, "compte", f"connexion de {utilisateur.adresse_connexion}")


def page_compte(ctx: Contexte) -> None:
    """Make sure the channel shows the user's account page."""
    if etape(ctx.driver) != "compte":
        connecter(ctx, ctx.utilisateur)
