"""The guide's rules as this witness reads them (its own code: two readings that must agree are the point)."""
from __future__ import annotations

import re
import unicodedata

from stdnum.fr import siret as stdnum_siret

LONGUEUR_MAX = 320  # beyond any address or name a user types
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
# control characters and bidirectional marks are refused in any text field (OWASP ASVS 5.1.3)
_INTERDITS = re.compile("[\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def caracteres_interdits(valeur: str) -> bool:
    return bool(_INTERDITS.search(valeur))


def adresse_valide(adresse: str) -> bool:
    """local@domaine: a dot-atom local part of 64 characters at most, a domain of dotted labels with a TLD."""
    if len(adresse) > 254 or adresse.count("@") != 1:
        return False
    local, domaine = adresse.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        return False
    labels = domaine.split(".")
    return len(labels) >= 2 and all(_LABEL.match(l) for l in labels) and not labels[-1].isdigit()


def siret_normalise(saisie: str) -> str:
    """The SIRET without the spaces and dots a user puts between digit groups."""
    return re.sub(r"[ .\u00a0]", "", saisie)


def siret_probleme(saisie: str, verifier_cle: bool = True) -> str | None:
    """Why this SIRET is refused (French, after the field's label), or None."""
    siret = siret_normalise(saisie)
    if not siret:
        return "ce champ est obligatoire."
    if not (len(siret) == 14 and siret.isascii() and siret.isdigit()):
        return "le numéro doit compter 14 chiffres."
    if verifier_cle and not stdnum_siret.is_valid(siret):
        return "la clé de contrôle est invalide."
    return None


def _types(mot_de_passe: str) -> int:
    majuscules = any(c.isupper() and c.isascii() for c in mot_de_passe)
    minuscules = any(c.islower() and c.isascii() for c in mot_de_passe)
    chiffres = any(c.isascii() and c.isdigit() for c in mot_de_passe)
    # anything else is special: punctuation, spaces, accented letters (the guide: « ponctuation, accents, etc. »)
    speciaux = any(not (c.isascii() and c.isalnum()) for c in mot_de_passe)
    return majuscules + minuscules + chiffres + speciaux


def mot_de_passe_probleme(mot_de_passe: str, types_min: int = 3) -> str | None:
    if len(mot_de_passe) < 12:
        return "il doit comporter au minimum 12 caractères."
    if _types(unicodedata.normalize("NFC", mot_de_passe)) < types_min:
        return ("il doit comporter au moins 3 types de caractères parmi majuscules, minuscules, chiffres et "
                "caractères spéciaux.")
    return None
