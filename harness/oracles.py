"""The harness's single reading of each rule of the guide.

Plain functions, shared by the steps (what verdict to expect from the
implementation) and the Faker providers (which data to generate). Each returns
a :class:`Verdict`: ``valide``, a short machine-readable ``raison`` (e.g.
``"cle"``) and a French ``message`` for the report.

The reference implementation keeps its own validators on purpose: two
independent readings of the guide that must agree (see docs/STYLE.md).
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

from stdnum import exceptions as stdnum_exceptions
from stdnum.fr import siret as stdnum_siret

try:  # optional: internationalised domain names
    import idna
except ImportError:  # pragma: no cover - idna ships with requests
    idna = None


@dataclass(frozen=True)
class Verdict:
    """What the rule says about a value.

    ``raison`` is a short French tag ("valide" when the value passes, else the
    broken part of the rule, e.g. "longueur", "classes", "cle"); ``message`` is
    the French sentence for assertion messages and reports. ``bool(verdict)``
    is ``valide``.
    """

    valide: bool
    raison: str
    message: str = ""

    def __bool__(self) -> bool:
        return self.valide

    def __str__(self) -> str:
        return self.message or self.raison


def _ok(message: str) -> Verdict:
    return Verdict(True, "valide", message)


def _ko(raison: str, message: str) -> Verdict:
    return Verdict(False, raison, message)


# --------------------------------------------------------------------------
# Mot de passe
# --------------------------------------------------------------------------

LONGUEUR_MINIMALE_MOT_DE_PASSE = 12
CLASSES_MINIMALES_MOT_DE_PASSE = 3
MAJUSCULES, MINUSCULES, CHIFFRES, SPECIAUX = "majuscules", "minuscules", "chiffres", "speciaux"
CLASSES = (MAJUSCULES, MINUSCULES, CHIFFRES, SPECIAUX)


def _classe(caractere: str) -> str:
    if caractere in string.ascii_uppercase:
        return MAJUSCULES
    if caractere in string.ascii_lowercase:
        return MINUSCULES
    if caractere in string.digits:
        return CHIFFRES
    return SPECIAUX


def classes_de_caracteres(pwd: str) -> set[str]:
    """The classes present in ``pwd``, among ``CLASSES``.

    Project reading (docs/AMBIGUITES.md): "majuscules" are A–Z, "minuscules"
    a–z, "chiffres" 0–9, all ASCII; every other character is "speciaux":
    punctuation, spaces, and letters with accents (é and É are special, not
    lower/upper case: the guide lists "accents" among the special characters),
    as are non-Latin letters and non-ASCII digits. The text is NFC-normalised
    first, so a decomposed "É" (E + combining acute) is one special character.
    """
    return {_classe(c) for c in unicodedata.normalize("NFC", pwd)}


def mot_de_passe(pwd: str) -> Verdict:
    """At least 12 characters and at least 3 of the 4 classes.

    Length counts Unicode characters after NFC normalisation (what a user
    types), spaces included, nothing stripped. Classes: see
    :func:`classes_de_caracteres`. ``raison``: "longueur" or "classes".
    """
    texte = unicodedata.normalize("NFC", pwd)
    classes = classes_de_caracteres(texte)
    if len(texte) < LONGUEUR_MINIMALE_MOT_DE_PASSE:
        return _ko(
            "longueur",
            f"Le mot de passe compte {len(texte)} caractères ; il en faut au moins "
            f"{LONGUEUR_MINIMALE_MOT_DE_PASSE}.",
        )
    if len(classes) < CLASSES_MINIMALES_MOT_DE_PASSE:
        presentes = ", ".join(c for c in CLASSES if c in classes) or "aucune"
        return _ko(
            "classes",
            f"Le mot de passe comporte {len(classes)} type(s) de caractères ({presentes}) ; "
            f"il en faut au moins {CLASSES_MINIMALES_MOT_DE_PASSE} parmi majuscules, "
            "minuscules, chiffres et caractères spéciaux.",
        )
    return _ok(
        f"Le mot de passe compte {len(texte)} caractères et {len(classes)} types de caractères."
    )


# --------------------------------------------------------------------------
# SIRET
# --------------------------------------------------------------------------

SIREN_LA_POSTE = "356000000"
SIRET_SIEGE_LA_POSTE = "35600000000048"


def siret(value: str) -> Verdict:
    """A SIRET as the guide's users type it: spaces and dots between groups allowed.

    Engine: python-stdnum ``stdnum.fr.siret`` (strip spaces and dots; 14
    digits; Luhn on the 14 digits, except La Poste, SIREN 356000000, whose
    SIRETs need a digit sum that is a multiple of 5 — all but the head office
    35600000000048, which passes by Luhn; then Luhn on the SIREN).
    ``raison``: "vide", "caracteres" (something else than digits, spaces and
    dots), "longueur" (not 14 digits) or "cle" (check digit).
    """
    compact = stdnum_siret.compact(value or "")
    if not compact:
        return _ko("vide", "Le numéro de SIRET est vide : 14 chiffres sont attendus.")
    try:
        stdnum_siret.validate(compact)
    except stdnum_exceptions.InvalidLength:  # a subclass of InvalidFormat: first
        return _ko(
            "longueur",
            f"Le numéro de SIRET « {value} » compte {len(compact)} chiffres au lieu de 14.",
        )
    except stdnum_exceptions.InvalidFormat:
        return _ko(
            "caracteres",
            f"Le numéro de SIRET « {value} » contient autre chose que des chiffres, "
            "des espaces et des points.",
        )
    except stdnum_exceptions.InvalidChecksum:
        regle = (
            "la somme des chiffres doit être un multiple de 5 (La Poste)"
            if compact.startswith(SIREN_LA_POSTE) and compact != SIRET_SIEGE_LA_POSTE
            else "clé de Luhn"
        )
        return _ko("cle", f"La clé de contrôle du SIRET « {value} » est invalide ({regle}).")
    return _ok(f"Le SIRET {compact} est valide.")


# --------------------------------------------------------------------------
# Adresse électronique
# --------------------------------------------------------------------------

LONGUEUR_MAX_PARTIE_LOCALE = 64
LONGUEUR_MAX_ADRESSE = 254
# RFC 5322 "atext": the characters of an unquoted local part, besides dots.
_ATEXT = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$")
_LABEL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")


def _domaine_ascii(domaine: str) -> str | None:
    """The domain in ASCII (IDN encoded when ``idna`` is available), or None."""
    if domaine.isascii():
        return domaine
    if idna is None:
        return None
    try:
        return idna.encode(domaine, uts46=True).decode("ascii")
    except idna.IDNAError:
        return None


# The top-level label: letters only (2 to 63), or an IDN in punycode, as in the DNS root zone.
_TLD = re.compile(r"^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$")


def adresse_email(value: str) -> Verdict:
    """A practical RFC 5321/5322 reading of an e-mail address.

    ``local@domaine``, no white space anywhere; local part of 1 to 64
    characters of RFC 5322 "atext" and dots, no leading, trailing or double dot
    (quoted local parts and non-ASCII local parts are refused); whole address
    at most 254 characters; domain of at least two labels, each of 1 to 63
    letters, digits and hyphens, not starting or ending with a hyphen, the last
    (top-level label) of 2 to 63 letters or an IDN in punycode, no trailing dot. A non-ASCII domain is accepted when it
    encodes as IDNA (``idna``), and the lengths are counted on that encoding.
    ``raison``: "vide", "espace", "arobase", "partie_locale", "point",
    "caracteres", "domaine", "longueur".
    """
    if not value:
        return _ko("vide", "L'adresse électronique est vide.")
    if any(c.isspace() for c in value):
        return _ko("espace", f"L'adresse électronique « {value} » contient une espace.")
    if value.count("@") != 1:
        return _ko(
            "arobase",
            f"L'adresse électronique « {value} » doit contenir exactement un « @ » "
            f"(elle en contient {value.count('@')}).",
        )
    local, domaine = value.split("@")
    if not local:
        return _ko("partie_locale", f"L'adresse électronique « {value} » n'a rien avant le « @ ».")
    if len(local) > LONGUEUR_MAX_PARTIE_LOCALE:
        return _ko(
            "longueur",
            f"La partie avant le « @ » compte {len(local)} caractères ; "
            f"au plus {LONGUEUR_MAX_PARTIE_LOCALE}.",
        )
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return _ko(
            "point",
            f"L'adresse électronique « {value} » a un point au début, à la fin ou "
            "doublé avant le « @ ».",
        )
    if not all(_ATEXT.match(part) for part in local.split(".")):
        return _ko(
            "caracteres",
            f"L'adresse électronique « {value} » contient un caractère interdit avant le « @ ».",
        )
    ascii_domaine = _domaine_ascii(domaine) if domaine else None
    labels = ascii_domaine.split(".") if ascii_domaine else []
    if (
        not ascii_domaine
        or len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or not _TLD.match(labels[-1])
    ):
        return _ko(
            "domaine",
            f"Le domaine de l'adresse électronique « {value} » est absent ou invalide.",
        )
    total = len(local) + 1 + len(ascii_domaine)
    if total > LONGUEUR_MAX_ADRESSE:
        return _ko(
            "longueur",
            f"L'adresse électronique compte {total} caractères ; au plus {LONGUEUR_MAX_ADRESSE}.",
        )
    return _ok(f"L'adresse électronique « {value} » est valide.")
