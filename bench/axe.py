"""The cost of axe-core on every page of the flow (issue 14: at most 10 % of the browser channel's time).

The browser channel is run serially as it ran before the accessibility rules (``-m "not accessibilite"``) and with
the A_AXE scenarios added (one browser journey through every page state, axe-core run on each, and the
expired link's page), alternated,
``executions`` times each. Two figures: the A_AXE scenarios' own time against the other browser scenarios' time
in the same run (what axe adds to the channel, preparations of its pages included), and the difference of the two
runs' wall times (noisier: the machine's drift is in it)."""
from __future__ import annotations

import json
import statistics
from pathlib import Path

from .suite import lancer

SANS = ["--canal", "navigateur", "-m", "not accessibilite"]
AVEC = ["--canal", "navigateur", "-m", "not accessibilite or A_AXE"]
CIBLE = 0.10


def _somme(verdict: dict, axe: bool) -> float:
    """The time of the browser channel's executed scenarios: the A_AXE ones (``axe``) or the others."""
    return sum(s["duree"] for s in verdict["scenarios"] if s.get("canal") == "navigateur"
               and s["issue"] != "non vérifié" and ("A_AXE" in s["tags"]) == axe)


def mesurer(dossier: Path, executions: int = 1) -> dict:
    sans, avec, parts = [], [], []
    for i in range(executions):
        r_sans = lancer(dossier / f"axe_sans_{i}", SANS)
        r_avec = lancer(dossier / f"axe_avec_{i}", AVEC)
        sans.append(r_sans)
        avec.append(r_avec)
        if "rapports" in r_avec:
            verdict = json.loads((Path(r_avec["rapports"]) / "verdict.json").read_text(encoding="utf-8"))
            axe, autres = _somme(verdict, True), _somme(verdict, False)
            n = sum(1 for s in verdict["scenarios"] if "A_AXE" in s["tags"] and s["issue"] != "non vérifié")
            parts.append({"axe_s": round(axe, 2), "autres_s": round(autres, 2), "scenarios_axe": n,
                          "part": round(axe / autres, 4) if autres else None})
    murs_sans = [r["mur_s"] for r in sans if "erreur" not in r]
    murs_avec = [r["mur_s"] for r in avec if "erreur" not in r]
    out = {"cible": CIBLE, "executions": parts, "sans": sans, "avec": avec}
    if parts:
        out["part_mediane"] = statistics.median(p["part"] for p in parts if p["part"] is not None)
    if murs_sans and murs_avec:
        out["mur_sans_s"], out["mur_avec_s"] = statistics.median(murs_sans), statistics.median(murs_avec)
        out["surcout_mur"] = round(out["mur_avec_s"] / out["mur_sans_s"] - 1, 4)
    return out
