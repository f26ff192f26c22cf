"""The Faker providers: data that says what it is, reproducibly."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from stdnum import luhn
from stdnum.fr import siret as stdnum_siret

from fixtures import fake_sirene
from fixtures.providers import NOMS_DIFFICILES, PRENOMS_DIFFICILES, nouveau_faker
from harness import oracles
from harness.oracles import CLASSES

GRAINES = range(5)


@pytest.fixture
def donnees():
    return nouveau_faker(1234, "gw0-scenario")


# --------------------------------------------------------------------------- SIRET

@pytest.mark.parametrize("graine", GRAINES)
def test_siret_valides_passent_stdnum_et_l_oracle(graine):
    fake = nouveau_faker(graine, "t")
    for _ in range(200):
        for valeur in (fake.siret_valide(), fake.siret_formate(), fake.siret_la_poste(),
                       fake.siret_la_poste_siege()):
            assert stdnum_siret.is_valid(valeur), valeur
            assert oracles.siret(valeur), valeur
    valeur = fake.siret_valide()
    assert len(valeur) == 14 and valeur.isdigit()
    assert not valeur.startswith(oracles.SIREN_LA_POSTE)


@pytest.mark.parametrize(
    ("methode", "raison"),
    [
        ("siret_cle_invalide", "cle"),
        ("siret_13_chiffres", "longueur"),
        ("siret_15_chiffres", "longueur"),
        ("siret_lettres", "caracteres"),
        ("siret_vide", "vide"),
        ("siret_la_poste_invalide", "cle"),
    ],
)
def test_siret_invalides_echouent_pour_leur_raison(methode, raison):
    fake = nouveau_faker(7, "t")
    for _ in range(200):
        valeur = getattr(fake, methode)()
        assert not stdnum_siret.is_valid(valeur), valeur
        assert oracles.siret(valeur).raison == raison, valeur


def test_siret_longueurs_et_formats(donnees):
    assert len(donnees.siret_13_chiffres()) == 13
    assert len(donnees.siret_15_chiffres()) == 15
    assert len(donnees.siret_lettres()) == 14
    formate = donnees.siret_formate()
    assert any(sep in formate for sep in " .") and stdnum_siret.compact(formate).isdigit()


def test_siret_la_poste():
    fake = nouveau_faker(3, "t")
    for _ in range(100):
        valide, invalide = fake.siret_la_poste(), fake.siret_la_poste_invalide()
        assert valide.startswith("356000000") and sum(map(int, valide)) % 5 == 0
        assert valide != "35600000000048"
        assert invalide.startswith("356000000") and sum(map(int, invalide)) % 5
        assert luhn.is_valid(invalide)
    assert fake.siret_la_poste_siege() == "35600000000048"


def test_cas_siret_verdicts(donnees):
    cas = {c.libelle: c for c in donnees.cas_siret()}
    assert cas["valide"].valide and cas["La Poste, siège"].valide
    assert cas["La Poste, Luhn valide mais somme non multiple de 5"].raison == "cle"
    assert cas["13 chiffres"].raison == "longueur" and cas["avec une lettre"].raison == "caracteres"
    for c in cas.values():
        assert c.verdict == oracles.siret(c.valeur)
        assert c.valide is stdnum_siret.is_valid(c.valeur)


# --------------------------------------------------------------------------- e-mail

def test_adresses_uniques_sur_de_nombreux_tirages():
    fake = nouveau_faker(1, "gw1-x")
    adresses = [fake.adresse_email() for _ in range(2000)]
    adresses += [c.valeur for _ in range(50) for c in fake.cas_adresses_email_valides()]
    assert len({a.casefold() for a in adresses}) == len(adresses)
    assert all(oracles.adresse_email(a) for a in adresses)


def test_adresses_uniques_entre_jetons_de_meme_graine():
    a = nouveau_faker(1, "gw0-scenario-a")
    b = nouveau_faker(1, "gw1-scenario-a")
    premieres = {a.adresse_email() for _ in range(100)}
    secondes = {b.adresse_email() for _ in range(100)}
    assert not premieres & secondes


def test_cas_adresses_valides(donnees):
    cas = {c.libelle: c for c in donnees.cas_adresses_email_valides()}
    assert all(c.valide for c in cas.values()), [c for c in cas.values() if not c.valide]
    assert len(cas["partie locale de 64 caractères"].valeur.split("@")[0]) == 64
    assert len(cas["254 caractères au total"].valeur) == 254
    assert "+" in cas["plus-adressage"].valeur
    assert cas["majuscules"].valeur == cas["majuscules"].valeur.upper()
    assert cas["sous-domaines"].valeur.split("@")[1].count(".") >= 2
    assert "-" in cas["tirets"].valeur


def test_cas_adresses_invalides_avec_leur_raison(donnees):
    attendu = {
        "sans @": "arobase", "deux @": "arobase", "espace": "espace",
        "point au début": "point", "point doublé": "point",
        "point à la fin de la partie locale": "point", "domaine absent": "domaine",
        "domaine sans point": "domaine", "point à la fin du domaine": "domaine",
        "partie locale de 65 caractères": "longueur", "vide": "vide",
    }
    cas = {c.libelle: c for c in donnees.cas_adresses_email_invalides()}
    assert {k: c.raison for k, c in cas.items()} == attendu


def test_adresse_idn_valide_pour_l_oracle(donnees):
    adresse = donnees.adresse_email_idn()
    assert not adresse.isascii() and oracles.adresse_email(adresse)


# --------------------------------------------------------------------------- mot de passe

@pytest.mark.parametrize("longueur", [3, 4, 11, 12, 13, 40])
@pytest.mark.parametrize(
    "classes", [c for n in (1, 2, 3, 4) for c in itertools.combinations(CLASSES, n)]
)
def test_mot_de_passe_longueur_et_classes_exactes(longueur, classes):
    fake = nouveau_faker(longueur, "t")
    if longueur < len(classes):
        with pytest.raises(ValueError):
            fake.mot_de_passe(longueur, classes)
        return
    for speciaux in ("ponctuation", "accents", "espace", "non_latin"):
        valeur = fake.mot_de_passe(longueur, classes, speciaux=speciaux)
        assert len(valeur) == longueur
        assert oracles.classes_de_caracteres(valeur) == set(classes), (valeur, speciaux)


def test_mot_de_passe_avec_espace_garde_les_espaces_a_l_interieur():
    fake = nouveau_faker(9, "t")
    for _ in range(100):
        valeur = fake.mot_de_passe_avec_espace(12)
        assert " " in valeur and valeur == valeur.strip() and len(valeur) == 12


def test_mot_de_passe_classes_inconnues_refusees(donnees):
    with pytest.raises(ValueError):
        donnees.mot_de_passe(12, ["majuscules", "emoji"])
    with pytest.raises(ValueError):
        donnees.mot_de_passe(12, [])


def test_variantes_de_mot_de_passe(donnees):
    accentue = donnees.mot_de_passe_accentue()
    assert any(c in "éèêàçùôïÉÈÀÇÔ" for c in accentue) and oracles.mot_de_passe(accentue)
    assert any(not c.isascii() and c.isalpha() for c in donnees.mot_de_passe_non_latin())
    assert len(donnees.mot_de_passe_tres_long()) == 200
    assert len(donnees.mot_de_passe_tres_long(1000)) == 1000


def test_cas_mot_de_passe_table_des_bornes(donnees):
    cas = donnees.cas_mot_de_passe()
    bornes = [c for c in cas if c.libelle[:2] in ("11", "12")]
    assert len(bornes) == 2 * (6 + 4 + 1)
    for c in cas:
        assert len(c.valeur) == c.longueur
        assert oracles.classes_de_caracteres(c.valeur) == c.classes, c
        assert c.verdict == oracles.mot_de_passe(c.valeur)
        attendu = c.longueur >= 12 and len(c.classes) >= 3
        assert c.valide is attendu, c
    assert {c.raison for c in bornes} == {"longueur", "classes", "valide"}


# --------------------------------------------------------------------------- identité

def test_identites_difficiles():
    fake = nouveau_faker(2, "t")
    prenoms = {fake.prenom_difficile() for _ in range(300)}
    noms = {fake.nom_difficile() for _ in range(300)}
    assert {"Éloïse", "Jean-Baptiste"} <= prenoms
    assert {"O'Connor", "Le Gall"} <= noms
    identite = fake.identite()
    assert identite.prenom in PRENOMS_DIFFICILES and identite.nom in NOMS_DIFFICILES
    simple = fake.identite(difficile=False)
    assert simple.prenom and simple.nom


# --------------------------------------------------------------------------- Sirene

def test_etablissement_sirene_predit_celui_du_faux_serveur(donnees):
    siret = donnees.siret_valide()
    assert donnees.etablissement_sirene(siret) == fake_sirene.etablissement(siret)
    masque = donnees.etablissement_sirene(siret, "partiellement_diffusible")
    assert masque["statutDiffusionEtablissement"] == "P"
    ferme = donnees.etablissement_sirene(siret, "ferme")
    assert ferme["periodesEtablissement"][0]["etatAdministratifEtablissement"] == "F"
    nouveau = donnees.etablissement_sirene()
    assert oracles.siret(nouveau["siret"]) and nouveau["siren"] + nouveau["nic"] == nouveau["siret"]


def test_etablissement_coherent():
    fake = nouveau_faker(11, "t")
    paires = {(cp, commune): code for cp, commune, code in fake_sirene.COMMUNES}
    siege_vus = set()
    for _ in range(100):
        e = fake.etablissement_sirene()
        a = e["adresseEtablissement"]
        cle = (a["codePostalEtablissement"], a["libelleCommuneEtablissement"])
        assert paires[cle] == a["codeCommuneEtablissement"]
        u = e["uniteLegale"]
        assert u["denominationUniteLegale"]
        assert oracles.siret(e["siren"] + u["nicSiegeUniteLegale"])
        assert (u["nicSiegeUniteLegale"] == e["nic"]) is e["etablissementSiege"]
        siege_vus.add(e["etablissementSiege"])
        assert e["periodesEtablissement"][0]["etatAdministratifEtablissement"] == "A"
    assert siege_vus == {True, False}


# --------------------------------------------------------------------------- reproductible

def _tirage(fake):
    return json.dumps([
        fake.siret_valide(), fake.siret_formate(), fake.siret_la_poste(), fake.siret_cle_invalide(),
        fake.adresse_email(), [c.valeur for c in fake.cas_adresses_email_valides()],
        [c.valeur for c in fake.cas_adresses_email_invalides()],
        fake.mot_de_passe(12, {"majuscules", "chiffres", "speciaux"}),
        [c.valeur for c in fake.cas_mot_de_passe()],
        fake.mot_de_passe_avec_espace(),
        [fake.identite().__dict__ for _ in range(3)],
        fake.name(), fake.etablissement_sirene(),
    ], ensure_ascii=False)


def test_meme_graine_memes_donnees():
    assert _tirage(nouveau_faker(42, "gw0")) == _tirage(nouveau_faker(42, "gw0"))


def test_graines_differentes_donnees_differentes():
    assert _tirage(nouveau_faker(42, "gw0")) != _tirage(nouveau_faker(43, "gw0"))


def test_meme_graine_dans_un_autre_processus():
    # Hash randomisation must not leak into the data (sets of classes, dicts).
    import subprocess
    import sys

    code = ("import json,sys; sys.path.insert(0, '.');"
            "from tests.test_providers import _tirage; from fixtures.providers import nouveau_faker;"
            "print(_tirage(nouveau_faker(42, 'gw0')))")
    sortie = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"PYTHONHASHSEED": "123", "PATH": ""},
                            cwd=Path(__file__).resolve().parent.parent)
    assert sortie.stdout.strip() == _tirage(nouveau_faker(42, "gw0"))
