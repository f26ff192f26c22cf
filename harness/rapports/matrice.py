"""The matrix of ``chorus-conformance plusieurs``: every rule of the catalogue, one column per implementation.

Built by a pure function from each run's verdict data (its verdict.json, or None when the run wrote none), so that
it is tested without running anything; written as matrice.json (the data) and matrice.html (French, offline), the
rules whose verdicts differ between implementations first, the most worrying first.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping

from ..catalogue import ETAPES, Regle
from ..verdict import CODE_CONFORME, CODE_ERREUR
from . import GRAVITE, ORDRE_DU_GUIDE, ecrire, pire
from .comparaison import etat_de_regle

# The main report's order of the steps (the transverse rules after the guide's steps), then the referentials'
# (accessibility, security…): every step of the catalogue, whatever is added to it.
ORDRE_ETAPES = (*ORDRE_DU_GUIDE, *sorted(set(ETAPES) - set(ORDRE_DU_GUIDE)))
SANS_VERDICT = "sans verdict"


def code_global(codes: list[int]) -> int:
    """0 when every run exits 0; else the highest of the runs' codes, any code outside 0–3 (a run killed,
    interrupted) counting as a harness error."""
    if all(c == CODE_CONFORME for c in codes):
        return CODE_CONFORME
    return max(c if c in range(CODE_ERREUR + 1) else CODE_ERREUR for c in codes)


def _cellule(regle: dict | None, lien: str | None) -> dict:
    """One implementation's verdict on one rule: the verdict, what an informative rule's scenarios did, where its
    report shows it."""
    etat = etat_de_regle(regle)
    if etat is None:
        return {"etat": None, "verdict": None, "precision": "", "lien": None}
    verdict = regle["verdict"]
    return {"etat": etat, "verdict": verdict, "precision": etat[len(verdict):].strip(" ()"),
            "lien": f"{lien}#{regle['id']}" if lien else None}


def construire(executions: list[dict], catalogue: Mapping[str, Regle]) -> dict:
    """The matrix from the runs: each ``{"nom", "slug", "code", "verdict": verdict data or None, "rapport": the
    report's path relative to the matrix, or None}`` (other keys are kept). Rules of the catalogue first, in the
    main report's order of the steps, then any rule a run judged that the catalogue no longer has."""
    jugees = [e for e in executions if e.get("verdict") and e["verdict"].get("regles")]
    par_execution = {e["slug"]: {r["id"]: r for r in e["verdict"]["regles"]} for e in jugees}
    sans_verdict = _cellule(None, None)
    connues = {r["id"]: r for e in jugees for r in e["verdict"]["regles"]}
    ordre = [r.id for n in ORDRE_ETAPES for r in catalogue.values() if r.etape == n]
    ordre += [i for i in connues if i not in catalogue]
    regles = []
    for rang, ident in enumerate(ordre):
        decrite = catalogue.get(ident)
        ici = connues.get(ident, {})
        cellules = {e["slug"]: _cellule(par_execution[e["slug"]].get(ident), e.get("rapport"))
                    if e["slug"] in par_execution else sans_verdict for e in executions}
        etats = {cellules[e["slug"]]["etat"] for e in jugees}
        regles.append({"id": ident, "rang": rang,
                       "titre": decrite.titre if decrite else ici.get("titre", ""),
                       "citation": decrite.citation if decrite else ici.get("citation", ""),
                       "source": decrite.source if decrite else ici.get("source", ""),
                       "etape": decrite.etape if decrite else ici.get("etape", 0),
                       "cellules": cellules, "differe": len(jugees) > 1 and len(etats) > 1,
                       "pire": pire(c["verdict"] for c in cellules.values() if c["verdict"])})
    differences = sorted((r for r in regles if r["differe"]), key=lambda r: (GRAVITE.index(r["pire"]), r["rang"]))
    etapes = [{"numero": n, "titre": ETAPES.get(n, ""), "regles": [r["id"] for r in regles if r["etape"] == n]}
              for n in ORDRE_ETAPES]
    return {"code": code_global([e["code"] for e in executions]),
            "implementations": [_resume(e) for e in executions],
            "differences": [r["id"] for r in differences],
            "etapes": [e for e in etapes if e["regles"]], "regles": regles}


def _resume(execution: dict) -> dict:
    """What the matrix says of a run: its name, exit code, summary, counts, and where its files are."""
    verdict = execution.get("verdict") or {}
    autres = {k: v for k, v in execution.items() if k != "verdict"}
    return {**autres, "resume": verdict.get("resume") or SANS_VERDICT, "comptes": verdict.get("comptes", {}),
            "preflight": verdict.get("preflight"), "juge": bool(verdict.get("regles")),
            "graine": verdict.get("graine", execution.get("graine"))}


def ecrire_matrice(dossier: Path, matrice: dict) -> tuple[Path, Path]:
    """matrice.json and matrice.html in ``dossier``."""
    json_ = dossier / "matrice.json"
    json_.write_text(json.dumps(matrice, ensure_ascii=False, indent=2), encoding="utf-8")
    par_id = {r["id"]: r for r in matrice["regles"]}
    html = ecrire(dossier / "matrice.html", "matrice.html", m=matrice, par_id=par_id,
                  differences=[par_id[i] for i in matrice["differences"]],
                  etapes=[{**e, "regles": [par_id[i] for i in e["regles"]]} for e in matrice["etapes"]],
                  juges=[e["slug"] for e in matrice["implementations"] if e["juge"]])
    return json_, html


def lignes_du_terminal(matrice: dict) -> list[str]:
    """One line per implementation (name, verdict, exit code, report), then the rules whose verdicts differ."""
    out = []
    for e in matrice["implementations"]:
        out.append(f"{e['nom']} : {e['resume']} (code {e['code']}) — {e.get('rapport') or e.get('console') or ''}")
    juges = {e["slug"]: e["nom"] for e in matrice["implementations"] if e["juge"]}
    par_id = {r["id"]: r for r in matrice["regles"]}
    if matrice["differences"]:
        out.append(f"Règles dont le verdict diffère ({len(matrice['differences'])}) :")
        for ident in matrice["differences"]:
            cellules = par_id[ident]["cellules"]
            out.append(f"  {ident} : " + " | ".join(f"{nom} {cellules[slug]['etat'] or 'absente'}"
                                                     for slug, nom in juges.items()))
    elif len(juges) > 1:
        out.append("Aucune règle ne diffère d'une implémentation à l'autre.")
    return out
