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


# ----------------------------------------------------------------- the journey knows where it is
# An implementation whose account page saves with « Valider » (the guide's word for the workspaces page; the guide
# does not describe the account page), its profile mapping that page's « Enregistrer » to « Valider ».
COMPTE_VALIDER = Vocabulaire({}, {"compte": {"Enregistrer": "Valider"}})
ESPACES = {"groupes": ["Factures émises", "Engagements"], "boutons": ["Valider"]}
INFORMATIONS_REFUSEES = {"champs": ["Adresse électronique de connexion",
                                    "Résaisissez votre adresse électronique de connexion", "Nom"],
                         "boutons": ["Valider"]}


def test_after_step_2_the_workspaces_page_is_step_3_even_when_the_account_page_looks_alike():
    page = Page(ESPACES, COMPTE_VALIDER)
    assert reconnaitre(page) == "compte"  # no position: both signatures hold, the first one wins
    page.etape = "informations"  # the steps just submitted step 2's form
    assert reconnaitre(page) == "espaces de travail"
    page.etape = "espaces de travail"  # asked again on the same page
    assert reconnaitre(page) == "espaces de travail"


def test_after_the_login_the_account_page_is_the_account_page():
    page = Page(ESPACES, COMPTE_VALIDER)
    page.etape = "connexion"
    assert reconnaitre(page) == "compte"
    page.etape = None  # a page just opened: what the caller expects breaks the tie
    assert reconnaitre(page, "compte") == "compte"
    assert reconnaitre(page, "espaces de travail") == "espaces de travail"


def test_a_refused_form_is_recognised_by_what_it_asks_for():
    page = Page(INFORMATIONS_REFUSEES, COMPTE_VALIDER)
    page.etape = "informations"
    assert reconnaitre(page) == "informations"
    assert reconnaitre(page, "espaces de travail") == "informations"  # expecting step 3 does not make it step 3
    # a page that asks for what no page the position allows asks for: known by its signature alone
    identification = Page({"champs": ["Adresse électronique de connexion", "Numéro de SIRET"]}, COMPTE_VALIDER)
    identification.etape = "informations"
    assert reconnaitre(identification) == "identification"


def test_the_guides_words_and_the_witnesses_profiles_make_no_pages_alike():
    from harness.libelles import pages_confondues
    from harness.profile import charger_profil
    from pathlib import Path

    assert pages_confondues(Vocabulaire()) == []
    assert pages_confondues(COMPTE_VALIDER) == []  # the position tells the account page from the workspaces page
    for profil in sorted((Path(__file__).parents[2] / "profiles").glob("*.toml")):
        assert pages_confondues(charger_profil(profil).libelles) == [], profil


def test_a_profile_that_makes_a_refused_form_and_the_next_page_alike_is_named():
    from harness.libelles import pages_confondues

    # the re-typed address searched under step 1's own label: a refused step 1 would pass for step 2
    profil = Vocabulaire({}, {"informations": {"Résaisissez votre adresse électronique de connexion":
                                               "Adresse électronique de connexion"}})
    constats = pages_confondues(profil)
    assert len(constats) == 1
    assert "« identification » réaffichée (refusée)" in constats[0] and "« informations » qui la suit" in constats[0]
    assert "Résaisissez votre adresse électronique de connexion" in constats[0]
    assert "[libelles.informations]" in constats[0]  # where to tell them apart
    # a confirmation searched by a prefix the login page's password field also reads: after the activation, the
    # login page would pass for the activation form refused
    profil = Vocabulaire({}, {"activation": {"Confirmation": "Mot de passe…"}})
    constats = pages_confondues(profil)
    assert len(constats) == 1 and "« activation » réaffichée (refusée) et la page « connexion »" in constats[0]
