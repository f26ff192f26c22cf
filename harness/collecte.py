"""From the scenarios' reports to the verdict: collected in the controller (or the single process), one Resultat
per scenario, the Bilan, verdict.json, the HTML reports and the terminal's summary."""
from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

import pytest

from .catalogue import CatalogueInvalide, charger_catalogue, version_du_catalogue
from .drivers.base import sans_controles
from .etat import ETAT, Etat, est_travailleur, etat_de, version_du_harnais
from .navigateur import AVIS_SANS_BAC_A_SABLE
from .preuves import preuves_playwright
from .verdict import (CODE_ERREUR, ECHOUE, ERREUR, IGNORE, IMPOSSIBLE, REUSSI, SCHEMA, STATUTS_REGLE,
                      STATUTS_SCENARIO, Resultat, bilan, verdict_du_code)

# Exceptions that mean a bug of the harness (steps, drivers), not of the implementation.
ERREURS_DU_HARNAIS = ("ErreurDuHarnais", "StepDefinitionNotFoundError", "StepImplementationError", "ScenarioNotFound",
                      "FeatureError", "GherkinParseError", "NameError", "TypeError", "AttributeError",
                      "ImportError", "ModuleNotFoundError", "SyntaxError", "FixtureLookupError",
                      "UnboundLocalError", "NotImplementedError", "RecursionError")


