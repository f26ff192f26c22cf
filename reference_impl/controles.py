"""Test-mode controls (docs/CONTRACT.md §4). Registered only in test mode."""
from __future__ import annotations

from flask import Blueprint, jsonify, request

from . import sessions, store
from .db import get_db
from .validators import normalise_siret

bp = Blueprint("controles", __name__, url_prefix="/__test__")


@bp.post("/liens/vieillir")
def vieillir_liens():
    """Move the address's pending activation links ``minutes`` into the past."""
    adresse = request.form.get("adresse", "").strip()
    try:
        minutes = float(request.form.get("minutes", ""))
    except ValueError:
        return jsonify(erreur="minutes doit être un nombre"), 400
    if not adresse:
        return jsonify(erreur="adresse manquante"), 400
    count = store.age_links(get_db(), adresse, minutes)
    return jsonify(adresse=adresse, minutes=minutes, liens=count)


@bp.post("/sessions/vieillir")
def vieillir_sessions():
    """Move the last activity of the sessions of the account ``adresse`` ``minutes`` into the past."""
    adresse = request.form.get("adresse", "").strip()
    try:
        minutes = float(request.form.get("minutes", ""))
    except ValueError:
        return jsonify(erreur="minutes doit être un nombre"), 400
    if not adresse:
        return jsonify(erreur="adresse manquante"), 400
    count = sessions.age_sessions(get_db(), adresse, minutes)
    return jsonify(adresse=adresse, minutes=minutes, sessions=count)


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
