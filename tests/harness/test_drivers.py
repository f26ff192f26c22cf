"""Both drivers against the same static pages: label rules, forms, groups, errors, dt/dd."""
from __future__ import annotations

import pytest
import requests

from harness.drivers.base import (ActionImpossible, Driver, ElementIntrouvable, name_matches, normalise,
                                  sans_marqueurs)
from harness.drivers.browser import BrowserDriver
from harness.drivers.http import HttpDriver

from .site import Site


@pytest.fixture(scope="module")
def site():
    with Site() as served:
        yield served


@pytest.fixture(params=["navigateur", "http"])
def make(request, site):
    """Factory: a driver of the parametrised channel, with optional label overrides."""
    made = []

    def build(labels=None):
        if request.param == "navigateur":
            page = request.getfixturevalue("page")
            drv = BrowserDriver(page, labels)
        else:
            drv = HttpDriver(requests.Session(), labels)
        made.append(drv)
        return drv

    yield build
    for drv in made:
        drv.close()


@pytest.fixture
def drv(make, site):
    d = make()
    d.open(site.url + "/formulaire")
    return d


def test_protocol(drv):
    assert isinstance(drv, Driver)
    assert drv.canal in ("navigateur", "http")


def test_page_basics(drv, site):
    assert drv.status() == 200
    assert drv.url() == site.url + "/formulaire"
    assert drv.title() == "Identification – Test"
    assert drv.heading() == "Vous êtes nouveau sur Chorus Pro ?"
    assert drv.headings() == ["Vous êtes nouveau sur Chorus Pro ?", "Informations personnelles"]
    assert "RIDET" not in drv.text() and "Dupont" in drv.text()
    assert "csrf_token" in drv.html()



def test_image_of_a_field(drv):
    """The image that goes with a field is looked for in the field's form, not anywhere on the page (a logo)."""
    assert drv.image_alt("Commentaire") == "Captcha : recopiez les caractères"  # the nearest before it
    assert drv.image_alt("Adresse électronique de connexion") == "Captcha : recopiez les caractères"  # none before
    assert drv.image_alt("Recherche") is None  # a form without any image


def test_visible_label(drv):
    """What a user reads, never aria-label."""
    assert drv.visible_label("Prénom") == "Prénom"
    assert normalise(drv.visible_label("Numéro de SIRET")) == "numéro de siret * :"
    assert drv.visible_label("Nom") == ""


def test_labels_exact_not_substring(drv):
    drv.fill("Adresse électronique de connexion", "a@example.org")
    drv.fill("Résaisissez votre adresse électronique de connexion", "b@example.org")
    assert drv.value("Adresse électronique de connexion") == "a@example.org"
    assert drv.value("Résaisissez votre adresse électronique de connexion") == "b@example.org"
    assert not drv.has_field("électronique de connexion")
    assert not drv.has_field("Adresse électronique")
    assert not drv.has_field("SIRET")


def test_label_sources_and_markers(drv):
    # wrapping label with '* :', aria-label, aria-labelledby, case-insensitive
    assert drv.value("Numéro de SIRET") == "130"
    assert drv.value("numéro de siret") == "130"
    assert drv.has_field("Nom") and drv.has_field("Prénom")
    assert drv.is_required("Numéro de SIRET")
    assert drv.is_required("Adresse électronique de connexion")
    assert not drv.is_required("Nom")  # required but no visible '*'
    assert not drv.is_required("Prénom")
    assert not drv.required_marker_not_colour_only("Nom")
    assert drv.required_marker_not_colour_only("Question secrète")
    assert drv.input_type("Adresse électronique de connexion") == "email"
    assert drv.input_type("Question secrète") == "select"


def test_typographic_apostrophes(drv):
    assert drv.has_link("Je n'ai pas de numéro de SIRET")  # page uses ’
    assert drv.has_field("La structure (y compris l’ensemble des services de ma structure)")


def test_prefix_with_ellipsis(drv):
    label = "J'accepte que mon nom, prénom et adresse électronique soient utilisés…"
    assert drv.has_field(label)
    assert not drv.has_field("J'accepte que mon nom, prénom et adresse électronique soient utilisés")
    assert not drv.is_checked(label)


def test_missing_element_message_lists_labels(drv):
    with pytest.raises(ElementIntrouvable) as err:
        drv.fill("Numéro SIREN", "1")
    message = str(err.value)
    assert "« Numéro SIREN » introuvable" in message
    assert "« Numéro de SIRET * : »" in message or "« Numéro de SIRET" in message
    assert "Adresse électronique de connexion" in message
    with pytest.raises(ElementIntrouvable, match="Bouton « Envoyer » introuvable"):
        drv.click("Envoyer")