class Recolteur:
    """Collects the scenario reports in the controller (or the single process) for the verdicts."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        data = getattr(report, "chorus", None)
        if data is None:
            return
        from pytest_bdd.reporting import ReportContext, test_report_context_registry
        if "bdd" in data and report not in test_report_context_registry:
            # restored before pytest-bdd's cucumber JSON reads it (pytest-bdd issue 679)
            test_report_context_registry[report] = ReportContext(**data["bdd"])
        etat = etat_de(self.config)
        etat.conformite = True
        entree = etat.resultats.setdefault(report.nodeid, {"data": {}, "phases": {}})
        entree["data"].update({k: v for k, v in data.items() if k != "bdd"})
        entree["phases"][report.when] = {
            "outcome": report.outcome, "duree": report.duration,
            "skip": report.longrepr[2] if report.skipped and isinstance(report.longrepr, tuple) else "",
            "texte": report.longreprtext[-6000:] if report.failed else "",
            "exception": data.get("exception"), "message": data.get("message", ""),
            "preparation": data.get("preparation"),
        }


def resultat_depuis_phases(nodeid: str, entree: dict) -> Resultat:
    """One Resultat from the setup/call/teardown reports of a scenario."""
    data, phases = entree["data"], entree["phases"]
    duree = sum(p["duree"] for p in phases.values())
    commun = dict(nodeid=nodeid, scenario=data.get("scenario", nodeid), tags=tuple(data.get("tags", ())),
                  canal=data.get("canal"), fonctionnalite=data.get("fonctionnalite", ""), duree=duree,
                  preuves=dict(data.get("preuves", {})), exemple=dict(data.get("exemple") or {}),
                  constats=list(data.get("constats") or ()), fichier=data.get("fichier", ""),
                  ligne=data.get("ligne", 0), etapes=list(data.get("etapes") or ()),
                  pas_en_echec=data.get("pas_en_echec"))
    appel = phases.get("call")
    if appel and appel.get("preparation"):
        impossible = appel["preparation"]
        return Resultat(issue=IMPOSSIBLE, message=impossible["message"], cause=impossible["cause"],
                        regles_en_cause=tuple(impossible["regles"]), **commun)
    if appel and appel["outcome"] == "failed":
        # A scenario stopped by pytest-timeout hung somewhere: no verdict on the implementation can be drawn from it.
        # ("Timeout (>Ns) from pytest-timeout", possibly wrapped by Hypothesis in a FlakyFailure).
        bloque = any("from pytest-timeout" in (appel[k] or "") for k in ("message", "texte"))
        harnais = (appel["exception"] or "") in ERREURS_DU_HARNAIS or bloque
        return Resultat(issue=ERREUR if harnais else ECHOUE, message=appel["message"] or appel["texte"], **commun)
    setup, demontage = phases.get("setup"), phases.get("teardown")
    if setup and setup["outcome"] == "failed":
        return Resultat(issue=ERREUR, message="erreur du harnais (préparation) : " + (setup["message"] or setup["texte"]),
                        **commun)
    if demontage and demontage["outcome"] == "failed":
        texte = "erreur du harnais (démontage) : " + (demontage["message"] or demontage["texte"])
        if appel and appel["outcome"] == "passed":
            # the observation was complete (e.g. Playwright failed to write a trace): it stands, with a warning
            return Resultat(issue=REUSSI, message="avertissement : " + texte, **commun)
        return Resultat(issue=ERREUR, message=texte, **commun)
    if (setup and setup["outcome"] == "skipped") or (appel and appel["outcome"] == "skipped"):
        raison = (setup if setup and setup["outcome"] == "skipped" else appel)["skip"]
        return Resultat(issue=IGNORE, message=raison.removeprefix("Skipped: "), **commun)
    if appel and appel["outcome"] == "passed":
        return Resultat(issue=REUSSI, **commun)
    return Resultat(issue=ERREUR, message="scénario interrompu avant son exécution", **commun)


def ecrire_json(chemin: Path, donnees: dict) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(donnees, ensure_ascii=False, indent=2), encoding="utf-8")


def donnees_verdict(etat: Etat, resultats: list[Resultat], b, fin: str) -> dict:
    return {
        "schema": SCHEMA, "verdict": verdict_du_code(b.code, b.sous_reserve),
        "code": b.code, "resume": b.resume, "exiger_tout": b.exiger_tout, "graine": etat.graine, "date": etat.debut, "fin": fin,
        "duree_totale": round(time.monotonic() - etat.top, 1),
        "harnais": version_du_harnais(), "catalogue": version_du_catalogue(),
        "implementation": {"nom": etat.profil.nom, "version": etat.profil.version,
                           "url": (etat.services or {}).get("implementation"),
                           "faute_injectee": etat.faute},
        "comptes": b.compte(),
        "referentiels_bloquants": sorted(b.referentiels_bloquants),
        # Chromium's sandbox: false only when asked (--sans-bac-a-sable), and then the report says so
        "navigateur": {"bac_a_sable": getattr(etat, "bac_a_sable", True)},
        "regles": [{"id": v.regle.id, "etape": v.regle.etape, "titre": v.regle.titre, "citation": v.regle.citation,
                    "niveau": v.regle.niveau, "source": v.regle.source, "ambiguite": v.regle.ambiguite,
                    "exigences": list(v.regle.exigences),
                    "verdict": v.verdict, "statut": STATUTS_REGLE[v.verdict], "detail": v.detail, "en_echec": v.en_echec,
                    "scenarios": [r.nodeid for r in v.resultats]} for v in b.regles.values()],
        "scenarios": [{"nodeid": r.nodeid, "scenario": r.scenario, "fonctionnalite": r.fonctionnalite,
                       "canal": r.canal, "tags": list(r.tags), "issue": r.issue,
                       "statut": STATUTS_SCENARIO.get(r.issue, r.issue), "message": r.message,
                       "duree": round(r.duree, 3), "preuves": r.preuves, "attendu": r.attendu, "cause": r.cause,
                       "regles_en_cause": list(r.regles_en_cause), "exemple": r.exemple,
                       "constats": r.constats, "fichier": r.fichier, "ligne": r.ligne, "etapes": r.etapes,
                       "pas_en_echec": r.pas_en_echec}
                      for r in resultats],
        "causes": [{"cause": c.cause, "regles_en_cause": list(c.regles_en_cause),
                    "scenarios": [r.nodeid for r in c.resultats], "regles_touchees": c.regles_touchees}
                   for c in b.causes],
        "sans_regle": [r.nodeid for r in b.sans_regle],
        "attendus_inutilises": [a.__dict__ for a in b.attendus_inutilises],
    }


def conclure(session: pytest.Session, exitstatus: int) -> None:
    """At the end of a conformance run (controller or single process): the verdict, written and set as the exit
    code."""
    config = session.config
    if est_travailleur(config) or ETAT not in config.stash:
        return
    etat = etat_de(config)
    if not etat.conformite or etat.preflight:
        return
    resultats = [resultat_depuis_phases(n, e) for n, e in etat.resultats.items()]
    for r in resultats:
        preuves_playwright(config, r)
    try:
        catalogue = charger_catalogue()
    except CatalogueInvalide as exc:
        session.exitstatus = CODE_ERREUR
        sys.stderr.write(f"\nchorus : {exc}\n")
        return
    b = bilan(resultats, catalogue, etat.attendus, etat.profil.referentiels_bloquants,
              exiger_tout=etat.exiger_tout or etat.profil.exiger_tout)
    code = b.code
    if exitstatus in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        code = CODE_ERREUR
    elif exitstatus == pytest.ExitCode.INTERRUPTED:
        code = int(exitstatus)
    etat.bilan = b
    fin = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    donnees = donnees_verdict(etat, resultats, b, fin)
    donnees["code"] = code
    donnees["verdict"] = verdict_du_code(code, b.sous_reserve, interrompu=exitstatus == pytest.ExitCode.INTERRUPTED)
    ecrire_json(etat.rapports / "verdict.json", donnees)
    # pytest-split's durations file: the next run's shards (--shard i/n --durees FICHIER) are balanced on it
    ecrire_json(etat.rapports / "durees.json", {r.nodeid: round(r.duree, 3) for r in resultats if r.issue != IGNORE})
    from .rapports.ci import ecrire_cucumber, ecrire_junit
    from .report import ecrire_rapport
    ecrire_junit(donnees, etat.rapports / "junit.xml")
    ecrire_cucumber(donnees, etat.rapports / "cucumber.json")
    ecrire_rapport(donnees, b, etat.rapports / "rapport.html")
    session.exitstatus = code


def resumer(terminalreporter, config: pytest.Config) -> None:
    """The verdict in the terminal: what is non conforme, the root causes of what could not be prepared."""
    if ETAT not in config.stash or est_travailleur(config):
        return
    etat = etat_de(config)
    b = etat.bilan
    if b is None:
        return
    terminalreporter.section("Verdict de conformité")

    def ecrire(texte: str, **style) -> None:
        # the implementation's words (a cause, a detail) may hold ANSI escapes or NULs: never printed as such
        terminalreporter.write_line(sans_controles(texte), **style)

    non_verifiees = 0
    for v in b.regles.values():
        if v.verdict in ("non conforme", "attendu mais conforme", "non conforme (attendu)"):
            ecrire(f"{v.verdict:>24} | {v.regle.id} — {v.regle.titre}" + (f" ({v.detail})" if v.detail else ""))
        elif v.verdict == "non vérifié":
            non_verifiees += 1
    for c in b.causes:
        en_cause = f" ; règle en cause : {', '.join(c.regles_en_cause)}" if c.regles_en_cause else ""
        ecrire(f"{'préparation impossible':>24} | {c.cause} — {len(c.resultats)} scénario(s) "
               f"non vérifié(s){en_cause}")
    for r in b.erreurs:
        ecrire(f"{'erreur du harnais':>24} | {r.nodeid}")
    if non_verifiees:
        ecrire(f"{non_verifiees} règle(s) non vérifiée(s) : voir le rapport.")
    ecrire("")
    ecrire(b.resume, bold=True)
    ecrire(f"graine Faker {etat.graine} ; rapports : {etat.rapports / 'rapport.html'}")
    if not etat.bac_a_sable:
        ecrire(AVIS_SANS_BAC_A_SABLE[:1].upper() + AVIS_SANS_BAC_A_SABLE[1:] + ".", bold=True)
