"""``chorus-conformance plusieurs IMPL… [-- options]``: several implementations validated in one command.

Each IMPL is a profile (TOML), ``reference`` (the bundled reference implementation) or ``reference:FAUTE`` (the
bundled reference started with a seeded fault). The fake Sirene server and the SMTP capture are started once and
shared by every run (``--services-partages``: a run neither starts nor stops them; it still starts the bundled
reference itself when it needs one, pointed at them); each run gets its own Faker seed (the base seed + its rank),
so that their data never meet in the shared fakes. The runs go in parallel (``--paralleles``), each with its
reports in DIR/<nom>/ and its console in DIR/<nom>/console.log; then one matrix of the rules by implementation
(DIR/matrice.json, DIR/matrice.html). Exit code: 0 when every run exits 0, else the highest of their codes.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .catalogue import CatalogueInvalide, charger_catalogue
from .dossier import mettre_de_cote
from .ligne_de_commande import Parseur
from .navigateur import demarrer_serveur_de_navigateurs
from .profile import Profil, ProfilInvalide, charger_profil
from .rapports.comparaison import VerdictIllisible, lire_verdict
from .rapports.matrice import code_global, construire, ecrire_matrice, lignes_du_terminal
from .travailleurs import travailleurs
from .services import demarrer_faux, ecrire_services_partages, environnement
from .verdict import CODE_ERREUR, CODE_PREFLIGHT

REFERENCE = "reference"
# Options that say which implementation a run judges, or where its reports go: given per IMPL, never to all.
PAR_IMPLEMENTATION = ("--profil", "--url-implementation", "--faute-integree", "--bundled-fault", "--rapports",
                      "--services-partages", "--navigateur-distant", "--part", "--shard")


class LigneDeCommandeInvalide(ValueError):
    """A wrong command line, an unreadable profile, profiles that cannot share the fakes: nothing started."""


@dataclass
class Cible:
    """One implementation to judge, as the command line names it."""

    argument: str
    nom: str
    options: list[str]  # what makes the run judge it: --profil P, or --bundled-fault F
    profil: Profil
    faute: str | None = None
    slug: str = ""


@dataclass
class Execution:
    cible: Cible
    graine: int
    dossier: Path
    code: int = CODE_ERREUR
    duree: float = 0.0
    commande: list[str] = field(default_factory=list)


def cible(argument: str) -> Cible:
    """``reference``, ``reference:FAUTE`` or a profile's path."""
    if argument == REFERENCE or argument.startswith(REFERENCE + ":"):
        faute = argument.partition(":")[2] or None
        profil = Profil()
        nom = profil.nom + (f" + faute {faute}" if faute else "")
        return Cible(argument, nom, ["--bundled-fault", faute] if faute else [], profil, faute)
    chemin = Path(argument)
    if not chemin.is_file():
        raise LigneDeCommandeInvalide(f"« {argument} » n'est ni un profil (fichier TOML) ni « {REFERENCE} » ou "
                                      f"« {REFERENCE}:FAUTE ».")
    try:
        profil = charger_profil(chemin)
    except ProfilInvalide as exc:
        raise LigneDeCommandeInvalide(str(exc)) from None
    return Cible(argument, profil.nom, ["--profil", str(chemin.resolve())], profil)


def nommer(cibles: list[Cible]) -> None:
    """Unique folder names (« reference », « reference-mdp-11-caracteres », the profile's name) and unique names: a
    second implementation of the same name gets « -2 » and « (2) »."""
    from slugify import slugify

    pris: set[str] = set()
    for c in cibles:
        base = slugify(c.argument if c.argument.startswith(REFERENCE) else c.nom) or "implementation"
        c.slug, rang = base, 1
        while c.slug in pris:
            rang += 1
            c.slug = f"{base}-{rang}"
        if rang > 1:
            c.nom = f"{c.nom} ({rang})"
        pris.add(c.slug)


def ports_communs(cibles: list[Cible]) -> tuple[int | None, int | None]:
    """The ports of the fakes the profiles agree on (None: any free port); refused when two profiles fix
    different ones: the shared fakes cannot listen on both."""
    choisis = []
    for cle in ("sirene_port", "smtp_port"):
        fixes = {c.argument: getattr(c.profil, cle) for c in cibles if getattr(c.profil, cle) is not None}
        if len(set(fixes.values())) > 1:
            detail = ", ".join(f"{a} : {p}" for a, p in fixes.items())
            raise LigneDeCommandeInvalide(
                f"les profils fixent des ports différents pour [services] {cle} ({detail}) : les faux services "
                f"sont partagés par toutes les exécutions et ne peuvent écouter que sur un port. Donnez le même port "
                f"dans ces profils, ou validez-les en plusieurs commandes.")
        choisis.append(next(iter(fixes.values()), None))
    return choisis[0], choisis[1]


