"""The property-based checks (features/06_proprietes.feature) can fail.

They run through the console script, over HTTP, against the bundled reference implementation:
as it is, every property holds (exit code 0); with a seeded fault in the password or the SIRET
rule, the run is non conforme (exit code 1), the right rule is « non conforme » in verdict.json
and the scenario's message gives a shrunk counter-example that the rule's oracle indeed refuses.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness import oracles

RACINE = Path(__file__).resolve().parents[1]
# The scenarios of 06_proprietes.feature are all named « Le serveur juge chaque … ».
SCENARIOS = "juge_chaque"
GRAINE = "20261127"
REGLES = {"E4_MDP_LONGUEUR", "E4_MDP_CLASSES", "E4_MDP_ACCENT_MINUSCULE", "E4_MDP_ACCENTS_ESPACES",
          "E1_SIRET_14_CHIFFRES", "E1_SIRET_CLE", "E1_SIRET_LA_POSTE", "E1_SIRET_ESPACES", "E1_ADRESSE_FORMAT_DETAIL"}
# Readings of ambiguous sentences (docs/SOURCES.md): judged, never gating.
INFORMATIVES = {"E4_MDP_ACCENTS_ESPACES", "E1_SIRET_ESPACES", "E1_ADRESSE_FORMAT_DETAIL"}


def lancer(rapports: Path, *args: str) -> tuple[int, str, dict]:
    env = {**os.environ, "PYTHONPATH": str(RACINE)}
    proc = subprocess.run([sys.executable, "-m", "harness.cli", "-k", SCENARIOS, "--canal", "http",
                           "--faker-seed", GRAINE, "--rapports", str(rapports), *args],
                          cwd=RACINE, env=env, capture_output=True, text=True, timeout=900)
    sortie = proc.stdout + proc.stderr
    verdict = rapports / "verdict.json"
    assert verdict.exists(), f"pas de verdict.json :\n{sortie[-3000:]}"
    return proc.returncode, sortie, json.loads(verdict.read_text(encoding="utf-8"))


def verdicts(donnees: dict) -> dict[str, str]:
    return {r["id"]: r["verdict"] for r in donnees["regles"] if r["id"] in REGLES}


def test_les_proprietes_tiennent_sur_l_implementation_de_reference(tmp_path):
    code, sortie, donnees = lancer(tmp_path)
    assert code == 0, sortie[-3000:]
    scenarios = [s for s in donnees["scenarios"] if s["issue"] != "non vérifié"]
    assert len(scenarios) == len(REGLES), [s["scenario"] for s in scenarios]
    assert all(s["issue"] == "réussi" for s in scenarios), [(s["scenario"], s["message"]) for s in scenarios]
    attendus = {r: "informatif" if r in INFORMATIVES else "conforme" for r in REGLES}
    assert verdicts(donnees) == attendus


def _contre_exemple(message: str) -> str:
    """The value of « attendu : « VALEUR » (…) refusé sur … » in the failure message."""
    trouve = re.search(r"attendu : « (.*?) » \(", message)
    assert trouve, f"aucun contre-exemple dans le message : {message}"
    return trouve.group(1)


@pytest.mark.parametrize("faute, regle, non_conformes, juge", [
    # Two types accepted: a lower-case accented letter's type no longer matters either (mutants/fautes.toml).
    ("mdp_deux_classes", "E4_MDP_CLASSES", {"E4_MDP_CLASSES", "E4_MDP_ACCENT_MINUSCULE"},
     lambda v: oracles.mot_de_passe(v).raison == "classes" and len(oracles.classes_de_caracteres(v)) == 2),
    # The fault skips the whole check digit, La Poste's rule included.
    ("siret_cle_ignoree", "E1_SIRET_CLE", {"E1_SIRET_CLE", "E1_SIRET_LA_POSTE"},
     lambda v: oracles.siret(v).raison == "cle"),
])
def test_une_faute_de_la_regle_est_trouvee_et_reduite(tmp_path, faute, regle, non_conformes, juge):
    code, sortie, donnees = lancer(tmp_path, "--bundled-fault", faute)
    assert code == 1, sortie[-3000:]
    assert {r for r, v in verdicts(donnees).items() if v == "non conforme"} == non_conformes, verdicts(donnees)
    (echec,) = [s for s in donnees["scenarios"] if s["issue"] == "échoué" and regle in s["tags"]]
    message = echec["message"]
    assert f"{regle} — attendu : « " in message and "; constaté : accepté" in message, message
    valeur = _contre_exemple(message)
    assert juge(valeur), f"le contre-exemple {valeur!r} n'enfreint pas la règle {regle} : {message}"
    assert f"valeur={valeur!r}" in message, f"Hypothesis ne rapporte pas le contre-exemple réduit : {message}"
