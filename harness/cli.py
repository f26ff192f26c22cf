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

AIDE = """\
Usage : chorus-conformance [OPTIONS] [options de pytest…]
        chorus-conformance comparer | plusieurs | fusionner … (--aide pour chacune)

Juge une implémentation du parcours « Créer un compte en quelques clics » (Chorus Pro) contre le guide : la
suite de conformité, puis dans le dossier des rapports verdict.json, rapport.html (d'abord ce qui ne va pas),
guide_annote.html, junit.xml, cucumber.json, les journaux des services et les preuves des échecs. Une exécution
précédente trouvée dans ce dossier est déplacée dans precedente/ quand la nouvelle commence, et il le dit.
Sans --profil ni --url-implementation : l'implémentation de référence intégrée.

Options :
  --profil PROFIL.toml         profil de l'implémentation (docs/PROFILES.md) : URL, libellés, capacités
  --url-implementation URL     URL d'une implémentation déjà démarrée (remplace url_base du profil)
  --canal navigateur|http      un seul canal ; les scénarios de l'autre sont « non vérifié »
  --rapports DOSSIER           dossier des rapports (défaut : reports/)
  --attendus FICHIER.toml      échecs attendus (remplace la clé attendus du profil)
  --exiger-tout                une règle qui pourrait bloquer restée « non vérifié » fait échouer l'exécution
                               (code 1), pour les portes de livraison (ou exiger_tout = true dans le profil)
  --diagnostic                 parcourt une fois les pages et dit, pour chaque élément cherché, s'il est trouvé ;
                               pour les autres, les noms proches, en un bloc [libelles] à coller dans le profil
  --graine N                   graine des données Faker (défaut : tirée au hasard, affichée pour rejouer)
  -n N                         processus de pytest-xdist (défaut : 2 pour la suite entière sur deux cœurs ou
                               plus ; 1 pour une partie : -k, -m, chemins de tests)
  --part i/n [--durees F]      n'exécuter que la part i sur n (équilibrée sur le durees.json d'une exécution)
  --sans-bac-a-sable           Chromium sans son bac à sable, où la machine ne le permet pas (root) ; dit
                               partout (défaut : $CHORUS_SANS_BAC_A_SABLE)
  --https                      l'implémentation de référence intégrée servie en HTTPS (autorité jetable)
  --certificats-de-confiance FICHIER.pem
                               implémentation en HTTPS par une autorité inconnue du système
  --chromium CHEMIN            Chromium à lancer (défaut : $CHORUS_CHROMIUM, sinon chromium-headless-shell)
  --navigateur-distant WS      un serveur de navigateurs Playwright au lieu d'un Chromium local
  --traces echec|instantanes|jamais
                               traces Playwright des scénarios échoués (défaut : echec)
  --proprietes-exemples N      exemples par propriété (Hypothesis ; défaut : 30)
  --faute-integree NOM         l'implémentation de référence intégrée avec une faute injectée (mutants/)
  -h, --aide, --help           cette aide
  --version                    versions du harnais, du catalogue des règles, de Playwright et de pytest

Sous-commandes :
  comparer A/verdict.json B/verdict.json   compare deux exécutions règle par règle (régressions d'abord)
  plusieurs IMPL… [-- options]             juge plusieurs implémentations en une commande, une matrice
  fusionner PART1/ PART2/ …                fait un seul verdict des parts d'une exécution (--part)
  --diagnostic                             voir ci-dessus

Toute autre option est passée à pytest (par exemple -k motif, -x, -n 0) ; --aide-pytest donne la liste de
pytest.

Les anciens noms --faker-seed, --bundled-fault et --shard restent acceptés.

Codes de sortie : 0 conforme (ou conforme sous réserve), 1 non conforme (ou, avec --exiger-tout, une règle
non vérifiée), 2 vérification préalable échouée (aucun scénario exécuté), 3 erreur du harnais ou ligne de
commande erronée. verdict.json donne le même verdict aux programmes (clé « verdict », schéma JSON :
harness/schemas/verdict.schema.json).
"""