def test_a_select_inside_its_label_is_found_by_the_label_alone(drv):
    """The browser's accessible name of a wrapped <select> includes its chosen option; the label does not."""
    assert drv.select_options("Pays de naissance") == ["France"]
    assert drv.required_marker_not_colour_only("Pays de naissance")
    drv.select("Pays de naissance", "France")
    assert drv.value("Pays de naissance") == "France"


STRUCTURE = "La structure (y compris l'ensemble des services de ma structure)"
# One field of site.LIBELLES per pattern of label: (pattern, the guide's wording the label carries).
LIBELLES_ET_INDICES = [
    ("fr-hint-text dans le libellé", "Numéro de SIRET"),
    ("aria-describedby vers une partie du libellé", "Nom"),
    ("« (optionnel) »", "Complément adresse 1"),
    ("« (obligatoire) »", "Prénom"),
    ("« * » dans un span et indice d'une autre bibliothèque", "Code postal"),
    ("« obligatoire » final, pour les lecteurs d'écran", "Ville"),
    ("aria-labelledby vers un texte et son indice", "Pays"),
]


@pytest.fixture
def libelles(make, site):
    d = make()
    d.open(site.url + "/libelles")
    return d


@pytest.mark.parametrize("motif, champ", LIBELLES_ET_INDICES, ids=[m for m, _ in LIBELLES_ET_INDICES])
def test_a_label_is_compared_on_its_own_words(libelles, motif, champ):
    """A hint inside the label is the field's description, not its words; required and optional markers are
    ignored, as `*` and `:` are: the field is found, read and listed under the guide's words."""
    assert libelles.has_field(champ), libelles.inventory()["champs"]
    assert name_matches(libelles.visible_label(champ), champ), libelles.visible_label(champ)
    assert champ in libelles.inventory()["champs"]


@pytest.mark.parametrize("nom, egal", [
    ("Nom", True), ("Nom *", True), ("Nom * :", True), ("Nom : *", True), ("Nom*(obligatoire) :", True),
    ("Nom (optionnel)", True), ("Nom ( Optionnelle )", True), ("Nom (facultatif)", True), ("Nom obligatoire", True),
    ("Nom - optionnel", True), ("Nom de naissance", False), ("Nomobligatoire", False), ("Nom (optionnel) ici", False),
    ("Prénom", False), ("* Nom", False), ("Nom (obligatoire si étranger)", False)])
def test_markers_are_ignored_and_only_them(nom, egal):
    """The name matched, and what a driver lists (sans_marqueurs), leave out the markers after the words only."""
    assert name_matches(nom, "Nom") is egal
    assert (sans_marqueurs(nom) == "Nom") is egal


def test_own_words_stay_exact(libelles):
    d = libelles
    assert d.description("Nom") == "tel qu'il figure sur votre pièce d'identité"
    d.fill("Nom", "Dupont")
    d.fill("Nom de naissance", "Durand")
    assert d.value("Nom") == "Dupont" and d.value("Nom de naissance") == "Durand"
    for autre in ("Adresse", "Numéro", "Code", "Complément adresse", "Nom de"):
        assert not d.has_field(autre), autre
    assert d.has_field("Adresse électronique de connexion")


def test_a_field_in_error_is_named_by_its_own_words(libelles):
    assert libelles.errors() == {"Code postal": "Le code postal compte 5 chiffres"}


def test_a_group_and_its_choices_with_hints(libelles):
    """The DSFR writes hints inside legends and inside the labels of rich radios."""
    d = libelles
    assert d.has_group("Je me rattache à") and "Je me rattache à" in d.inventory()["groupes"]
    assert d.group_options("Je me rattache à") == [STRUCTURE, "Uniquement certains services"]
    assert d.is_checked(STRUCTURE, "Je me rattache à") is False


def test_hidden_fields_not_fields(drv):
    assert not drv.has_field("Champ caché")


def test_editable(drv):
    assert drv.is_editable("Numéro de SIRET")
    assert not drv.is_editable("Identifiant")
    assert not drv.is_editable("Champ désactivé")
    with pytest.raises(ActionImpossible):
        drv.fill("Identifiant", "1")


def test_errors_and_descriptions(drv):
    assert drv.description("Adresse électronique de connexion") == "Adresse valide"
    assert drv.error("Adresse électronique de connexion") is None
    assert drv.error("Résaisissez votre adresse électronique de connexion") == (
        "Résaisissez votre adresse électronique de connexion : les deux adresses diffèrent")
    assert drv.errors() == {"Résaisissez votre adresse électronique de connexion":
                            "Résaisissez votre adresse électronique de connexion : les deux adresses diffèrent"}


