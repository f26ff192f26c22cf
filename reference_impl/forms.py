"""What every form page shares: error display and reading posted values."""
from __future__ import annotations

from typing import Any

from flask import render_template, request

from .choices import ESPACES
from .faults import fault

GENERIC_ERROR = "Le formulaire contient des erreurs. Vérifiez votre saisie."


def render_form(template: str, errors: dict[str, str] | None = None, **context: Any) -> str:
    """Render a form page; ``errors`` maps a field's name to its French message.

    Each message is shown next to its field (aria-invalid + aria-describedby)
    and repeated in a summary at the top of the page.
    """
    errors = errors or {}
    summary = list(errors.items())
    if errors and fault("message_erreur_generique"):
        errors, summary = {}, [("", GENERIC_ERROR)]
    return render_template(template, errors=errors, summary=summary, **context)


def text(name: str) -> str:
    return request.form.get(name, "").strip()


def espace_field(key: str) -> str:
    return f"espace_{key}"


def read_espaces(errors: dict[str, str]) -> dict[str, bool]:
    """The OUI/NON choice of each workspace; a missing choice is an error."""
    choix = {}
    for espace in ESPACES:
        value = request.form.get(espace_field(espace.key))
        if value not in ("OUI", "NON"):
            errors[espace_field(espace.key)] = f"{espace.nom} : choisissez OUI ou NON."
        choix[espace.key] = value == "OUI"
    return choix


def default_espaces() -> dict[str, bool]:
    choix = {espace.key: espace.actif_par_defaut for espace in ESPACES}
    if fault("espace_factures_emises_non"):
        choix["factures_emises"] = False
    if fault("espace_engagements_oui"):
        choix["engagements"] = True
    return choix
