"""What the CI files say of each scenario agrees with verdict.json and with the exit code: the check the tests run
on every run whose outputs they read (tests/harness/test_plugin.py, tests/test_sorties_ci.py)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

# verdict.json's issue -> what a CI server must show, when nothing else applies (expected failures, non-gating
# rules and --exiger-tout are read from the verdict below)
ATTENDU = {"réussi": "passed", "échoué": "failed", "non vérifié": "skipped", "préparation impossible": "skipped",
           "erreur du harnais": "error"}


def _junit(chemin: Path) -> dict[str, tuple[str, str]]:
    """nodeid -> (status, text) of every testcase, by the « Identifiant » line of its system-out."""
    cas = {}
    for tc in ET.parse(chemin).getroot().iter("testcase"):
        sortie = tc.findtext("system-out") or ""
        ident = next(ligne.split(" : ", 1)[1] for ligne in sortie.splitlines() if ligne.startswith("Identifiant : "))
        statut = next((e.tag for e in tc if e.tag in ("failure", "error", "skipped")), "passed")
        statut = {"failure": "failed"}.get(statut, statut)
        assert ident not in cas, f"junit.xml : {ident} deux fois"
        cas[ident] = (statut, sortie)
    return cas


def _cucumber(chemin: Path) -> dict[str, str]:
    """nodeid -> status of every scenario (failed if a step failed, passed if all passed, else skipped)."""
    out = {}
    for fonctionnalite in json.loads(chemin.read_text(encoding="utf-8")):
        for e in fonctionnalite["elements"]:
            statuts = {p["result"]["status"] for p in e["steps"]}
            out[e["id"]] = "failed" if "failed" in statuts else "passed" if statuts == {"passed"} else "skipped"
    return out


def verifier_accord(rapports: Path, code: int, depuis: Path) -> dict:
    """verdict.json, junit.xml, cucumber.json and the exit code of the run in ``rapports`` agree scenario by
    scenario; the attachments in junit.xml name files that exist (relative to ``depuis``, where the run started).
    Returns the verdict."""
    verdict = json.loads((rapports / "verdict.json").read_text(encoding="utf-8"))
    junit, cucumber = _junit(rapports / "junit.xml"), _cucumber(rapports / "cucumber.json")
    regles = {r["id"]: r for r in verdict["regles"]}
    assert set(junit) == set(cucumber) == {s["nodeid"] for s in verdict["scenarios"]}
    for s in verdict["scenarios"]:
        siennes = [regles[t] for t in s["tags"] if t in regles]
        attendu = ATTENDU[s["issue"]]
        if s["issue"] == "échoué" and (s.get("attendu") or "informatif" in s["tags"] or siennes and not any(
                r["verdict"] in ("non conforme", "attendu mais conforme")
                and (r["niveau"] == "obligatoire" or r["source"] in verdict["referentiels_bloquants"])
                for r in siennes)):
            attendu = "skipped"  # an expected failure, or a failure that does not gate: the exit code ignores it
        if s["issue"] == "réussi" and s.get("attendu") and any(r["verdict"] == "attendu mais conforme"
                                                                 for r in siennes):
            attendu = "failed"  # listed as expected to fail, passing: that gates
        if verdict.get("exiger_tout") and s["issue"] in ("non vérifié", "préparation impossible") and any(
                r["verdict"] == "non vérifié" and r["niveau"] == "obligatoire" for r in siennes):
            attendu = "failed"
        assert junit[s["nodeid"]][0] == attendu, (s["nodeid"], s["issue"], junit[s["nodeid"]])
        assert cucumber[s["nodeid"]] == ("failed" if attendu == "error" else attendu), (s["nodeid"], s["issue"])
        if attendu == "skipped":
            assert "Issue : " + s["issue"] in junit[s["nodeid"]][1]
    en_echec = [i for i, (statut, _) in junit.items() if statut in ("failed", "error")]
    assert (code == 0) == (not en_echec), (code, en_echec[:5])
    assert verdict["code"] == code
    for _, sortie in junit.values():
        for ligne in sortie.splitlines():
            if ligne.startswith("[[ATTACHMENT|"):
                chemin = Path(ligne[len("[[ATTACHMENT|"):-2])
                assert (chemin if chemin.is_absolute() else depuis / chemin).is_file(), ligne
    return verdict
