"""The full conformance suite, timed from the command a user types to the verdict
(``chorus-conformance --rapports DIR`` [``-n 2``]), and what its ``verdict.json`` says about the cost of
each scenario on each channel."""
from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from .outils import commande, resume
from .services import RACINE, environnement

IGNORE = "non vérifié"


# Debian's full Chromium (new headless mode): the browser the suite ran on before the headless shell became the
# default, measured beside it.
CHROMIUM_COMPLET = "/usr/bin/chromium"


def lancer(rapports: Path, options: list[str] = (), chromium: str | None = None, repartir: bool = False) -> dict:
    """One run; ``chromium``: the browser to launch instead of the default (CHORUS_CHROMIUM); ``repartir``: also
    where its CPU went, by kind of process (``repartition``)."""
    argv = [commande("chorus-conformance"), "--rapports", str(rapports), *options]
    env = environnement()
    if chromium:
        env["CHORUS_CHROMIUM"] = chromium
    releve = Releve() if repartir else None
    fini, mur, cpu = executer(argv, env, releve=releve)
    chemin = rapports / "verdict.json"
    if not chemin.exists():
        return {"options": list(options), "code": fini.returncode, "mur_s": mur, "cpu_s": cpu, "erreur":
                f"pas de verdict.json : {fini.stdout[-2000:]} {fini.stderr[-2000:]}"}
    verdict = json.loads(chemin.read_text(encoding="utf-8"))
    pytest_s = None
    m = re.search(r" in ([\d.]+)s", fini.stdout)
    if m:
        pytest_s = float(m.group(1))
    return {"options": list(options), "code": fini.returncode, "mur_s": mur, "cpu_s": cpu, "pytest_s": pytest_s,
            **({"repartition_cpu_s": releve.repartition()} if releve else {}),
            "resume": verdict.get("resume"), "duree_totale_plugin_s": verdict.get("duree_totale"),
            **analyser(verdict), "rapports": str(rapports)}