def test_groups(drv):
    assert drv.has_group("Je me rattache à")
    assert drv.group_options("Je me rattache à") == [
        "La structure (y compris l'ensemble des services de ma structure)", "Uniquement certains services"]
    assert drv.chosen("Je me rattache à") == "Uniquement certains services"
    drv.choose("Je me rattache à", "La structure (y compris l'ensemble des services de ma structure)")
    assert drv.chosen("Je me rattache à").startswith("La structure")
    assert drv.chosen("Factures émises") == "OUI"
    assert drv.chosen("Engagements") == "NON"
    assert drv.group_options("Engagements") == ["OUI", "NON"]
    assert drv.is_checked("OUI", group="Factures émises")
    assert not drv.is_checked("OUI", group="Engagements")
    drv.choose("Engagements", "OUI")
    assert drv.chosen("Engagements") == "OUI"
    assert drv.chosen("Factures émises") == "OUI"
    assert not drv.has_group("Suivi des flux")
    with pytest.raises(ElementIntrouvable, match="Groupe « Suivi des flux » introuvable"):
        drv.choose("Suivi des flux", "OUI")


def test_checkboxes(drv):
    assert drv.is_checked("Non diffusible INSEE")
    drv.set_checked("Non diffusible INSEE", False)
    assert not drv.is_checked("Non diffusible INSEE")


def test_selects(drv):
    assert drv.select_options("Question secrète") == ["Nom de votre premier animal", "Ville de naissance"]
    assert drv.value("Question secrète") == "-- Choisissez --"
    drv.select("Question secrète", "Ville de naissance")
    assert drv.value("Question secrète") == "Ville de naissance"
    with pytest.raises(ElementIntrouvable, match="Option « Couleur »"):
        drv.select("Question secrète", "Couleur")


def test_read_only_information(drv):
    assert drv.value("Nom") == ""  # the field wins over the dt/dd pair
    assert drv.value("Adresse électronique de contact") == "jean@example.org"
    assert drv.value("Raison Sociale") == "AGENCE INFORMATIQUE"
    assert drv.value("Ville") is None


def test_roles(drv):
    assert drv.has_role("meter", "Complexité du mot de passe")
    assert not drv.has_role("meter", "Complexité")
    assert drv.has_role("heading")
    assert drv.has_button("Valider") and drv.has_button("valider")
    assert not drv.has_button("Valid")
    assert drv.has_link("Je n'ai pas de numéro de SIRET")


def _fill_required(drv):
    drv.fill("Adresse électronique de connexion", "jean@example.org")
    drv.fill("Numéro de SIRET", "130 019 710 00016")
    drv.fill("Nom", "Dupont")


def test_a_typed_value_is_replaced_in_what_the_page_sends(drv, site):
    """What a client that skips the page's script would send: the typed value replaced on its way, once."""
    _fill_required(drv)
    drv.fill("Numéro de SIRET", "13001971000018")
    drv.rewrite_next_submission("13001971000018", "13001971000019")
    assert not drv.rewritten
    drv.click("Valider")
    assert drv.rewritten
    assert ("siret", "13001971000019") in site.last_post()["fields"]


def test_submit_sends_what_a_browser_sends(drv, site):
    _fill_required(drv)
    drv.fill("Prénom", "Jean")
    drv.set_checked("J'accepte que mon nom, prénom et adresse électronique soient utilisés…", True)
    drv.choose("Engagements", "OUI")
    drv.select("Question secrète", "Nom de votre premier animal")
    drv.fill("Commentaire", "deux\nlignes")
    drv.click("Valider")
    posted = site.last_post()
    assert posted["path"] == "/envoyer" and posted["query"] == [("etape", "1")]
    assert posted["content_type"].startswith("application/x-www-form-urlencoded")
    assert posted["fields"] == [
        ("csrf_token", "jeton-123"), ("email", "jean@example.org"), ("email2", ""),
        ("siret", "130 019 710 00016"), ("nom", "Dupont"), ("prenom", "Jean"), ("consentement", "oui"),
        ("non_diffusible", "on"), ("rattachement", "services"), ("factures_emises", "oui"),
        ("engagements", "oui"), ("question", "animal"), ("pays_naissance", ""), ("identifiant", "13001971000018"),
        ("commentaire", "deux\r\nlignes" if drv.canal == "navigateur" else "deux\nlignes"),
        ("cache", "y"), ("action", "valider"),
    ]
    # 303 followed to the result page
    assert drv.url() == site.url + "/resultat"
    assert drv.status() == 200
    assert drv.heading() == "Résultat"
    assert drv.value("siret") == "130 019 710 00016"


def test_submit_with_formaction_and_unnamed_button(drv, site):
    _fill_required(drv)
    drv.click("Annuler")
    assert drv.heading() == "Annulé"
    assert ("action", "valider") not in site.last_post()["fields"]
    assert ("csrf_token", "jeton-123") in site.last_post()["fields"]


