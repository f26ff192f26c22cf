"""``chorus-conformance plusieurs``: several implementations in one command, the fakes started once and shared, one
matrix of the rules by implementation, the exit code the worst run's."""
from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from harness.catalogue import charger_catalogue
from harness.plugin import graine_du_scenario
from harness.plusieurs import LigneDeCommandeInvalide, cible, graine_de_base, nommer, ports_communs, \
    verifier_options_communes
from harness.rapports.matrice import code_global, construire, lignes_du_terminal
from harness.services import ServicesPartagesInvalides, lire_services_partages

RACINE = Path(__file__).resolve().parents[1]
SELECTION = ["--canal", "http", "-k", "longueur_du_mot_de_passe or SIRET", "--faker-seed", "5"]


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "harness.cli", *args], cwd=RACINE, capture_output=True, text=True,
                          timeout=600)


def test_reference_and_a_seeded_fault_in_one_command(tmp_path):
    dossier = tmp_path / "plusieurs"
    fin = _cli("plusieurs", "--rapports", str(dossier), "reference", "reference:mdp_11_caracteres", "--", *SELECTION)
    assert fin.returncode == 1, fin.stdout + fin.stderr
    matrice = json.loads((dossier / "matrice.json").read_text(encoding="utf-8"))
    ref, faute = matrice["implementations"]
    assert (ref["slug"], ref["code"], faute["slug"], faute["code"]) == ("reference", 0, "reference-mdp-11-caracteres", 1)
    regles = {r["id"]: r for r in matrice["regles"]}
    assert set(regles) == set(charger_catalogue())  # every rule of the catalogue, judged or not
    longueur = regles["E4_MDP_LONGUEUR"]["cellules"]
    assert (longueur["reference"]["etat"], longueur["reference-mdp-11-caracteres"]["etat"]) == ("conforme",
                                                                                               "non conforme")
    assert longueur["reference"]["lien"] == "reference/rapport.html#E4_MDP_LONGUEUR"
    assert matrice["differences"] == ["E4_MDP_LONGUEUR"], "la faute change d'autres verdicts de la sélection"
    assert sum(r["cellules"]["reference"]["etat"] == "conforme" for r in regles.values()) > 5  # the selection ran
    # One line per implementation, then what differs, in the terminal; the same in the page.
    assert re.search(r"\+ faute mdp_11_caracteres : NON CONFORME.*\(code 1\)", fin.stdout)
    assert "E4_MDP_LONGUEUR : " in fin.stdout.split("Règles dont le verdict diffère (1) :")[1]
    page = (dossier / "matrice.html").read_text(encoding="utf-8")
    assert page.index('id="differences"') < page.index('href="reference-mdp-11-caracteres/rapport.html#E4_MDP_LONGUEUR"')

    # The fakes were started once, by the command: their logs are its own, none in a run's; each run's reference
    # was started pointed at the addresses the command wrote in services.json; each run had its own seed.
    services = json.loads((dossier / "services.json").read_text(encoding="utf-8"))
    assert {p.name for p in (dossier / "journaux").iterdir()} == {"fake_sirene.log", "smtp_capture.log"}
    for impl, graine in (("reference", 5), ("reference-mdp-11-caracteres", 6)):
        journaux = {p.name for p in (dossier / impl / "journaux").iterdir()}
        assert journaux == {"reference_impl.log"}, journaux
        commande = (dossier / impl / "journaux" / "reference_impl.log").read_text(encoding="utf-8").splitlines()[0]
        assert f"--sirene-url {services['sirene']} " in commande and f"--smtp-port {services['smtp_port']} " in commande
        verdict = json.loads((dossier / impl / "verdict.json").read_text(encoding="utf-8"))
        assert verdict["graine"] == graine
        assert (dossier / impl / "console.log").read_text(encoding="utf-8").startswith("$ ")
        assert (dossier / impl / "rapport.html").is_file() and (dossier / impl / "junit.xml").is_file()