def valeur_d_option(argv: list[str], option: str) -> str | None:
    """The value ``argv`` gives ``option`` (``--option V`` or ``--option=V``), None when it gives none; the last
    one when it is given twice, as pytest's parser takes it (``make conformance ARGS="--rapports X"``)."""
    valeur = None
    for i, arg in enumerate(argv):
        if arg == option and i + 1 < len(argv):
            valeur = argv[i + 1]
        elif arg.startswith(option + "="):
            valeur = arg.split("=", 1)[1]
    return valeur


DUREES = RACINE / "harness" / "durees.json"  # a reference run's durations: the default balance of the shards


def _partage(argv: list[str]) -> list[str]:
    """``--shard i/n [--durees FICHIER]``: this machine's share of the scenarios (pytest-split, balanced on the
    durations of an earlier run: its durees.json), as pytest-split's options; other arguments unchanged."""
    part, durees, reste = None, None, []
    valeurs = iter(argv)
    for arg in valeurs:
        if arg in ("--part", "--shard", "--durees"):
            valeur = next(valeurs, "")
        elif arg.startswith(("--part=", "--shard=", "--durees=")):
            arg, valeur = arg.split("=", 1)
        else:
            reste.append(arg)
            continue
        if arg in ("--part", "--shard"):
            part = valeur
        else:
            durees = valeur
    if part is None:
        return reste
    i, _, n = part.partition("/")
    if not (i.isdigit() and n.isdigit() and 1 <= int(i) <= int(n)):
        raise SystemExit(f"--part attend i/n avec 1 ≤ i ≤ n, pas « {part} ».")
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
        # junit.xml and cucumber.json are written from the verdict (harness/rapports/ci.py), not by pytest:
        # what a CI server shows then agrees with the exit code scenario by scenario.
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


AIDES = ("-h", "--help", "--aide")


def version() -> str:
    """What ``--version`` prints: the harness's version, the catalogue's, and the versions that can change a
    verdict (Playwright, pytest, pytest-bdd)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as version_de

    from .catalogue import version_du_catalogue
    from .etat import version_du_harnais

    def paquet(nom: str) -> str:
        try:
            return version_de(nom)
        except PackageNotFoundError:
            return "absent"
    return (f"chorus-conformance {version_du_harnais()}\n"
            f"catalogue des règles : {version_du_catalogue()}\n"
            f"Playwright {paquet('playwright')}, pytest {paquet('pytest')}, pytest-bdd {paquet('pytest-bdd')}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    harnais = argv[:argv.index("--")] if "--" in argv else argv  # what follows ``--`` is pytest's
    if argv and argv[0] in ("fusionner", "plusieurs", "comparer") or "--diagnostic" in harnais:
        pass  # each subcommand reads its own options, help included
    elif any(a in AIDES for a in harnais):
        print(AIDE)
        return 0
    elif "--version" in harnais or "-V" in harnais:
        print(version())
        return 0
    elif "--aide-pytest" in harnais:  # pytest's own list, the harness's options among them; no run, nothing touched
        return int(pytest.main(["-p", "harness.plugin", "-p", "no:cacheprovider", "--help"]))
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
    # An earlier run in the reports folder is set aside (and said) only when this one really starts (dossier.py)
    Path(valeur_d_option(args, "--rapports") or "reports").mkdir(parents=True, exist_ok=True)
    code = int(pytest.main(args))
    if code in (pytest.ExitCode.USAGE_ERROR, pytest.ExitCode.NO_TESTS_COLLECTED, pytest.ExitCode.INTERNAL_ERROR):
        code = CODE_ERREUR
    if code not in (0, 1, 2, 3):
        code = CODE_ERREUR
    return code


if __name__ == "__main__":
    sys.exit(main())
