"""junit.xml and cucumber.json written from the verdict data (verdict.json), so that what a CI server shows agrees
with the exit code scenario by scenario: a failure there is a scenario that makes the run fail, nothing else.

How a scenario is shown (``issue_ci``):
- passed: réussi (a passing scenario covered by an expected failure of a rule now « attendu mais conforme » is a
  failure: that gates);
- failed: échoué on a rule that gates; an error: erreur du harnais;
- skipped, with the reason: non vérifié, préparation impossible (its root cause), an expected failure, and a failure
  that does not gate (an informative reading, a referential the profile does not make blocking); with
  --exiger-tout a scenario left non vérifié on a rule that could gate is a failure.

JUnit: one testsuite per feature, the guide's step as classname, the scenario with its example values and its
channel as name, what was seen against what was expected as the failure's text, screenshots as
``[[ATTACHMENT|path]]`` lines in system-out (GitLab and Jenkins read them; paths relative to the directory the run
was started from when they are inside it). Cucumber JSON: every scenario, its steps with their status.
"""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from junitparser import Error, Failure, JUnitXml, Skipped, TestCase, TestSuite

from ..catalogue import ETAPES
from . import ecart, nom_du_cas

REUSSI, ECHOUE, IGNORE, ERREUR = "passed", "failed", "skipped", "error"
NOMS_DES_CANAUX = {"navigateur": "navigateur", "http": "HTTP"}


def issue_ci(scenario: dict, regles: dict[str, dict], exiger_tout: bool = False,
             bloquants: frozenset[str] = frozenset()) -> tuple[str, str]:
    """(status, reason) of a verdict.json scenario for the CI files: passed, failed, skipped or error."""
    siennes = [regles[t] for t in scenario.get("tags", ()) if t in regles]
    issue, attendu = scenario["issue"], scenario.get("attendu")
    if issue == "réussi":
        if attendu and any(r["verdict"] == "attendu mais conforme" for r in siennes):
            return ECHOUE, f"attendu mais conforme : listé dans les échecs attendus ({attendu}) mais réussi"
        return REUSSI, ""
    if issue == "erreur du harnais":
        return ERREUR, scenario.get("message", "")
    if issue == "échoué":
        if attendu:
            return IGNORE, f"échec attendu : {attendu}"
        informatif = "informatif" in scenario.get("tags", ())
        if not siennes and not informatif:
            return ECHOUE, ""  # a failure citing no rule gates (verdict.bilan's orphan failures)
        if not informatif and any(_bloque(r, bloquants) for r in siennes):
            return ECHOUE, ""
        return IGNORE, "non bloquant (lecture ambiguë du guide, contrat, ou référentiel non bloquant) : échoué"
    raison = f"non vérifié — {scenario.get('cause') or scenario.get('message') or issue}"
    if exiger_tout and any(r["verdict"] == "non vérifié" and _peut_bloquer(r, bloquants) for r in siennes):
        return ECHOUE, raison + " (tout est exigé : --exiger-tout)"
    return IGNORE, raison


def _peut_bloquer(regle: dict, bloquants: frozenset[str]) -> bool:
    if regle["source"] in ("guide", "lecture", "contrat"):
        return regle["niveau"] == "obligatoire"
    return regle["source"] in bloquants


def _bloque(regle: dict, bloquants: frozenset[str]) -> bool:
    return regle["verdict"] in ("non conforme", "attendu mais conforme") and _peut_bloquer(regle, bloquants)


def nom_du_scenario(scenario: dict) -> str:
    """The scenario as a CI server lists it: its name with its example values, then its channel."""
    canal = NOMS_DES_CANAUX.get(scenario.get("canal") or "", scenario.get("canal") or "")
    return nom_du_cas(scenario) + (f" ({canal})" if canal else "")


def etape_du_guide(scenario: dict, regles: dict[str, dict]) -> str:
    """The guide's step a scenario checks (its first rule's), as the JUnit classname."""
    etapes = sorted({regles[t]["etape"] for t in scenario.get("tags", ()) if t in regles})
    return ETAPES.get(etapes[0], "Sans règle") if etapes else "Sans règle"


def _chemin(chemin: str, depuis: Path) -> str:
    """``chemin`` relative to ``depuis`` when it lies inside it (GitLab resolves attachments from the project's
    directory), absolute otherwise."""
    absolu = Path(chemin).resolve()
    return os.path.relpath(absolu, depuis) if depuis in absolu.parents else str(absolu)


def _pieces(scenario: dict) -> list[str]:
    return [p for _, p in sorted((scenario.get("preuves") or {}).items()) if Path(p).is_file()]


def _texte_d_echec(scenario: dict, raison: str) -> tuple[str, str]:
    """(message, text) of a failure: what was seen against what was expected, not a traceback."""
    if raison:
        return raison, raison
    vu = ecart(scenario.get("message", ""))
    message = (f"attendu : {vu['attendu']} ; constaté : {vu['constate']}" if vu["attendu"] else vu["constate"])
    regles = ", ".join(t for t in scenario.get("tags", ()) if t[:1].isupper())
    return message[:1000], f"{message}\nRègles : {regles}\nÉtape en échec : {_pas(scenario) or '—'}"


