"""The témoin's own checks, against python-stdnum and the project's reading of the rules."""
from __future__ import annotations

import random

import pytest
from stdnum.fr import siret as stdnum_siret

from temoin import regles

from .outils import siret_neuf


def test_siret_agrees_with_stdnum_on_random_numbers():
    rng = random.Random(20240601)
    for _ in range(4000):
        candidat = "".join(rng.choice("0123456789") for _ in range(14))
        if rng.random() < 0.3:
            candidat = "356000000" + candidat[9:]
        assert regles.cle_siret_valide(candidat) == stdnum_siret.is_valid(candidat), candidat


@pytest.mark.parametrize("saisie", ["130 019 714 00018", "130.019.714.00018", " 13001971400018 "])
def test_siret_spaces_and_dots_accepted(saisie):
    assert regles.compacte_siret(saisie) == "13001971400018"
    assert regles.controle_siret(saisie) is None


def test_siret_refusals():
    valide = siret_neuf(random.Random(1))
    assert regles.controle_siret("")[0] == "err_vide"
    assert regles.controle_siret(valide[:13])[0] == "err_siret_longueur"
    assert regles.controle_siret(valide + "0")[0] == "err_siret_longueur"
    assert regles.controle_siret(valide[:5] + "a" + valide[6:])[0] == "err_siret_caracteres"
    assert regles.controle_siret("١٣٠٠١٩٧١٤٠٠٠١٨")[0] == "err_siret_caracteres"  # non-ASCII digits
    faux = valide[:13] + str((int(valide[13]) + 1) % 10)
    assert regles.controle_siret(faux)[0] == "err_siret_cle"
    assert regles.controle_siret(faux, verifier_cle=False) is None


def test_siren_key_is_checked_too():
    # Luhn valid over 14 digits, but not over the SIREN.
    for siret in ("00000000100000", "10000000000008"):
        if regles._luhn(siret) and not regles._luhn(siret[:9]):
            assert regles.controle_siret(siret)[0] == "err_siret_cle"


def test_la_poste():
    assert regles.controle_siret("35600000000048") is None  # head office: Luhn
    assert regles.controle_siret("35600000049837") is None  # sum 50, a multiple of 5
    assert regles.controle_siret("35600000049838")[0] == "err_siret_cle"


@pytest.mark.parametrize("adresse", ["jean@example.org", "j.o+x@sous.domaine.fr", "a_b-c@xn--bcher-kva.de",
                                     "o'neil@example.co.uk", "x@étude.fr"])
def test_good_addresses(adresse):
    assert regles.adresse_valide(adresse), adresse


@pytest.mark.parametrize("adresse", ["", "jean", "jean@", "@example.org", "jean@example", "jean@@example.org",
                                     "je an@example.org", ".jean@example.org", "jean.@example.org",
                                     "je..an@example.org", "jean@example.c", "jean@example.c1",
                                     "jean@-example.org", "jean@example..org", "jean@example.org.",
                                     "jé@example.org", "a" * 65 + "@example.org", '"jean"@example.org',
                                     "jean@exa_mple.org", "x@" + "a" * 250 + ".fr"])
def test_bad_addresses(adresse):
    assert not regles.adresse_valide(adresse), adresse


@pytest.mark.parametrize("mdp, refus", [
    ("Abcdefghij1", "err_mdp_longueur"),      # 11 characters
    ("abcdefghijkl", "err_mdp_classes"),      # 1 class
    ("abcdefghij12", "err_mdp_classes"),      # 2 classes
    ("ÉÉÉÉÉÉÉÉÉÉÉÉ", "err_mdp_classes"),      # accented capitals are special, 1 class
    ("Abcdefghij12", None),
    ("abcdefghij1!", None),
    ("abcdéfghij12", None),                    # é is special
    ("abc defghi12", None),                    # a space is special
    ("ÉTÉ été 2024", None),
])
def test_password_rule(mdp, refus):
    resultat = regles.controle_mot_de_passe(mdp)
    assert (resultat[0] if resultat else None) == refus


def test_password_length_counts_nfc_characters():
    decompose = "Cafe\u0301-creme-12"  # 13 code points, 12 characters once composed
    assert regles.controle_mot_de_passe(decompose) is None
    assert regles.controle_mot_de_passe("Cafe\u0301-crem1")[0] == "err_mdp_longueur"
