"""The témoin's own checks: SIRET, e-mail address, password. Standard library only.

Each check answers ``None`` (accepted) or a pair ``(key, params)`` naming the
message of ``textes.py`` that explains the refusal.
"""
from __future__ import annotations

import re
import unicodedata

SIREN_LA_POSTE = "356000000"
SIEGE_LA_POSTE = "35600000000048"

Refus = tuple[str, dict] | None


def compacte_siret(saisie: str) -> str:
    """The SIRET without the spaces and dots a user puts between digit groups."""
    return re.sub(r"[ .\u00a0]", "", saisie or "")


def _luhn(chiffres: str) -> bool:
    total = 0
    for rang, c in enumerate(reversed(chiffres)):
        n = int(c)
        if rang % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def cle_siret_valide(siret: str) -> bool:
    """Check digits of a 14-digit SIRET (La Poste's exception included)."""
    if siret.startswith(SIREN_LA_POSTE) and siret != SIEGE_LA_POSTE:
        cle_ok = sum(int(c) for c in siret) % 5 == 0
    else:
        cle_ok = _luhn(siret)
    return cle_ok and _luhn(siret[:9])


def controle_siret(saisie: str, *, verifier_cle: bool = True) -> Refus:
    siret = compacte_siret(saisie)
    if not siret:
        return ("err_vide", {})
    if not siret.isascii() or not siret.isdigit():
        return ("err_siret_caracteres", {})
    if len(siret) != 14:
        return ("err_siret_longueur", {"n": len(siret)})
    if verifier_cle and not cle_siret_valide(siret):
        return ("err_siret_cle", {})
    return None


_ATOME = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+")
_ETIQUETTE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_TLD = re.compile(r"[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59}")


def _domaine_ascii(domaine: str) -> str | None:
    if domaine.isascii():
        return domaine
    try:
        return domaine.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def adresse_valide(adresse: str) -> bool:
    """A practical reading of RFC 5321/5322 (dot-atom local part, DNS host name)."""
    if not adresse or len(adresse) > 254 or any(c.isspace() for c in adresse):
        return False
    if adresse.count("@") != 1:
        return False
    locale, domaine = adresse.split("@")
    if not (1 <= len(locale) <= 64):
        return False
    if not all(_ATOME.fullmatch(morceau) for morceau in locale.split(".")):
        return False  # also refuses a leading, trailing or doubled dot (empty piece)
    ascii_dom = _domaine_ascii(domaine) if domaine else None
    if not ascii_dom:
        return False
    etiquettes = ascii_dom.split(".")
    if len(etiquettes) < 2 or not all(_ETIQUETTE.fullmatch(e) for e in etiquettes):
        return False
    if not _TLD.fullmatch(etiquettes[-1]):
        return False
    return len(locale) + 1 + len(ascii_dom) <= 254


def controle_adresse(saisie: str) -> Refus:
    if not saisie:
        return ("err_vide", {})
    if not adresse_valide(saisie):
        return ("err_email", {})
    return None


def familles(mdp: str) -> set[str]:
    """Kinds of characters: ASCII upper, ASCII lower, ASCII digits, anything else special."""
    vues = set()
    for c in mdp:
        if "A" <= c <= "Z":
            vues.add("maj")
        elif "a" <= c <= "z":
            vues.add("min")
        elif "0" <= c <= "9":
            vues.add("chiffre")
        else:
            vues.add("special")
    return vues


def controle_mot_de_passe(mdp: str, *, longueur_min: int = 12) -> Refus:
    texte = unicodedata.normalize("NFC", mdp or "")
    if not texte:
        return ("err_vide", {})
    if len(texte) < longueur_min:
        return ("err_mdp_longueur", {"n": len(texte)})
    n = len(familles(texte))
    if n < 3:
        return ("err_mdp_classes", {"n": n})
    return None


def force(mdp: str) -> int:
    """0..4, for the complexity meter shown without JavaScript."""
    if not mdp:
        return 0
    n = len(familles(mdp))
    return min(4, n if len(mdp) >= 12 else max(1, n - 1))


_CONTROLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def controle_texte(saisie: str, *, requis: bool, maximum: int = 200) -> Refus:
    if not saisie.strip():
        return ("err_vide", {}) if requis else None
    if len(saisie) > maximum:
        return ("err_trop_long", {"n": maximum})
    if _CONTROLE.search(saisie):
        return ("err_controle", {})
    return None
