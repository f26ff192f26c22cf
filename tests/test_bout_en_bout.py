"""The harness judged end to end, through its console script, as a user runs it.

Each test starts the reference implementation as an external process (as any
vendor's implementation runs), points ``chorus-conformance`` at it with a
profile, and reads the verdict, the exit code and the reports.
"""
from __future__ import annotations

import json
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from fixtures.clients import start_process, stop_process
from harness.services import commande_reference, port_libre
from mutants.matrice import fautes_cartographiees

RACINE = Path(__file__).resolve().parents[1]


@contextmanager
def reference_externe(dossier: Path, *, faute: str | None = None, capacites: dict[str, bool] | None = None):
    """Start reference_impl on its own and yield the path of a profile describing it."""
    dossier.mkdir(parents=True, exist_ok=True)
    port, sirene, smtp = port_libre(), port_libre(), port_libre()
    url = f"http://127.0.0.1:{port}"
    argv = commande_reference(port, dossier / "ref.sqlite3", f"http://127.0.0.1:{sirene}/api-sirene/3.11", smtp,
                              sirene_cle="e2e", faute=faute)
    processus, _ = start_process(argv, "READY", timeout=30, log_path=str(dossier / "ref.log"), cwd=RACINE)
    profil = dossier / "profil.toml"
    lignes = [f'nom = "Référence externe{" (" + faute + ")" if faute else ""}"', 'version = "e2e"',
              f'url_base = "{url}"', "", "[services]", f"sirene_port = {sirene}", f"smtp_port = {smtp}"]
    if capacites:
        lignes += ["", "[capacites]"] + [f"{k} = {str(v).lower()}" for k, v in capacites.items()]
    profil.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    try:
        yield profil
    finally:
        stop_process(processus)


def conformite(rapports: Path, *args: str) -> tuple[int, str, dict | None]:
    """Run the console script; return its exit code, its output and verdict.json (if written)."""
    resultat = subprocess.run([sys.executable, "-m", "harness.cli", "--rapports", str(rapports),
                               "--faker-seed", "20261127", *args],
                              cwd=RACINE, capture_output=True, text=True, timeout=900)
    chemin = rapports / "verdict.json"
    verdict = json.loads(chemin.read_text(encoding="utf-8")) if chemin.exists() else None
    return resultat.returncode, resultat.stdout + resultat.stderr, verdict


def par_verdict(verdict: dict, valeur: str) -> set[str]:
    return {r["id"] for r in verdict["regles"] if r["verdict"] == valeur}


def test_reference_externe_conforme_sur_les_deux_canaux(tmp_path):
    with reference_externe(tmp_path) as profil:
        code, sortie, verdict = conformite(tmp_path / "rapports", "--profil", str(profil), "-n", "2")
    assert code == 0, sortie[-3000:]
    assert par_verdict(verdict, "non conforme") == set()
    # everything is verified on the reference but the Secure cookie flag, which only HTTPS can show (tests/test_https.py
    # judges it with the reference served over HTTPS)
    assert par_verdict(verdict, "non vérifié") == {"S_COOKIE_SECURE"}, "tout doit être vérifié sur la référence"
    obligatoires = {r["id"] for r in verdict["regles"] if r["niveau"] == "obligatoire"}
    assert obligatoires and obligatoires <= par_verdict(verdict, "conforme")
    canaux = {s["canal"] for s in verdict["scenarios"]}
    assert canaux == {"navigateur", "http"}
    assert all(s["issue"] == "réussi" or "S_COOKIE_SECURE" in s["tags"] for s in verdict["scenarios"]), [
        (s["nodeid"], s["issue"], s["message"][:200]) for s in verdict["scenarios"] if s["issue"] != "réussi"]
    for rapport in ("rapport.html", "junit.xml", "cucumber.json"):
        assert (tmp_path / "rapports" / rapport).stat().st_size > 0, rapport
    assert json.loads((tmp_path / "rapports" / "cucumber.json").read_text(encoding="utf-8")), "cucumber.json vide"
    html = (tmp_path / "rapports" / "rapport.html").read_text(encoding="utf-8")
    assert "Référence externe" in html and "20261127" in html


