"""Guide step 4: the activation link, the password and the secret question."""
from __future__ import annotations

import sqlite3
import time

from flask import Blueprint, current_app, make_response, render_template, request

from . import limites, store
from .choices import QUESTIONS_SECRETES
from .db import get_db
from .faults import fault
from .forms import render_form, text
from .limites import limiter
from .mailer import MailError, send_account_exists, send_activation
from .validators import (PASSWORD_MAX_LENGTH, PASSWORD_MIN_CLASSES, PASSWORD_MIN_LENGTH, control_error,
                         email_error, password_error)

bp = Blueprint("activation", __name__)

ADRESSE_CONNEXION = "Adresse électronique de connexion"

EXPIRE = "expire"
UTILISE = "utilise"
VALIDE = "valide"


def send_activation_or_notice(db: sqlite3.Connection, user: sqlite3.Row) -> str | None:
    """Mail a new activation link (the older ones stop working), or, for an account already active, say so.
    The token mailed, None for an active account."""
    if user["actif"]:
        send_account_exists(user["adresse_connexion"])
        return None
    token = store.issue_link(db, user["id"])
    to = user["adresse_contact"] if fault("mail_vers_adresse_contact") else user["adresse_connexion"]
    send_activation(to, user["prenom"], user["nom"], user["adresse_connexion"], token)
    return token


def link_state(link: sqlite3.Row) -> str:
    if link["used_at"] is not None and not fault("lien_reutilisable"):
        return UTILISE
    validity = (30 if fault("lien_valide_30_minutes") else current_app.config["LINK_VALIDITY_MINUTES"]) * 60
    if time.time() > link["issued_at"] + validity and not fault("lien_sans_expiration"):
        return EXPIRE
    return VALIDE


def _refused(token: str, state: str):
    return render_template("lien_refuse.html", token=token, etat=state,
                           minutes=current_app.config["LINK_VALIDITY_MINUTES"])


def _render_activation(token: str, user: sqlite3.Row, values: dict, errors: dict[str, str] | None = None):
    return render_form("activation.html", errors, token=token, user=user, values=values,
                       questions=QUESTIONS_SECRETES)


@bp.route("/activation/<token>", methods=["GET", "POST"])
def activation(token: str):
    db = get_db()
    link = store.find_link(db, token)
    if link is None:
        return render_template("erreur.html", titre="Lien d'activation invalide",
                               message="Ce lien d'activation n'est pas valide : vérifiez qu'il a été copié en "
                                       "entier depuis le courriel reçu. Un lien remplacé par un plus récent ne "
                                       "fonctionne plus : utilisez celui du dernier courriel."), 404
    state = link_state(link)
    if request.method == "POST" and (state == UTILISE and fault("sec_jeton_rejouable")
                                     or state == EXPIRE and fault("sec_jeton_expire_accepte_en_post")):
        # The hurried version checks the link when it shows the form, not when the form comes back.
        state = VALIDE
    if state != VALIDE:
        return _refused(token, state)
    user = store.get_user(db, link["utilisateur_id"])
    if request.method == "GET":
        return _render_activation(token, user, {"question": "", "reponse": ""})

    password = request.form.get("mot_de_passe", "")
    confirmation = request.form.get("confirmation", "")
    values = {"question": text("question"), "reponse": text("reponse")}
    hasher = current_app.extensions["argon2"]
    errors: dict[str, str] = {}
    if fault("sec_mdp_renvoye"):
        values["mot_de_passe"] = password
    error = password_error(
        password,
        min_length=PASSWORD_MIN_LENGTH - 1 if fault("mdp_11_caracteres") else PASSWORD_MIN_LENGTH,
        min_classes=PASSWORD_MIN_CLASSES - 1 if fault("mdp_deux_classes") else PASSWORD_MIN_CLASSES,
        max_length=(None if fault("sec_taille_illimitee") else 50 if fault("sec_mdp_50_caracteres")
                    else PASSWORD_MAX_LENGTH),
    )
    if error:
        errors["mot_de_passe"] = error
    elif fault("compte_actif_avant_activation"):
        # The hurried version saves the password before the rest of the form is checked.
        store.set_password(db, user["id"], hasher.hash(password))
    if not confirmation:
        errors["confirmation"] = "Confirmation : ce champ est obligatoire."
    elif confirmation != password and not fault("mdp_confirmation_ignoree"):
        errors["confirmation"] = "Confirmation : la confirmation doit être identique au mot de passe."
    if values["question"] not in QUESTIONS_SECRETES:
        errors["question"] = "Question secrète : choisissez une question dans la liste."
    if not values["reponse"] and not fault("reponse_facultative"):
        errors["reponse"] = "Réponse : ce champ est obligatoire."
    elif erreur := control_error("Réponse", values["reponse"]):
        errors["reponse"] = erreur
    if errors:
        return _render_activation(token, user, values, errors)
    if fault("mdp_accentue_erreur_technique") and not password.isascii():
        # The hurried version's hashing library was called with bytes in ASCII: the page it shows is an
        # apology, served with 200, and the account is not activated.
        return render_template("erreur.html", titre="Une erreur technique est survenue",
                               message="Veuillez réessayer plus tard.")

    activated = store.activate(db, user["id"], link["id"], password_hash=hasher.hash(password),
                               question=values["question"], reponse_hash=hasher.hash(values["reponse"].casefold()))
    if not activated:
        return _refused(token, UTILISE)
    return render_template("activation_ok.html")


