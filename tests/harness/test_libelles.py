"""The guide's words: which wordings the guide itself fixes, and pages known by what they ask for."""
from __future__ import annotations

from harness.drivers.base import Vocabulaire
from harness.libelles import SIGNATURES, fixe_par_le_guide, reconnaitre


def test_the_guide_fixes_its_own_words_not_the_contracts():
    for mot in ("Numéro de SIRET", "Vous êtes nouveau sur Chorus Pro ?", "Valider", "Bienvenue",
                "J'accepte que mon nom, prénom et adresse électronique soient utilisés…",
                "Réservé au dépôt de factures de travaux (fourisseurs, MOE, MOA)"):
        assert fixe_par_le_guide(mot), mot
    for mot in ("Se connecter", "Mon compte", "Recevoir un nouveau lien d'activation", "Rôle", "Enregistrer"):
        assert not fixe_par_le_guide(mot), mot
    assert not fixe_par_le_guide("SIRE")  # a whole word, never a piece of one


class Page:
    etape = None

    def __init__(self, inventaire, labels=None):
        self.inventaire, self.labels = inventaire, Vocabulaire.de(labels)

    def inventory(self):
        return self.inventaire


def test_a_page_is_known_by_what_it_asks_for_in_the_profiles_words_for_that_page():
    identification = {"champs": ["Login e-mail address", "SIRET number"], "boutons": ["Submit"]}
    assert reconnaitre(Page(identification)) == ""  # the guide's words are not there
    profil = Vocabulaire({"Numéro de SIRET": "SIRET number"},
                         {"identification": {"Adresse électronique de connexion": "Login e-mail address"},
                          "informations": {"Adresse électronique de connexion": "Contact e-mail address"}})
    assert reconnaitre(Page(identification, profil)) == "identification"
    # whatever the heading: a step-2 page also shows an address field, but asks for the re-typed one
    informations = {"champs": ["Contact e-mail address", "Résaisissez votre adresse électronique de connexion"]}
    assert reconnaitre(Page(informations, profil)) == "informations"
    assert {nom for nom, _ in SIGNATURES} >= {"identification", "informations", "espaces de travail", "activation",
                                              "connexion", "compte", "lien refusé"}
