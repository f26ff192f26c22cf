"""The CI files of real runs of the suite agree with verdict.json and the exit code, scenario by scenario: a
seeded fault with an expected failure that no longer fails; a part of the suite on one channel with --exiger-tout."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.accord import verifier_accord

RACINE = Path(__file__).resolve().parents[1]


def lancer(rapports: Path, *args: str) -> int:
    return subprocess.run([sys.executable, "-m", "harness.cli", "--rapports", str(rapports), "--faker-seed", "24",
                           "-k", "SIRET", *args], cwd=RACINE, capture_output=True, text=True, timeout=900).returncode


def test_a_seeded_fault_and_an_expected_failure_that_passes_agree_everywhere(tmp_path):
    attendus = tmp_path / "attendus.toml"
    attendus.write_text('[[attendu]]\nregle = "E1_SIRET_CLE"\nraison = "connu"\n'
                        '[[attendu]]\nregle = "E1_CHAMP_SIRET"\nraison = "corrigé depuis"\n', encoding="utf-8")
    code = lancer(tmp_path / "r", "--bundled-fault", "siret_cle_ignoree", "--attendus", str(attendus))
    verdict = verifier_accord(tmp_path / "r", code, RACINE)
    regles = {r["id"]: r["verdict"] for r in verdict["regles"]}
    assert regles["E1_SIRET_CLE"] == "non conforme (attendu)" and regles["E1_CHAMP_SIRET"] == "attendu mais conforme"
    assert regles["E1_SIRET_LA_POSTE"] == "non conforme"
    assert code == 1


def test_rules_left_unverified_fail_the_run_when_everything_is_required(tmp_path):
    code = lancer(tmp_path / "r", "--canal", "http", "--exiger-tout")
    verdict = verifier_accord(tmp_path / "r", code, RACINE)
    assert code == 1 and verdict["verdict"] == "non_conforme" and "--exiger-tout" in verdict["resume"]
    assert any(s["issue"] == "non vérifié" for s in verdict["scenarios"])
