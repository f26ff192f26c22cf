"""The seeded-fault kill matrix: its map is complete, and its CI subset kills every fault.

(a) Every fault the reference implementation offers is mapped in
mutants/fautes.toml, every mapped rule exists in the catalogue, and every
mandatory rule has at least one fault that breaks it: a rule without a fault is
a rule whose scenarios nobody has proved able to fail.
(b) The CI subset (``--rapide``, see ``RAPIDE`` in mutants/matrice.py) runs
end to end over HTTP, as ``make mutants`` does, and kills all its faults.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from mutants.matrice import RAPIDE, fautes_cartographiees, fautes_de_l_implementation

RACINE = Path(__file__).resolve().parents[1]
CATALOGUE = RACINE / "features" / "regles.toml"


def _regles() -> dict[str, dict]:
    return {r["id"]: r for r in tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))["regle"]}


def test_chaque_faute_offerte_est_cartographiee():
    offertes = set(fautes_de_l_implementation(sys.executable))
    cartographiees = set(fautes_cartographiees())
    assert offertes - cartographiees == set(), "fautes sans règle dans mutants/fautes.toml"
    assert cartographiees - offertes == set(), "fautes de mutants/fautes.toml inconnues de l'implémentation"


def test_chaque_faute_a_une_description():
    sans = [nom for nom, description in fautes_de_l_implementation(sys.executable).items() if not description]
    assert sans == []


def test_les_regles_cartographiees_existent():
    regles = _regles()
    inconnues = {(f.nom, r) for f in fautes_cartographiees().values() for r in f.regles if r not in regles}
    assert inconnues == set()
    assert all(f.regles for f in fautes_cartographiees().values()), "une faute sans règle visée"


def test_chaque_regle_obligatoire_a_une_faute():
    couvertes = {r for f in fautes_cartographiees().values() for r in f.regles}
    orphelines = sorted(i for i, r in _regles().items() if r["niveau"] == "obligatoire" and i not in couvertes)
    assert orphelines == [], f"règles obligatoires qu'aucune faute injectée ne viole : {orphelines}"


def test_les_libelles_remplaces_sont_des_libelles_du_guide():
    """A label override names the guide's wording, as a vendor's profile would."""
    guide = RACINE / "guide" / "000_e499a90fb70f94b2.txt"  # the spec, shipped with the harness
    texte = guide.read_text(encoding="utf-8")
    for faute in fautes_cartographiees().values():
        for cle, valeur in faute.libelles.items():
            assert cle != valeur, faute.nom
            assert cle in texte, f"{faute.nom} : « {cle} » n'est pas un libellé du guide"


def test_le_sous_ensemble_rapide_tue_toutes_ses_fautes(tmp_path):
    # The suite is named explicitly: chorus-conformance must never fall back on pytest's testpaths
    # (tests/, this very file) whatever else its command line holds.
    resultat = subprocess.run(
        [sys.executable, "-m", "mutants", "--rapide", "--rapports", str(tmp_path),
         "--", "steps/test_conformite.py", "--canal", "http"],
        cwd=RACINE, capture_output=True, text=True, timeout=600)
    sortie = resultat.stdout + resultat.stderr
    assert resultat.returncode == 0, sortie[-4000:]
    derniere = resultat.stdout.strip().splitlines()[-1]
    assert derniere == f"Taux de destruction : {len(RAPIDE)}/{len(RAPIDE)} fautes tuées (100 %)", sortie[-4000:]
    # each fault's line says how far the matrix is and the time left
    avancement = re.findall(r"^  \[(\d+)/(\d+), reste ≈ \d+ s\] ", resultat.stderr, re.M)
    assert sorted(int(k) for k, _ in avancement) == list(range(1, len(RAPIDE) + 1)), resultat.stderr[-2000:]
    assert {int(n) for _, n in avancement} == {len(RAPIDE)}
    # Run again into the same folder, same seed: each run starts from a fresh database (the same SIRET and
    # addresses are drawn again; a database kept from the first run would make the control non conforme).
    resultat = subprocess.run(
        [sys.executable, "-m", "mutants", "--faute", RAPIDE[0], "--rapports", str(tmp_path),
         "--", "steps/test_conformite.py", "--canal", "http"],
        cwd=RACINE, capture_output=True, text=True, timeout=600)
    sortie = resultat.stdout + resultat.stderr
    assert resultat.returncode == 0, sortie[-4000:]
    assert resultat.stdout.strip().splitlines()[-1] == "Taux de destruction : 1/1 fautes tuées (100 %)", sortie[-4000:]