@pytest.mark.parametrize("faute, regle, extrait", [
    ("mdp_11_caracteres", "E4_MDP_LONGUEUR", "11"),
    ("siret_cle_ignoree", "E1_SIRET_CLE", "SIRET"),
    ("espace_factures_emises_non", "E3_DEFAUT_FACTURES_EMISES", "Factures émises"),
])
def test_une_regle_enfreinte_est_nommee_exactement(tmp_path, faute, regle, extrait):
    # The HTTP channel covers every rule that the server enforces: a full judgement in seconds.
    with reference_externe(tmp_path, faute=faute) as profil:
        # security and accessibility rules never gate here: their scenarios are left out (the mandatory ones judge)
        code, sortie, verdict = conformite(tmp_path / "rapports", "--profil", str(profil), "--canal", "http",
                                           "-m", "not securite and not accessibilite")
    assert code == 1, sortie[-3000:]
    # Exactly the rules the fault breaks (mutants/fautes.toml), no other mandatory rule.
    regles = set(fautes_cartographiees()[faute].regles)
    assert regle in regles and par_verdict(verdict, "non conforme") == regles, sortie[-3000:]
    # Every failed mandatory scenario names a broken rule (an informatif one may fail too: it does not gate).
    messages = [s["message"] for s in verdict["scenarios"] if s["issue"] == "échoué" and "informatif" not in s["tags"]]
    assert messages and all(any(r in m for r in regles) for m in messages), messages
    assert any("attendu" in m and "constaté" in m and extrait in m for m in messages), messages
    assert "NON CONFORME" in sortie


def test_capacite_absente_non_verifiee_jamais_reussie(tmp_path):
    with reference_externe(tmp_path, capacites={"horloge": False}) as profil:
        code, sortie, verdict = conformite(tmp_path / "rapports", "--profil", str(profil),
                                           "--canal", "http", "-k", "expir")
    assert code == 0, sortie[-3000:]
    assert "E4_LIEN_EXPIRE" in par_verdict(verdict, "non vérifié")
    expiration = [s for s in verdict["scenarios"] if "E4_LIEN_EXPIRE" in s["tags"] and s["canal"] == "http"]
    assert expiration and all(s["issue"] == "non vérifié" for s in expiration)
    assert all("horloge" in s["message"] for s in expiration), [s["message"] for s in expiration]
    assert "SOUS RÉSERVE" in verdict["resume"]


def test_mauvaise_url_un_message_et_aucun_scenario(tmp_path):
    code, sortie, verdict = conformite(tmp_path / "rapports", "--url-implementation",
                                       f"http://127.0.0.1:{port_libre()}")
    assert code == 2, sortie[-3000:]
    assert "passed" not in sortie and "failed" not in sortie
    assert "Vérification préalable échouée" in sortie and "ne répond pas" in sortie, sortie
    assert "Comment corriger" in sortie and "Aucun scénario n'a été exécuté" in sortie, sortie
    assert verdict is None or not verdict.get("scenarios")


def test_echecs_attendus_adoptes_puis_perimes(tmp_path):
    attendus = tmp_path / "attendus.toml"
    attendus.write_text('[[attendu]]\nregle = "E3_DEFAUT_FACTURES_EMISES"\n'
                        'raison = "correctif prévu en version 2.4"\n', encoding="utf-8")
    selection = ("--canal", "http", "-k", "défaut", "--attendus", str(attendus))
    # A known gap, listed: the team adopts the harness, the run does not gate.
    with reference_externe(tmp_path / "fautive", faute="espace_factures_emises_non") as profil:
        code, sortie, verdict = conformite(tmp_path / "r1", "--profil", str(profil), *selection)
    assert code == 0, sortie[-3000:]
    regle = next(r for r in verdict["regles"] if r["id"] == "E3_DEFAUT_FACTURES_EMISES")
    assert regle["verdict"] == "non conforme (attendu)" and "2.4" in regle["detail"]
    # The gap is fixed but still listed: reported, and it gates so the list never rots.
    with reference_externe(tmp_path / "corrigee") as profil:
        code, sortie, verdict = conformite(tmp_path / "r2", "--profil", str(profil), *selection)
    assert code == 1, sortie[-3000:]
    regle = next(r for r in verdict["regles"] if r["id"] == "E3_DEFAUT_FACTURES_EMISES")
    assert regle["verdict"] == "attendu mais conforme", regle
