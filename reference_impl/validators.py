"""The guide's rules on SIRET, e-mail addresses and passwords.

The reference implementation keeps its own reading of the rules (the harness
has its own oracles): two independent readings that must agree.
Each check returns the French error message, or None when the value is valid.
"""
from __future__ import annotations

import re
import unicodedata

from stdnum import luhn
from stdnum.fr import siret as stdnum_siret

LA_POSTE_SIREN = "356000000"
LA_POSTE_HEAD_OFFICE = "35600000000048"
_FOURTEEN_DIGITS = re.compile(r"[0-9]{14}")


def normalise_siret(value: str) -> str:
    """Drop the spaces and dots a user types between digit groups."""
    return stdnum_siret.compact(value or "")


def siret_error(value: str, *, check_key: bool = True, la_poste_exception: bool = True) -> str | None:
    """Check a SIRET: 14 digits and valid check digits.

    The SIRET's check digit is Luhn over the 14 digits, except for La Poste
    (SIREN 356000000) whose SIRETs need a digit sum that is a multiple of 5
    (its head office passes Luhn); the SIREN (first 9 digits) carries its own
    Luhn check digit, as INSEE defines it. Written out here rather than calling
    ``stdnum.fr.siret.validate`` so that each part can be switched off by a
    seeded fault.
    """
    number = normalise_siret(value)
    if not number:
        return "Numéro de SIRET : ce champ est obligatoire."
    if not _FOURTEEN_DIGITS.fullmatch(number):  # ASCII digits only: str.isdigit() accepts "٣"
        return "Numéro de SIRET : le numéro doit comporter exactement 14 chiffres (espaces et points acceptés entre les groupes)."
    if not check_key:
        return None
    if la_poste_exception and number.startswith(LA_POSTE_SIREN) and number != LA_POSTE_HEAD_OFFICE:
        valid = sum(int(d) for d in number) % 5 == 0
    else:
        valid = luhn.is_valid(number)
    if not valid or not luhn.is_valid(number[:9]):
        return "Numéro de SIRET : la clé de contrôle est invalide, vérifiez le numéro saisi."
    return None


# Dot-atom local part (RFC 5322 without quoted strings) and a domain of at
# least two DNS labels (internationalised ones accepted): what a public mailbox
# address looks like.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_TLD = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


def is_email(value: str, *, lax_end_of_line: bool = False) -> bool:
    """``lax_end_of_line``: the regular expressions' « $ » also matches before a final line feed (how ``re.match``
    with « $ » reads them: a seeded fault)."""
    def match(motif: re.Pattern, texte: str):
        return motif.match(texte) if lax_end_of_line else motif.fullmatch(texte)

    if not value or len(value) > 254 or value.count("@") != 1:
        return False
    local, domain = value.split("@")
    if not local or len(local) > 64 or not match(_LOCAL, local):
        return False
    labels = domain.split(".")
    if not all(label.isascii() for label in labels):
        try:  # an internationalised domain is checked in its ASCII (punycode) form
            labels = [label.encode("idna").decode("ascii") for label in labels]
        except UnicodeError:
            return False
    if len(labels) < 2 or not all(match(_LABEL, label) for label in labels):
        return False
    return bool(match(_TLD, labels[-1]))


def email_error(label: str, value: str, *, check_syntax: bool = True, lax_end_of_line: bool = False) -> str | None:
    if not value:
        return f"{label} : ce champ est obligatoire."
    if check_syntax and not is_email(value, lax_end_of_line=lax_end_of_line):
        return f"{label} : l'adresse n'est pas une adresse électronique valide (format attendu : nom@exemple.fr)."
    return None


PASSWORD_MIN_LENGTH = 12
PASSWORD_MIN_CLASSES = 3
PASSWORD_MAX_LENGTH = 128
PASSWORD_RULE = (
    "au moins 12 caractères et au moins 3 types de caractères parmi les majuscules, "
    "les minuscules, les chiffres et les caractères spéciaux (ponctuation, accents, etc.)"
)


def password_classes(password: str) -> int:
    """Number of the guide's four classes present.

    Upper and lower case mean the unaccented letters A-Z and a-z; anything else
    that is not a digit 0-9 (punctuation, space, é, É…) is a special character,
    as the guide lists accents among special characters.
    """
    upper = any("A" <= c <= "Z" for c in password)
    lower = any("a" <= c <= "z" for c in password)
    digit = any("0" <= c <= "9" for c in password)
    special = any(not ("A" <= c <= "Z" or "a" <= c <= "z" or "0" <= c <= "9") for c in password)
    return upper + lower + digit + special


def password_error(password: str, *, min_length: int = PASSWORD_MIN_LENGTH,
                   min_classes: int = PASSWORD_MIN_CLASSES, max_length: int | None = PASSWORD_MAX_LENGTH) -> str | None:
    if not password:
        return "Mot de passe : ce champ est obligatoire."
    if max_length is not None and len(password) > max_length:
        # OWASP ASVS 2.1.2: 64 characters at least are allowed, more than 128 refused (nothing is truncated).
        return f"Mot de passe : le mot de passe doit comporter au plus {max_length} caractères."
    if len(password) < min_length or password_classes(password) < min_classes:
        return f"Mot de passe : le mot de passe doit comporter {PASSWORD_RULE}."
    return None


# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees (« Trojan Source »).
_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def control_error(label: str, value: str) -> str | None:
    """A value typed in a one-line field keeps no control character (line breaks, NUL, tabulations…) nor
    bidirectional mark: they would reach the mail, the pages and the logs as they are."""
    if any(unicodedata.category(c) == "Cc" or c in _BIDI for c in value):
        return (f"{label} : ce champ ne doit contenir ni retour à la ligne, ni caractère de contrôle, ni marque "
                "de sens d'écriture.")
    return None

