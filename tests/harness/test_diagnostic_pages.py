"""The diagnostic never proposes a block that makes two pages alike where the journey's position cannot tell them
apart (harness/libelles.py pages_confondues): such a profile would be refused before any scenario."""
from __future__ import annotations

from harness.diagnostic import Constat, Page, rendre
from harness.libelles import ENREGISTRER, RESAISIE
from harness.profile import Implementation, Profil

IMPLEMENTATION = Implementation.depuis_profil(Profil(), "http://127.0.0.1:9")


def test_a_block_that_makes_a_refused_form_pass_for_the_next_page_is_not_proposed():
    pages = [Page("identification", "http://127.0.0.1:9/"),
             Page("informations", "http://127.0.0.1:9/informations",
                  [Constat("champs", RESAISIE, None, ["Adresse électronique de connexion", "Nom"])])]
    texte = rendre(pages, IMPLEMENTATION)
    assert "Aucun bloc à coller" in texte and "À coller dans le profil" not in texte
    assert f'"{RESAISIE}" = "Adresse électronique de connexion"' not in texte  # the block's line is not printed
    assert "« identification » réaffichée (refusée) et la page « informations »" in texte


def test_an_account_page_saving_with_valider_is_proposed():
    pages = [Page("compte", "http://127.0.0.1:9/compte", [Constat("boutons", ENREGISTRER, None, ["Valider"])])]
    texte = rendre(pages, IMPLEMENTATION)
    assert "À coller dans le profil" in texte
    assert '[libelles.compte]\n"Enregistrer" = "Valider"' in texte
