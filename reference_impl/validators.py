"""The guide's rules on SIRET, e-mail addresses and passwords.

The reference implementation keeps its own reading of the rules (the harness
has its own oracles): two independent readings that must agree.
Each check returns the French error message, or None when the value is valid.
"""
from __future__ import annotations

import re

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


def is_email(value: str) -> bool:
    if not value or len(value) > 254 or value.count("@") != 1:
        return False
    local, domain = value.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        return False
    labels = domain.split(".")
    if not all(label.isascii() for label in labels):
        try:  # an internationalised domain is checked in its ASCII (punycode) form
            labels = [label.encode("idna").decode("ascii") for label in labels]
        except UnicodeError:
            return False
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return False
    return bool(_TLD.match(labels[-1]))


def email_error(label: str, value: str, *, check_syntax: bool = True) -> str | None:
    if not value:
        return f"{label} : ce champ est obligatoire."
    if check_syntax and not is_email(value):
        return f"{label} : l'adresse n'est pas une adresse électronique valide (format attendu : nom@exemple.fr)."
    return None


PASSWORD_MIN_LENGTH = 12
PASSWORD_MIN_CLASSES = 3
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
                   min_classes: int = PASSWORD_MIN_CLASSES) -> str | None:
    if not password:
        return "Mot de passe : ce champ est obligatoire."
    if len(password) < min_length or password_classes(password) < min_classes:
        return f"Mot de passe : le mot de passe doit comporter {PASSWORD_RULE}."
    return None

