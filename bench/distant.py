"""The browser channel on a remote Playwright browser server (``playwright run-server``, issue 16) against the
local Chromium: the same scenarios, alternated, each side ``executions`` times; per-scenario cost from
``verdict.json`` (the scenarios that ran), wall and CPU-seconds of each command. The server runs on this machine:
the figure is the protocol's cost (a WebSocket between the harness and the browser), not a network's."""
from __future__ import annotations

from pathlib import Path

from fixtures.clients import stop_process
from harness.navigateur import demarrer_serveur_de_navigateurs

from .outils import mediane
from .suite import lancer

SELECTION = ["--canal", "navigateur", "-m", "not accessibilite"]


def _par_scenario(run: dict) -> float | None:
    canal = (run.get("canaux") or {}).get("navigateur")
    return canal["duree"].get("moyenne") if canal else None


def mesurer(dossier: Path, executions: int = 1) -> dict:
    processus: list = []
    ws = demarrer_serveur_de_navigateurs(dossier, processus)
    try:
        local, distant = [], []
        for i in range(executions):
            local.append(lancer(dossier / f"distant_local_{i}", SELECTION))
            distant.append(lancer(dossier / f"distant_ws_{i}", [*SELECTION, "--navigateur-distant", ws]))
    finally:
        for p in processus:
            stop_process(p)
    out = {"selection": SELECTION, "local": local, "distant": distant}
    for cote, runs in (("local", local), ("distant", distant)):
        bons = [r for r in runs if "erreur" not in r]
        out[f"{cote}_scenario_s"] = mediane(filter(None, (_par_scenario(r) for r in bons)))
        out[f"{cote}_mur_s"] = mediane(r["mur_s"] for r in bons)
        out[f"{cote}_cpu_s"] = mediane(r["cpu_s"] for r in bons)
        out[f"{cote}_codes"] = [r["code"] for r in runs]
    if out["local_scenario_s"] and out["distant_scenario_s"]:
        out["surcout_par_scenario_s"] = out["distant_scenario_s"] - out["local_scenario_s"]
        out["ratio"] = out["distant_scenario_s"] / out["local_scenario_s"]
    return out
