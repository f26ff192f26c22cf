"""Start-up: the three servers until each printed READY, and Chromium (Playwright's driver, the
browser's launch, the first context and page)."""
from __future__ import annotations

import time

from .bare_playwright import lancer_chromium
from .outils import resume
from .services import demarrer


def serveurs(repetitions: int, parallele: bool) -> dict:
    durees = []
    for _ in range(repetitions):
        s = demarrer(parallele=parallele)
        durees.append(s.duree_demarrage)
        s.fermer()
    return resume(durees)


def chromium(repetitions: int) -> dict:
    from playwright.sync_api import sync_playwright
    pilote, lancement, contexte, total = [], [], [], []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        p = sync_playwright().start()
        t1 = time.perf_counter()
        try:
            browser = lancer_chromium(p)
            t2 = time.perf_counter()
            context = browser.new_context()
            context.new_page()
            t3 = time.perf_counter()
            browser.close()
        finally:
            p.stop()
        pilote.append(t1 - t0)
        lancement.append(t2 - t1)
        contexte.append(t3 - t2)
        total.append(t3 - t0)
    return {"pilote_playwright": resume(pilote), "lancement": resume(lancement),
            "premier_contexte": resume(contexte), "total": resume(total)}


def mesurer(repetitions: int = 5) -> dict:
    par = serveurs(repetitions, parallele=True)
    seq = serveurs(repetitions, parallele=False)
    chrome = chromium(repetitions)
    return {"repetitions": repetitions, "serveurs_parallele": par, "serveurs_sequentiel": seq, "chromium": chrome,
            # what a run pays before its first browser scenario: the servers (as the plugin starts
            # them today: one after the other) then Chromium
            "total_s": seq["mediane"] + chrome["total"]["mediane"],
            "total_parallele_s": par["mediane"] + chrome["total"]["mediane"]}


if __name__ == "__main__":
    import pprint
    pprint.pprint(mesurer(3))
