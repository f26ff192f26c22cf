"""The negative checks on texts look for what they deny (an announcement, a civility, a masked value the page
shows), never for a word anywhere in the page: each on small pages, over both channels where the step runs on both."""
from __future__ import annotations

import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from harness.annonces import ANNONCE_GESTIONNAIRE, annonce
from harness.drivers.base import Vocabulaire
from harness.libelles import COMPTE_ACTIF
from harness.preparation import Ecart
from steps.communs import champs_absents, page_n_annonce_pas
from steps.espaces import bienvenue_sans_civilite
from steps.informations import aucune_donnee_nd

from .petites_pages import PetitesPages, driver, page  # noqa: F401 - driver: a fixture

SECOND = page("Votre compte est créé", "<p>Votre compte est créé et un courriel d'activation est envoyé.</p>"
              "<p>Votre structure existe déjà : son gestionnaire principal garde les droits de modification.</p>")
PREMIER = page("Votre compte est créé", "<p>Votre compte est créé et un courriel d'activation est envoyé.</p>"
               "<p>Vous êtes le premier à créer votre entreprise dans Chorus Pro : vous en êtes le gestionnaire "
               "principal et avez tous les droits de modification sur celle-ci.</p>")
FEATURES = Path(__file__).parents[2] / "features" / "03_espaces_de_travail.feature"


def _guide(cle: str) -> tuple[str, ...]:
    return (cle,)


@pytest.mark.parametrize("texte", [
    "Votre structure existe déjà : son gestionnaire principal garde les droits de modification.",
    "Le gestionnaire principal de la structure validera votre rattachement.",
    "Vous n'êtes pas le gestionnaire principal de cette structure.",
    "Vous êtes rattaché à la structure ; le gestionnaire principal est prévenu.",
    "Contactez le Gestionnaire principal : Jean Dupont.",
])
def test_a_sentence_that_does_not_make_the_user_gestionnaire_principal(texte):
    assert annonce(texte, ANNONCE_GESTIONNAIRE, _guide) is None


@pytest.mark.parametrize("texte, phrase", [
    ("Bienvenue. Vous êtes le premier : vous en êtes le gestionnaire principal et avez tous les droits. Merci.",
     "Vous êtes le premier : vous en êtes le gestionnaire principal et avez tous les droits."),
    ("Vous êtes désormais le gestionnaire principal de la structure.",
     "Vous êtes désormais le gestionnaire principal de la structure."),
    ("VOUS ÊTES LE GESTIONNAIRE PRINCIPAL", "VOUS ÊTES LE GESTIONNAIRE PRINCIPAL"),
    ("Compte créé. En tant que gestionnaire principal, vous validez les rattachements.",
     "En tant que gestionnaire principal, vous validez les rattachements."),
    ("Votre rôle : Gestionnaire principal", "Votre rôle : Gestionnaire principal"),
    ("Vous avez le rôle de gestionnaire principal.", "Vous avez le rôle de gestionnaire principal."),
])
def test_a_sentence_that_makes_the_user_gestionnaire_principal_is_quoted_in_the_pages_words(texte, phrase):
    assert annonce(texte, ANNONCE_GESTIONNAIRE, _guide) == phrase


def test_the_profiles_wordings_of_the_sentence_and_of_its_term():
    formes = {ANNONCE_GESTIONNAIRE: ("you are its main administrator",),
              "gestionnaire principal": ("main administrator",)}.get
    assert annonce("Done. You are its main administrator.", ANNONCE_GESTIONNAIRE, formes) == \
        "You are its main administrator."
    assert annonce("Its main administrator keeps the rights.", ANNONCE_GESTIONNAIRE, formes) is None
    # the French sentences are built on the profile's term as well
    assert annonce("Vous êtes le main administrator.", ANNONCE_GESTIONNAIRE, formes)


@pytest.mark.parametrize("texte, annoncee", [
    ("Votre compte est désormais actif.", True),
    ("Votre compte a été activé : connectez-vous.", True),
    ("Activation annulée : votre compte n'est pas encore actif.", False),
    ("Votre compte sera actif une fois le mot de passe choisi.", False),
])
def test_the_account_is_active_is_a_sentence_too(texte, annoncee):
    assert bool(annonce(texte, COMPTE_ACTIF, _guide)) == annoncee


