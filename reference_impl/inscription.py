"""Guide steps 1 to 3: identification, informations, espaces de travail.

The sign-up in progress lives in the session; the database is written only
when a step validates (step 2 creates the inactive user, step 3 records the
workspaces and sends the activation mail).
"""
from __future__ import annotations

import re
import time

from flask import (Blueprint, Response, abort, current_app, make_response, redirect, render_template, request,
                   session, url_for)

from . import captcha_challenge, limites, sirene, store
from .activation import send_activation_or_notice
from .choices import AUTRES_IDENTIFIANTS, RATTACHEMENTS
from .db import get_db
from .faults import fault
from .forms import default_espaces, espace_field, read_espaces, render_form, text
from .limites import limiter
from .mailer import MailError
from .validators import control_error, email_error, normalise_siret, siret_error

bp = Blueprint("inscription", __name__)

LOGIN_LABEL = "Adresse électronique de connexion"
CONFIRMATION_LABEL = "Résaisissez votre adresse électronique de connexion"
STRUCTURE_FIELDS = ("raison_sociale", "libelle", "adresse", "complement_adresse_1", "complement_adresse_2",
                    "code_postal", "ville", "pays")
ADDRESS_FIELDS = ("adresse", "code_postal", "ville", "pays")  # masked when not diffusible
MAX_LENGTH = 200


class SireneIndisponible(RuntimeError):
    pass


# --- step 1 ------------------------------------------------------------------

@bp.route("/", methods=["GET", "POST"])
def identification():
    if request.method == "GET":
        return render_form("identification.html", values={})
    values = {"adresse_connexion": text("adresse_connexion"), "siret": text("siret")}
    if fault("siret_refus_muet_collant") and request.form.get("siret_refuse"):
        # The hurried version checks the SIRET it refused last time, kept in a hidden field, not the one typed.
        values["siret"] = request.form["siret_refuse"]
    errors: dict[str, str] = {}
    error = email_error(LOGIN_LABEL, values["adresse_connexion"], check_syntax=not fault("email_syntaxe_ignoree"),
                        lax_end_of_line=fault("sec_adresse_fin_de_ligne"))
    if error and not (fault("adresse_vide_acceptee") and not values["adresse_connexion"]):
        errors["adresse_connexion"] = error
    elif (fault("sec_identification_revele_compte") or fault("sec_delai_par_compte")) and store.find_user_by_login(
            get_db(), values["adresse_connexion"]):
        if fault("sec_delai_par_compte"):
            # The hurried version slows down a new sign-up of an address that has an account (a delay kept
            # with the account): an address without one goes on at once.
            time.sleep(limites.DELAI_PAR_COMPTE)
        else:
            # The hurried version stops at once an address that already has an account, and says why.
            errors["adresse_connexion"] = f"{LOGIN_LABEL} : un compte existe déjà pour cette adresse électronique."
    if fault("siret_longueur_ignoree"):
        values["siret"] = normalise_siret(values["siret"])[:14]
    if fault("siret_vide_accepte") and not values["siret"]:
        error = None
    elif fault("siret_separateurs_refuses") and re.search(r"[ .]", values["siret"]):
        error = "Numéro de SIRET : le numéro doit comporter exactement 14 chiffres."
    else:
        error = siret_error(
            values["siret"],
            check_key=not (fault("siret_cle_ignoree") or fault("siret_controle_navigateur_seulement")),
            la_poste_exception=not fault("siret_la_poste_refusee"),
        )
    if error:
        errors["siret"] = error
    elif not values["siret"]:  # only with fault siret_vide_accepte: no lookup, the structure typed by hand
        siret = ""
        consultation = sirene.Consultation(sirene.INDISPONIBLE, detail="SIRET vide")
    else:
        siret = normalise_siret(values["siret"])
        config = current_app.config
        consultation = sirene.consulter(config["SIRENE_URL"], config["SIRENE_KEY"], siret,
                                        timeout=config["SIRENE_TIMEOUT"])
        if consultation.etat == sirene.INCONNU and fault("siret_inconnu_accepte"):
            consultation = sirene.Consultation(sirene.INDISPONIBLE, detail="404")
        if consultation.etat == sirene.FERME and fault("etablissement_ferme_accepte"):
            consultation = sirene.Consultation(sirene.TROUVE, consultation.etablissement)
        if consultation.etat == sirene.INCONNU and fault("siret_inconnu_message_general"):
            # The hurried version says something went wrong, at the top of the page, not what.
            return render_template("identification.html", errors={}, values=values, summary=[
                ("", "Votre identification n'a pas abouti. Vérifiez les informations saisies.")])
        if consultation.etat == sirene.INCONNU:
            errors["siret"] = ("Numéro de SIRET : ce numéro est inconnu de l'INSEE (répertoire Sirene). "
                               "Vérifiez le numéro saisi.")
        elif consultation.etat == sirene.FERME:
            errors["siret"] = ("Numéro de SIRET : cet établissement est fermé selon l'INSEE ; "
                               "un établissement fermé ne peut pas créer de compte.")
        elif consultation.etat == sirene.INDISPONIBLE:
            current_app.logger.warning("Sirene indisponible pour %s : %s", siret, consultation.detail)
            if fault("erreur_500_sirene"):
                raise SireneIndisponible(consultation.detail)
    if errors.get("siret") and fault("siret_refus_muet_collant"):
        # ... and shows the form again without saying what is wrong.
        return render_template("identification.html", errors={}, summary=[], values=values,
                               siret_refuse=values["siret"])
    if errors:
        if fault("saisie_perdue_apres_refus"):
            values = {}
        return render_form("identification.html", errors, values=values)
    if fault("identification_sans_suite"):
        # The hurried version: the data is checked, then the same form comes back, empty, as if nothing happened.
        return render_form("identification.html", {}, values={})
    session.pop("inscription_terminee", None)
    session["inscription"] = {
        "etape": 2,
        "adresse": values["adresse_connexion"],
        "siret": siret,
        "sirene": consultation.etat,
        "etablissement": consultation.etablissement.to_dict() if consultation.etablissement else None,
    }
    return redirect(url_for(".informations"), 303)


