"""Self-contained HTML conformance report, in French, built from the verdict data (verdict.json).

rapport.html answers first « what is wrong » (the rules non conformes and the root causes of the
scenarios that could not be prepared, one line each), then gives a table of contents by step of the
guide and every rule in the guide's order; guide_annote.html shows the guide's text with the verdicts
(harness/rapports/guide.py). No network: inline CSS, screenshots embedded as data URIs, traces and inert
previews of the saved pages linked by relative paths.
"""
from __future__ import annotations

import json
from pathlib import Path

from .catalogue import ETAPES, REFERENTIELS, Referentiel
from .rapports import COULEURS, GRAVITE, ORDRE_DU_GUIDE, ecart, ecrire, pire, preuves
from .rapports import guide as guide_annote
from .verdict import BLOQUANTS, ECHOUE, ERREUR, IMPOSSIBLE

ORDRE_ETAPES = ORDRE_DU_GUIDE
GUIDE_ANNOTE = "guide_annote.html"


def _echecs(regle: dict, scenarios: dict[str, dict]) -> list[dict]:
    return [scenarios[n] for n in regle["scenarios"] if n in scenarios and scenarios[n]["issue"] == ECHOUE]


def _ancre_avec_preuve(nodeids: list[str], scenarios: dict[str, dict], ancres: dict[str, str]) -> str:
    """The anchor of the first of these scenarios that kept evidence, else of the first one."""
    avec = [n for n in nodeids if scenarios.get(n, {}).get("preuves")]
    choisi = (avec or nodeids or [None])[0]
    return ancres.get(choisi, "")


def contexte_rapport(donnees: dict, dossier: Path) -> dict:
    """What rapport.html shows, computed from the verdict data."""
    scenarios = {s["nodeid"]: s for s in donnees.get("scenarios", [])}
    ancres = {n: f"s{rang}" for rang, n in enumerate(scenarios)}
    regles = donnees.get("regles", [])
    par_id = {r["id"]: r for r in regles}
    bloquants = set(donnees.get("referentiels_bloquants", []))
    bloquantes = []
    for r in regles:
        if r["verdict"] not in BLOQUANTS or (r.get("source") in REFERENTIELS and r["source"] not in bloquants):
            continue
        echecs = _echecs(r, scenarios)
        bloquantes.append({"regle": r, "etape": ETAPES.get(r["etape"], ""),
                           "ecart": ecart(echecs[0].get("message", "")) if echecs else None,
                           "canal": echecs[0].get("canal") if echecs else None, "autres": max(len(echecs) - 1, 0),
                           "ancre": _ancre_avec_preuve([s["nodeid"] for s in echecs] or r["scenarios"], scenarios,
                                                       ancres)})
    causes = []
    for c in donnees.get("causes", []):
        en_cause = [par_id[i] for i in c.get("regles_en_cause", []) if i in par_id]
        causes.append({"cause": c, "regles": en_cause,
                       "etape": ", ".join(dict.fromkeys(ETAPES.get(r["etape"], "") for r in en_cause)) or "—",
                       "attendu": " ; ".join(r["titre"] for r in en_cause),
                       "ancre": _ancre_avec_preuve(c.get("scenarios", []), scenarios, ancres)})
    etapes = []
    for numero in ORDRE_ETAPES:
        de_l_etape = [r for r in regles if r["etape"] == numero]
        if de_l_etape:
            comptes: dict[str, int] = {}
            for r in de_l_etape:
                comptes[r["verdict"]] = comptes.get(r["verdict"], 0) + 1
            etapes.append({"numero": numero, "titre": ETAPES[numero], "regles": de_l_etape, "comptes": comptes})
    presents = set(donnees.get("comptes", {})) | {r["verdict"] for r in regles}
    return {
        "d": donnees, "impl": donnees.get("implementation", {}),
        "couleur": COULEURS["conforme"] if donnees.get("code") == 0 else COULEURS["non conforme"],
        "scenarios": scenarios, "ancres": ancres, "bloquantes": bloquantes, "causes": causes, "etapes": etapes,
        "erreurs": [s for s in scenarios.values() if s["issue"] == ERREUR],
        "colonnes": [v for v in GRAVITE if v in presents], "sans_regle": donnees.get("sans_regle", []),
        "guide_annote": GUIDE_ANNOTE, "preuves_de": _preuves_des_echecs(dossier, avec_images=True),
        "referentiels": [section for ref in REFERENTIELS.values()
                         if (section := referentiel(ref, regles, scenarios, ancres, ref.source in bloquants))],
    }


