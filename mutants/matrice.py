"""The seeded-fault kill matrix: does the suite catch each violation?

For each fault of the reference implementation (``python -m reference_impl
--list-faults``), start the reference implementation with that fault as an
external process, run ``chorus-conformance`` against it through a profile (the
path any vendor's implementation takes), and read ``verdict.json``. A fault is
*killed* when the verdict is non conforme and a rule the fault breaks (from
``mutants/fautes.toml``) is among the non-conforme rules.

    python -m mutants                 # every fault (make mutants)
    python -m mutants --rapide        # the CI subset
    python -m mutants --faute mdp_11_caracteres --faute ...

Each fault is judged in stages, cheapest first, until one kills it: the
scenarios of the rules it breaks (``-m`` on their tags) over HTTP, then the same
in the browser, then the whole suite on both channels. A verdict can only gain
failures from more scenarios, and a rule's verdict comes from its own scenarios
only: a fault killed by a stage is killed by the whole suite, and a fault
survives only when the whole suite leaves its rules conforme. (Collateral rules
are then only those seen by the stages that ran.) Extra arguments that name a
channel (``--canal``) drop the stages of the other channel.

Every run uses one fake Sirene and one SMTP capture started by the matrix (``--services-partages``; each fault
has its own Faker seed and each run its own id in every address, so that faults judged at the same time never
meet), and is forked from one process that has imported the harness (mutants/lanceur.py): only the
implementation is started for each stage.

The table goes to stdout, then the kill rate on the last line; the exit code is
0 only when every fault run was killed and the fault-free run was conforme.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from fixtures.clients import start_process, stop_process
from harness.cli import valeur_d_option
from harness.services import HOTE, commande_reference, demarrer_faux, ecrire_services_partages, port_libre
from harness.tls import certificats_de_test

from .lanceur import Lanceur

RACINE = Path(__file__).resolve().parents[1]
FAUTES_TOML = Path(__file__).with_name("fautes.toml")
# The CI subset: one fault per rule the issue names (password, SIRET, default workspace),
# plus a server-side-only check that only the HTTP channel can catch.
RAPIDE = ("mdp_11_caracteres", "siret_cle_ignoree", "espace_factures_emises_non",
          "siret_controle_navigateur_seulement")


@dataclass
class Ligne:
    faute: str
    regles: list[str]
    description: str = ""
    code: int | None = None
    en_echec: list[str] = field(default_factory=list)
    scenarios_echoues: list[str] = field(default_factory=list)
    duree: float = 0.0
    erreur: str = ""
    canaux: str = ""  # the stages run, cheapest first: "http", "http+navigateur", "http+navigateur+entière"

    @property
    def tuee(self) -> bool:
        # A scenario of a rule the fault breaks failed: for a guide rule the verdict is then non conforme (exit 1);
        # a reading or a contract rule informs without gating, yet its scenarios must fail all the same.
        return bool(set(self.regles) & set(self.en_echec))

    @property
    def collaterales(self) -> list[str]:
        return sorted(set(self.en_echec) - set(self.regles))


def fautes_de_l_implementation(python: str) -> dict[str, str]:
    """The faults the reference implementation offers, asked over its command line."""
    sortie = subprocess.run([python, "-m", "reference_impl", "--list-faults"], cwd=RACINE,
                            capture_output=True, text=True, check=True).stdout
    fautes = {}
    for ligne in sortie.splitlines():
        if ligne.strip():
            nom, _, description = ligne.strip().partition("\t") if "\t" in ligne else ligne.strip().partition(" ")
            fautes[nom.strip()] = description.strip(" :-")
    return fautes


@dataclass(frozen=True)
class Faute:
    """A fault as mutants/fautes.toml maps it: the rules it breaks and, for a fault that
    changes the wording, the label overrides a vendor would then put in its profile."""

    nom: str
    regles: list[str]
    libelles: dict[str, str] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)  # what its judgment needs, added to each stage: --https


def fautes_cartographiees(chemin: Path = FAUTES_TOML) -> dict[str, Faute]:
    donnees = tomllib.loads(chemin.read_text(encoding="utf-8"))
    return {f["nom"]: Faute(f["nom"], list(f["regles"]), dict(f.get("libelles", {})), list(f.get("options", [])))
            for f in donnees.get("faute", [])}


def _profil(dossier: Path, url: str, sirene_port: int, smtp_port: int, libelles: dict[str, str]) -> Path:
    chemin = dossier / "profil.toml"
    texte = (f'nom = "implémentation de référence avec faute injectée"\n'
             f'url_base = "{url}"\n\n'
             f'[services]\nsirene_port = {sirene_port}\nsmtp_port = {smtp_port}\n')
    if libelles:
        texte += "\n[libelles]\n" + "".join(f"{json.dumps(k, ensure_ascii=False)} = {json.dumps(v, ensure_ascii=False)}\n"
                                           for k, v in libelles.items())
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def graine_de(faute: Faute | None, graine: int) -> int:
    """The Faker seed of a fault's runs: the matrix's seed for the fault-free control, a seed of its own for each
    fault (the same from one matrix to the next), so that faults judged at the same time against the shared fakes
    never draw the same SIRET."""
    return graine if faute is None else graine + 1 + zlib.crc32(faute.nom.encode()) % 1_000_000


def executer(faute: Faute | None, dossier: Path, graine: int, python: str, extra: list[str],
             faux: dict | None = None, lanceur: Lanceur | None = None) -> Ligne:
    """One suite run against the reference implementation started with ``faute``; over HTTPS when ``extra`` says
    --https (the harness, which then does not start it, is given the certificates to trust). ``faux``: the fakes
    shared by every run (their addresses and the file that gives them to the harness), else the run starts its own;
    ``lanceur``: how the suite is started (by default a new interpreter)."""
    ligne = Ligne(faute.nom if faute else "(aucune)", faute.regles if faute else [])
    lanceur = lanceur or Lanceur(python, prechauffe=False)
    # A fresh folder, hence a fresh database: an earlier matrix run with the same Faker seed left the same
    # SIRET and addresses in it, and the implementation would rightly see them as already registered.
    shutil.rmtree(dossier, ignore_errors=True)
    dossier.mkdir(parents=True, exist_ok=True)
    port = port_libre()
    if faux:
        sirene, sirene_port, smtp_port = faux["sirene"], urlsplit(faux["sirene"]).port, faux["smtp_port"]
        partages = ["--services-partages", str(faux["fichier"])]
    else:
        sirene_port, smtp_port = port_libre(), port_libre()
        sirene, partages = f"http://127.0.0.1:{sirene_port}/api-sirene/3.11", []
    https = certificats_de_test(dossier / "tls", HOTE) if "--https" in extra else None
    if https:
        extra = [a for a in extra if a != "--https"] + ["--certificats-de-confiance", str(https.confiance)]
    url = f"{'https' if https else 'http'}://127.0.0.1:{port}"
    argv = commande_reference(port, dossier / "reference.sqlite3", sirene, smtp_port, sirene_cle="kill-matrix",
                              faute=faute.nom if faute else None, python=python, https=https)
    debut = time.monotonic()
    processus = None
    try:
        processus, _ = start_process(argv, "READY", timeout=30, log_path=str(dossier / "reference.log"), cwd=RACINE)
        rapports = dossier / "rapports"
        commande = ["--profil", str(_profil(dossier, url, sirene_port, smtp_port, faute.libelles if faute else {})),
                    "--rapports", str(rapports), "--faker-seed", str(graine_de(faute, graine)), "-q", *partages,
                    *extra]
        ligne.code = lanceur.executer(commande, dossier / "suite.log")
        verdict = json.loads((rapports / "verdict.json").read_text(encoding="utf-8"))
        ligne.en_echec = sorted(r["id"] for r in verdict["regles"] if r.get("en_echec"))
        ligne.scenarios_echoues = sorted({s["scenario"] for s in verdict["scenarios"] if s["issue"] == "échoué"})
    except Exception as exc:  # reported in the table: a run that could not judge kills nothing
        ligne.erreur = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    finally:
        if processus is not None:
            stop_process(processus)
        ligne.duree = time.monotonic() - debut
    return ligne


def etapes(faute: Faute, extra: list[str]) -> list[tuple[str, list[str]]]:
    """The stages of a fault's judgment, cheapest first: its rules' scenarios over HTTP, in the browser, then the
    whole suite; only the stages of the channel ``extra`` fixes (``--canal``), if it fixes one."""
    cible = ["-m", " or ".join(faute.regles)]
    if valeur_d_option(extra, "--canal"):
        etapes_ = [("ciblée", cible), ("entière", [])]
    else:
        etapes_ = [("http", [*cible, "--canal", "http"]), ("navigateur", [*cible, "--canal", "navigateur"]),
                   ("entière", [])]
    return [(nom, [*options, *faute.options]) for nom, options in etapes_]


def afficher(lignes: list[Ligne], temoin: Ligne) -> str:
    out = [f"Témoin sans faute : code {temoin.code}, règles en échec : {', '.join(temoin.en_echec) or 'aucune'}"
           f" ({temoin.duree:.0f} s)", ""]
    out.append(f"{'faute':<38} {'règle(s) visée(s)':<34} {'tuée':<5} {'étapes':<16} {'durée':>6}  "
               f"scénarios en échec / remarques")
    for l in lignes:
        remarques = l.erreur or "; ".join(l.scenarios_echoues[:4]) + (" …" if len(l.scenarios_echoues) > 4 else "")
        if l.collaterales:
            remarques += f" [aussi : {', '.join(l.collaterales)}]"
        out.append(f"{l.faute:<38} {', '.join(l.regles):<34} {'OUI' if l.tuee else 'NON':<5} {l.canaux:<16} "
                   f"{l.duree:>5.0f}s  {remarques}")
    tuees = sum(l.tuee for l in lignes)
    taux = 100.0 * tuees / len(lignes) if lignes else 0.0
    out += ["", f"Taux de destruction : {tuees}/{len(lignes)} fautes tuées ({taux:.0f} %)"]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mutants", description=__doc__.split("\n\n")[0])
    parser.add_argument("--faute", action="append", default=[], help="only this fault (repeatable)")
    parser.add_argument("--rapide", action="store_true", help="the CI subset: " + ", ".join(RAPIDE))
    parser.add_argument("--rapports", default="reports/mutants", help="folder for each run's reports")
    parser.add_argument("--faker-seed", type=int, default=20261127,
                        help="the fault-free control's seed; each fault's runs take one derived from it and the "
                             "fault's name (graine_de)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="fault runs in parallel (default: the machine's cores, at most 2)")
    parser.add_argument("extra", nargs="*", help="extra arguments for chorus-conformance (after --)")
    args = parser.parse_args(argv)
    python = sys.executable

    offertes = fautes_de_l_implementation(python)
    cartographie = fautes_cartographiees()
    orphelines = sorted(set(offertes) - set(cartographie))
    inconnues = sorted(set(cartographie) - set(offertes))
    if orphelines or inconnues:
        print(f"mutants/fautes.toml ne correspond pas aux fautes de l'implémentation de référence : "
              f"sans règle {orphelines}, inconnues {inconnues}", file=sys.stderr)
        return 3
    choisies = args.faute or (list(RAPIDE) if args.rapide else sorted(offertes))
    for nom in choisies:
        if nom not in offertes:
            print(f"faute inconnue : {nom} (voir python -m reference_impl --list-faults)", file=sys.stderr)
            return 3
    racine = Path(args.rapports)
    racine.mkdir(parents=True, exist_ok=True)
    # One fake Sirene and one SMTP capture for every run (each run's data are its own: its seed, its run id in
    # every address), and every run forked from one process that has imported the harness (mutants/lanceur.py).
    lanceur = Lanceur(python)
    services: list = []
    try:
        faux = demarrer_faux(racine / "_faux", services)
        faux["fichier"] = racine / "_faux" / "services.json"
        ecrire_services_partages(faux["fichier"], faux)
        return _matrice(args, python, offertes, cartographie, choisies, racine, faux, lanceur)
    finally:
        while services:
            stop_process(services.pop())


def _matrice(args, python: str, offertes: dict[str, str], cartographie: dict[str, Faute], choisies: list[str],
             racine: Path, faux: dict, lanceur: Lanceur) -> int:
    # The fault-free run is the whole suite: on as many workers as the matrix has jobs (at most the two cores).
    paralleles = ["-n", str(min(args.jobs, 2))] if args.jobs > 1 and "-n" not in args.extra else []
    temoin = executer(None, racine / "_temoin", args.faker_seed, python, [*args.extra, *paralleles], faux, lanceur)
    if temoin.code != 0 or temoin.en_echec:
        print(afficher([], temoin))
        print(f"Le témoin sans faute n'est pas conforme (code {temoin.code}) : la matrice n'aurait pas de sens. "
              f"Voir {racine / '_temoin'}.", file=sys.stderr)
        return 3

    debut, faites, verrou = time.monotonic(), [0], threading.Lock()

    def avancement() -> str:
        """« k/N, reste ≈ S s »: the faults judged so far, and the time left at the pace so far."""
        with verrou:
            faites[0] += 1
            k = faites[0]
        reste = (time.monotonic() - debut) / k * (len(choisies) - k)
        return f"{k}/{len(choisies)}, reste ≈ {reste:.0f} s"

    def une(nom: str) -> Ligne:
        faute = cartographie[nom]
        ligne = Ligne(nom, faute.regles, description=offertes[nom])
        for etape, options in etapes(faute, args.extra):
            essai = executer(faute, racine / nom / etape, args.faker_seed, python, [*args.extra, *options], faux,
                             lanceur)
            ligne = Ligne(nom, faute.regles, description=offertes[nom],
                          code=1 if 1 in (ligne.code, essai.code) else essai.code,
                          en_echec=sorted(set(ligne.en_echec) | set(essai.en_echec)),
                          scenarios_echoues=sorted(set(ligne.scenarios_echoues) | set(essai.scenarios_echoues)),
                          duree=ligne.duree + essai.duree, erreur=essai.erreur,
                          canaux="+".join(filter(None, [ligne.canaux, etape])))
            if ligne.tuee:
                break
        print(f"  [{avancement()}] {nom}: {'tuée' if ligne.tuee else 'SURVIVANTE'} ({ligne.duree:.0f} s, "
              f"{ligne.canaux})", file=sys.stderr, flush=True)
        return ligne

    if args.jobs > 1:
        from concurrent.futures import ThreadPoolExecutor
        with ThreadPoolExecutor(args.jobs) as pool:
            lignes = list(pool.map(une, choisies))
    else:
        lignes = [une(nom) for nom in choisies]
    print(afficher(lignes, temoin))
    return 0 if lignes and all(l.tuee for l in lignes) else 1


if __name__ == "__main__":
    sys.exit(main())
