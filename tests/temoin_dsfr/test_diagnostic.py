"""--diagnostic on the DSFR witness with no [libelles]: the block it prints, pasted unedited, gives a run with no
« préparation impossible » (issue 23: hints inside labels, « (optionnel) », segmented and rich controls)."""
from __future__ import annotations

import json

from tests.test_diagnostic import _sans_libelles
from tests.test_temoin_conformite import harnais

from .outils import profil, temoin_dsfr


def test_the_diagnostic_s_block_pasted_as_is_leaves_no_preparation_impossible(tmp_path):
    with temoin_dsfr(tmp_path, "--test-mode", "--captcha-answer", "TEST-CAPTCHA") as (url, sirene, smtp):
        chemin = profil(tmp_path, url, sirene, smtp)
        vierge = _sans_libelles(chemin.read_text(encoding="utf-8"))
        chemin.write_text(vierge, encoding="utf-8")
        diagnostic = harnais("--diagnostic", "--profil", str(chemin))
        assert diagnostic.returncode == 0, diagnostic.stdout[-3000:] + diagnostic.stderr[-3000:]
        sortie = diagnostic.stdout
        (tmp_path / "diagnostic.txt").write_text(sortie, encoding="utf-8")
        # the DSFR's hints are not part of the words proposed (« Numéro de SIRET » is found as it is)
        assert "14 chiffres" not in sortie.split("À coller", 1)[-1], sortie[-3000:]
        bloc = sortie[sortie.index("[libelles"):sortie.index("(parcours en")] if "[libelles" in sortie else ""
        chemin.write_text(vierge + "\n" + bloc, encoding="utf-8")
        rapports = tmp_path / "rapports"
        apres = harnais("--profil", str(chemin), "--rapports", str(rapports), "--graine", "2026", "-n", "2",
                        "-m", "not securite")
    assert "vérification préalable réussie" in apres.stdout, apres.stdout[-3000:] + apres.stderr[-2000:]
    verdict = json.loads((rapports / "verdict.json").read_text(encoding="utf-8"))
    assert not verdict["causes"], [c["cause"] for c in verdict["causes"]]
    bloques = [s["nodeid"] for s in verdict["scenarios"] if s["issue"] == "préparation impossible"]
    assert not bloques, bloques
