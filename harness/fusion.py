"""``chorus-conformance fusionner``: the shards of one run (``--shard i/n`` on N machines) made one verdict.

Each shard's folder holds its verdict.json (and the files written from it). The merge rebuilds the scenarios' results
from the verdicts, judges them once more against the catalogue (and the profile's expected failures), and writes
the same files a single run writes, with the same exit code: 0 conforme, 1 non conforme, 2 a shard's preflight
failed, 3 a shard is missing, unreadable, or ran against another implementation or seed.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from .catalogue import CatalogueInvalide, charger_catalogue
from .collecte import donnees_verdict, ecrire_json
from .ligne_de_commande import Parseur
from .profile import ProfilInvalide, charger_profil
from .verdict import CODE_ERREUR, CODE_PREFLIGHT, AttendusInvalides, Resultat, bilan, charger_attendus

CHAMPS = ("nodeid", "scenario", "issue", "tags", "canal", "fonctionnalite", "message", "duree", "preuves", "cause",
          "regles_en_cause", "exemple", "constats", "fichier", "ligne", "etapes", "pas_en_echec")


class FusionImpossible(Exception):
    pass


def lire(dossier: Path) -> dict:
    chemin = dossier / "verdict.json"
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FusionImpossible(f"{chemin} : verdict illisible ({exc})") from None


def resultats(verdict: dict) -> list[Resultat]:
    out = []
    for s in verdict.get("scenarios", []):
        champs = {k: s[k] for k in CHAMPS if k in s}
        champs["tags"] = tuple(champs.get("tags", ()))
        champs["regles_en_cause"] = tuple(champs.get("regles_en_cause", ()))
        out.append(Resultat(**champs))
    return out


def fusionner(dossiers: list[Path], rapports: Path, attendus_chemin: str | None = None) -> int:
    verdicts = [lire(d) for d in dossiers]
    echoues = [(d, v) for d, v in zip(dossiers, verdicts) if v.get("code") == CODE_PREFLIGHT]
    rapports.mkdir(parents=True, exist_ok=True)
    if echoues:
        d, v = echoues[0]
        ecrire_json(rapports / "verdict.json", {**v, "fusion": [str(x) for x in dossiers]})
        print(f"chorus : la vérification préalable de la part {d} a échoué :\n{v.get('preflight')}", file=sys.stderr)
        return CODE_PREFLIGHT
    # The bundled reference is started by each shard (one URL each): the same implementation is its name, its
    # version and its seeded fault; the same run, its seed.
    identites = {(v["implementation"].get("nom"), v["implementation"].get("version"),
                  v["implementation"].get("faute_injectee"), v.get("graine")) for v in verdicts}
    if len(identites) > 1:
        raise FusionImpossible("les parts ne viennent pas d'une même exécution (implémentation, faute ou graine "
                               f"différentes) : {sorted(map(str, identites))}")
    catalogue = charger_catalogue()
    attendus = charger_attendus(attendus_chemin, catalogue) if attendus_chemin else []
    tous: dict[str, Resultat] = {}
    for v in verdicts:
        for r in resultats(v):
            if r.nodeid in tous and tous[r.nodeid].issue != "ignoré" and r.issue == "ignoré":
                continue  # a scenario deselected by one shard and run by another: the run counts
            tous[r.nodeid] = r
    # every part ran with the same profile: the referentials it makes gate
    bloquants = {s for v in verdicts for s in v.get("referentiels_bloquants", [])}
    b = bilan(list(tous.values()), catalogue, attendus, bloquants,
              exiger_tout=any(v.get("exiger_tout") for v in verdicts))
    premier = verdicts[0]
    mur = max(v.get("duree_totale", 0.0) for v in verdicts)
    etat = SimpleNamespace(graine=premier.get("graine"), debut=min(v.get("date", "") for v in verdicts), top=time.monotonic() - mur,
                           faute=premier["implementation"].get("faute_injectee"),
                           bac_a_sable=all((v.get("navigateur") or {}).get("bac_a_sable", True) for v in verdicts),
                           services={"implementation": premier["implementation"].get("url")},
                           profil=SimpleNamespace(nom=premier["implementation"].get("nom"),
                                                  version=premier["implementation"].get("version")))
    donnees = donnees_verdict(etat, list(tous.values()), b, max(v.get("fin", "") for v in verdicts))
    donnees["fusion"] = [str(d) for d in dossiers]
    ecrire_json(rapports / "verdict.json", donnees)
    from .rapports.ci import ecrire_cucumber, ecrire_junit
    ecrire_junit(donnees, rapports / "junit.xml")
    ecrire_cucumber(donnees, rapports / "cucumber.json")
    from .report import ecrire_rapport
    ecrire_rapport(donnees, b, rapports / "rapport.html")
    print(f"{b.resume}\n{len(dossiers)} part(s), {len(tous)} scénario(s) ; rapports : {rapports / 'rapport.html'}")
    return b.code


def main(argv: list[str] | None = None) -> int:
    parser = Parseur(prog="chorus-conformance fusionner", code_d_erreur=CODE_ERREUR,
                                     description="Un verdict à partir des parts d'une exécution (--shard i/n).")
    parser.add_argument("dossiers", nargs="+", type=Path, metavar="PART/",
                        help="dossiers des rapports de chaque part (leur verdict.json)")
    parser.add_argument("--rapports", type=Path, default=Path("reports"), metavar="DOSSIER",
                        help="dossier du verdict fusionné (défaut : reports)")
    parser.add_argument("--profil", metavar="PROFIL.toml", help="profil de l'implémentation (ses échecs attendus)")
    parser.add_argument("--attendus", metavar="ATTENDUS.toml",
                        help="fichier des échecs attendus (remplace celui du profil)")
    args = parser.parse_args(argv)
    try:
        chemin = args.attendus or (charger_profil(args.profil).attendus if args.profil else None)
        return fusionner(args.dossiers, args.rapports, chemin)
    except (FusionImpossible, ProfilInvalide, AttendusInvalides, CatalogueInvalide) as exc:
        print(f"chorus : fusion impossible : {exc}", file=sys.stderr)
        return CODE_ERREUR