def devenir_faucheur() -> bool:
    """Make this process the "subreaper" of its descendants (Linux's PR_SET_CHILD_SUBREAPER): a process whose
    parent ends before it (Chromium's zygote and renderers, daemonised servers) is then re-parented to us instead
    of to init, so that its CPU time reaches our RUSAGE_CHILDREN when we reap it. Without this the figure misses
    them: measured on the suite, RUSAGE_CHILDREN said 76 CPU-seconds where the processes' own counters, read in
    /proc while it ran, added up to 103."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def faucher() -> None:
    """Reap the descendants re-parented to us that have ended (see devenir_faucheur)."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def cpu_des_descendants() -> float:
    """User + system CPU-seconds of this process's children and their descendants that have ended."""
    faucher()
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def executer(argv: list[str], env: dict, timeout: float = 1800,
             releve: "Releve | None" = None) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run ``argv`` to its end: (the completed process, wall seconds, CPU-seconds of it and all its descendants,
    which the kernel adds to ours as each is waited for: pytest's workers, Chromium, the servers). One command at
    a time: a command run in parallel would count in both. ``releve``: read the process tree's counters while it
    runs (where the CPU goes)."""
    devenir_faucheur()
    cpu = cpu_des_descendants()
    debut = time.perf_counter()
    with subprocess.Popen(argv, cwd=RACINE, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as processus:
        if releve is not None:
            releve.suivre(processus.pid)
        try:
            sortie, erreurs = processus.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            processus.kill()
            raise
        finally:
            if releve is not None:
                releve.arreter()
    fini = subprocess.CompletedProcess(argv, processus.returncode, sortie, erreurs)
    mur = time.perf_counter() - debut
    time.sleep(0.5)  # the browser's last processes end just after the command
    return fini, mur, cpu_des_descendants() - cpu


TOP_PAR_SECONDE = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def sorte_de_processus(cmdline: str) -> str:
    """What a process of a suite run is, from its command line."""
    if "chrom" in cmdline or "headless_shell" in cmdline:
        for genre, nom in (("--type=renderer", "Chromium : rendu des pages"), ("--type=gpu", "Chromium : GPU"),
                           ("--type=", "Chromium : autres (réseau, stockage, zygote)")):
            if genre in cmdline:
                return nom
        return "Chromium : processus principal"
    premier = cmdline.split(" ", 1)[0]
    if premier.endswith("/node") or premier == "node":
        return "pilote Playwright (Node)"
    for motif, nom in (("reference_impl", "implémentation de référence"), ("fake_sirene", "faux Sirene"),
                       ("smtp_capture", "capture SMTP"), ("execnet", "harnais : processus pytest-xdist"),
                       ("import sys;exec", "harnais : processus pytest-xdist")):
        if motif in cmdline:
            return nom
    return "harnais : processus principal" if "chorus-conformance" in cmdline or "harness" in cmdline else "autres"


class Releve:
    """Reads, ten times a second, the CPU counters (/proc/PID/stat) of every process under a command: the last
    value read of each process, summed by kind (``sorte_de_processus``). A process that lives less than a tenth
    of a second is missed, so the sum is a little below the run's whole CPU (``executer``'s figure)."""

    def __init__(self, intervalle: float = 0.1) -> None:
        self.intervalle = intervalle
        self.vus: dict[int, tuple[float, str]] = {}
        self._fin = threading.Event()
        self._fil: "threading.Thread | None" = None

    def suivre(self, racine: int) -> None:
        self._fil = threading.Thread(target=self._boucle, args=(racine,), daemon=True)
        self._fil.start()

    def arreter(self) -> None:
        self._fin.set()
        if self._fil is not None:
            self._fil.join()

    def _boucle(self, racine: int) -> None:
        while not self._fin.is_set():
            for pid, champs in self._arbre(racine):
                cmd = self._ligne_de_commande(pid)
                self.vus[pid] = ((int(champs[11]) + int(champs[12])) / TOP_PAR_SECONDE,
                                 cmd or self.vus.get(pid, (0.0, ""))[1])
            self._fin.wait(self.intervalle)

    @staticmethod
    def _stat(pid: str) -> list[str] | None:
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8", errors="replace") as f:
                texte = f.read()
        except OSError:
            return None
        return texte[texte.rindex(")") + 2:].split()

    def _arbre(self, racine: int) -> list[tuple[int, list[str]]]:
        """Every process under ``racine`` (itself included) with the /proc/PID/stat fields read to find them."""
        lus: dict[int, list[str]] = {}
        enfants: dict[int, list[int]] = defaultdict(list)
        for nom in os.listdir("/proc"):
            if nom.isdigit():
                champs = self._stat(nom)
                if champs:
                    lus[int(nom)] = champs
                    enfants[int(champs[1])].append(int(nom))
        arbre, pile = [], [racine]
        while pile:
            pid = pile.pop()
            if pid in lus:
                arbre.append((pid, lus[pid]))
            pile.extend(enfants.get(pid, []))
        return arbre

    @staticmethod
    def _ligne_de_commande(pid: int) -> str:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                return f.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def repartition(self) -> dict[str, float]:
        sommes: dict[str, float] = defaultdict(float)
        for cpu, cmd in self.vus.values():
            sommes[sorte_de_processus(cmd)] += cpu
        return {k: round(v, 1) for k, v in sorted(sommes.items(), key=lambda kv: -kv[1])}


def analyser(verdict: dict) -> dict:
    """Items per channel and per issue; per-scenario cost of the executed ones; the slowest."""
    par_canal: dict[str, list[dict]] = defaultdict(list)
    for s in verdict["scenarios"]:
        par_canal[s.get("canal") or "?"].append(s)
    canaux = {}
    for canal, lignes in sorted(par_canal.items()):
        executes = [s for s in lignes if s["issue"] != IGNORE]
        issues: dict[str, int] = defaultdict(int)
        for s in lignes:
            issues[s["issue"]] += 1
        r = resume(s["duree"] for s in executes)
        r.pop("valeurs", None)
        canaux[canal] = {"items": len(lignes), "issues": dict(issues), "duree": r,
                         "somme_s": sum(s["duree"] for s in executes)}
    lents = sorted(verdict["scenarios"], key=lambda s: -s["duree"])[:5]
    return {"canaux": canaux, "plus_lents": [{"scenario": s["scenario"], "canal": s["canal"], "duree": s["duree"]}
                                             for s in lents]}


def generation_rapports(verdict_json: Path, repetitions: int = 3) -> dict:
    """The plugin does not record how long its reports take: replay its end-of-session work from a
    verdict.json (rule verdicts from the catalogue, verdict.json written, HTML report rendered), as
    ``harness/plugin.py::pytest_sessionfinish`` does it. JUnit XML and Cucumber JSON (written by pytest
    and pytest-bdd) are not included."""
    from harness.catalogue import charger_catalogue
    from harness.report import ecrire_rapport
    from harness.verdict import Resultat, bilan

    donnees = json.loads(verdict_json.read_text(encoding="utf-8"))
    durees, tailles = [], 0
    with tempfile.TemporaryDirectory(prefix="chorus-bench-rapport-") as dossier:
        for _ in range(repetitions):
            debut = time.perf_counter()
            resultats = [Resultat(nodeid=s["nodeid"], scenario=s["scenario"], issue=s["issue"], tags=tuple(s["tags"]),
                                  canal=s["canal"], fonctionnalite=s.get("fonctionnalite", ""),
                                  message=s.get("message", ""), duree=s["duree"], preuves=dict(s.get("preuves", {})))
                         for s in donnees["scenarios"]]
            b = bilan(resultats, charger_catalogue(), [])
            sortie = Path(dossier) / "verdict.json"
            sortie.write_text(json.dumps(donnees, ensure_ascii=False, indent=2), encoding="utf-8")
            html = ecrire_rapport(donnees, b, Path(dossier) / "rapport.html")
            durees.append(time.perf_counter() - debut)
            tailles = html.stat().st_size
    return {"duree": resume(durees), "rapport_html_octets": tailles, "enregistre_par_le_greffon": False}


def mesurer(dossier: Path, executions: int = 1, alternatif: str | None = CHROMIUM_COMPLET) -> dict:
    """Serial (``-n 0``) and default runs (two workers on two cores: ``harness/travailleurs.py``), alternated
    (serial first), ``executions`` of each, the CPU of the first default run shared out by kind of process; and one
    serial run with the ``alternatif`` Chromium when it is installed."""
    if alternatif and not Path(alternatif).exists():
        alternatif = None
    series, paralleles, alternatifs = [], [], []
    for i in range(executions):
        series.append(lancer(dossier / f"suite_serie_{i}", ["-n", "0"]))
        paralleles.append(lancer(dossier / f"suite_n2_{i}", repartir=i == 0))
    if alternatif:
        alternatifs.append(lancer(dossier / "suite_alternatif", ["-n", "0"], chromium=alternatif))
    out = {"serie": series, "n2": paralleles}
    if alternatif:
        out["alternatif"] = {"chromium": alternatif, "serie": alternatifs}
    premiere = next((Path(r["rapports"]) / "verdict.json" for r in series if "rapports" in r), None)
    if premiere is not None:
        out["rapports"] = generation_rapports(premiere)
    return out
