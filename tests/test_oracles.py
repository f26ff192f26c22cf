"""The harness's oracles: one reading of each rule, checked case by case."""
from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.fr import siret as stdnum_siret

from harness import oracles
from harness.oracles import Verdict


# --------------------------------------------------------------------------- Verdict

def test_verdict_est_un_booleen_fige_avec_une_raison_en_francais():
    v = oracles.mot_de_passe("court")
    assert isinstance(v, Verdict) and not v and v.valide is False
    assert v.raison == "longueur" and "12" in v.message and str(v) == v.message
    assert bool(oracles.mot_de_passe("Abcdefgh1234")) is True
    with pytest.raises(AttributeError):
        v.valide = True  # type: ignore[misc]


# --------------------------------------------------------------------------- mot de passe

@pytest.mark.parametrize(
    ("pwd", "classes"),
    [
        ("ABC", {"majuscules"}),
        ("abc", {"minuscules"}),
        ("123", {"chiffres"}),
        ("!?-", {"speciaux"}),
        (" ", {"speciaux"}),
        ("é", {"speciaux"}),
        ("É", {"speciaux"}),
        ("E\u0301", {"speciaux"}),  # decomposed É: one accented letter after NFC
        ("ç", {"speciaux"}),
        ("ж", {"speciaux"}),
        ("Ω", {"speciaux"}),
        ("٣", {"speciaux"}),  # Arabic-Indic digit: not 0-9
        ("Aa1!", {"majuscules", "minuscules", "chiffres", "speciaux"}),
        ("", set()),
    ],
)
def test_classes_de_caracteres(pwd, classes):
    assert oracles.classes_de_caracteres(pwd) == classes


@pytest.mark.parametrize(
    ("pwd", "valide", "raison"),
    [
        ("Abcdefgh123", False, "longueur"),  # 11 characters, 3 classes
        ("Abcdefgh1234", True, "valide"),  # 12, upper + lower + digit
        ("abcdefgh123!", True, "valide"),  # lower + digit + special
        ("ABCDEFGH123!", True, "valide"),  # upper + digit + special
        ("Abcdefghijk!", True, "valide"),  # upper + lower + special
        ("Abcdefghijkl", False, "classes"),  # upper + lower only
        ("abcdefgh1234", False, "classes"),  # lower + digit only
        ("123456789012", False, "classes"),
        ("!!!!!!!!!!!!", False, "classes"),
        ("Aa1!Aa1!Aa1", False, "longueur"),  # 4 classes but 11 characters
        ("Aa1!Aa1!Aa1!", True, "valide"),
        ("abcdefghijké", False, "classes"),  # é is special, not lower-case: 2 classes
        ("abcdefghij1é", True, "valide"),  # lower + digit + é (special)
        ("ÉCOLEÉCOLE12", True, "valide"),  # upper + É (special) + digit
        ("ÉÉÉÉÉÉÉÉÉÉÉé", False, "classes"),
        ("abcd efgh 12", True, "valide"),  # space is special
        ("abcdefghij 1", True, "valide"),
        (" abcdefghij1", True, "valide"),  # nothing stripped
        ("abcdefghi1 ", False, "longueur"),  # 11 characters
        ("motdepasseжж1", True, "valide"),  # non-Latin letters are special
        ("", False, "longueur"),
        ("E\u0301E\u0301E\u0301E\u0301E\u0301E\u03011a", False, "longueur"),  # 8 after NFC
        ("A" * 500 + "a1", True, "valide"),
    ],
)
def test_mot_de_passe(pwd, valide, raison):
    verdict = oracles.mot_de_passe(pwd)
    assert verdict.valide is valide, verdict.message
    assert verdict.raison == raison
    assert verdict.message


def _classes_reimplementees(pwd: str) -> int:
    """An independent count: the four groups, every non-ASCII character special."""
    pwd = unicodedata.normalize("NFC", pwd)
    groupes = [
        any("A" <= c <= "Z" for c in pwd),
        any("a" <= c <= "z" for c in pwd),
        any("0" <= c <= "9" for c in pwd),
        any(not ("A" <= c <= "Z" or "a" <= c <= "z" or "0" <= c <= "9") for c in pwd),
    ]
    return sum(groupes)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30) | st.text(alphabet=string.printable + "éÉàÇж ", max_size=20))
def test_mot_de_passe_concorde_avec_une_relecture_independante(pwd):
    attendu = len(unicodedata.normalize("NFC", pwd)) >= 12 and _classes_reimplementees(pwd) >= 3
    assert oracles.mot_de_passe(pwd).valide is attendu
    assert len(oracles.classes_de_caracteres(pwd)) == _classes_reimplementees(pwd)


# --------------------------------------------------------------------------- SIRET

