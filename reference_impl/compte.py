"""After activation: login, the account page ("Mon compte"), logout."""
from __future__ import annotations

import functools
import time

from argon2.exceptions import InvalidHashError, VerificationError
from flask import Blueprint, current_app, flash, g, make_response, redirect, request, session, url_for

from . import limites, store
from .db import get_db
from .faults import fault
from .forms import read_espaces, render_form, text
from .limites import limiter

bp = Blueprint("compte", __name__)

LOGIN_FAILED = ("Adresse électronique de connexion ou mot de passe incorrect, ou compte non activé. "
                "Vérifiez votre saisie.")


def _verify(password_hash: str | None, password: str) -> bool:
    hasher = current_app.extensions["argon2"]
    if password_hash is None:
        # A hash of this application's own cost, verified when the address is unknown or has no password yet,
        # so that the answer takes as long as for an active account.
        if "argon2_factice" not in current_app.extensions:
            current_app.extensions["argon2_factice"] = hasher.hash("mot de passe factice")
        password_hash = current_app.extensions["argon2_factice"]
        password = password + "\x00"
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _trop_de_tentatives(_limite):
    """The login form again, the address kept, saying why nothing was checked (the same for every address)."""
    return make_response(render_form("connexion.html", {"mot_de_passe": "Mot de passe : " + limites.TROP_DE_TENTATIVES},
                                      values={"adresse_connexion": text("adresse_connexion")}), 429)


@bp.route("/connexion", methods=["GET", "POST"])
@limiter.limit(limites.CONNEXION, key_func=limites.adresse_saisie, methods=["POST"],
               deduct_when=lambda _reponse: limites.echec(), on_breach=_trop_de_tentatives,
               exempt_when=lambda: fault("sec_connexion_sans_limite"))
def connexion():
    if request.method == "GET":
        return render_form("connexion.html", values={})
    adresse = text("adresse_connexion")
    password = request.form.get("mot_de_passe", "")
    find_user = store.find_user_by_contact if fault("connexion_par_adresse_contact") else store.find_user_by_login
    user = find_user(get_db(), adresse) if adresse else None
    if fault("compte_actif_avant_activation"):
        # The hurried version: no status check, and an account without a password yet lets anyone in.
        ok = user is not None and (user["mot_de_passe_hash"] is None or _verify(user["mot_de_passe_hash"], password))
    else:
        # The password is checked whatever the address (a dummy hash when there is no account or no password
        # yet): the answer takes as long for an unknown address as for a known one.
        verified = _verify(user["mot_de_passe_hash"] if user else None, password)
        ok = bool(user and user["actif"]) and (fault("connexion_mot_de_passe_ignore") or verified)
        if fault("compte_sans_mot_de_passe_ouvert") and user and user["mot_de_passe_hash"] is None:
            # The hurried version compares the typed password with the stored one as text: an account not yet
            # activated has none, and an empty password matches it.
            ok = password == ""
        if fault("connexion_statut_inverse"):
            ok = ok and not user["actif"]
    if not ok:
        limites.noter_echec()
        message = LOGIN_FAILED
        if fault("connexion_message_revelateur"):
            message = "Mot de passe incorrect." if user else "Aucun compte n'existe pour cette adresse électronique."
        if fault("sec_connexion_compte_inactif_revele") and user and not user["actif"]:
            message = "Votre compte n'est pas encore activé : ouvrez le lien d'activation reçu par courriel."
        if fault("sec_delai_par_compte") and user:
            # The hurried version slows the failed attempts of the account (a delay kept with the account):
            # an unknown address, which has none, is answered at once.
            time.sleep(limites.DELAI_PAR_COMPTE)
        return render_form("connexion.html", {"mot_de_passe": message}, values={"adresse_connexion": adresse})
    session.clear()
    session["user_id"] = user["id"]
    # A new session id at login: an id known before (fixation) opens nothing.
    current_app.session_interface.regenerate(session)
    return redirect(url_for(".mon_compte"), 303)


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        user_id = session.get("user_id")
        g.user = store.get_user(get_db(), user_id) if user_id else None
        if g.user is None:
            return redirect(url_for(".connexion"), 303)
        return view(*args, **kwargs)
    return wrapped


@bp.route("/mon-compte", methods=["GET", "POST"])
@login_required
def mon_compte():
    db = get_db()
    user = g.user
    errors: dict[str, str] = {}
    if request.method == "POST":
        choix = read_espaces(errors)
        if not errors:
            if not fault("compte_espaces_ignores"):
                store.set_espaces(db, user["id"], choix)
            if request.form.get("consentement") == "oui" or not fault("consentement_non_retirable"):
                store.set_consentement(db, user["id"], request.form.get("consentement") == "oui")
            flash("Vos modifications ont été enregistrées.")
            return redirect(url_for(".mon_compte"), 303)
    return render_form(
        "mon_compte.html", errors,
        user=user,
        structure=store.get_structure(db, user["structure_id"]),
        services=store.user_services(db, user["id"]),
        choix=store.get_espaces(db, user["id"]),
    )


@bp.post("/deconnexion")
def deconnexion():
    if fault("sec_deconnexion_cote_client"):
        # The hurried version only tells the browser to forget its cookie: the session stays open on the server.
        g.session_laissee = True
        response = redirect(url_for(".connexion"), 303)
        response.delete_cookie(current_app.config["SESSION_COOKIE_NAME"])
        return response
    session.clear()  # server-side session: the record is deleted, the old cookie opens nothing
    return redirect(url_for(".connexion"), 303)
