"""``chorus-conformance comparer`` on two real runs: the reference implementation, and the same with a seeded
fault (mutants/fautes.toml). Both runs judge the fault's rules only (``-k``), over HTTP: a few seconds each.
The comparison names exactly the rules the fault breaks as regressions, and exits 1; the faulty run's
annotated guide shows them non conformes at their sentences.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mutants.matrice import fautes_cartographiees

RACINE = Path(__file__).resolve().parents[1]
FAUTE = "siret_cle_ignoree"


def chorus(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "harness.cli", *args], cwd=RACINE, capture_output=True, text=True,
                          timeout=600)


def test_comparer_names_exactly_the_rules_a_seeded_fault_breaks(tmp_path, page):
    regles = set(fautes_cartographiees()[FAUTE].regles)
    selection = ["--canal", "http", "--faker-seed", "20261201", "-k", " or ".join(sorted(regles))]
    reference = chorus("--rapports", str(tmp_path / "reference"), *selection)
    assert reference.returncode == 0, reference.stdout[-3000:] + reference.stderr[-3000:]
    fautive = chorus("--rapports", str(tmp_path / "fautive"), "--bundled-fault", FAUTE, *selection)
    assert fautive.returncode == 1, fautive.stdout[-3000:] + fautive.stderr[-3000:]

    sortie = tmp_path / "comparaison.html"
    comparaison = chorus("comparer", str(tmp_path / "reference" / "verdict.json"),
                         str(tmp_path / "fautive" / "verdict.json"), "--sortie", str(sortie))
    assert comparaison.returncode == 1, comparaison.stdout + comparaison.stderr
    assert {l.split("|")[1].split(":")[0].strip() for l in comparaison.stdout.splitlines()
            if l.strip().startswith("régression |")} == regles

    page.goto(sortie.as_uri())
    lignes = page.locator("#changees ~ table tr[data-regle]").evaluate_all(
        "els => els.map(e => [e.dataset.regle, e.dataset.changement])")
    assert {r for r, c in lignes if c == "régression"} == regles
    assert [c for _, c in lignes][:len(regles)] == ["régression"] * len(regles)
    assert page.locator("#bilan").inner_text().startswith(f"{len(regles)} régression(s)")

    page.goto((tmp_path / "fautive" / "guide_annote.html").as_uri())
    for ident in regles:
        phrase = page.locator(f'details[data-regles~="{ident}"]')
        assert phrase.get_attribute("data-verdict") == "non conforme"
        assert page.locator(f'.panneau [data-regle="{ident}"]').first.get_attribute("data-verdict") == "non conforme"