def graine_de_base(options: list[str]) -> tuple[int, list[str]]:
    """The base Faker seed (--graine, or --faker-seed, among the common options, else drawn) and the options
    without it."""
    valeur, reste = None, []
    arguments = iter(options)
    for arg in arguments:
        if arg in ("--graine", "--faker-seed"):
            valeur = next(arguments, "")
        elif arg.startswith(("--graine=", "--faker-seed=")):
            valeur = arg.split("=", 1)[1]
        else:
            reste.append(arg)
    if valeur is None:
        return random.SystemRandom().randrange(1, 2**31 - 1000), reste
    if not valeur.isdigit():
        raise LigneDeCommandeInvalide(f"--graine attend un nombre entier, pas « {valeur} ».")
    return int(valeur), reste


def verifier_options_communes(options: list[str]) -> None:
    for arg in options:
        nom = arg.split("=", 1)[0]
        if nom in PAR_IMPLEMENTATION:
            raise LigneDeCommandeInvalide(
                f"{nom} ne peut pas être donné à toutes les exécutions : chaque IMPL dit ce qu'elle juge (un profil, "
                f"{REFERENCE} ou {REFERENCE}:FAUTE), --rapports et --navigateur-distant se donnent avant les IMPL, "
                f"et chaque exécution a son dossier de rapports.")


def executer(e: Execution, options: list[str], services: Path, distant: str | None) -> Execution:
    """One run of the suite, its reports in its folder, its console in console.log."""
    e.dossier.mkdir(parents=True, exist_ok=True)
    deplacee = mettre_de_cote(e.dossier)  # never read (nor lose) the verdict of an earlier run
    e.commande = [sys.executable, "-m", "harness.cli", *e.cible.options, "--rapports", str(e.dossier),
                  "--services-partages", str(services), "--faker-seed", str(e.graine),
                  *(["--navigateur-distant", distant] if distant else []), *options]
    debut = time.monotonic()
    with open(e.dossier / "console.log", "w", encoding="utf-8") as console:
        console.write((deplacee + "\n" if deplacee else "") + "$ " + " ".join(e.commande) + "\n")
        console.flush()
        e.code = subprocess.run(e.commande, stdout=console, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=environnement()).returncode
    e.duree = time.monotonic() - debut
    return e


def _lire_verdict(dossier: Path) -> dict | None:
    """The run's verdict.json (comparer's reader), None when the run wrote none that can be read."""
    try:
        return lire_verdict(dossier / "verdict.json")
    except VerdictIllisible:
        return None


def _relatif(chemin: Path, dossier: Path) -> str:
    return os.path.relpath(chemin, dossier)


def parseur() -> Parseur:
    p = Parseur(prog="chorus-conformance plusieurs", code_d_erreur=CODE_ERREUR,
                 usage="chorus-conformance plusieurs [--rapports DOSSIER] [--paralleles N] [--navigateur-partage | "
                       "--navigateur-distant WS] IMPL… [-- options de chaque exécution]",
                 description="Valide plusieurs implémentations en une commande : faux Sirene et capture SMTP "
                             "partagés, exécutions en parallèle, une matrice des règles par implémentation.",
                 epilog="IMPL : un profil (TOML), « reference » (l'implémentation de référence intégrée) ou "
                        "« reference:FAUTE » (la même, démarrée avec une faute injectée). Les options après « -- » "
                        "vont à chaque exécution (par exemple --canal http -k motif -n 2) ; --graine N y donne la "
                        "graine de la première, les suivantes prennent N+1, N+2… Codes de sortie : 0 quand chaque "
                        "exécution sort avec 0, sinon le plus élevé de leurs codes (1 non conforme, 2 vérification "
                        "préalable échouée, 3 erreur du harnais ou de la ligne de commande).")
    p.add_argument("implementations", nargs="+", metavar="IMPL",
                   help="un profil (TOML), « reference » ou « reference:FAUTE » (voir ci-dessous)")
    p.add_argument("--rapports", type=Path, default=Path("reports"), metavar="DOSSIER",
                   help="dossier de la matrice ; les rapports de chaque implémentation dans DOSSIER/<nom>/ "
                        "(défaut : reports)")
    p.add_argument("--paralleles", type=int, default=None, metavar="N",
                   help="exécutions en même temps (défaut : le plus petit du nombre d'implémentations, du nombre "
                        "de cœurs et de 2)")
    navigateur = p.add_mutually_exclusive_group()
    navigateur.add_argument("--navigateur-partage", action="store_true",
                            help="un seul serveur de navigateurs Playwright pour toutes les exécutions, démarré ici")
    navigateur.add_argument("--navigateur-distant", default=None, metavar="WS",
                            help="le serveur de navigateurs Playwright de toutes les exécutions (ws://HOTE:PORT/)")
    return p