@pytest.mark.parametrize(
    ("valeur", "valide", "raison"),
    [
        ("73282932000074", True, "valide"),
        ("732 829 320 00074", True, "valide"),
        ("732.829.320.00074", True, "valide"),
        ("  73282932000074  ", True, "valide"),
        ("900 000 019 00019", True, "valide"),
        ("73282932000079", False, "cle"),
        ("35600000009075", True, "valide"),  # La Poste: digit sum 35
        ("35600000000048", True, "valide"),  # La Poste head office: Luhn
        ("35600000000014", False, "cle"),  # passes Luhn, digit sum 19
        ("3560000000004", False, "longueur"),
        ("7328293200007", False, "longueur"),
        ("732829320000740", False, "longueur"),
        ("7328293200007A", False, "caracteres"),
        ("732-829-320-00074", False, "caracteres"),
        ("", False, "vide"),
        ("   ", False, "vide"),
        (" . ", False, "vide"),
    ],
)
def test_siret(valeur, valide, raison):
    verdict = oracles.siret(valeur)
    assert verdict.valide is valide, verdict.message
    assert verdict.raison == raison


def test_siret_luhn_valide_mais_siren_invalide():
    # 14 digits passing Luhn whose 9-digit SIREN does not: refused, as by python-stdnum.
    from stdnum import luhn

    siren = "732829321"  # Luhn-invalid SIREN
    assert not luhn.is_valid(siren)
    debut = siren + "0007"
    valeur = debut + luhn.calc_check_digit(debut)
    assert luhn.is_valid(valeur)
    assert oracles.siret(valeur).raison == "cle"


def test_siret_la_poste_message_nomme_la_regle():
    assert "multiple de 5" in oracles.siret("35600000000014").message
    assert "Luhn" in oracles.siret("73282932000079").message


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789 .", max_size=20) | st.from_regex(r"\A35600000\d{6}\Z"))
def test_siret_concorde_avec_python_stdnum(valeur):
    assert oracles.siret(valeur).valide is stdnum_siret.is_valid(valeur)


# --------------------------------------------------------------------------- adresse électronique

@pytest.mark.parametrize(
    "adresse",
    [
        "jean.dupont@example.com",
        "jean+chorus@example.com",
        "JEAN.DUPONT@EXAMPLE.COM",
        "jean-marie@mon-domaine.example.org",
        "j2024@mail.services.example.fr",
        "o'connor@example.com",
        "a@b.co",
        "x" * 64 + "@example.com",
        "jean@société.example",  # IDN
        "jean@xn--socit-esab.example",
        "user_name!#$%&*=?^`{|}~@example.com",
    ],
)
def test_adresse_email_valide(adresse):
    verdict = oracles.adresse_email(adresse)
    assert verdict, verdict.message
    assert verdict.raison == "valide"


@pytest.mark.parametrize(
    ("adresse", "raison"),
    [
        ("", "vide"),
        ("jean.dupont.example.com", "arobase"),
        ("jean@dupont@example.com", "arobase"),
        ("jean dupont@example.com", "espace"),
        ("jean@example.com ", "espace"),
        ("jean\t@example.com", "espace"),
        ("@example.com", "partie_locale"),
        (".jean@example.com", "point"),
        ("jean.@example.com", "point"),
        ("jean..dupont@example.com", "point"),
        ("jean@", "domaine"),
        ("jean@localhost", "domaine"),
        ("jean@example.com.", "domaine"),
        ("jean@.example.com", "domaine"),
        ("jean@example..com", "domaine"),
        ("jean@-example.com", "domaine"),
        ("jean@example-.com", "domaine"),
        ("jean@exa_mple.com", "domaine"),
        ("jean@example.123", "domaine"),
        ("jean@" + "a" * 64 + ".com", "domaine"),  # label over 63
        ("jean(dupont)@example.com", "caracteres"),
        ('"jean"@example.com', "caracteres"),
        ("jéan@example.com", "caracteres"),
        ("x" * 65 + "@example.com", "longueur"),
    ],
)
def test_adresse_email_invalide(adresse, raison):
    verdict = oracles.adresse_email(adresse)
    assert not verdict
    assert verdict.raison == raison, verdict.message


def test_adresse_email_longueur_totale_254():
    local = "x" * 64
    domaine_253 = ".".join(["a" * 63, "b" * 63, "c" * 63, "d" * 57, "com"])
    assert len(local + "@" + domaine_253) == 318
    domaine = ".".join(["a" * 63, "b" * 63, "c" * 57, "com"])  # 189 characters
    assert len(local) + 1 + len(domaine) == 254
    assert oracles.adresse_email(f"{local}@{domaine}")
    trop = ".".join(["a" * 63, "b" * 63, "c" * 58, "com"])
    verdict = oracles.adresse_email(f"{local}@{trop}")
    assert not verdict and verdict.raison == "longueur"


@settings(max_examples=200, deadline=None)
@given(
    st.from_regex(r"\A[a-z0-9]([a-z0-9._+-]{0,20}[a-z0-9])?\Z"),
    st.lists(st.from_regex(r"\A[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?\Z"), min_size=1, max_size=3),
)
def test_adresse_email_construite_valide(local, labels):
    adresse = f"{local}@{'.'.join([*labels, 'fr'])}"
    attendu = ".." not in local
    assert oracles.adresse_email(adresse).valide is attendu


@pytest.mark.parametrize("adresse", ["x@example.c", "x@example.c1", "x@example.123", "x@example.fr-"])
def test_le_domaine_de_premier_niveau_est_alphabetique(adresse):
    verdict = oracles.adresse_email(adresse)
    assert not verdict and verdict.raison == "domaine"


def test_un_domaine_de_premier_niveau_idn_est_accepte():
    assert oracles.adresse_email("jean@exemple.xn--p1ai")
