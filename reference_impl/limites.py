"""Anti-automation (Flask-Limiter): failed logins, wrong captcha answers and new-link requests, per address.

Each limit is keyed by the address typed, whether an account has it or not, so that a blocked address says
nothing about the accounts that exist; only failures count (``deduct_when``), so a user who gets it right is
never slowed. Counters live in the process's memory (one process serves the application).
"""
from __future__ import annotations

from flask import g, request, session
from flask_limiter import Limiter

# Failed attempts allowed per address in a window (ASVS 4.0.3 2.2.1 asks for no more than 100 an hour).
CONNEXION = "5 per 15 minutes"
CAPTCHA = "5 per 15 minutes"
NOUVEAU_LIEN = "5 per 15 minutes"

# Seconds a hurried per-account anti-automation delay waits: the seeded fault sec_delai_par_compte, a delay
# kept with the account that unknown addresses, having none, never wait.
DELAI_PAR_COMPTE = 1.0

TROP_DE_TENTATIVES = ("trop de tentatives ont échoué pour cette adresse électronique : pour votre sécurité, "
                      "réessayez dans 15 minutes.")
TROP_DE_DEMANDES = ("Trop de demandes de nouveau lien pour cette adresse électronique : pour votre sécurité, "
                    "réessayez dans 15 minutes.")


def _plie(adresse: str) -> str:
    return adresse.strip().casefold()


def adresse_saisie() -> str:
    """The key of the login and new-link limits: the address typed."""
    return "adresse:" + _plie(request.form.get("adresse_connexion", ""))


def adresse_inscrite() -> str:
    """The key of the captcha limit: the login address of the sign-up in progress."""
    return "inscription:" + _plie((session.get("inscription") or {}).get("adresse", ""))


def echec() -> bool:
    """Set by a view when the attempt failed: only failures use up the allowance."""
    return bool(g.get("tentative_echouee"))


def noter_echec() -> None:
    g.tentative_echouee = True


limiter = Limiter(key_func=adresse_saisie, storage_uri="memory://", strategy="moving-window",
                  headers_enabled=False)
