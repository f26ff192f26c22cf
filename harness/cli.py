"""``chorus-conformance``: run the conformance suite (pytest) with the reports on, print the verdict."""
from __future__ import annotations

import os
import sys
from pathlib import Path

# Bytecode is cached (__pycache__, git-ignored) even where PYTHONDONTWRITEBYTECODE is set, as it is on these
# machines: without the cache each process compiles its ~1000 modules again and pytest rewrites its ~200 test and
# plugin modules again: collecting the suite (services started) took 4.8 CPU-seconds, 3.1 with it (farm-bench), in
# each process (the run, each xdist worker, each stage of the kill matrix). Set before pytest is imported; the
# servers and workers inherit it.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

import pytest  # noqa: E402

from .catalogue import RACINE  # noqa: E402
from .travailleurs import chemin_de_tests, travailleurs  # noqa: E402
from .verdict import CODE_ERREUR  # noqa: E402

SUITE = RACINE / "steps" / "test_conformite.py"

AIDE = """Usage : chorus-conformance [--profil PROFIL.toml | --url-implementation URL] [options pytest…]

Exécute la suite de conformité (steps/test_conformite.py) et écrit dans --rapports (défaut : reports/)
verdict.json, rapport.html (d'abord ce qui ne va pas), guide_annote.html (le texte du guide, chaque phrase
de la couleur du verdict de ses règles), junit.xml, cucumber.json, les journaux des services et les preuves
des échecs.
Options du harnais : --profil, --url-implementation, --faker-seed N, --canal navigateur|http,
--rapports DOSSIER, --attendus FICHIER, --chromium CHEMIN, --sans-bac-a-sable, --navigateur-distant WS, --bundled-fault NOM,
--https (l'implémentation de référence intégrée servie en HTTPS, certificat d'une autorité jetable),
--certificats-de-confiance FICHIER.pem (implémentation en HTTPS par une autorité inconnue du système),
--proprietes-exemples N, --traces echec|instantanes|jamais. Toute autre option est passée à pytest (par exemple
-n 0, -k motif, -x). La suite entière s'exécute sur deux processus (pytest-xdist, -n 2) quand la machine a deux
cœurs ou plus ; une partie (-k, -m, chemins de tests) sur un seul, sauf -n.
Codes de sortie : 0 conforme, 1 non conforme, 2 vérification préalable échouée, 3 erreur du harnais.

chorus-conformance --diagnostic [--profil PROFIL.toml | --url-implementation URL] parcourt une fois les
pages et dit, pour chaque élément cherché, s'il est trouvé ; pour ceux qui manquent, les noms les plus
proches de la page, en un bloc [libelles] à coller dans le profil.

chorus-conformance --shard i/n [--durees durees.json] … n'exécute que la part i sur n des scénarios (pytest-split,
équilibrée sur les durées d'une exécution précédente : son durees.json) ; chorus-conformance fusionner
PART1/ PART2/ … [--rapports DOSSIER] [--profil PROFIL.toml] en fait un seul verdict (mêmes fichiers, même code
de sortie qu'une exécution entière).

chorus-conformance comparer A/verdict.json B/verdict.json [--sortie FICHIER.html] compare deux exécutions
règle par règle (deux implémentations, ou deux versions d'une même) et écrit une page (défaut :
comparaison.html), les règles dont le verdict a changé en premier. Une règle conforme (ou attendue mais
conforme) dans A régresse quand B la trouve non conforme (ou non conforme attendue), et n'est plus vérifiée
quand B n'a pas pu la juger (non vérifiée, ou absente). Codes de sortie : 0 aucune règle conforme dans A
n'est perdue dans B, 1 au moins une régression, 2 aucune régression mais au moins une règle plus vérifiée,
3 fichier illisible ou ligne de commande erronée.

chorus-conformance plusieurs [--rapports DOSSIER] [--paralleles N] [--navigateur-partage | --navigateur-distant WS]
IMPL… [-- options de chaque exécution] valide plusieurs implémentations en une commande : IMPL est un profil
(TOML), « reference » (l'implémentation de référence intégrée) ou « reference:FAUTE » (la même avec une faute
injectée). Le faux Sirene et la capture SMTP sont démarrés une fois pour toutes les exécutions, qui tournent en
parallèle, chacune avec sa graine Faker ; rapports de chacune dans DOSSIER/<nom>/, matrice des règles par
implémentation dans DOSSIER/matrice.html (d'abord ce qui diffère) et DOSSIER/matrice.json. Code de sortie : 0
quand chaque exécution sort avec 0, sinon le plus élevé de leurs codes.
"""