@bp.post("/activation/<token>/nouveau-lien")
def nouveau_lien(token: str):
    db = get_db()
    link = store.find_link(db, token)
    if link is None:
        return render_template("erreur.html", titre="Lien d'activation invalide",
                               message="Ce lien d'activation n'est pas valide."), 404
    try:
        if not fault("nouveau_lien_non_envoye"):
            send_activation_or_notice(db, store.get_user(db, link["utilisateur_id"]))
    except MailError:
        return render_template("erreur.html", titre="Envoi impossible",
                               message="Le courriel n'a pas pu être envoyé. Réessayez dans quelques instants."), 503
    return render_template("nouveau_lien.html")


def _trop_de_demandes(_limite):
    return make_response(render_form("demande_lien.html", {"adresse_connexion": limites.TROP_DE_DEMANDES},
                                     values={"adresse_connexion": text("adresse_connexion")}), 429)


@bp.route("/activation/nouveau-lien", methods=["GET", "POST"])
@limiter.limit(limites.NOUVEAU_LIEN, key_func=limites.adresse_saisie, methods=["POST"],
               on_breach=_trop_de_demandes)
def demande_lien():
    """A new activation link asked for by address (a lost or expired mail). The answer is the same whether
    an account has that address or not, and the mail leaves after the answer: neither the page nor its
    duration says which addresses have an account."""
    if request.method == "GET":
        return render_form("demande_lien.html", values={})
    adresse = text("adresse_connexion")
    error = email_error(ADRESSE_CONNEXION, adresse)
    db = get_db()
    user = store.find_user_by_login(db, adresse) if not error else None
    if user is None and not error and fault("sec_nouveau_lien_revele_compte"):
        error = f"{ADRESSE_CONNEXION} : aucun compte n'existe pour cette adresse électronique."
    if error:
        return render_form("demande_lien.html", {"adresse_connexion": error}, values={"adresse_connexion": adresse})
    if user is not None and fault("sec_delai_par_compte"):
        # The hurried version spaces out the requests of an account (a delay kept with the account).
        time.sleep(limites.DELAI_PAR_COMPTE)
    response = make_response(render_template("demande_lien_envoyee.html", adresse=adresse))
    if user is not None:
        app = current_app._get_current_object()
        user_id = user["id"]

        @response.call_on_close
        def envoyer() -> None:
            # After the answer has left: an address with an account is not answered later than one without.
            with app.app_context():
                try:
                    send_activation_or_notice(get_db(), store.get_user(get_db(), user_id))
                except MailError:
                    pass  # logged by the mailer; the user may ask again
    return response


@bp.get("/activation/annulee")
def annulee():
    return render_template("activation_annulee.html")

