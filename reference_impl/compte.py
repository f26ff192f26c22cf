"""After activation: login, the account page ("Mon compte"), logout."""
from __future__ import annotations

import functools

from argon2.exceptions import InvalidHashError, VerificationError
from flask import Blueprint, current_app, flash, g, redirect, request, session, url_for

from . import store
from .db import get_db
from .faults import fault
from .forms import read_espaces, render_form, text

bp = Blueprint("compte", __name__)

LOGIN_FAILED = ("Adresse électronique de connexion ou mot de passe incorrect, ou compte non activé. "
                "Vérifiez votre saisie.")
# Verified when the address is unknown, so that the answer takes as long as for a known one.
_DUMMY_HASH = None


def _verify(password_hash: str | None, password: str) -> bool:
    global _DUMMY_HASH
    hasher = current_app.extensions["argon2"]
    if password_hash is None:
        _DUMMY_HASH = _DUMMY_HASH or hasher.hash("mot de passe factice")
        password_hash = _DUMMY_HASH
        password = password + "\x00"
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@bp.route("/connexion", methods=["GET", "POST"])
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
        ok = bool(user and user["actif"]) and (fault("connexion_mot_de_passe_ignore")
                                               or _verify(user["mot_de_passe_hash"], password))
        if fault("compte_sans_mot_de_passe_ouvert") and user and user["mot_de_passe_hash"] is None:
            # The hurried version compares the typed password with the stored one as text: an account not yet
            # activated has none, and an empty password matches it.
            ok = password == ""
        if fault("connexion_statut_inverse"):
            ok = ok and not user["actif"]
    if not ok:
        message = LOGIN_FAILED
        if fault("connexion_message_revelateur"):
            message = "Mot de passe incorrect." if user else "Aucun compte n'existe pour cette adresse électronique."
        return render_form("connexion.html", {"mot_de_passe": message}, values={"adresse_connexion": adresse})
    session.clear()
    session["user_id"] = user["id"]
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
    session.clear()
    return redirect(url_for(".connexion"), 303)