def test_a_shared_browser_server_serves_the_runs_and_is_stopped_at_the_end(tmp_path):
    dossier = tmp_path / "navigateur"
    fin = _cli("plusieurs", "--rapports", str(dossier), "--navigateur-partage", "reference", "--", "--canal",
               "navigateur", "-k", "lien", "--faker-seed", "3")
    assert fin.returncode == 0, fin.stdout + fin.stderr
    adresse = re.search(r"Listening on (ws://\S+)", (dossier / "journaux" / "serveur_de_navigateurs.log").read_text())[1]
    console = (dossier / "reference" / "console.log").read_text(encoding="utf-8")
    assert f"--navigateur-distant {adresse}" in console.splitlines()[0]
    verdict = json.loads((dossier / "reference" / "verdict.json").read_text(encoding="utf-8"))
    assert {s["canal"] for s in verdict["scenarios"] if s["issue"] == "réussi"} == {"navigateur"}
    with pytest.raises(OSError):  # nobody listens there any more
        socket.create_connection(("127.0.0.1", int(adresse.rsplit(":", 1)[1].strip("/"))), timeout=2).close()


def _profil(dossier: Path, nom: str, ports: str) -> Path:
    chemin = dossier / f"{nom}.toml"
    chemin.write_text(f'nom = "{nom}"\nurl_base = "http://127.0.0.1:9"\n\n[services]\n{ports}\n', encoding="utf-8")
    return chemin


def test_profiles_fixing_different_ports_are_refused_before_anything_starts(tmp_path):
    a = _profil(tmp_path, "a", "sirene_port = 8781\nsmtp_port = 8725")
    b = _profil(tmp_path, "b", "sirene_port = 8782")
    fin = _cli("plusieurs", "--rapports", str(tmp_path / "r"), "reference", str(a), str(b))
    assert fin.returncode == 3
    assert f"{a} : 8781, {b} : 8782" in fin.stderr and "sirene_port" in fin.stderr
    assert not (tmp_path / "r").exists()


def test_the_shared_fakes_listen_on_the_port_the_profiles_agree_on(tmp_path):
    a = _profil(tmp_path, "a", "sirene_port = 8781")
    b = _profil(tmp_path, "b", "sirene_port = 8781\nsmtp_port = 8725")
    assert ports_communs([cible(str(a)), cible(str(b)), cible("reference")]) == (8781, 8725)
    assert ports_communs([cible("reference"), cible("reference:x")]) == (None, None)


def test_a_run_refuses_shared_fakes_on_other_ports_than_its_profile_fixes(tmp_path):
    fichier = tmp_path / "services.json"
    fichier.write_text(json.dumps({"sirene": "http://127.0.0.1:8781/api-sirene/3.11", "smtp": "smtp://127.0.0.1:8725",
                                   "smtp_hote": "127.0.0.1", "smtp_port": 8725, "boite": "http://127.0.0.1:1"}))
    assert lire_services_partages(fichier, 8781, None)["smtp_port"] == 8725
    with pytest.raises(ServicesPartagesInvalides, match="smtp_port = 8726"):
        lire_services_partages(fichier, None, 8726)
    (tmp_path / "vide.json").write_text("{}")
    with pytest.raises(ServicesPartagesInvalides, match="ne donne pas sirene"):
        lire_services_partages(tmp_path / "vide.json")


def test_command_line_errors(tmp_path):
    with pytest.raises(LigneDeCommandeInvalide, match="ni un profil"):
        cible(str(tmp_path / "absent.toml"))
    for option in (["--profil", "x.toml"], ["--rapports=x"], ["--bundled-fault", "f"]):
        with pytest.raises(LigneDeCommandeInvalide, match=option[0].split("=")[0]):
            verifier_options_communes(["-x", *option])
    assert graine_de_base(["-k", "x", "--faker-seed", "41", "-x"]) == (41, ["-k", "x", "-x"])
    assert graine_de_base(["--faker-seed=41"]) == (41, [])
    graine, reste = graine_de_base(["-n", "2"])
    assert graine > 0 and reste == ["-n", "2"]
    assert _cli("plusieurs", "reference", "--", "--profil", "x.toml").returncode == 3
    assert _cli("plusieurs", "--paralleles", "0", "reference").returncode == 3


def test_names_and_folders_are_unique():
    cibles = [cible("reference"), cible("reference"), cible("reference:mdp_11_caracteres")]
    nommer(cibles)
    assert [c.slug for c in cibles] == ["reference", "reference-2", "reference-mdp-11-caracteres"]
    assert cibles[1].nom.endswith("(2)") and cibles[2].nom.endswith("+ faute mdp_11_caracteres")