def test_get_form_and_link(drv, site):
    drv.click("Chercher")
    assert drv.heading() == "Recherche"
    assert drv.value("q") == "a b"
    drv.open(site.url + "/formulaire")
    drv.click("Je n'ai pas de numéro de SIRET")
    assert drv.url() == site.url + "/sans-siret"
    assert drv.heading() == "Autres identifiants"


def test_status_of_error_page(drv, site):
    drv.open(site.url + "/absente")
    assert drv.status() == 404


def test_label_overrides(make, site):
    drv = make({"Numéro de SIRET": "SIRET de l'établissement", "Raison Sociale": "Raison sociale (INSEE)"})
    drv.open(site.url + "/formulaire")
    assert drv.value("Numéro de SIRET") is None
    with pytest.raises(ElementIntrouvable) as err:
        drv.fill("Numéro de SIRET", "1")
    assert "d'après le profil : « SIRET de l'établissement »" in str(err.value)
    drv = make({"Question secrète": "Question secrète"})
    drv.open(site.url + "/formulaire")
    assert drv.value("Question secrète") == "-- Choisissez --"
    renamed = make({"Nouvelle erreur": "Résaisissez votre adresse électronique de connexion"})
    renamed.open(site.url + "/formulaire")
    assert list(renamed.errors()) == ["Nouvelle erreur"]


def test_several_wordings_and_per_page_overrides(make, site):
    """A profile may accept several wordings, and map one guide wording differently on each page."""
    from harness.drivers.base import Vocabulaire
    vocabulaire = Vocabulaire({"Numéro de SIRET": ["SIRET number", "Numéro de SIRET"], "Valider": "Submit"},
                              {"informations": {"Nom": "Surname"}})
    drv = make(vocabulaire)
    drv.open(site.url + "/formulaire")
    assert drv.value("Numéro de SIRET") == "130"  # the second accepted wording
    assert not drv.has_button("Valider")  # only « Submit » is looked for
    assert drv.has_field("Nom")  # no override on an unknown page
    drv.etape = "informations"
    assert not drv.has_field("Nom")
    with pytest.raises(ElementIntrouvable) as err:
        drv.fill("Nom", "x")
    assert err.value.cle == "Nom" and err.value.page == "informations"
    assert "« Surname »" in str(err.value)
    drv.etape = "identification"
    assert drv.has_field("Nom")


def test_section_titles_and_inventory(drv):
    """Headings, legends, named regions and captions are section titles; the inventory lists what a page asks."""
    titres = drv.section_titles()
    assert titres[:2] == ["Vous êtes nouveau sur Chorus Pro ?", "Informations personnelles"]
    assert "Je me rattache à" in titres and "Engagements" in titres  # a legend, a named group
    inventaire = drv.inventory()
    assert "Numéro de SIRET" in inventaire["champs"] and "Valider" in inventaire["boutons"]
    assert "Factures émises" in inventaire["groupes"] and "Je n’ai pas de numéro de SIRET" in inventaire["liens"]


def test_http_only_button_without_js(make, site):
    drv = make()
    drv.open(site.url + "/formulaire")
    if drv.canal == "http":
        with pytest.raises(ActionImpossible, match="sans JavaScript"):
            drv.click("Aide")


def test_browser_click_blocked_by_native_validation(make, site):
    """A click that starts no navigation (required field empty) returns instead of hanging."""
    drv = make()
    drv.open(site.url + "/formulaire")
    drv.click("Valider")
    if drv.canal == "navigateur":
        assert drv.url() == site.url + "/formulaire"
    else:  # no JavaScript, no native validation: the server decides
        assert drv.url() == site.url + "/resultat"


@pytest.mark.parametrize("sens", ["http vers navigateur", "navigateur vers http"])
def test_session_handed_over_between_channels(sens, site, page):
    """A journey prepared on one channel goes on on the other: cookies (path, HttpOnly kept) and page."""
    navigateur, http = BrowserDriver(page), HttpDriver(requests.Session())
    source, cible = (http, navigateur) if sens.startswith("http") else (navigateur, http)
    try:
        cible.open(site.url + "/session/ancien")  # a cookie of the target's own, to be forgotten
        assert cible.value("ancien") == "1"
        source.open(site.url + "/session/ouvrir")
        source.open(site.url + "/session/theme")
        etat = source.session()
        assert etat.url == site.url + "/session/etat"
        cookies = {c.name: c for c in etat.cookies}
        assert set(cookies) == {"etape", "theme"}
        assert cookies["etape"].http_only and cookies["etape"].host_only and cookies["etape"].domain == "127.0.0.1"
        assert cookies["theme"].path == "/session" and not cookies["theme"].http_only
        cible.adopt(etat)
        assert cible.url() == site.url + "/session/etat"
        assert cible.value("etape") == "2" and cible.value("theme") == "clair"
        assert cible.value("ancien") is None
    finally:
        http.close()
