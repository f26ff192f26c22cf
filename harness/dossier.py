"""The reports folder of a run: a previous run found there is set aside in ``precedente/`` when the new run really
starts (services about to start, scenarios collected), and the run says so; never before (``--help``, a usage error
or a refused profile leave the folder as it was), and nothing in the folder but a run's own outputs is touched."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

PRECEDENTE = "precedente"
# What a run writes in its folder (cli.arguments, collecte, preuves, services; plusieurs its console.log): only
# these are moved.
SORTIES = ("verdict.json", "rapport.html", "guide_annote.html", "junit.xml", "cucumber.json", "durees.json",
           "pages", "traces", "playwright", "journaux", "console.log")


def mettre_de_cote(rapports: Path) -> str | None:
    """Move the previous run's outputs of ``rapports`` into ``rapports/precedente/`` (replacing the run kept there
    before) and return the line that says so, or None when the folder holds no earlier run's verdict."""
    verdict = rapports / "verdict.json"
    if not verdict.is_file():
        return None
    try:
        ancien = json.loads(verdict.read_text(encoding="utf-8"))
        quand, resume = str(ancien.get("date") or "?"), str(ancien.get("resume") or "?")
    except (OSError, ValueError, AttributeError):
        quand, resume = "?", "verdict.json illisible"
    cible = rapports / PRECEDENTE
    remplace = cible.exists()
    if remplace:
        shutil.rmtree(cible) if cible.is_dir() else cible.unlink()
    cible.mkdir(parents=True)
    for nom in SORTIES:
        if (rapports / nom).exists():
            (rapports / nom).rename(cible / nom)
    return (f"chorus : {rapports} contenait l'exécution du {quand} ({resume.split(' :')[0]}) : elle est déplacée "
            f"dans {cible}{' (qui remplace celle qui y était)' if remplace else ''} ; pour comparer : "
            f"chorus-conformance comparer {cible / 'verdict.json'} {verdict}")
