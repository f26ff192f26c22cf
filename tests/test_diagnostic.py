"""chorus-conformance --diagnostic: from "nothing works" to a working profile, on an implementation whose every
wording differs from the guide's (the witness in English) and a profile that maps none of them."""
from __future__ import annotations

import json

from .test_temoin_conformite import harnais, temoin

PROFIL_VIERGE = """nom = "Témoin anglais, profil vierge"
url_base = "{url}"
[pages]
demarrage = "/inscription"
connexion = "/se-connecter"
[services]
sirene_port = {sirene}
smtp_port = {smtp}
"""


def test_the_block_it_prints_makes_the_run_go_through(tmp_path):
    with temoin(tmp_path, "en") as (url, sirene, smtp):
        vierge = tmp_path / "vierge.toml"
        vierge.write_text(PROFIL_VIERGE.format(url=url, sirene=sirene, smtp=smtp), encoding="utf-8")
        # without a mapping, nothing can start: one message, no scenario
        avant = harnais("--profil", str(vierge), "--rapports", str(tmp_path / "avant"), "--canal", "http")
        assert avant.returncode == 2, avant.stdout[-2000:]
        assert "[libelles]" in avant.stdout + avant.stderr and "--diagnostic" in avant.stdout + avant.stderr
        diagnostic = harnais("--diagnostic", "--profil", str(vierge))
        assert diagnostic.returncode == 0, diagnostic.stdout + diagnostic.stderr
        sortie = diagnostic.stdout
        assert "✗ champ « Numéro de SIRET » introuvable ; le plus proche : « SIRET number »" in sortie
        for page in ("identification", "informations", "espaces de travail", "activation", "connexion", "compte"):
            assert f"Page « {page} »" in sortie
        bloc = sortie[sortie.index("[libelles."):sortie.index("(parcours en")]
        assert '"Numéro de SIRET" = "SIRET number"' in bloc and '"Identifiant" = "Identifier"' in bloc
        colle = tmp_path / "colle.toml"
        colle.write_text(vierge.read_text(encoding="utf-8") + "\n" + bloc, encoding="utf-8")
        rapports = tmp_path / "apres"
        # scenarios whose preparation goes through every page, and whose subject is no text of the guide
        apres = harnais("--profil", str(colle), "--rapports", str(rapports), "--canal", "http", "-k",
                        "longueur_du_mot_de_passe or activé_par_défaut or résaisie or huit_espaces")
    assert "vérification préalable réussie" in apres.stdout, apres.stdout[-3000:]
    verdict = json.loads((rapports / "verdict.json").read_text(encoding="utf-8"))
    regles = {r["id"]: r["verdict"] for r in verdict["regles"]}
    for regle in ("E4_MDP_LONGUEUR", "E3_DEFAUT_FACTURES_EMISES", "E2_RESAISIE_CONCORDANTE"):
        assert regles[regle] == "conforme", (regle, verdict["resume"], [s["message"][:300] for s in verdict[
            "scenarios"] if s["issue"] not in ("réussi", "non vérifié")])
    assert regles["E3_HUIT_ESPACES"] == "non conforme"  # the guide's workspace names, mapped to English ones
    assert not verdict["causes"], verdict["causes"]  # nothing blocked a preparation