@bp.get("/sans-siret")
def sans_siret():
    return render_template("sans_siret.html", identifiants=AUTRES_IDENTIFIANTS)


@bp.get("/aide")
def aide():
    return render_template("aide.html")


# --- step 2 ------------------------------------------------------------------

def _inscription(etape: int) -> dict | None:
    inscription = session.get("inscription")
    if not inscription or inscription.get("etape") != etape:
        return None
    return inscription


def _existing_structure(siret: str):
    """The structure already created for this SIRET (the user then picks a rattachement)."""
    if fault("structure_dupliquee"):
        return None
    return store.find_structure_by_siret(get_db(), siret)


def _prefill(inscription: dict) -> dict[str, str]:
    etablissement = inscription["etablissement"] or {}
    if fault("prefill_insee_absent"):
        etablissement = {}
    values = {key: etablissement.get(key, "") for key in STRUCTURE_FIELDS}
    if fault("prefill_adresse_absente"):
        values.update(adresse="", complement_adresse_1="", code_postal="", ville="")
    if values["pays"] == "France" and fault("pays_code_iso"):
        values["pays"] = "FR"
    if etablissement.get("non_diffusible") and fault("non_diffusible_affiche"):
        # What INSEE sent for a masked establishment, masks included.
        for key in ADDRESS_FIELDS:
            values[key] = values[key] or "[ND]"
    return values


def _render_informations(inscription: dict, values: dict, errors: dict[str, str] | None = None):
    db = get_db()
    etablissement = inscription["etablissement"] or {}
    non_diffusible = bool(etablissement.get("non_diffusible"))
    structure = _existing_structure(inscription["siret"])
    return render_form(
        "informations.html", errors,
        inscription=inscription,
        values=values,
        sirene_indisponible=inscription["sirene"] == sirene.INDISPONIBLE,
        non_diffusible_coche=non_diffusible and not (fault("non_diffusible_non_coche") or fault("non_diffusible_affiche")),
        adresse_masquee=non_diffusible and not fault("non_diffusible_affiche"),
        lecture_seule=bool(etablissement) and fault("structure_lecture_seule"),
        structure_existante=structure,
        services=store.services_of(db, structure["id"]) if structure else [],
        captcha_image=captcha_challenge.new_challenge(),
    )


@bp.get("/informations")
def informations():
    inscription = _inscription(2)
    if inscription is None:
        return redirect(url_for(".identification"), 303)
    values = {
        "adresse_contact": (re.sub(r"\+[^@]*@", "@", inscription["adresse"]) if fault("contact_prerempli_sans_sous_adresse")
                            else inscription["adresse"]),
        "adresse_contact_confirmation": "",
        "nom": "",
        "prenom": "",
        "consentement": fault("consentement_coche"),
        "rattachement": "",
        "services": [],
        **_prefill(inscription),
    }
    return _render_informations(inscription, values)


