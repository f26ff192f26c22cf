"""Smoke tests of the benchmark (``python -m bench``): the pieces that do not need the full suite.

They check that each measuring piece works and returns sane figures, never how fast anything is."""
from __future__ import annotations

import ast
import random
import threading
from pathlib import Path

import pytest

from bench import debit, rapport, services

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def serveurs():
    s = services.demarrer(parallele=True)
    yield s
    s.fermer()


def test_the_three_servers_start_and_their_start_up_is_timed(serveurs):
    assert serveurs.implementation.startswith("http://127.0.0.1:")
    assert serveurs.sirene.endswith("/api-sirene/3.11") and serveurs.boite.startswith("http://127.0.0.1:")
    assert 0 < serveurs.duree_demarrage < 60


def test_throughput_for_one_second_with_one_client_gives_a_positive_rate(serveurs):
    palier = debit.charge(serveurs.implementation, serveurs.boite, clients=1, duree=1.0)
    assert palier["nb_erreurs"] == 0, palier["erreurs"]
    assert palier["inscriptions"] >= 1 and palier["par_seconde"] > 0
    # every step of the sign-up was timed, the SMTP send and the activation included
    for etape, _ in debit.ETAPES:
        assert palier["etapes"][etape]["n"] >= 1, etape


def test_the_bare_playwright_sign_up_completes_once(serveurs):
    from playwright.sync_api import sync_playwright

    from bench.bare_playwright import lancer_chromium, une_inscription
    resultat = {}

    def inscription():
        with sync_playwright() as p:
            browser = lancer_chromium(p)
            try:
                resultat["duree"] = une_inscription(browser, serveurs.implementation, serveurs.boite, random.Random(1))
            finally:
                browser.close()
    # Its own thread: pytest-playwright's session (other test files) keeps an event loop in the main thread,
    # where Playwright's sync API refuses to start a second one.
    fil = threading.Thread(target=inscription)
    fil.start()
    fil.join(120)
    assert resultat.get("duree", 0) > 0


def test_the_bare_script_uses_no_pytest_and_no_harness_code():
    arbre = ast.parse((ROOT / "bench" / "bare_playwright.py").read_text(encoding="utf-8"))
    modules = {alias.name.split(".")[0] for n in ast.walk(arbre) if isinstance(n, ast.Import) for alias in n.names}
    modules |= {n.module.split(".")[0] for n in ast.walk(arbre)
                if isinstance(n, ast.ImportFrom) and n.module and n.level == 0}
    assert not modules & {"pytest", "pytest_bdd", "harness", "steps", "fixtures", "bench"}, modules


def test_valid_random_sirets():
    from stdnum.fr import siret

    from bench.bare_playwright import siret_aleatoire
    rng = random.Random(3)
    assert all(siret.is_valid(siret_aleatoire(rng)) for _ in range(500))


def test_the_table_shows_each_figure_beside_its_target():
    figures = {
        "machine": {"date": "2026-01-01T00:00:00+00:00", "nproc": 2, "cpu": "CPU", "memoire_gio": 4.0,
                    "systeme": "Linux", "python": "3.11", "playwright": "1.65", "chromium": "Chromium"},
        "charge_depart": {"cpu_pct": 3.0, "loadavg": 0.1}, "options": {"rapide": True, "sans_suite": True},
        "demarrage": {"repetitions": 1, "serveurs_sequentiel": {"mediane": 1.0}, "serveurs_parallele": {"mediane": 0.9},
                      "chromium": {k: {"mediane": 0.4} for k in ("pilote_playwright", "lancement",
                                                                  "premier_contexte", "total")},
                      "total_s": 1.4},
        "surcout": {"n": 1, "blocs": 1, "bare": {"mediane": 2.0, "min": 2.0, "max": 2.0},
                    "bare_par_bloc": [2.0, 2.0], "harnais": {"mediane": 3.0, "min": 3.0, "max": 3.0},
                    "harnais_par_bloc": [3.0],
                    "harnais_phases": {k: {"mediane": 1.0} for k in ("setup", "call", "teardown")},
                    "harnais_code": 0, "harnais_echecs": [], "harnais_mur_s": [9.0], "harnais_premiere_s": [4.0],
                    "ratio": 1.5, "sans_traces": None},
    }
    texte = rapport.rendre(figures)
    assert "≤ 3 s" in texte and "✓ tenu" in texte
    assert "1.50 ×" in texte and "≤ 1.15 ×" in texte and "✗ dépassé" in texte
    assert "2 cœurs" in texte and "2026-01-01" in texte


