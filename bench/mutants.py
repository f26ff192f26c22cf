"""``make mutants`` timed (issue 16: at most 5 minutes, every seeded fault, the fault-free control included):
wall time and CPU-seconds of ``python -m mutants``, and its kill rate (its last line)."""
from __future__ import annotations

import sys
from pathlib import Path

from .services import environnement
from .suite import executer


def mesurer(dossier: Path, rapide: bool = False) -> dict:
    argv = [sys.executable, "-m", "mutants", "--rapports", str(dossier / "mutants"), *(["--rapide"] if rapide else [])]
    fini, mur, cpu = executer(argv, environnement(), timeout=3600)
    lignes = fini.stdout.strip().splitlines()
    return {"commande": " ".join(argv[1:]), "code": fini.returncode, "mur_s": mur, "cpu_s": cpu,
            "taux": lignes[-1] if lignes else "", "rapide": rapide,
            "erreur": None if lignes else (fini.stderr or "")[-500:]}