def _posted_informations(inscription: dict) -> dict:
    """The informations form as posted; the masked address fields of a non-diffusible establishment dropped."""
    etablissement = inscription["etablissement"] or {}
    values = {key: text(key) for key in ("adresse_contact", "adresse_contact_confirmation", "nom", "prenom",
                                         "rattachement", *STRUCTURE_FIELDS)}
    values["consentement"] = request.form.get("consentement") == "oui"
    values["services"] = request.form.getlist("services")
    if bool(etablissement.get("non_diffusible")) and not fault("non_diffusible_affiche"):
        for key in ADDRESS_FIELDS:
            values[key] = ""
    return values


def _captcha_bloque(_limite):
    """Too many wrong captcha answers for this sign-up: the form again, nothing checked, the captcha in error."""
    inscription = _inscription(2)
    if inscription is None:
        return redirect(url_for(".identification"), 303)
    return make_response(_render_informations(inscription, _posted_informations(inscription), {
        "captcha": "Entrez les caractères générés par l'image : " + limites.TROP_DE_TENTATIVES}), 429)


@bp.post("/informations")
@limiter.limit(limites.CAPTCHA, key_func=limites.adresse_inscrite, deduct_when=lambda _reponse: limites.echec(),
               on_breach=_captcha_bloque, exempt_when=lambda: fault("sec_captcha_sans_limite"))
def informations_post():
    inscription = _inscription(2)
    if inscription is None:
        return redirect(url_for(".identification"), 303)
    db = get_db()
    etablissement = inscription["etablissement"] or {}
    structure = _existing_structure(inscription["siret"])
    values = _posted_informations(inscription)
    if inscription["sirene"] == sirene.INDISPONIBLE:
        non_diffusible = request.form.get("non_diffusible") == "oui"
    else:
        non_diffusible = bool(etablissement.get("non_diffusible"))

    errors: dict[str, str] = {}
    error = email_error(LOGIN_LABEL, values["adresse_contact"],
                        check_syntax=not (fault("email_syntaxe_ignoree") or fault("contact_syntaxe_ignoree")),
                        lax_end_of_line=fault("sec_adresse_fin_de_ligne"))
    if error:
        errors["adresse_contact"] = error
    if not values["adresse_contact_confirmation"]:
        errors["adresse_contact_confirmation"] = f"{CONFIRMATION_LABEL} : ce champ est obligatoire."
    elif values["adresse_contact_confirmation"] != values["adresse_contact"] and not fault("resaisie_email_ignoree"):
        errors["adresse_contact_confirmation"] = (
            f"{CONFIRMATION_LABEL} : les deux adresses doivent être identiques.")
    if not values["nom"] and not fault("champ_nom_facultatif"):
        errors["nom"] = "Nom : ce champ est obligatoire."
    if not values["prenom"]:
        errors["prenom"] = "Prénom : ce champ est obligatoire."
    if fault("nom_apostrophe_refusee"):
        for key, label in (("nom", "Nom"), ("prenom", "Prénom")):
            if key not in errors and re.search(r"['’]", values[key]):
                errors[key] = f"{label} : seuls les lettres, les espaces et les traits d'union sont acceptés."
    captcha = text("captcha")
    if not captcha:
        errors["captcha"] = "Entrez les caractères générés par l'image : ce champ est obligatoire."
    elif not fault("captcha_ignore") and not captcha_challenge.check(captcha):
        limites.noter_echec()
        errors["captcha"] = ("Entrez les caractères générés par l'image : les caractères saisis ne correspondent "
                             "pas à l'image. Une nouvelle image est affichée.")
    if not values["raison_sociale"]:
        errors["raison_sociale"] = "Raison Sociale : ce champ est obligatoire."
    for key, label in (("nom", "Nom"), ("prenom", "Prénom"), ("raison_sociale", "Raison Sociale"),
                       ("libelle", "Libellé de la structure"), ("adresse", "Adresse"),
                       ("complement_adresse_1", "Complément adresse 1"),
                       ("complement_adresse_2", "Complément adresse 2"), ("code_postal", "Code postal"),
                       ("ville", "Ville"), ("pays", "Pays")):
        if key in errors:
            continue
        if len(values[key]) > MAX_LENGTH and not fault("sec_taille_illimitee"):
            errors[key] = f"{label} : {MAX_LENGTH} caractères au maximum."
        elif not fault("sec_controles_conserves") and (erreur := control_error(label, values[key])):
            errors[key] = erreur

    rattachement, service_ids = "structure", []
    if structure is not None:
        rattachement = values["rattachement"]
        if not rattachement and fault("rattachement_par_defaut"):
            rattachement = "structure"
        known = {str(service["id"]) for service in store.services_of(db, structure["id"])}
        service_ids = [int(s) for s in values["services"] if s in known]
        if rattachement not in RATTACHEMENTS:
            errors["rattachement"] = "Je me rattache à : choisissez la structure entière ou certains services."
        elif rattachement == "services" and not service_ids and not fault("services_non_exiges"):
            errors["services"] = "Services : cochez au moins un service de la structure."
        if rattachement == "services" and fault("rattachement_ignore"):
            rattachement, service_ids = "structure", []
        elif rattachement == "structure" and fault("rattachement_structure_enregistre_services"):
            rattachement = "services"

    if errors:
        return _render_informations(inscription, values, errors)

    account = None
    if store.find_user_by_login(db, inscription["adresse"]) is None:
        account = store.create_account(
            db,
            adresse_connexion=inscription["adresse"],
            adresse_contact=values["adresse_contact"],
            nom=values["nom"],
            prenom=values["prenom"],
            consentement=values["consentement"],
            siret=inscription["siret"],
            structure={**{key: values[key] for key in STRUCTURE_FIELDS}, "non_diffusible": non_diffusible},
            rattachement=rattachement,
            service_ids=service_ids,
        )
    # An address that already has an account goes through the same pages;
    # only the mail sent at step 3 differs (no account enumeration).
    inscription.update(
        etape=3,
        user_id=account.user_id if account else None,
        gestionnaire_principal=account.gestionnaire_principal if account else structure is None,
        nom=values["nom"],
        prenom=values["prenom"],
    )
    session["inscription"] = inscription
    return redirect(url_for(".espaces"), 303)


