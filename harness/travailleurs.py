"""How many pytest processes a run of the suite uses, and what a test path on the command line is."""
from __future__ import annotations

import os
from pathlib import Path


def chemin_de_tests(arg: str) -> bool:
    """A test path the user gave (a test module, a feature file, a node id): not an option's value such as
    the profile file or the reports folder, which also exist on disk."""
    chemin = arg.split("::")[0]
    return not arg.startswith("-") and chemin.endswith((".py", ".feature")) and Path(chemin).exists()


# Options by which the user chooses the workers, or asks for what runs in one process only.
_CHOIX_DES_TRAVAILLEURS = ("-n", "--numprocesses", "--pdb", "--trace", "-pno:xdist")
# Options that select part of the suite: a part runs in one process unless -n says otherwise.
_SELECTION = ("-k", "-m", "--lf", "--last-failed", "--sw", "--stepwise")


def travailleurs(argv: list[str], coeurs: int | None = None) -> list[str]:
    """The whole suite runs on two xdist workers by default (measured on 2 cores with Debian's headless shell: 67 s
    against 106 s serially, 375 scenarios; ``make bench`` prints both), on one core serially. The user's choice
    (``-n``, ``-p no:xdist``, a debugger) wins; a part of the suite (``-k``, ``-m``, test paths, ``--lf``), which
    would spend more on starting workers than it saves, stays serial."""
    coeurs = (os.cpu_count() or 1) if coeurs is None else coeurs
    for i, arg in enumerate(argv):
        if arg.startswith(_CHOIX_DES_TRAVAILLEURS) or arg in _SELECTION \
                or arg.startswith(tuple(f"{o}=" for o in _SELECTION)) or chemin_de_tests(arg) \
                or (arg == "-p" and i + 1 < len(argv) and argv[i + 1] == "no:xdist"):
            return []
    return ["-n", str(min(2, coeurs))] if coeurs >= 2 else []
