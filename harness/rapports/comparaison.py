"""``chorus-conformance comparer A/verdict.json B/verdict.json``: two runs side by side, rule by rule.

Two implementations, or two versions of one. A rule passed in a run when its verdict is « conforme » (or
« attendu mais conforme »). A rule passed in A **regresses** when B finds it failing (« non conforme »,
« non conforme (attendu) »), and is **no longer verified** when B could not judge it (« non vérifié »: a
preparation impossible, a capability or a channel missing; or the rule absent from B): B then proves less
than A without proving it wrong. The exit code is the gate between releases: 0 no rule passed in A is lost
in B, 1 at least one regression, 2 no regression but at least one rule no longer verified, 3 a verdict.json
unreadable or a wrong command line.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..catalogue import ETAPES
from ..ligne_de_commande import Parseur
from ..verdict import ATTENDU, CONFORME, ECHOUE, INFORMATIF, NON_CONFORME, NON_VERIFIE, PERIME
from . import ecart, ecrire

CODE_SANS_REGRESSION = 0
CODE_REGRESSION = 1
CODE_PLUS_VERIFIEE = 2
CODE_ILLISIBLE = 3

PASSE = (CONFORME, PERIME)
ECHEC = (NON_CONFORME, ATTENDU)
REGRESSION, PLUS_VERIFIEE, AMELIORATION = "régression", "plus vérifiée", "amélioration"
CHANGEMENT, INCHANGE = "autre changement", "inchangé"
ORDRE = (REGRESSION, PLUS_VERIFIEE, AMELIORATION, CHANGEMENT, INCHANGE)
ABSENTE = "absente"


class VerdictIllisible(ValueError):
    """A verdict.json that cannot be read or holds no rule verdicts."""


def lire_verdict(chemin: Path) -> dict:
    try:
        donnees = json.loads(Path(chemin).read_text(encoding="utf-8"))
    except OSError as exc:
        raise VerdictIllisible(f"« {chemin} » illisible : {exc.strerror or exc}.") from None
    except json.JSONDecodeError as exc:
        raise VerdictIllisible(f"« {chemin} » n'est pas un JSON valide ({exc}).") from None
    if not isinstance(donnees, dict) or not isinstance(donnees.get("regles", []), list):
        raise VerdictIllisible(f"« {chemin} » n'est pas un verdict.json de chorus-conformance.")
    return donnees


def etat_de_regle(regle: dict | None) -> str | None:
    """The rule's verdict; an informative rule's with what its scenarios did (it informs either way)."""
    if regle is None:
        return None
    if regle["verdict"] == INFORMATIF:
        return f"{INFORMATIF} ({'non conforme' if (regle.get('detail') or '').startswith(NON_CONFORME) else 'conforme'})"
    return regle["verdict"]


def changement(a: dict | None, b: dict | None) -> str:
    va, vb = (r["verdict"] if r else None for r in (a, b))
    if va in PASSE and vb in ECHEC:
        return REGRESSION
    if va in PASSE and vb in (NON_VERIFIE, None):
        return PLUS_VERIFIEE
    if vb in PASSE and va not in PASSE:
        return AMELIORATION
    return INCHANGE if etat_de_regle(a) == etat_de_regle(b) else CHANGEMENT


def _constat(verdict: dict, regle: dict | None) -> dict | None:
    """What the first failed scenario of the rule saw against what was expected, in that run."""
    if regle is None:
        return None
    scenarios = {s["nodeid"]: s for s in verdict.get("scenarios", [])}
    for nodeid in regle.get("scenarios", []):
        s = scenarios.get(nodeid)
        if s and s["issue"] == ECHOUE:
            return ecart(s.get("message", ""))
    return None


def comparer(a: dict, b: dict) -> list[dict]:
    """One line per rule of A or B: the rules whose verdict changed first (regressions, improvements, other
    changes), then the others, each group in the catalogue's order."""
    regles_a = {r["id"]: r for r in a.get("regles", [])}
    regles_b = {r["id"]: r for r in b.get("regles", [])}
    lignes = []
    for rang, ident in enumerate(dict.fromkeys([*regles_a, *regles_b])):
        ra, rb = regles_a.get(ident), regles_b.get(ident)
        regle = rb or ra
        lignes.append({"id": ident, "titre": regle["titre"], "citation": regle.get("citation", ""),
                       "source": regle.get("source", "guide"), "etape": ETAPES.get(regle.get("etape"), ""),
                       "a": ra, "b": rb, "etat_a": etat_de_regle(ra) or ABSENTE, "etat_b": etat_de_regle(rb) or ABSENTE,
                       "changement": changement(ra, rb), "constat_b": _constat(b, rb), "rang": rang})
    return sorted(lignes, key=lambda l: (ORDRE.index(l["changement"]), l["rang"]))