def _pas(scenario: dict) -> str:
    i, etapes = scenario.get("pas_en_echec"), scenario.get("etapes") or []
    return f"{etapes[i]['mot_cle']} {etapes[i]['texte']}" if i is not None and i < len(etapes) else ""


def ecrire_junit(donnees: dict, chemin: Path, depuis: Path | None = None) -> Path:
    """junit.xml from the verdict data."""
    depuis = (depuis or Path.cwd()).resolve()
    regles = {r["id"]: r for r in donnees.get("regles", [])}
    bloquants = frozenset(donnees.get("referentiels_bloquants", []))
    xml = JUnitXml(f"chorus-conformance : {donnees.get('implementation', {}).get('nom', '')}")
    suites: dict[str, TestSuite] = {}
    for s in donnees.get("scenarios", []):
        fonctionnalite = s.get("fonctionnalite") or "Sans fonctionnalité"
        if fonctionnalite not in suites:
            suite = suites[fonctionnalite] = TestSuite(fonctionnalite)
            suite.add_property("verdict", donnees.get("verdict", ""))
            suite.add_property("graine", str(donnees.get("graine", "")))
        cas = TestCase(nom_du_scenario(s), etape_du_guide(s, regles), s.get("duree", 0.0))
        if s.get("fichier"):
            cas._elem.set("file", s["fichier"])
            cas._elem.set("line", str(s.get("ligne") or 0))
        statut, raison = issue_ci(s, regles, donnees.get("exiger_tout", False), bloquants)
        message, texte = _texte_d_echec(s, raison)
        if statut == ECHOUE:
            resultat = Failure(message, "non conforme")
            resultat.text = texte
            cas.result = [resultat]
        elif statut == ERREUR:
            resultat = Error(message, "erreur du harnais")
            resultat.text = texte
            cas.result = [resultat]
        elif statut == IGNORE:
            cas.result = [Skipped(raison[:1000])]
        sortie = [f"Identifiant : {s['nodeid']}", f"Règles : {', '.join(t for t in s.get('tags', ()) if t in regles)}",
                  f"Issue : {s['issue']}"]
        sortie += [f"[[ATTACHMENT|{_chemin(p, depuis)}]]" for p in _pieces(s)]
        cas.system_out = "\n".join(sortie)
        suites[fonctionnalite].add_testcase(cas)
    for suite in suites.values():
        suite.update_statistics()
        xml.add_testsuite(suite)
    xml.update_statistics()
    chemin.parent.mkdir(parents=True, exist_ok=True)
    xml.write(str(chemin), pretty=True)
    return chemin


def ecrire_cucumber(donnees: dict, chemin: Path) -> Path:
    """cucumber.json (Cucumber's JSON report) from the verdict data: every scenario, non-verified ones with
    every step « skipped » and the reason in their description, a failed one with its failed step's message and
    its screenshots embedded."""
    regles = {r["id"]: r for r in donnees.get("regles", [])}
    bloquants = frozenset(donnees.get("referentiels_bloquants", []))
    par_fichier: dict[str, dict] = {}
    for s in donnees.get("scenarios", []):
        fichier = s.get("fichier") or s.get("fonctionnalite") or "sans-fonctionnalite"
        fonctionnalite = par_fichier.setdefault(fichier, {
            "uri": fichier, "id": Path(fichier).stem, "keyword": "Fonctionnalité", "name": s.get("fonctionnalite", ""),
            "line": 1, "description": "", "tags": [], "elements": []})
        statut, raison = issue_ci(s, regles, donnees.get("exiger_tout", False), bloquants)
        etapes = s.get("etapes") or [{"mot_cle": "Soit", "texte": s.get("scenario", ""), "ligne": s.get("ligne", 0)}]
        en_echec = s.get("pas_en_echec")
        if en_echec is None and statut in (ECHOUE, ERREUR):
            en_echec = len(etapes) - 1
        duree = int(s.get("duree", 0.0) * 1e9 / max(len(etapes), 1))
        pas = []
        for i, e in enumerate(etapes):
            if statut == REUSSI or (en_echec is not None and i < en_echec and statut != IGNORE):
                resultat = {"status": "passed", "duration": duree}
            elif i == en_echec and statut in (ECHOUE, ERREUR):
                message, texte = _texte_d_echec(s, raison)
                resultat = {"status": "failed", "duration": duree, "error_message": texte}
            else:
                resultat = {"status": "skipped", "duration": 0}
            un = {"keyword": e["mot_cle"] + " ", "name": e["texte"], "line": e["ligne"],
                  "match": {"location": f"{fichier}:{e['ligne']}"}, "result": resultat}
            if resultat["status"] == "failed":
                images = [p for p in _pieces(s) if p.endswith(".png")]
                if images:
                    un["embeddings"] = [{"mime_type": "image/png",
                                         "data": base64.b64encode(Path(p).read_bytes()).decode()} for p in images]
            pas.append(un)
        fonctionnalite["elements"].append({
            "id": s["nodeid"], "keyword": "Scénario", "type": "scenario", "name": nom_du_scenario(s),
            "line": s.get("ligne", 0), "description": raison,
            "tags": [{"name": "@" + t, "line": s.get("ligne", 0)} for t in s.get("tags", ())], "steps": pas})
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(list(par_fichier.values()), ensure_ascii=False, indent=1), encoding="utf-8")
    return chemin
