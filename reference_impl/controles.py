"""Test-mode controls (docs/CONTRACT.md §4). Registered only in test mode."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from . import sessions, store
from .db import get_db
from .validators import normalise_siret

bp = Blueprint("controles", __name__, url_prefix="/__test__")


def _adresse_et_minutes():
    """The form's ``adresse`` and ``minutes``, or the 400 answer that says which is wrong."""
    adresse = request.form.get("adresse", "").strip()
    try:
        minutes = float(request.form.get("minutes", ""))
    except ValueError:
        return None, None, (jsonify(erreur="minutes doit être un nombre"), 400)
    if not adresse:
        return None, None, (jsonify(erreur="adresse manquante"), 400)
    return adresse, minutes, None


@bp.post("/liens/vieillir")
def vieillir_liens():
    """Move the address's pending activation links ``minutes`` into the past."""
    adresse, minutes, erreur = _adresse_et_minutes()
    if erreur:
        return erreur
    return jsonify(adresse=adresse, minutes=minutes, liens=store.age_links(get_db(), adresse, minutes))


@bp.post("/sessions/vieillir")
def vieillir_sessions():
    """Move the last activity of the sessions of the account ``adresse`` ``minutes`` into the past."""
    adresse, minutes, erreur = _adresse_et_minutes()
    if erreur:
        return erreur
    return jsonify(adresse=adresse, minutes=minutes, sessions=sessions.age_sessions(get_db(), adresse, minutes))


@bp.post("/services")
def ajouter_service():
    """Add a service named ``nom`` to the structure of ``siret``."""
    siret = normalise_siret(request.form.get("siret", ""))
    nom = request.form.get("nom", "").strip()
    if not siret or not nom:
        return jsonify(erreur="siret et nom sont obligatoires"), 400
    service_id = store.add_service(get_db(), siret, nom)
    if service_id is None:
        return jsonify(erreur=f"aucune structure pour le SIRET {siret}"), 404
    return jsonify(siret=siret, nom=nom, id=service_id), 201