def _execution(donnees: dict, chemin: Path) -> dict:
    impl = donnees.get("implementation", {})
    return {"chemin": str(chemin), "nom": impl.get("nom") or "", "version": impl.get("version") or "",
            "faute": impl.get("faute_injectee") or "", "date": donnees.get("date", ""),
            "resume": donnees.get("resume", ""), "code": donnees.get("code")}


def ecrire_comparaison(chemin_a: Path, chemin_b: Path, sortie: Path) -> tuple[Path, list[dict]]:
    a, b = lire_verdict(chemin_a), lire_verdict(chemin_b)
    lignes = comparer(a, b)
    comptes = {c: sum(1 for l in lignes if l["changement"] == c) for c in ORDRE}
    ecrire(sortie, "comparaison.html", lignes=lignes, comptes=comptes, ordre=ORDRE,
           a=_execution(a, chemin_a), b=_execution(b, chemin_b), REGRESSION=REGRESSION, PLUS_VERIFIEE=PLUS_VERIFIEE)
    return sortie, lignes


def main(argv: list[str]) -> int:
    parseur = Parseur(
        prog="chorus-conformance comparer", code_d_erreur=CODE_ILLISIBLE,
        description="Compare deux exécutions règle par règle (deux implémentations, ou deux versions d'une "
                    "même) et écrit une page HTML, les règles dont le verdict a changé en premier.",
        epilog="Codes de sortie : 0 aucune règle conforme dans A n'est perdue dans B ; 1 au moins une "
               "régression (conforme dans A, non conforme ou non conforme (attendu) dans B) ; 2 aucune "
               "régression, mais au moins une règle conforme dans A n'est plus vérifiée dans B (non vérifiée ou "
               "absente) ; 3 fichier illisible ou ligne de commande erronée.")
    parseur.add_argument("a", type=Path, metavar="A/verdict.json", help="l'exécution de référence")
    parseur.add_argument("b", type=Path, metavar="B/verdict.json", help="l'exécution comparée")
    parseur.add_argument("--sortie", type=Path, default=Path("comparaison.html"), metavar="FICHIER.html",
                         help="la page écrite (défaut : comparaison.html)")
    args = parseur.parse_args(argv)
    try:
        sortie, lignes = ecrire_comparaison(args.a, args.b, args.sortie)
    except VerdictIllisible as exc:
        print(f"chorus-conformance comparer : {exc}", file=sys.stderr)
        return CODE_ILLISIBLE
    for l in lignes:
        if l["changement"] != INCHANGE:
            print(f"{l['changement']:>16} | {l['id']} : {l['etat_a']} → {l['etat_b']}")
    comptes = {c: sum(1 for l in lignes if l["changement"] == c) for c in ORDRE}
    print(", ".join(f"{n} {c}" for c, n in comptes.items()) + f" ; page : {sortie}")
    if comptes[REGRESSION]:
        return CODE_REGRESSION
    return CODE_PLUS_VERIFIEE if comptes[PLUS_VERIFIEE] else CODE_SANS_REGRESSION
