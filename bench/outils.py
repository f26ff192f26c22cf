"""Small helpers shared by the benchmark's modules."""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent


def commande(nom: str) -> str:
    """A console script of this virtual environment (chorus-conformance…)."""
    chemin = VENV_BIN / nom
    return str(chemin) if chemin.exists() else nom


def mediane(valeurs) -> float | None:
    valeurs = list(valeurs)
    return statistics.median(valeurs) if valeurs else None


def moyenne(valeurs) -> float | None:
    valeurs = list(valeurs)
    return statistics.fmean(valeurs) if valeurs else None


def resume(valeurs) -> dict:
    valeurs = sorted(valeurs)
    if not valeurs:
        return {"n": 0}
    return {"n": len(valeurs), "mediane": statistics.median(valeurs), "moyenne": statistics.fmean(valeurs),
            "min": valeurs[0], "max": valeurs[-1], "valeurs": [round(v, 4) for v in valeurs]}