@bp.get("/captcha/audio")
def captcha_audio():
    wav = captcha_challenge.audio()
    if wav is None:
        abort(404)
    return Response(wav, mimetype="audio/wav", headers={"Cache-Control": "no-store"})


# --- step 3 ------------------------------------------------------------------

@bp.route("/espaces", methods=["GET", "POST"])
def espaces():
    inscription = _inscription(3)
    if inscription is None:
        return redirect(url_for(".identification"), 303)
    if request.method == "GET":
        return render_form("espaces.html", inscription=inscription, choix=default_espaces())

    errors: dict[str, str] = {}
    choix = read_espaces(errors)
    if errors:
        return render_form("espaces.html", errors, inscription=inscription,
                           choix={k: v for k, v in choix.items() if espace_field(k) not in errors})
    if fault("choix_espaces_ignores"):
        choix = default_espaces()
    if fault("espaces_multiples_erreur_500"):
        # The hurried version expects a single active workspace.
        (actif,) = [key for key, oui in choix.items() if oui]
        current_app.logger.info("espace activé : %s", actif)
    db = get_db()
    user_id = inscription["user_id"]
    if user_id is not None:
        store.set_espaces(db, user_id, choix)
        user = store.get_user(db, user_id)
    else:
        user = store.find_user_by_login(db, inscription["adresse"])
    try:
        token = send_activation_or_notice(db, user)
    except MailError:
        return render_form("espaces.html", inscription=inscription, choix=choix, mail_en_erreur=True), 503
    if not fault("sec_espaces_rejouables"):
        # Step 3 is done: the same form posted again (a replayed request) finds no sign-up in progress.
        session.pop("inscription", None)
    session["inscription_terminee"] = {"gestionnaire_principal": inscription["gestionnaire_principal"]}
    if fault("sec_jeton_dans_la_page") and token:
        # The hurried version offers the activation right away, on the page: no need to own the mailbox.
        session["inscription_terminee"]["lien"] = url_for("activation.activation", token=token)
    return redirect(url_for(".confirmation"), 303)


@bp.get("/inscription/confirmation")
def confirmation():
    terminee = session.get("inscription_terminee")
    if terminee is None:
        return redirect(url_for(".identification"), 303)
    return render_template("confirmation.html", gestionnaire_principal=terminee["gestionnaire_principal"],
                           lien=terminee.get("lien"))