def referentiel(ref: Referentiel, regles: list[dict], scenarios: dict[str, dict], ancres: dict[str, str],
                bloquante: bool) -> dict | None:
    """A referential's section (accessibility, security): each requirement with the most worrying verdict of the
    rules that check it, those rules, and its evidence (what their scenarios observed, or the first failure's
    anchor); None when the run has none of its rules."""
    siennes = [r for r in regles if r.get("source") == ref.source]
    if not siennes:
        return None
    par_exigence: dict[str, list[dict]] = {}
    for r in siennes:
        for e in r.get("exigences", []):
            par_exigence.setdefault(e, []).append(r)
    exigences = []
    for numero, rs in sorted(par_exigence.items(), key=lambda kv: ref.tri(kv[0])):
        nodeids = [n for r in rs for n in r["scenarios"] if n in scenarios]
        echecs = [n for n in nodeids if scenarios[n]["issue"] == ECHOUE]
        constats = list(dict.fromkeys(c for n in nodeids for c in scenarios[n].get("constats", [])))
        exigences.append({"numero": numero, "intitule": ref.exigences.get(numero, ""),
                          "verdict": pire(r["verdict"] for r in rs), "regles": [r["id"] for r in rs],
                          "echec": ecart(scenarios[echecs[0]].get("message", "")) if echecs else None,
                          "ancre": _ancre_avec_preuve(echecs or nodeids, scenarios, ancres),
                          "constats": constats[:6], "autres_constats": max(len(constats) - 6, 0)})
    comptes: dict[str, int] = {}
    for r in siennes:
        comptes[r["verdict"]] = comptes.get(r["verdict"], 0) + 1
    return {"source": ref.source, "nom": ref.nom, "titre": ref.titre, "exigence": ref.exigence,
            "presentation": ref.presentation, "bloquante": bloquante, "regles": siennes, "exigences": exigences,
            "comptes": comptes}


def _preuves_des_echecs(dossier: Path, avec_images: bool):
    """What the templates call for a scenario's evidence: only a failure's (a passed scenario keeps none)."""
    return lambda s: preuves(s, dossier, avec_images) if s["issue"] in (ECHOUE, ERREUR, IMPOSSIBLE) else []


def ecrire_rapport(donnees: dict, bilan=None, chemin: Path | str = "reports/rapport.html") -> Path:
    """rapport.html at ``chemin``, and guide_annote.html beside it."""
    chemin = Path(chemin)
    dossier = chemin.parent.resolve()
    contexte = contexte_rapport(donnees, dossier)
    ecrire(chemin, "rapport.html", **contexte)
    # the same data, over the guide's text; the screenshots stay in the report, the guide links them
    ecrire(dossier / GUIDE_ANNOTE, "guide.html", rapport=chemin.name, **contexte,
           preuves_liens=_preuves_des_echecs(dossier, avec_images=False),
           **guide_annote.contexte(donnees, guide_annote.lire_guide()))
    return chemin


def depuis_json(verdict_json: Path | str, chemin: Path | str | None = None) -> Path:
    """Rebuild the HTML report from a verdict.json."""
    verdict_json = Path(verdict_json)
    donnees = json.loads(verdict_json.read_text(encoding="utf-8"))
    return ecrire_rapport(donnees, None, chemin or verdict_json.with_name("rapport.html"))
