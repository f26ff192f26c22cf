"""The harness's overhead on the complete sign-up: the scenario ``T_PARCOURS_COMPLET`` on the browser
channel, versus ``bench/bare_playwright.py``, against the same running reference implementation.

Fair by construction: both time a fresh browser context per sign-up and exclude Chromium's launch
(the bare script warms up once; the harness's first repetition, which launches Chromium, is dropped).
The harness runs as a user would run it against an implementation already started elsewhere:
``chorus-conformance --profil P`` where P points at the running implementation and fixes the ports of
the fakes the harness starts (so the bench stops its own fakes while the harness runs, and restarts
them on the same ports for the next bare block: bare / harness / bare / harness / bare, against drift).
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import time
from pathlib import Path

from .outils import commande, resume
from .services import CAPTCHA, Services, demarrer, demarrer_fakes, environnement

SCENARIO = "T_PARCOURS_COMPLET"
PREMIERE = re.compile(r"[\[-]rep0[\]-]")  # the first repetition: it pays Chromium's launch


def _profil(s: Services) -> Path:
    chemin = s.dossier / "profil_bench.toml"
    chemin.write_text(f'''nom = "Implémentation de référence (banc d'essai)"
version = "bench"
url_base = "{s.implementation}"

[test]
captcha_reponse = "{CAPTCHA}"
duree_validite_lien_minutes = 60

[services]
sirene_port = {s.sirene_port}
smtp_port = {s.smtp_port}
''', encoding="utf-8")
    return chemin


def bare(s: Services, n: int, rng: random.Random) -> list[float]:
    """``n`` timed sign-ups by the bare script (after one warm-up), one Chromium for them all."""
    from playwright.sync_api import sync_playwright

    from .bare_playwright import lancer_chromium, une_inscription
    if n <= 0:
        return []
    with sync_playwright() as p:
        browser = lancer_chromium(p)
        try:
            une_inscription(browser, s.implementation, s.boite, rng)  # warm-up
            return [une_inscription(browser, s.implementation, s.boite, rng) for _ in range(n)]
        finally:
            browser.close()


def harnais(s: Services, n: int, rapports: Path, options: list[str] = ()) -> dict:
    """The harness's scenario ``n`` times in one ``chorus-conformance`` session (+1 dropped warm-up);
    ``options``: more options for chorus-conformance."""
    phases_fichier = rapports / "phases.jsonl"
    rapports.mkdir(parents=True, exist_ok=True)
    phases_fichier.unlink(missing_ok=True)
    env = environnement()
    env.update(CHORUS_BENCH_REPETITIONS=str(n + 1), CHORUS_BENCH_PHASES=str(phases_fichier))
    argv = [commande("chorus-conformance"), "--profil", str(_profil(s)), "--rapports", str(rapports),
            "--canal", "navigateur", "-k", f"{SCENARIO} and navigateur", "-p", "bench.repetition", *options]
    debut = time.perf_counter()
    fini = subprocess.run(argv, env=env, cwd=Path(__file__).resolve().parent.parent, capture_output=True,
                          text=True, timeout=900)
    mur = time.perf_counter() - debut
    verdict_chemin = rapports / "verdict.json"
    if not verdict_chemin.exists():
        raise RuntimeError(f"chorus-conformance (code {fini.returncode}) n'a pas écrit {verdict_chemin} :\n"
                           f"{fini.stdout[-3000:]}\n{fini.stderr[-3000:]}")
    verdict = json.loads(verdict_chemin.read_text(encoding="utf-8"))
    lignes = [r for r in verdict["scenarios"] if r["canal"] == "navigateur" and SCENARIO in r["tags"]]
    echecs = [r["nodeid"] for r in lignes if r["issue"] != "réussi"]
    mesurees = [r for r in lignes if not PREMIERE.search(r["nodeid"])]
    phases: dict[str, dict[str, float]] = {}
    for ligne in phases_fichier.read_text(encoding="utf-8").splitlines() if phases_fichier.exists() else []:
        d = json.loads(ligne)
        phases.setdefault(d["nodeid"], {})[d["phase"]] = d["duree"]
    noeuds = {r["nodeid"] for r in mesurees}
    par_phase = {ph: resume(v[ph] for k, v in phases.items() if k in noeuds and ph in v)
                 for ph in ("setup", "call", "teardown")}
    premiere = next((phases.get(r["nodeid"], {}) for r in lignes if PREMIERE.search(r["nodeid"])), {})
    return {"code": fini.returncode, "mur_s": mur, "echecs": echecs,
            "durees": [r["duree"] for r in mesurees], "phases": par_phase,
            "premiere_s": sum(premiere.values()) if premiere else None}


# The harness with no trace at all (its default keeps a light one of failed browser scenarios).
SANS_TRACES = ["--traces", "jamais"]


def _parts(n: int, k: int) -> list[int]:
    """``n`` split into ``k`` nearly equal parts (the larger first)."""
    return [n // k + (1 if i < n % k else 0) for i in range(k)]


def mesurer(n: int, dossier: Path, graine: int = 7, sans_traces: bool = True, blocs: int = 2) -> dict:
    """Alternated, so that a change of the machine's load hits both sides alike:
    bare, harness [, harness without traces], bare, harness [, …], bare — ``blocs`` harness sessions,
    ``blocs + 1`` bare blocks, ``n`` measured sign-ups on each side."""
    rng = random.Random(graine)
    blocs = max(1, min(blocs, n))
    s = demarrer(parallele=True)
    ports = s.sirene_port, s.smtp_port
    nus: list[list[float]] = []
    sessions, sessions0 = [], []
    try:
        for i, (nb, nh) in enumerate(zip(_parts(n, blocs + 1), _parts(n, blocs) + [0])):
            if i > 0:
                demarrer_fakes(s, *ports)
            nus.append(bare(s, nb, rng))
            if nh == 0:
                break
            s.arreter("sirene", "smtp")  # the harness starts its own fakes on these ports
            sessions.append(harnais(s, nh, dossier / f"surcout_{i}"))
            if sans_traces:
                sessions0.append(harnais(s, nh, dossier / f"surcout_sans_traces_{i}", SANS_TRACES))
    finally:
        s.fermer()
    tous_nus = [d for bloc in nus for d in bloc]
    b = resume(tous_nus)
    hr = resume(d for h in sessions for d in h["durees"])
    ratio = (hr["mediane"] / b["mediane"]) if b.get("mediane") and hr.get("mediane") else None
    phases = {ph: resume(v for h in sessions for v in h["phases"][ph].get("valeurs", []))
              for ph in ("setup", "call", "teardown")}
    out = {"n": n, "blocs": blocs, "bare": b, "bare_par_bloc": [resume(x).get("mediane") for x in nus],
           "harnais": hr, "harnais_par_bloc": [resume(h["durees"]).get("mediane") for h in sessions],
           "harnais_phases": phases, "harnais_code": max(h["code"] for h in sessions),
           "harnais_echecs": [e for h in sessions for e in h["echecs"]],
           "harnais_mur_s": [round(h["mur_s"], 1) for h in sessions],
           "harnais_premiere_s": [h["premiere_s"] for h in sessions], "ratio": ratio, "sans_traces": None}
    if sessions0:
        h0 = resume(d for h in sessions0 for d in h["durees"])
        out["sans_traces"] = {"durees": h0, "code": max(h["code"] for h in sessions0),
                              "echecs": [e for h in sessions0 for e in h["echecs"]],
                              "ratio": h0["mediane"] / b["mediane"] if b.get("mediane") and h0.get("mediane") else None}
    return out


if __name__ == "__main__":
    import pprint
    import tempfile
    pprint.pprint(mesurer(int(os.environ.get("N", "3")), Path(tempfile.mkdtemp(prefix="chorus-bench-"))))