def valeur_d_option(argv: list[str], option: str) -> str | None:
    """The value ``argv`` gives ``option`` (``--option V`` or ``--option=V``), None when it gives none."""
    for i, arg in enumerate(argv):
        if arg == option and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(option + "="):
            return arg.split("=", 1)[1]
    return None


DUREES = RACINE / "harness" / "durees.json"  # a reference run's durations: the default balance of the shards


def _partage(argv: list[str]) -> list[str]:
    """``--shard i/n [--durees FICHIER]``: this machine's share of the scenarios (pytest-split, balanced on the
    durations of an earlier run: its durees.json), as pytest-split's options; other arguments unchanged."""
    part, durees, reste = None, None, []
    valeurs = iter(argv)
    for arg in valeurs:
        if arg in ("--shard", "--durees"):
            valeur = next(valeurs, "")
        elif arg.startswith(("--shard=", "--durees=")):
            arg, valeur = arg.split("=", 1)
        else:
            reste.append(arg)
            continue
        if arg == "--shard":
            part = valeur
        else:
            durees = valeur
    if part is None:
        return reste
    i, _, n = part.partition("/")
    if not (i.isdigit() and n.isdigit() and 1 <= int(i) <= int(n)):
        raise SystemExit(f"--shard attend i/n avec 1 ≤ i ≤ n, pas « {part} ».")
    chemin = Path(durees) if durees else DUREES
    options = ["--splits", n, "--group", i, "--splitting-algorithm", "least_duration"]
    return options + (["--durations-path", str(chemin)] if chemin.exists() else []) + reste


def arguments(argv: list[str]) -> list[str]:
    """pytest's argument list: the suite, the reports, then the user's arguments (which win)."""
    argv = _partage(argv)
    rapports = Path(valeur_d_option(argv, "--rapports") or "reports")
    args = [] if any(chemin_de_tests(a) for a in argv) else [str(SUITE)]
    args += ["-p", "harness.plugin", "-p", "no:cacheprovider", "-q", "-rfE",
             # pytest-base-url's own deprecation, not ours: keep the output about the implementation
             "-W", "ignore:Session-scoped fixtures defined as instance methods:DeprecationWarning"]
    if valeur_d_option(argv, "--rapports") is None:
        args += ["--rapports", str(rapports)]
    defauts = {
        "--junitxml": str(rapports / "junit.xml"),
        "--cucumberjson": str(rapports / "cucumber.json"),
        # pytest-playwright's "only-on-failure" shoots every page of every scenario and throws the shots of the
        # passed ones away (~50 ms each): the plugin shoots only the pages of failed scenarios.
        "--screenshot": "off",
        "--tracing": "off",  # the plugin keeps lighter traces of failed scenarios (--traces)
        "--output": str(rapports / "playwright"),
        # A hung scenario becomes a harness error with its stack, instead of a run that never ends.
        "--timeout": "300",
    }
    for option, valeur in defauts.items():
        if valeur_d_option(argv, option) is None:
            args.append(f"{option}={valeur}")
    return args + travailleurs(argv) + argv


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("-h", "--aide"):
        print(AIDE)
        return 0
    if argv and argv[0] == "fusionner":
        from .fusion import main as fusionner
        return fusionner(argv[1:])
    if argv and argv[0] == "plusieurs":
        from .plusieurs import main as plusieurs
        return plusieurs(argv[1:])
    if argv and argv[0] == "comparer":
        from .rapports.comparaison import main as comparer
        return comparer(argv[1:])
    if "--diagnostic" in argv:
        from .diagnostic import main as diagnostic
        return diagnostic(argv)
    args = arguments(argv)
    verdict = Path(valeur_d_option(args, "--rapports") or "reports") / "verdict.json"
    verdict.parent.mkdir(parents=True, exist_ok=True)
    verdict.unlink(missing_ok=True)  # never print the verdict of an earlier run
    code = int(pytest.main(args))
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.NO_TESTS_COLLECTED, pytest.ExitCode.INTERNAL_ERROR):
        code = CODE_ERREUR
    if code not in (0, 1, 2, 3):
        code = CODE_ERREUR
    return code


if __name__ == "__main__":
    sys.exit(main())
