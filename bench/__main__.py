"""``python -m bench`` — see bench/__init__.py. Prints figures; asserts nothing about time."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from . import CIBLES, axe, debit, demarrage, distant, machine, mutants, rapport, suite, surcout


def _etape(texte: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {texte}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--rapide", action="store_true", help="moins de répétitions (essai rapide)")
    parser.add_argument("--sans-suite", action="store_true", help="ne pas exécuter la suite complète")
    parser.add_argument("--json", metavar="CHEMIN", help="écrire aussi les chiffres en JSON")
    parser.add_argument("--repetitions", type=int, default=None,
                        help="parcours complets de chaque côté pour le surcoût (défaut 7, 3 en --rapide)")
    parser.add_argument("--executions-suite", type=int, default=None,
                        help="exécutions de la suite, en série et avec -n 2 (défaut 3, 1 en --rapide) ; "
                             "la médiane est comparée à la cible")
    parser.add_argument("--duree-debit", type=float, default=None,
                        help="secondes par palier de débit (défaut 10, 3 en --rapide)")
    parser.add_argument("--dossier", default=None, help="où écrire les rapports des exécutions (défaut : /tmp)")
    parser.add_argument("--axe-seul", action="store_true",
                        help="seulement le coût d'axe-core sur chaque page (canal navigateur avec et sans A_AXE)")
    parser.add_argument("--sans-distant", action="store_true",
                        help="ne pas mesurer le navigateur distant (playwright run-server) contre le local")
    parser.add_argument("--sans-mutants", action="store_true",
                        help="ne pas chronométrer make mutants (toutes les fautes, 4 minutes environ)")
    args = parser.parse_args(argv)

    rep_demarrage = 2 if args.rapide else 5
    n_surcout = args.repetitions or (3 if args.rapide else 7)
    duree_debit = args.duree_debit or (3.0 if args.rapide else 10.0)
    executions = args.executions_suite or (1 if args.rapide else 3)
    dossier = Path(args.dossier or tempfile.mkdtemp(prefix="chorus-bench-rapports-")).resolve()
    dossier.mkdir(parents=True, exist_ok=True)

    figures: dict = {
        "machine": machine.decrire(), "cibles": CIBLES,
        "charge_depart": machine.occupation(),
        "options": {"rapide": args.rapide, "sans_suite": args.sans_suite, "repetitions_surcout": n_surcout,
                    "duree_debit_s": duree_debit, "executions_suite": 0 if args.sans_suite else executions},
        "dossier": str(dossier),
    }
    charges = figures["charges"] = {}

    def charge(nom: str) -> None:
        charges[nom] = machine.occupation(0.5)

    debut = time.perf_counter()
    if args.axe_seul:
        _etape(f"coût d'axe-core : canal navigateur sans puis avec A_AXE ({executions} fois chacun)")
        charge("axe")
        figures["axe"] = axe.mesurer(dossier, executions)
        figures["duree_du_banc_s"] = round(time.perf_counter() - debut, 1)
        print(rapport.rendre(figures))
        if args.json:
            Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
        return 0
    _etape(f"démarrage des serveurs et de Chromium ({rep_demarrage} fois)")
    charge("démarrage")
    figures["demarrage"] = demarrage.mesurer(rep_demarrage)
    _etape(f"débit de l'implémentation seule : 1, 2, 4 clients, {duree_debit:g} s chacun")
    charge("débit")
    figures["debit"] = debit.mesurer(duree_debit, (1, 2, 4))
    _etape(f"surcoût du harnais : parcours complet, {n_surcout} fois nu et {n_surcout} fois par le harnais")
    charge("surcoût")
    figures["surcout"] = surcout.mesurer(n_surcout, dossier, sans_traces=not args.rapide,
                                         blocs=1 if args.rapide else 2)
    if not args.sans_suite:
        _etape(f"suite complète, en série puis avec -n 2 ({executions} fois chacune) — quelques minutes")
        charge("suite")
        figures["suite"] = suite.mesurer(dossier, executions)
        _etape(f"coût d'axe-core : canal navigateur sans puis avec A_AXE ({executions} fois chacun)")
        charge("axe")
        figures["axe"] = axe.mesurer(dossier, executions)
    if not args.sans_distant:
        _etape(f"navigateur distant (playwright run-server) contre local : canal navigateur, {executions} fois chacun")
        charge("distant")
        figures["distant"] = distant.mesurer(dossier, executions)
    if not args.sans_mutants:
        _etape("make mutants" + (" --rapide" if args.rapide else " : toutes les fautes — 4 minutes environ"))
        charge("mutants")
        figures["mutants"] = mutants.mesurer(dossier, rapide=args.rapide)
    charge("fin")
    figures["duree_du_banc_s"] = round(time.perf_counter() - debut, 1)

    print(rapport.rendre(figures))
    print(f"Banc exécuté en {figures['duree_du_banc_s']:.0f} s ; rapports des exécutions : {dossier}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Chiffres en JSON : {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
