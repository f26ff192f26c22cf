"""The guide's journey, step by step, through any Driver.

Domain helpers shared by the step modules: the guide's labels, which step a
page is, and how to go through step 1, 2, 3, the activation and the login with
given data. No rule is checked here; a helper that cannot go on fails through
``verifier``, naming the scenario's rules and where the journey stopped.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import replace
from typing import Callable, Iterator

from harness.drivers.base import ActionImpossible, ElementIntrouvable, normalise, resolve_label

from .contexte import Contexte, Utilisateur
from harness.preparation import PreparationImpossible

from .verifications import preparation, verifier

# ----------------------------------------------------------------- the guide's words (harness/libelles.py)

from harness.libelles import (ADRESSE, ADRESSE_CONNEXION, ANNULER, CAPTCHA, CODE_POSTAL, COMPLEMENT_1,  # noqa: E402,F401
                              CONFIRMATION, CONSENTEMENT, CONSENTEMENT_PHRASE, CONSENTEMENT_TEXTE, ENREGISTRER,
                              IDENTIFIANT, MOT_DE_PASSE, NOM, NON, NOUVEAU_LIEN, OUI, PAYS, PRENOM, QUESTION,
                              RAISON_SOCIALE, RATTACHEMENT, RATTACHEMENT_SERVICES, RATTACHEMENT_STRUCTURE, RESAISIE,
                              COMPTE_ACTIF, REPONSE, SE_CONNECTER, SE_DECONNECTER, SERVICES, SIRET, SUITES, VALIDER,
                              VILLE, fixe_par_le_guide, reconnaitre, regles_du_refus)

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


def etape(driver, attendue: str | tuple[str, ...] = ()) -> str:
    """The page shown (``reconnaitre``: the journey's position and ``attendue`` break the ties of signatures); the
    driver then applies that page's wordings of the profile."""
    nom = reconnaitre(driver, attendue)
    driver.etape = nom or None
    return nom


def sur_la_page(driver, nom: str) -> None:
    """The steps know which page the driver shows (they just opened it or act on it): use its wordings."""
    driver.etape = nom


def decrire_page(driver) -> str:
    """One line on the current page, for assertion messages."""
    try:
        statut = driver.status()
        erreurs = driver.errors()
    except Exception:  # noqa: BLE001 - a broken page is described as such
        return "page illisible"
    nom = reconnaitre(driver)
    texte = (f"page « {nom} »" if nom else "page non reconnue") + f" (titre « {titre(driver) or 'aucun'} », HTTP {statut})"
    if erreurs:
        texte += ", erreurs : " + " ; ".join(f"« {c} » : {m or '(sans message)'}" for c, m in erreurs.items())
    elif statut and statut >= 500:
        texte += ", erreur du serveur"
    return texte


def formes(driver, texte: str, **valeurs: str) -> list[str]:
    """The wordings of ``texte`` the profile accepts on the driver's page, folded; ``{nom}`` fields (e.g. the
    user's address in « Votre compte utilisateur {adresse} a été créé. ») are filled with ``valeurs``."""
    return [sans_accents(forme.format(**valeurs) if valeurs else forme)
            for forme in driver.labels.formes(texte, driver.etape)]


def dit(driver, valeur: str | None, texte: str, *, debut: bool = False) -> bool:
    """``valeur`` (read on the page) reads ``texte`` — or starts with it — in one of the profile's wordings."""
    lue = sans_accents(valeur or "")
    return any(lue.startswith(forme) if debut else lue == forme for forme in formes(driver, texte))


def nomme_comme_le_guide(nom: str, mot: str) -> bool:
    """``nom``, read on the page, is ``mot`` in the guide's words (its markers and a trailing colon aside)."""
    return resolve_label(None, mot).correspond(nom)


@contextmanager
def selon_le_guide(driver, mot: str) -> Iterator[None]:
    """Inside, the driver looks for ``mot`` as the guide writes it, whatever the profile maps it to."""
    labels = driver.labels
    driver.labels = labels.sans(mot)
    try:
        yield
    finally:
        driver.labels = labels


def mot_du_guide(ctx: Contexte, mot: str, quoi: str, montre: Callable[[], bool], vu: str | None = None) -> None:
    """The step found ``mot`` on the page, in the profile's wording when it maps one; a rule about a wording the
    guide itself writes fails only when the page shows other words: ``montre()``, the step's reading of the page
    done again with the guide's words (``selon_le_guide``), tells whether it shows them. What the profile lists
    never decides (a page showing the guide's words is conforme whatever other wordings the profile accepts).
    ``vu``: what the page shows instead, for the message, when the step read it (a field's visible label)."""
    d = ctx.driver
    remplacants = d.labels.remplace(mot, d.etape)
    if remplacants is None or not fixe_par_le_guide(mot):
        return  # found under the guide's own words, or a wording the guide leaves to the implementation

    def selon_la_page() -> bool:
        with selon_le_guide(d, mot):
            try:
                return bool(montre())
            except (ElementIntrouvable, ActionImpossible):  # not there in the guide's words: other words shown
                return False
    autres = [r for r in remplacants if normalise(r) != normalise(mot)] or list(remplacants)
    verifier(ctx, selon_la_page, f"{quoi} « {mot} »",
             lambda: f"« {vu if vu is not None else ' » ou « '.join(autres)} » au lieu de « {mot} » sur la page")


def texte_contient(driver, phrase: str, **valeurs: str) -> bool:
    """The page's text contains ``phrase`` in one of the wordings the profile accepts for it on this page."""
    texte = sans_accents(driver.text())
    return any(forme in texte for forme in formes(driver, phrase, **valeurs))


def titre_present(driver, texte: str) -> bool:
    """A section title of the page (heading, legend, named region, caption) reads ``texte``, in one of the
    profile's wordings; a trailing colon is ignored."""
    attendus = formes(driver, texte)
    return any(sans_accents(t).rstrip(" :") in attendus for t in driver.section_titles())


def titre_commencant_par(driver, debut: str) -> str | None:
    """The first section title that starts with ``debut`` (in one of the profile's wordings), None if none."""
    attendus = formes(driver, debut)
    return next((t for t in driver.section_titles() if any(sans_accents(t).startswith(a) for a in attendus)), None)


def information_affichee(driver, libelle: str) -> str | None:
    """What the page shows of ``libelle`` outside a form field: a term and its value (dt/dd, th/td) or a line of
    text « libellé : valeur », in one of the profile's wordings; None when it shows neither."""
    if not driver.has_field(libelle):
        valeur = driver.value(libelle)
        if valeur is not None:
            return f"{libelle} : {valeur}"
    texte = sans_accents(driver.text())
    for forme in formes(driver, libelle):
        trouve = re.search(rf"(?<!\w){re.escape(forme)}\s*\*?\s*:\s*[^:]{{1,60}}", texte)
        if trouve:
            return trouve.group(0)
    return None


def texte_apporte(avant: str, apres: str) -> str:
    """The words of ``apres`` that ``avant`` lacks, in order: what a refusal added to the page (its message)."""
    a, b = avant.split(), apres.split()
    blocs = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    return " ".join(" ".join(b[j1:j2]) for quoi, _, _, j1, j2 in blocs if quoi in ("insert", "replace"))


def texte_de_la_page_vierge(ctx: Contexte) -> str:
    """The text of the start page as it first shows, on a fresh driver (the channel's page stays)."""
    driver = driver_de_preparation(ctx)
    try:
        driver.open(ctx.implementation.demarrage)
        return driver.text()
    finally:
        driver.close()


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


def driver_de_preparation(ctx: Contexte):
    """A fresh driver to prepare a state (an account created, activated…) before the channel under test looks
    at it: plain HTTP (fast) when the implementation works without JavaScript, else a new browser context. Made by
    the plugin, which closes it and keeps its page with the scenario's evidence."""
    return ctx.nouveau_driver("http" if "http" in ctx.implementation.capacites or ctx.canal == "http" else None)


# ----------------------------------------------------------------- the four steps


def identifier(driver, implementation, adresse: str, siret: str) -> None:
    """Step 1: open the start page, type the address and the SIRET, Valider."""
    driver.open(implementation.demarrage)
    soumettre_identification(driver, adresse, siret)


def soumettre_identification(driver, adresse: str, siret: str) -> None:
    """Step 1's form, already shown: type the address and the SIRET, Valider."""
    sur_la_page(driver, "identification")
    driver.fill(ADRESSE_CONNEXION, adresse)
    driver.fill(SIRET, siret)
    driver.click(VALIDER)


# docs/AMBIGUITES.md n° 8: the guide does not say which address « Résaisissez votre adresse électronique de
# connexion » repeats once the prefilled one was changed. Each reading is tried, in this order, before a refusal
# on that field is taken for what it is; the reading seen is kept in the scenario's evidence.
LECTURES_RESAISIE = {"contact": "l'adresse du champ du dessus, celle de contact telle que modifiée",
                     "connexion": "l'adresse de connexion de l'étape 1"}


def completer_informations(driver, ctx: Contexte, utilisateur: Utilisateur, *, saisies: dict | None = None,
                           rattachement: str | None = None, services: list[str] = (),
                           raison_sociale: str | None = None) -> None:
    """Step 2: type the user's data (``saisies`` win), choose the attachment, Valider.

    ``raison_sociale`` renames the structure when the field is editable (a preparation's wish);
    ``saisies`` are typed whatever the page says (a scenario's action). A contact address changed and the form
    refused on the re-typed address (or on no field): the other reading of that field is tried too."""
    ambigu = utilisateur.adresse_contact != utilisateur.adresse_connexion and RESAISIE not in (saisies or {})
    if not ambigu:
        _soumettre_informations(driver, ctx, utilisateur, saisies, rattachement, services, raison_sociale, "contact")
        return
    vues = []
    for lecture in [ctx.lecture_resaisie] if ctx.lecture_resaisie else list(LECTURES_RESAISIE):
        _soumettre_informations(driver, ctx, utilisateur, saisies, rattachement, services, raison_sociale, lecture)
        erreurs = driver.errors()
        refuse = etape(driver, "espaces de travail") == "informations"
        vues.append(f"lecture « {LECTURES_RESAISIE[lecture]} » : " + (
            "formulaire accepté" if not refuse else f"refusé sur {', '.join(f'« {c} »' for c in erreurs)}"
            if erreurs else "refusé sans champ en erreur"))
        if not refuse or (erreurs and RESAISIE not in erreurs):
            ctx.lecture_resaisie = lecture  # the page did not refuse this reading: the journey keeps it
            break
    ctx.constats.append(f"« {RESAISIE} » (docs/AMBIGUITES.md n° 8) : " + " ; ".join(vues))


def _soumettre_informations(driver, ctx: Contexte, utilisateur: Utilisateur, saisies: dict | None,
                            rattachement: str | None, services, raison_sociale: str | None, lecture: str) -> None:
    sur_la_page(driver, "informations")
    valeurs = {
        RESAISIE: utilisateur.adresse_contact if lecture == "contact" else utilisateur.adresse_connexion,
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
    sur_la_page(driver, "espaces de travail")
    for espace, valeur in (choix or {}).items():
        driver.choose(espace, valeur)
    driver.click(VALIDER)


def lien_activation(ctx: Contexte, utilisateur: Utilisateur, n: int = 1) -> str:
    """The activation link of the ``n``-th mail received at the login address."""
    attendu = f"un courriel d'activation (n° {n}) avec un lien arrive à {utilisateur.adresse_connexion}"
    try:
        message = ctx.boite_mail.attendre(utilisateur.adresse_connexion, n=n)
    except AssertionError as exc:
        verifier(ctx, False, attendu, str(exc), cause="aucun courriel d'activation n'arrive à l'adresse de connexion",
                 en_cause=REGLE_DE_LA_SUITE["suivante"])
    utilisateur.courriels_lus = max(utilisateur.courriels_lus, n)
    verifier(ctx, bool(message.liens), attendu,
             f"le courriel « {message.sujet} » ne contient aucun lien : {message.texte[:300]!r}",
             cause="le courriel d'activation ne contient aucun lien", en_cause=REGLE_DE_LA_SUITE["activation"])
    utilisateur.lien = message.liens[0]
    return utilisateur.lien


def remplir_activation(driver, mot_de_passe: str, confirmation: str | None = None, *,
                       question: bool = True, reponse: str = "Paris") -> None:
    """Step 4's form, without submitting it."""
    sur_la_page(driver, "activation")
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
    return (statut is None or statut < 400) and etape(driver, SUITES.get(nom, ())) != nom


def activation_acceptee(ctx: Contexte, driver, adresse: str, mot_de_passe: str) -> bool:
    """Step 4's form was accepted and the account is active. The page moved on without a server error, and it
    says so: the guide's announcement (in the profile's wording) or a page of the journey that follows
    (login, account). A page that says neither (an error page served with 200, a bare « Merci ») is not taken at
    its word: logging in with ``mot_de_passe`` must open the account (a fresh driver; the channel's page stays)."""
    statut, page = driver.status(), etape(driver, SUITES["activation"])  # page_quittee's two facts, read once
    if (statut is not None and statut >= 400) or page == "activation":
        return False
    if page in ("connexion", "compte") or texte_contient(driver, COMPTE_ACTIF):
        return True
    return compte_ouvert(ctx, adresse, mot_de_passe)


def compte_ouvert(ctx: Contexte, adresse: str, mot_de_passe: str) -> bool:
    """Logging in with ``adresse`` and ``mot_de_passe`` opens the account page (on a fresh driver)."""
    driver = driver_de_preparation(ctx)
    try:
        se_connecter(driver, ctx.implementation, adresse, mot_de_passe)
        return etape(driver, "compte") == "compte"
    except AssertionError:
        return False
    finally:
        driver.close()


def activer(ctx: Contexte, driver, utilisateur: Utilisateur, mot_de_passe: str) -> None:
    """Step 4 on the activation page already shown: password, question, answer, Valider."""
    remplir_activation(driver, mot_de_passe, reponse=utilisateur.reponse or "Paris")
    driver.click(VALIDER)
    if activation_acceptee(ctx, driver, utilisateur.adresse_connexion, mot_de_passe):
        utilisateur.mot_de_passe = mot_de_passe


def se_connecter(driver, implementation, adresse: str, mot_de_passe: str) -> None:
    driver.open(implementation.connexion)
    soumettre_connexion(driver, adresse, mot_de_passe)


def soumettre_connexion(driver, adresse: str, mot_de_passe: str) -> None:
    """The login form, already shown: type the address and the password, Se connecter."""
    sur_la_page(driver, "connexion")
    driver.fill(ADRESSE_CONNEXION, adresse)
    driver.fill(MOT_DE_PASSE, mot_de_passe)
    driver.click(SE_CONNECTER)


# ----------------------------------------------------------------- whole journeys


def _arret(driver, ou: str, attendue: str) -> str:
    """Why the journey did not reach ``attendue``, worded without the scenario's data (a root cause)."""
    statut, erreurs = driver.status(), driver.errors()
    if erreurs:
        return f"{ou} : formulaire refusé (erreur sur {', '.join(f'« {c} »' for c in erreurs)})"
    if statut and statut >= 500:
        return f"{ou} : erreur du serveur (HTTP {statut})"
    nom = reconnaitre(driver)
    return f"{ou} : la page « {attendue} » ne suit pas ({f'page « {nom} »' if nom else 'page non reconnue'})"


# The rule that says a step of the journey goes on, named as the root cause when it does not.
REGLE_DE_LA_SUITE = {"informations": ("E1_VALIDER_SUITE",), "espaces de travail": ("E2_VALIDER_SUITE",),
                     "suivante": ("E3_VALIDER_COURRIEL",), "activation": ("E4_COURRIEL_LIEN",),
                     "active": ("E4_VALIDER_ACTIF",), "compte": ("E5_CONNEXION_APRES_ACTIVATION",)}


def _en_cause(driver, attendue: str) -> tuple[str, ...]:
    """The rules in cause when ``attendue`` did not follow: a form shown again with fields in error names their
    rules (the journey's own data refused there), anything else the rule that says the step goes on."""
    erreurs = driver.errors() if (driver.status() or 0) < 500 else {}
    regles = regles_du_refus(driver.etape, next(iter(erreurs))) if erreurs else ()  # the first: the root
    return regles or REGLE_DE_LA_SUITE.get(attendue, ())


def _attendre_etape(ctx: Contexte, driver, attendue: str, ou: str) -> None:
    verifier(ctx, lambda: etape(driver, attendue) == attendue, f"{ou} : l'étape « {attendue} » suit",
             lambda: decrire_page(driver), cause=lambda: _arret(driver, ou, attendue),
             en_cause=lambda: _en_cause(driver, attendue))


# The fields of a form that every scenario acting on it types itself (its subject), beside what it chose to type.
SUJETS_DU_FORMULAIRE = {"identification": (ADRESSE_CONNEXION, SIRET), "activation": (MOT_DE_PASSE,)}


def exiger_refus_du_sujet(ctx: Contexte, formulaire: str, champ: str | None = None) -> None:
    """The form of ``formulaire`` came back with fields in error, none of which the scenario's action typed
    (``champ``, ``ctx.saisies``, ``ctx.champs_sujet``): the journey's own data was refused there, and the scenario
    cannot observe its subject. « Préparation impossible », the field in error and its rule named (when that rule
    is the scenario's own, the plugin makes it the subject)."""
    d = ctx.driver
    erreurs = d.errors()
    sujets = {champ, *ctx.saisies, *ctx.champs_sujet, *SUJETS_DU_FORMULAIRE.get(formulaire, ())}
    if not erreurs or any(c in sujets for c in erreurs):
        return
    # The first field in error, in the page's order, is the root: a field that repeats another comes after it.
    regles = regles_du_refus(formulaire, next(iter(erreurs)))
    champs = ", ".join(f"« {c} »" for c in erreurs)
    raise PreparationImpossible(f"page « {formulaire} » : le formulaire, rempli comme le parcours le remplit, est "
                                f"refusé sur {champs}, que le scénario ne saisit pas lui-même",
                                decrire_page(d), regles)


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
    ou = "préparation, étape 3 (Ouvrez vos espaces de travail)"
    verifier(ctx, lambda: page_quittee(driver, "espaces de travail"), f"{ou} : les espaces sont validés",
             lambda: decrire_page(driver), cause=lambda: _arret(driver, ou, "suivante"),
             en_cause=REGLE_DE_LA_SUITE["suivante"])
    lien = lien_activation(ctx, utilisateur)
    # The link leads to the activation page (opening it uses nothing up): the scenarios that need it know now.
    driver.open(lien)
    _attendre_etape(ctx, driver, "activation", "préparation, étape 4 (lien d'activation)")
    if jusqua == "cree":
        return
    activer(ctx, driver, utilisateur, mot_de_passe_conforme(ctx.donnees))
    ou = "préparation, étape 4 (Activez votre compte utilisateur)"
    verifier(ctx, utilisateur.mot_de_passe is not None, f"{ou} : l'activation aboutit",
             lambda: decrire_page(driver), cause=lambda: _arret(driver, ou, "suivante"),
             en_cause=REGLE_DE_LA_SUITE["active"])


# The form of each step, and the page that follows it when the form is accepted.
SUITE_DU_FORMULAIRE = {"identification": "informations", "informations": "espaces de travail",
                       "activation": "active"}


def etape_possible(ctx: Contexte, formulaire: str) -> str | None:
    """Whether the form of ``formulaire`` goes on at all with ordinary valid data (a fresh user, a fresh SIRET,
    a conforming password), on a fresh driver: None when it does, else why not (a root cause). Asked only
    when a value the guide allows was turned back without any field in error: then either this value is refused,
    or the step never goes on, and only the second is another rule's business. Once per scenario and form."""
    deja = ctx.etapes_possibles.get(formulaire, False)
    if deja is not False:
        return deja
    ou = f"contrôle : l'étape « {formulaire} » avec des données ordinaires"
    driver = driver_de_preparation(ctx)
    try:
        autre = nouvel_utilisateur(ctx.donnees)
        siret = ctx.donnees.siret_valide()
        ctx.sirene.enregistrer(siret, cas="diffusible")
        identifier(driver, ctx.implementation, autre.adresse_connexion, siret)
        if formulaire != "identification":
            _attendre_etape(ctx, driver, "informations", ou)
            completer_informations(driver, ctx, autre, rattachement=RATTACHEMENT_STRUCTURE
                                   if driver.has_group(RATTACHEMENT) else None)
        if formulaire == "activation":
            _attendre_etape(ctx, driver, "espaces de travail", ou)
            valider_espaces(driver)
            driver.open(lien_activation(ctx, autre))
            _attendre_etape(ctx, driver, "activation", ou)
            activer(ctx, driver, autre, mot_de_passe_conforme(ctx.donnees))
            resultat = None if autre.mot_de_passe else _arret(driver, ou, "suivante")
        else:
            suivante = SUITE_DU_FORMULAIRE[formulaire]
            resultat = None if etape(driver, suivante) == suivante else _arret(driver, ou, suivante)
    except AssertionError as exc:
        resultat = getattr(exc, "cause", None) or str(exc).splitlines()[0]
    finally:
        driver.close()
    ctx.etapes_possibles[formulaire] = resultat
    return resultat


def exiger_etape_possible(ctx: Contexte, formulaire: str) -> None:
    """``etape_possible``, raising PreparationImpossible (the step's own rule in cause) when the step never
    goes on: the value under test was not what stopped it."""
    cause = etape_possible(ctx, formulaire)
    if cause is not None:
        regles = REGLE_DE_LA_SUITE[SUITE_DU_FORMULAIRE[formulaire] if formulaire != "informations"
                                   else "espaces de travail"]
        raise PreparationImpossible(f"l'étape « {formulaire} » ne va pas plus loin, même avec des données "
                                    f"ordinaires", cause, regles)


def correction_acceptee(ctx: Contexte, driver, formulaire: str, adresse: str | None = None) -> bool:
    """On the form of ``formulaire`` shown again after a refusal, in the same session: the form filled again with
    ordinary valid data (a fresh SIRET, the user's addresses, a conforming password) goes on. A refusal that marks
    no field is a refusal of the value typed only when the corrected form passes: a form that re-displays itself
    whatever it is sent (a value kept from the refused submission, a session stuck) refuses nothing in particular.
    ``adresse``: the login address of the account being activated, when it is not the scenario's user's."""
    ordinaire = nouvel_utilisateur(ctx.donnees)  # the scenario's user may hold the refused value
    try:
        if formulaire == "identification":
            siret = ctx.donnees.siret_valide()
            ctx.sirene.enregistrer(siret, cas="diffusible")
            soumettre_identification(driver, ordinaire.adresse_connexion, siret)
        elif formulaire == "informations":
            # the session's login address, a fresh contact address: the re-typed field follows each reading
            compte = replace(ordinaire, adresse_connexion=assurer_utilisateur(ctx).adresse_connexion,
                             adresse_contact=ordinaire.adresse_connexion)
            completer_informations(driver, ctx, compte,
                                   rattachement=RATTACHEMENT_STRUCTURE if driver.has_group(RATTACHEMENT) else None)
        elif formulaire == "activation":
            # the account being activated: its login address (for a login that confirms it), no password yet
            utilisateur = assurer_utilisateur(ctx)
            compte = replace(utilisateur, adresse_connexion=adresse or utilisateur.adresse_connexion, mot_de_passe=None)
            activer(ctx, driver, compte, mot_de_passe_conforme(ctx.donnees))
            return compte.mot_de_passe is not None
        else:
            raise ValueError(f"formulaire inconnu : {formulaire!r}")
    except AssertionError:
        return False
    return etape(driver, SUITE_DU_FORMULAIRE[formulaire]) == SUITE_DU_FORMULAIRE[formulaire]


def exiger_correction_acceptee(ctx: Contexte, formulaire: str, champ: str) -> None:
    """``correction_acceptee`` on the channel's page, as a check of the scenario's rule: when the corrected form is
    refused too, either the step never goes on (« préparation impossible », its own rule in cause) or the refusal
    was not about « ``champ`` »."""
    d = ctx.driver
    # On the form as shown again (what it keeps from the refused submission is part of the test); the steps that
    # read the refused page afterwards (its message) read what ``ctx.refus`` kept of it.
    ctx.refus.update(texte=d.text(), corrige=True)
    if correction_acceptee(ctx, d, formulaire):
        return
    exiger_etape_possible(ctx, formulaire)
    verifier(ctx, False, f"le refus porte sur « {champ} » : le même formulaire, corrigé, est accepté",
             lambda: f"refusé sans champ en erreur, puis refusé encore une fois corrigé ({decrire_page(d)})")


def exiger_page(ctx: Contexte, nom: str, apres: str) -> None:
    """The scenario's action was to bring page ``nom``, which its Alors observes: when the page is not there, the
    scenario cannot observe anything (« préparation impossible », the rule of the step that did not go on)."""
    d = ctx.driver
    formulaire = etape(d, nom)
    if formulaire == nom:
        return
    if formulaire in SUITE_DU_FORMULAIRE and not d.errors() and (d.status() or 0) < 500:
        exiger_etape_possible(ctx, formulaire)
    raise PreparationImpossible(_arret(d, f"préparation, {apres}", nom), decrire_page(d),
                                REGLE_DE_LA_SUITE.get(nom, ()))


def exiger_reecriture(ctx: Contexte) -> None:
    """The value typed was sent, and replaced on its way (``Driver.rewrite_next_submission``): otherwise the page
    sent nothing with it (its script kept the form back, or reshaped the value) and the server was not asked."""
    if not getattr(ctx.driver, "rewritten", False):
        raise PreparationImpossible("la page n'a envoyé aucune requête portant la valeur saisie : la valeur "
                                    "interdite n'a pas pu être soumise au serveur à sa place", decrire_page(ctx.driver))


def mot_de_passe_sans_ponctuation(donnees) -> str:
    """A conforming password (upper, lower, digits: 3 types) whose characters every request encoding leaves as
    they are, so that it can be found and replaced in what the page sends."""
    return donnees.mot_de_passe(16, ("majuscules", "minuscules", "chiffres"))


def aller_a_l_etape(ctx: Contexte, nom: str) -> None:
    """Show the page of step ``nom`` on the channel under test, the steps before it done with fresh data.
    A preparation: whatever stops it makes the scenario « non vérifié », not its rule non conforme."""
    with preparation(f"préparation, page « {nom} »"):
        _aller_a_l_etape(ctx, nom)


def _aller_a_l_etape(ctx: Contexte, nom: str) -> None:
    utilisateur = assurer_utilisateur(ctx)
    if nom == "identification":
        ctx.driver.open(ctx.implementation.demarrage)
        sur_la_page(ctx.driver, "identification")
    elif nom in ("informations", "espaces de travail"):
        if ctx.driver.canal != "http" and "http" in ctx.implementation.capacites:
            # The steps before are not what this scenario observes: go through them over HTTP (fast), then hand
            # the session (cookies, page) to the browser. An implementation that keeps the journey's state
            # elsewhere (JavaScript storage, hidden fields) shows another page, one that needs JavaScript refuses
            # the plain-HTTP journey: the browser then goes through those steps itself, and judges them.
            par_http = driver_de_preparation(ctx)
            try:
                inscrire(ctx, utilisateur, driver=par_http, jusqua=nom)
                ctx.driver.adopt(par_http.session())
                if etape(ctx.driver, nom) == nom:
                    return
            except AssertionError:
                pass
            finally:
                par_http.close()
        inscrire(ctx, utilisateur, driver=ctx.driver, jusqua=nom)
    elif nom == "activation":
        inscrire(ctx, utilisateur, jusqua="cree")
        ctx.driver.open(utilisateur.lien)
        _attendre_etape(ctx, ctx.driver, "activation", "préparation, étape 4 (lien d'activation)")
    else:
        raise ValueError(f"étape inconnue : {nom!r}")


def connecter(ctx: Contexte, utilisateur: Utilisateur, driver=None) -> None:
    """Log ``utilisateur`` in (on ``driver``, by default the channel's) and expect the account page."""
    driver = driver or ctx.driver
    se_connecter(driver, ctx.implementation, utilisateur.adresse_connexion, utilisateur.mot_de_passe or "")
    _attendre_etape(ctx, driver, "compte", "connexion")


def page_compte(ctx: Contexte) -> None:
    """Make sure the channel shows the user's account page (a preparation of what the scenario observes there)."""
    if etape(ctx.driver, "compte") != "compte":
        with preparation("préparation, connexion au compte"):
            connecter(ctx, ctx.utilisateur)