def test_consecutive_seeds_give_each_run_its_own_data():
    """The runs share the Sirene fake and the mailbox: the same scenario in two runs (seeds N and N+1) must not
    register the same SIRET nor read the same address."""
    from fixtures.providers import nouveau_faker

    nodeid = "steps/test_conformite.py::test_x[http]"
    donnees = [nouveau_faker(graine_du_scenario(graine, nodeid), "abcd1234567") for graine in (7, 8)]
    sirets = [{d.siret_valide() for _ in range(300)} for d in donnees]
    adresses = [{d.adresse_email() for _ in range(50)} for d in donnees]
    assert not sirets[0] & sirets[1] and not adresses[0] & adresses[1]


# ------------------------------------------------------------------ the matrix, from verdict data alone

def _verdict(code: int, **verdicts: str) -> dict:
    return {"code": code, "resume": "CONFORME" if code == 0 else "NON CONFORME", "graine": 1, "comptes": {},
            "regles": [{"id": i, "verdict": v.split(" (")[0] if v.startswith("informatif") else v,
                        "detail": v.split("(")[1].rstrip(")") if v.startswith("informatif (") else "",
                        "titre": i, "citation": "", "source": "guide", "etape": 1} for i, v in verdicts.items()]}


def _execution(slug: str, code: int, verdict: dict | None) -> dict:
    return {"nom": slug.upper(), "slug": slug, "code": code, "verdict": verdict,
            "rapport": f"{slug}/rapport.html" if verdict else None, "console": f"{slug}/console.log"}


def test_matrix_puts_what_differs_first_the_non_conformes_first():
    catalogue = charger_catalogue()
    ids = list(catalogue)
    a = _verdict(0, **{ids[0]: "conforme", ids[1]: "conforme", ids[2]: "non vérifié", ids[3]: "informatif (conforme)"})
    b = _verdict(1, **{ids[0]: "conforme", ids[1]: "non conforme", ids[2]: "conforme",
                       ids[3]: "informatif (non conforme)"})
    sans = {"code": 2, "resume": "VÉRIFICATION PRÉALABLE ÉCHOUÉE", "preflight": "injoignable"}
    m = construire([_execution("a", 0, a), _execution("b", 1, b), _execution("c", 2, sans)], catalogue)
    assert m["code"] == 2
    assert m["differences"][0] == ids[1] and set(m["differences"]) == {ids[1], ids[2], ids[3]}
    par_id = {r["id"]: r for r in m["regles"]}
    assert par_id[ids[1]]["cellules"]["b"] == {"etat": "non conforme", "verdict": "non conforme", "precision": "",
                                               "lien": f"b/rapport.html#{ids[1]}"}
    assert par_id[ids[3]]["cellules"]["b"]["precision"] == "non conforme"
    assert par_id[ids[0]]["cellules"]["c"]["etat"] is None  # the run without verdict: no cell, and no difference
    assert par_id[ids[4]]["cellules"]["a"]["etat"] is None and not par_id[ids[4]]["differe"]  # judged by none
    assert [e["juge"] for e in m["implementations"]] == [True, True, False]
    assert m["implementations"][2]["preflight"] == "injoignable" and "verdict" not in m["implementations"][2]
    lignes = lignes_du_terminal(m)
    assert lignes[2].startswith("C : VÉRIFICATION PRÉALABLE ÉCHOUÉE (code 2)")
    assert lignes[4] == f"  {ids[1]} : A conforme | B non conforme"


def test_one_judged_run_has_nothing_to_compare():
    catalogue = charger_catalogue()
    regle = next(iter(catalogue))
    m = construire([_execution("a", 1, _verdict(1, **{regle: "non conforme"})), _execution("b", 3, None)], catalogue)
    assert m["differences"] == [] and m["code"] == 3


@pytest.mark.parametrize("codes, attendu", [([0, 0], 0), ([0, 1], 1), ([1, 2, 0], 2), ([0, 3, 1], 3), ([1, -9], 3),
                                            ([0, 130], 3)])
def test_exit_code_is_the_worst_run(codes, attendu):
    assert code_global(codes) == attendu
