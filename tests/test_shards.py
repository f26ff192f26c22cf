"""CI shards: ``--shard i/n`` runs a share of the scenarios, ``fusionner`` makes the shards one verdict, the same
as one run's (rule by rule, exit code, JUnit and Cucumber complete)."""
from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness.cli import _partage

RACINE = Path(__file__).resolve().parents[1]
SELECTION = ["--canal", "http", "-k", "mot_de_passe or SIRET", "--faker-seed", "5", "--bundled-fault",
             "mdp_11_caracteres"]


def _cli(*args: str) -> int:
    return subprocess.run([sys.executable, "-m", "harness.cli", *args], cwd=RACINE, capture_output=True, text=True,
                          timeout=600).returncode


def _lire(dossier: Path) -> dict:
    return json.loads((dossier / "verdict.json").read_text(encoding="utf-8"))


def test_two_shards_merged_give_the_single_run_verdict(tmp_path):
    with ThreadPoolExecutor(3) as pool:
        seul = pool.submit(_cli, "--rapports", str(tmp_path / "seul"), *SELECTION)
        parts = [pool.submit(_cli, "--rapports", str(tmp_path / f"part{i}"), "--shard", f"{i}/2", *SELECTION)
                 for i in (1, 2)]
        codes = [p.result() for p in parts]
        assert seul.result() == 1
    assert set(codes) <= {0, 1}
    code = _cli("fusionner", str(tmp_path / "part1"), str(tmp_path / "part2"), "--rapports", str(tmp_path / "tout"))
    assert code == 1
    un, fusion = _lire(tmp_path / "seul"), _lire(tmp_path / "tout")
    parts = [_lire(tmp_path / f"part{i}") for i in (1, 2)]
    assert all(p["scenarios"] for p in parts), "une part sans scénario : le partage n'a rien partagé"
    assert not {s["nodeid"] for s in parts[0]["scenarios"]} & {s["nodeid"] for s in parts[1]["scenarios"]}
    assert {r["id"]: r["verdict"] for r in fusion["regles"]} == {r["id"]: r["verdict"] for r in un["regles"]}
    assert "E4_MDP_LONGUEUR" in {r["id"] for r in fusion["regles"] if r["verdict"] == "non conforme"}
    assert len(fusion["scenarios"]) == len(un["scenarios"])
    cas = ET.parse(tmp_path / "tout" / "junit.xml").getroot().iter("testcase")
    assert len(list(cas)) == len(un["scenarios"])
    def cucumber(dossier: str) -> list[str]:
        return sorted(e["id"] for f in json.loads((tmp_path / dossier / "cucumber.json").read_text(encoding="utf-8"))
                      for e in f["elements"])
    assert cucumber("tout") == cucumber("seul") and cucumber("tout")


def test_merge_refuses_shards_of_different_runs(tmp_path):
    for i, graine in ((1, "1"), (2, "2")):
        (tmp_path / f"p{i}").mkdir()
        (tmp_path / f"p{i}" / "verdict.json").write_text(json.dumps(
            {"code": 0, "graine": graine, "implementation": {"nom": "x"}, "scenarios": []}), encoding="utf-8")
    assert _cli("fusionner", str(tmp_path / "p1"), str(tmp_path / "p2"), "--rapports", str(tmp_path / "t")) == 3
    assert _cli("fusionner", str(tmp_path / "absent"), "--rapports", str(tmp_path / "t")) == 3


def test_shard_option_becomes_pytest_split_options(tmp_path):
    durees = tmp_path / "d.json"
    durees.write_text("{}", encoding="utf-8")
    assert _partage(["--shard", "2/3", "--durees", str(durees), "-x"]) == [
        "--splits", "3", "--group", "2", "--splitting-algorithm", "least_duration", "--durations-path", str(durees),
        "-x"]
    assert _partage(["-x"]) == ["-x"]
