"""The implementation's own reading of the SIRET, e-mail and password rules."""
from __future__ import annotations

import pytest

from reference_impl.validators import email_error, is_email, password_error, siret_error

from .helpers import make_siret


@pytest.mark.parametrize("siret", [
    "35600000009075",  # La Poste: digit sum multiple of 5, fails Luhn
    "35600000000048",  # La Poste head office: passes Luhn
    "130 019 714 00018",  # the contract's example, spaces accepted
    "130.019.714.00018",
    make_siret("7321234560001"),
])
def test_valid_sirets(siret):
    assert siret_error(siret) is None


@pytest.mark.parametrize("siret, fragment", [
    ("35600000000014", "clé de contrôle"),  # passes Luhn, fails the La Poste rule
    ("13001971000017", "clé de contrôle"),
    ("00000000100008", "clé de contrôle"),  # 14-digit Luhn valid, but the SIREN fails its own key
    ("1300197100001", "14 chiffres"),
    ("130019710000166", "14 chiffres"),
    ("1300197100001A", "14 chiffres"),
    ("130-019-710-00016", "14 chiffres"),
    ("35600000009075".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")), "14 chiffres"),
    ("1" * 1000, "14 chiffres"),
    ("", "obligatoire"),
])
def test_invalid_sirets(siret, fragment):
    message = siret_error(siret)
    assert message.startswith("Numéro de SIRET : ") and fragment in message


def test_siret_switches_used_by_faults():
    assert siret_error("13001971000017", check_key=False) is None
    assert siret_error("35600000009075", la_poste_exception=False) is not None


@pytest.mark.parametrize("address", [
    "jean.dupont@exemple.fr", "j+tag@sous.domaine.gouv.fr", "a_b-c@x-y.com", "o'neil@exemple.ie",
    "JEAN.DUPONT@EXAMPLE.COM", "jean@société-générale.example", "x" * 64 + "@exemple.fr",
])
def test_valid_emails(address):
    assert is_email(address)


@pytest.mark.parametrize("address", [
    "sans-arobase.fr", "a@@exemple.fr", "a@b@exemple.fr", "jean dupont@exemple.fr", "jean@exem ple.fr",
    ".jean@exemple.fr", "jean.@exemple.fr", "jean..dupont@exemple.fr", "jean@exemple..fr", "jean@.exemple.fr",
    "jean@exemple.fr.", "jean@", "@exemple.fr", "jean@exemple", "jean@-exemple.fr", "jean@exemple.f", "",
    "x" * 65 + "@exemple.fr", "a" * 288 + "@example.com", "jean@exem_ple.fr",
])
def test_invalid_emails(address):
    assert not is_email(address)


def test_email_message_names_field():
    assert email_error("Adresse électronique de connexion", "x").startswith("Adresse électronique de connexion : ")
    assert email_error("Adresse électronique de connexion", "x", check_syntax=False) is None


@pytest.mark.parametrize("password", [
    "Abcdefghijk1",  # 12 chars, 3 classes
    "abcdefghij1!",  # lower, digit, special
    "ABCDEFGHIJ1 ",  # space is special
    "abcdefghijké",  # é is special: lower + special = 2 ... plus nothing else
])
def test_password_boundaries(password):
    expected_ok = password != "abcdefghijké"
    assert (password_error(password) is None) is expected_ok


def test_password_rule():
    assert password_error("Abcdefghij1") is not None  # 11 characters
    assert password_error("Abcdefghijkl") is not None  # 2 classes
    assert password_error("ÉCOLEÉCOLE12") is None  # upper, special (É), digit
    assert password_error("abcdefghijÉ1") is None  # lower, special (É), digit
    assert password_error("Abcdefghij1", min_length=11) is None
    assert password_error("Abcdefghijkl", min_classes=2) is None
    assert "12 caractères" in password_error("court")