def test_the_suite_verdict_is_the_median_of_its_runs():
    def execution(mur: float, cpu: float = 20.0) -> dict:
        return {"options": [], "code": 0, "mur_s": mur, "cpu_s": cpu, "pytest_s": mur - 2, "resume": "CONFORME.",
                "duree_totale_plugin_s": mur - 3, "canaux": {}, "plus_lents": []}
    figures = {
        "machine": {"date": "2026-01-01T00:00:00+00:00", "nproc": 2, "cpu": "CPU", "memoire_gio": 4.0,
                    "systeme": "Linux", "python": "3.11", "playwright": "1.65", "chromium": "Chromium"},
        "charge_depart": {"cpu_pct": 3.0, "loadavg": 0.1}, "options": {"rapide": False, "sans_suite": False},
        "suite": {"serie": [execution(18.0, 21.0), execution(30.0, 40.0), execution(15.0, 23.0)],
                  "n2": [execution(21.0), execution(24.0), execution(19.0)],
                  "alternatif": {"chromium": "/usr/bin/chromium",
                                 "serie": [execution(33.0), execution(31.0), execution(35.0)]}},
    }
    texte = rapport.rendre(figures)
    ligne = next(l for l in texte.splitlines() if "en série (-n 0) : médiane de 3" in l)
    assert "18.0 s" in ligne and "≤ 20 s" in ligne and "✓ tenu" in ligne  # one slow run (30 s) does not decide
    cpu = next(l for l in texte.splitlines() if "en série (-n 0) : CPU, médiane de 3" in l)
    assert "23.0 s" in cpu and "≤ 22 s" in cpu and "✗ dépassé" in cpu
    defaut = next(l for l in texte.splitlines() if "par défaut (-n 2, pytest-xdist) : médiane de 3" in l)
    assert "21.0 s" in defaut and "✗ dépassé" in defaut
    assert "série 18 s, -n 2 21 s" in texte
    alternatif = next(l for l in texte.splitlines() if "avec /usr/bin/chromium (3 exécution(s))" in l)
    assert "33.0 s" in alternatif
    assert rapport._mediane_mur([execution(1.0), execution(3.0)]) == 2.0
    assert rapport._mediane_mur([{"erreur": "x", "mur_s": 1.0}]) is None


def test_remote_browser_and_mutants_sections():
    figures = {
        "machine": {"date": "2026-01-01T00:00:00+00:00", "nproc": 2, "cpu": "CPU", "memoire_gio": 4.0,
                    "systeme": "Linux", "python": "3.11", "playwright": "1.65", "chromium": "Chromium"},
        "charge_depart": {"cpu_pct": 3.0, "loadavg": 0.1}, "options": {"rapide": False, "sans_suite": True},
        "distant": {"selection": ["--canal", "navigateur"], "local_scenario_s": 0.200, "distant_scenario_s": 0.250,
                    "surcout_par_scenario_s": 0.050, "ratio": 1.25, "local_mur_s": 30.0, "distant_mur_s": 36.0,
                    "local_cpu_s": 25.0, "distant_cpu_s": 20.0, "local_codes": [0], "distant_codes": [0]},
        "mutants": {"rapide": False, "mur_s": 420.0, "cpu_s": 700.0, "code": 0,
                    "taux": "Taux de destruction : 98/98 fautes tuées (100 %)"},
    }
    texte = rapport.rendre(figures)
    assert "1.25 ×, +50 ms" in texte
    ligne = next(l for l in texte.splitlines() if "de la commande au taux de destruction" in l)
    assert "420 s" in ligne and "≤ 300 s" in ligne and "✗ dépassé" in ligne
    assert "98/98 fautes tuées" in texte


def test_a_command_is_timed_with_the_cpu_of_its_descendants():
    import sys

    from bench.services import environnement
    from bench.suite import executer
    # the child spends its CPU in a grandchild: counted all the same
    travail = "import subprocess, sys; subprocess.run([sys.executable, '-c', 'sum(range(3 * 10**7))'])"
    fini, mur, cpu = executer([sys.executable, "-c", travail], environnement())
    assert fini.returncode == 0
    assert 0.3 < cpu <= mur * 2 + 0.5, (cpu, mur)


def test_where_the_cpu_goes_is_told_by_kind_of_process():
    from bench.suite import Releve, sorte_de_processus
    assert sorte_de_processus("/usr/lib/chromium/headless_shell --type=renderer --lang=fr") == "Chromium : rendu des pages"
    assert sorte_de_processus("/usr/lib/chromium/headless_shell --headless --remote-debugging-pipe") \
        == "Chromium : processus principal"
    assert sorte_de_processus("/x/playwright/driver/node /x/cli.js run-driver") == "pilote Playwright (Node)"
    assert sorte_de_processus("/v/bin/python -m reference_impl --port 1") == "implémentation de référence"
    assert sorte_de_processus("/v/bin/python -c import sys;exec(eval(sys.stdin.readline()))") \
        == "harnais : processus pytest-xdist"
    assert sorte_de_processus("/v/bin/python /v/bin/chorus-conformance --rapports r") == "harnais : processus principal"
    # the counters of a real process tree: this test's own process is read, and its kind is summed
    releve = Releve(intervalle=0.01)
    releve.suivre(__import__("os").getpid())
    sum(i * i for i in range(200_000))
    releve.arreter()
    assert sum(releve.repartition().values()) > 0


def test_the_cpu_breakdown_is_printed_under_the_default_run():
    execution = {"options": [], "code": 0, "mur_s": 60.0, "cpu_s": 100.0, "pytest_s": 58.0, "resume": "CONFORME.",
                 "duree_totale_plugin_s": 57.0, "canaux": {"http": {"items": 1, "issues": {}, "somme_s": 1.0,
                                                                     "duree": {"moyenne": 0.1, "mediane": 0.1}}},
                 "plus_lents": [], "repartition_cpu_s": {"Chromium : rendu des pages": 40.0, "harnais : processus "
                                                         "pytest-xdist": 30.0}}
    figures = {"machine": {"date": "2026-01-01T00:00:00+00:00", "nproc": 2, "cpu": "CPU", "memoire_gio": 4.0,
                           "systeme": "Linux", "python": "3.11", "playwright": "1.65", "chromium": "Chromium"},
               "charge_depart": {"cpu_pct": 3.0, "loadavg": 0.1}, "options": {},
               "suite": {"serie": [], "n2": [execution]}}
    texte = rapport.rendre(figures)
    ligne = next(l for l in texte.splitlines() if "où va le CPU" in l)
    assert "70.0 s" in ligne and "100.0 s" in ligne
    assert any("Chromium : rendu des pages" in l and "40.0 s" in l for l in texte.splitlines())