@pytest.fixture(scope="module")
def site():
    with PetitesPages({"/second": SECOND, "/premier": PREMIER}) as servi:
        yield servi


def _contexte(driver):
    return SimpleNamespace(driver=driver, regles=["E3_GESTIONNAIRE_PRINCIPAL_UNIQUE"])


def _annonce_niee(tag: str) -> str:
    """What the scenario tagged ``tag`` says the page does not announce (features/*.feature)."""
    scenario = next(s for s in FEATURES.read_text(encoding="utf-8").split("\n\n") if f"@{tag} " in s)
    return re.search(r"la page n'annonce pas \"([^\"]+)\"", scenario).group(1)


def test_a_second_user_told_of_the_structures_gestionnaire_principal_is_not_announced_one(driver, site):
    """E3_GESTIONNAIRE_PRINCIPAL_UNIQUE's Alors, as its feature words it (it failed here: the words were there)."""
    driver.open(site.url + "/second")
    page_n_annonce_pas(_contexte(driver), _annonce_niee("E3_GESTIONNAIRE_PRINCIPAL_UNIQUE"))


def test_a_page_announcing_the_role_fails_and_quotes_the_sentence(driver, site):
    driver.open(site.url + "/premier")
    with pytest.raises(Ecart) as echec:
        page_n_annonce_pas(_contexte(driver), ANNONCE_GESTIONNAIRE)
    assert "l'annonce : « Vous êtes le premier à créer votre entreprise dans Chorus Pro : vous en êtes le " \
           "gestionnaire principal" in str(echec.value)


# ----------------------------------------------------------------- E3_BIENVENUE_CIVILITE: the title's words


def _titres(*titres):
    """A fake driver showing these section titles."""
    return SimpleNamespace(section_titles=lambda: list(titres), labels=Vocabulaire(), etape="espaces de travail",
                           status=lambda: 200, errors=lambda: {}, inventory=lambda: {}, heading=lambda: titres[0])


@pytest.mark.parametrize("titre, civilite", [
    ("Bienvenue Jean Dupont", False),
    ("Bienvenue, Madame Dupont", True),
    ("Bienvenue Madame, Jean Dupont", True),   # the comma hid it from a split on spaces
    ("Bienvenue Mme. Jean Dupont", True),
    ("BIENVENUE MONSIEUR JEAN DUPONT", True),
    ("Bienvenue Mademoiselle Dupont", False),  # the user's own name
])
def test_a_civility_is_a_word_of_the_title_that_is_not_the_users_name(titre, civilite):
    prenom = "Mademoiselle" if "Mademoiselle" in titre else "Jean"
    contexte = SimpleNamespace(driver=_titres(titre), regles=["E3_BIENVENUE_CIVILITE"],
                               utilisateur=SimpleNamespace(prenom=prenom, nom="Dupont"))
    if civilite:
        with pytest.raises(Ecart, match="titre « " + re.escape(titre)):
            bienvenue_sans_civilite(contexte, "Bienvenue")
    else:
        bienvenue_sans_civilite(contexte, "Bienvenue")


def test_no_welcome_title_is_not_verified_rather_than_passed():
    contexte = SimpleNamespace(driver=_titres("Votre compte est créé"), regles=["E3_BIENVENUE_CIVILITE"],
                               utilisateur=SimpleNamespace(prenom="Jean", nom="Dupont"))
    with pytest.raises(pytest.skip.Exception, match="non vérifié : aucun titre « Bienvenue … »"):
        bienvenue_sans_civilite(contexte, "Bienvenue")


# ----------------------------------------------------------------- E2_NON_DIFFUSIBLE_SANS_ND: what the page shows

ND_DANS_LE_SCRIPT = page("Je complète mes informations", """<form method="post">
  <input type="hidden" name="adresse_insee" value="[ND]">
  <label>Raison Sociale <input name="rs" value="AGENCE"></label>
  <script>const masquee = v => v === "[ND]";</script><button>Valider</button></form>""")
ND_DANS_UN_CHAMP = page("Je complète mes informations", """<form method="post">
  <label>Raison Sociale <input name="rs" value="AGENCE"></label>
  <label>Ville <input name="ville" value="[ND]"></label><button>Valider</button></form>""")