def main(argv: list[str]) -> int:
    coupure = argv.index("--") if "--" in argv else len(argv)
    args = parseur().parse_args(argv[:coupure])
    communes = argv[coupure + 1:]
    try:
        if args.paralleles is not None and args.paralleles < 1:
            raise LigneDeCommandeInvalide(f"--paralleles attend au moins 1, pas {args.paralleles}.")
        verifier_options_communes(communes)
        graine, communes = graine_de_base(communes)
        cibles = [cible(a) for a in args.implementations]
        nommer(cibles)
        sirene_port, smtp_port = ports_communs(cibles)
        catalogue = charger_catalogue()
    except (LigneDeCommandeInvalide, CatalogueInvalide) as exc:
        print(f"chorus-conformance plusieurs : {exc}", file=sys.stderr)
        return CODE_ERREUR
    paralleles = args.paralleles or min(len(cibles), os.cpu_count() or 1, 2)
    dossier = args.rapports.resolve()
    dossier.mkdir(parents=True, exist_ok=True)
    print(f"chorus : {len(cibles)} implémentation(s), {paralleles} à la fois ; graine Faker de base {graine} "
          f"(rejouer avec -- --faker-seed {graine}) ; matrice : {dossier / 'matrice.html'}", flush=True)
    from fixtures.clients import ProcessusEnEchec, stop_process

    processus: list = []
    try:
        try:
            faux = demarrer_faux(dossier / "journaux", processus, sirene_port, smtp_port)
            distant = args.navigateur_distant
            if args.navigateur_partage:
                distant = demarrer_serveur_de_navigateurs(dossier / "journaux", processus)
        except ProcessusEnEchec as exc:
            print(f"chorus : un service partagé n'a pas démarré.\n{exc}\nComment corriger : consultez le journal "
                  f"cité ci-dessus ({dossier / 'journaux'}) ; un port fixé par [services] est peut-être déjà pris.",
                  file=sys.stderr)
            return CODE_PREFLIGHT
        services = dossier / "services.json"
        ecrire_services_partages(services, faux)
        print(f"chorus : faux Sirene {faux['sirene']}, capture SMTP {faux['smtp']} (boîte {faux['boite']})"
              + (f", navigateurs {distant}" if distant else ""), flush=True)
        executions = [Execution(c, graine + i, dossier / c.slug) for i, c in enumerate(cibles)]
        if paralleles > 1 and travailleurs(communes):
            # Runs in parallel already share the cores: each one in one process, unless -n says otherwise.
            communes = [*communes, "-n", "0"]
        verrou = threading.Lock()
        finies = []

        def une(e: Execution) -> Execution:
            executer(e, communes, services, distant)
            with verrou:
                finies.append(e)
                resume = (_lire_verdict(e.dossier) or {}).get("resume") or "sans verdict"
                print(f"  [{len(finies)}/{len(executions)}] {e.cible.nom} : {resume} (code {e.code}, "
                      f"{e.duree:.0f} s) — {e.dossier}", flush=True)
            return e

        with ThreadPoolExecutor(paralleles) as pool:
            list(pool.map(une, executions))
    finally:
        while processus:
            stop_process(processus.pop())
    matrice = construire([{
        "nom": e.cible.nom, "slug": e.cible.slug, "argument": e.cible.argument, "faute": e.cible.faute,
        "code": e.code, "duree": round(e.duree, 1), "graine": e.graine, "verdict": _lire_verdict(e.dossier),
        "rapport": _relatif(e.dossier / "rapport.html", dossier) if (e.dossier / "rapport.html").is_file() else None,
        "console": _relatif(e.dossier / "console.log", dossier)} for e in executions], catalogue)
    matrice.update(graine=graine, date=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                   services={k: faux[k] for k in ("sirene", "smtp", "boite")}, navigateur_distant=distant)
    _, html = ecrire_matrice(dossier, matrice)
    print("\n".join(lignes_du_terminal(matrice)))
    print(f"matrice : {html}")
    return code_global([e.code for e in executions])
