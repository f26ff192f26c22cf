"""Runs of ``chorus-conformance`` forked from one process that has already imported the harness.

The kill matrix runs the suite about 170 times (the fault-free control, then one to three stages per fault). Each
run in a new interpreter paid its start-up before the first scenario: the imports of pytest, its plugins,
pytest-bdd, Playwright, Faker, Hypothesis, the harness and the step modules, about 1 CPU-second even with the
bytecode cached. Here the standard library's fork server (``multiprocessing``'s "forkserver" start method) imports
them once, in a process that has no thread and has run nothing; each run is a fork of it, which finds them
imported. A run is otherwise the command a user types (``harness.cli.main`` with the same arguments), its console
in its log file, its exit code returned; nothing of one run is seen by the next, since every run starts from the
fork server's untouched state. Where the platform has no fork server, each run is a new interpreter, as before.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

RACINE = Path(__file__).resolve().parents[1]

# What a run imports anyway; the step modules come with steps.conftest (which imports them all).
PRECHARGES = ["pytest", "harness.cli", "harness.plugin", "harness.report", "steps.conftest", "fixtures.providers",
              "playwright.sync_api", "requests", "lxml.html"]


def _modules_des_greffons() -> list[str]:
    """pytest's plugins installed in this environment (entry points "pytest11"), which every run loads."""
    try:
        return sorted({e.value.split(":")[0] for e in entry_points(group="pytest11")})
    except Exception:  # noqa: BLE001 - a broken distribution's metadata only costs the preloading
        return []


def _executer(argv: list[str], journal: str) -> None:
    """In the forked child: the console to ``journal``, then the command; its exit code is the process's."""
    fd = os.open(journal, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    os.chdir(RACINE)
    from harness.cli import main
    try:
        code = main(argv)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    sys.exit(code)


class Lanceur:
    """``executer(argv, journal)`` runs ``chorus-conformance argv`` and returns its exit code."""

    def __init__(self, python: str = sys.executable, prechauffe: bool = True) -> None:
        self.python = python
        self.contexte = None
        if prechauffe and python == sys.executable and "forkserver" in multiprocessing.get_all_start_methods():
            self.contexte = multiprocessing.get_context("forkserver")
            self.contexte.set_forkserver_preload([*PRECHARGES, *_modules_des_greffons()])

    def executer(self, argv: list[str], journal: Path) -> int:
        if self.contexte is None:
            with open(journal, "w", encoding="utf-8") as sortie:
                return subprocess.run([self.python, "-m", "harness.cli", *argv], cwd=RACINE, stdout=sortie,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL).returncode
        processus = self.contexte.Process(target=_executer, args=(list(argv), str(journal)))
        processus.start()
        processus.join()
        code = processus.exitcode
        return code if code is not None and code >= 0 else 3  # killed by a signal: the harness did not conclude