ND_EN_TEXTE = page("Je complète mes informations", "<p>Structure : AGENCE. Adresse : [ND] ; non publiée.</p>")


@pytest.fixture(scope="module")
def pages_nd():
    with PetitesPages({"/script": ND_DANS_LE_SCRIPT, "/champ": ND_DANS_UN_CHAMP, "/texte": ND_EN_TEXTE}) as servi:
        yield servi


def test_nd_in_a_script_or_a_hidden_field_does_not_appear(driver, pages_nd):
    driver.open(pages_nd.url + "/script")  # failed before: the page's HTML was searched
    aucune_donnee_nd(SimpleNamespace(driver=driver, regles=["E2_NON_DIFFUSIBLE_SANS_ND"]))


@pytest.mark.parametrize("chemin, vu", [("/champ", "champ « Ville » : « [ND] »"),
                                        ("/texte", "texte : « Adresse : [ND] ; »")])
def test_nd_shown_in_a_field_or_in_the_text_fails(driver, pages_nd, chemin, vu):
    driver.open(pages_nd.url + chemin)
    with pytest.raises(Ecart, match=re.escape(vu)):
        aucune_donnee_nd(SimpleNamespace(driver=driver, regles=["E2_NON_DIFFUSIBLE_SANS_ND"]))


# ----------------------------------------------------------------- E2_NON_DIFFUSIBLE_MASQUE: a value shown


@pytest.fixture(scope="module")
def pages_masquees():
    with PetitesPages({
        "/masquee": page("Je complète mes informations", "<dl><dt>Raison Sociale</dt><dd>AGENCE</dd>"
                         "<dt>Adresse</dt><dd>Non diffusible</dd></dl><p>Ville : masquée (INSEE).</p>"),
        "/affichee": page("Je complète mes informations", "<p>Raison Sociale : AGENCE</p><p>Ville : Lyon</p>"),
    }) as servi:
        yield servi


def test_a_label_whose_value_says_it_is_masked_does_not_show_the_information(driver, pages_masquees):
    driver.open(pages_masquees.url + "/masquee")  # failed before: the label and a colon were enough
    champs_absents(SimpleNamespace(driver=driver, regles=["E2_NON_DIFFUSIBLE_MASQUE"]),
                   [["champ"], ["Adresse"], ["Ville"], ["Code postal"]])


def test_a_value_shown_as_text_fails(driver, pages_masquees):
    driver.open(pages_masquees.url + "/affichee")
    with pytest.raises(Ecart, match="« Ville » est affiché en texte"):
        champs_absents(SimpleNamespace(driver=driver, regles=["E2_NON_DIFFUSIBLE_MASQUE"]), [["champ"], ["Ville"]])


# ----------------------------------------------------------------- secrets: a value, anywhere in what was received
# « ne contient pas le mot de passe » is about a value, not an announcement: any occurrence in the page's source
# (a field's value, a script, escaped or not) is the leak; the words « mot de passe » are not.

MDP = "Gr&nit<Bleu-2026"


def _activation(source: str):
    return SimpleNamespace(html=lambda: source, inventory=lambda: {"champs": ["Mot de passe", "Confirmation"]},
                           labels=Vocabulaire(), etape=None, status=lambda: 200, errors=lambda: {},
                           heading=lambda: "Activation", section_titles=lambda: [])


@pytest.mark.parametrize("source, fuite", [
    ("<p>Votre mot de passe doit comporter au minimum 12 caractères.</p>", False),
    (f'<input type="password" value="{html.escape(MDP)}">', True),
    (f"<script>const m = '{MDP[:-1]}';</script>", True),  # the confirmation typed (the password less one)
])
def test_the_password_sent_back_is_a_value_in_the_source_not_a_word(source, fuite):
    from steps.securite import mdp_pas_renvoye
    contexte = SimpleNamespace(driver=_activation(source), regles=["S_MDP_NON_RENVOYE"], mot_de_passe_essaye=MDP)
    if fuite:
        with pytest.raises(Ecart):
            mdp_pas_renvoye(contexte, [])
    else:
        mdp_pas_renvoye(contexte, [])
