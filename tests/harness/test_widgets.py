"""Controls operated as a user operates them (issue 23): native inputs hidden under their labels (DSFR), ARIA widgets
(component libraries), on both channels; a control that cannot be changed refuses the action."""
from __future__ import annotations

import pytest
import requests

from harness.drivers.base import ActionImpossible
from harness.drivers.browser import BrowserDriver
from harness.drivers.http import HttpDriver

from .site_widgets import SiteWidgets

RATTACHEMENT = "Je me rattache à"
STRUCTURE = "La structure (y compris l'ensemble des services de ma structure)"
SERVICES = "Uniquement certains services"


@pytest.fixture(scope="module")
def site():
    with SiteWidgets() as served:
        yield served


@pytest.fixture(params=["navigateur", "http"])
def ouvrir(request, site):
    """Factory: a driver of the parametrised channel on one of the site's pages."""
    made = []

    def build(chemin: str):
        if request.param == "navigateur":
            drv = BrowserDriver(request.getfixturevalue("page"), timeout_ms=3000)
        else:
            drv = HttpDriver(requests.Session())
        made.append(drv)
        drv.open(site.url + chemin)
        return drv

    yield build
    for drv in made:
        drv.close()


# ---------------------------------------------------------------- DSFR: inputs hidden under their labels
def test_dsfr_rich_radios_are_chosen_by_their_label(ouvrir):
    d = ouvrir("/dsfr")
    assert d.group_options(RATTACHEMENT) == [STRUCTURE, SERVICES]
    assert d.chosen(RATTACHEMENT) is None
    d.choose(RATTACHEMENT, SERVICES)
    assert d.chosen(RATTACHEMENT) == SERVICES
    d.choose(RATTACHEMENT, STRUCTURE)
    assert d.chosen(RATTACHEMENT) == STRUCTURE and not d.is_checked(SERVICES, group=RATTACHEMENT)


def test_dsfr_segmented_oui_non(ouvrir):
    d = ouvrir("/dsfr")
    assert d.group_options("Engagements") == ["OUI", "NON"]
    assert d.chosen("Engagements") == "NON"
    d.choose("Engagements", "OUI")
    assert d.chosen("Engagements") == "OUI" and d.chosen("Factures émises") == "OUI"
    d.choose("Factures émises", "NON")
    assert d.chosen("Factures émises") == "NON" and d.is_checked("NON", group="Factures émises")


def test_dsfr_check_boxes_toggle_and_a_hand_made_switch(ouvrir):
    d = ouvrir("/dsfr")
    assert d.group_options("Services") == ["Service des achats", "Service de la paie"]
    d.set_checked("Service des achats", True, group="Services")
    d.set_checked("Service de la paie", False, group="Services")
    assert d.is_checked("Service des achats", group="Services")
    assert not d.is_checked("Service de la paie", group="Services")
    assert not d.is_checked("Non diffusible INSEE")
    d.set_checked("Non diffusible INSEE", True)  # fr-toggle
    assert d.is_checked("Non diffusible INSEE")
    d.set_checked("Recevoir la lettre d'information", True)  # its input not rendered, its label styled
    assert d.is_checked("Recevoir la lettre d'information")


def test_dsfr_choices_are_sent_as_form_fields(ouvrir, site):
    d = ouvrir("/dsfr")
    d.choose(RATTACHEMENT, SERVICES)
    d.set_checked("Service des achats", True, group="Services")
    d.choose("Engagements", "OUI")
    d.set_checked("Non diffusible INSEE", True)
    d.click("Valider")
    assert site.posts[-1] == [("rattachement", "services"), ("services", "achats"), ("services", "paie"),
                              ("factures_emises", "1"), ("engagements", "1"), ("non_diffusible", "on")]


def test_dsfr_controls_that_cannot_change_refuse_the_action(ouvrir):
    d = ouvrir("/dsfr")
    with pytest.raises(ActionImpossible, match="désactivée"):
        d.choose("Espace verrouillé", "NON")
    assert d.chosen("Espace verrouillé") == "OUI"
    with pytest.raises(ActionImpossible, match="ne se décoche pas"):
        d.set_checked("OUI", False, group="Factures émises")  # a radio is unchecked by choosing another


def test_dsfr_a_box_its_page_keeps_unchecked_refuses_the_action(ouvrir):
    d = ouvrir("/dsfr")
    if d.canal == "http":
        pytest.skip("sans JavaScript, rien n'empêche la case de se cocher")
    with pytest.raises(ActionImpossible, match="« Case figée par la page » ne se coche pas"):
        d.set_checked("Case figée par la page", True)
    assert not d.is_checked("Case figée par la page")


# ---------------------------------------------------------------- ARIA widgets (component libraries)
def test_aria_widgets_are_read_on_both_channels(ouvrir):
    d = ouvrir("/aria")
    assert d.has_group(RATTACHEMENT) and d.group_options(RATTACHEMENT) == [STRUCTURE, SERVICES]
    assert d.chosen(RATTACHEMENT) is None
    assert d.group_options("Services") == ["Service des achats", "Service de la paie"]
    assert d.is_checked("Service de la paie", group="Services") and not d.is_checked("Service des achats")
    assert d.has_field("Non diffusible INSEE") and not d.is_checked("Non diffusible INSEE")
    assert d.group_options("Factures émises") == ["OUI", "NON"]
    assert d.chosen("Factures émises") == "OUI" and d.chosen("Engagements") == "NON"
    assert d.is_checked("OUI", group="Factures émises") and not d.is_checked("OUI", group="Engagements")
    assert d.has_field("Question secrète") and d.input_type("Question secrète") == "select"
    assert d.select_options("Question secrète") == ["Nom de votre premier animal", "Ville de naissance"]
    assert d.value("Question secrète") == "Choisissez une question"


def test_aria_widgets_are_operated_in_the_browser(ouvrir):
    d = ouvrir("/aria")
    if d.canal == "http":
        pytest.skip("voir test_aria_widgets_cannot_be_sent_without_a_script")
    d.choose(RATTACHEMENT, SERVICES)
    assert d.chosen(RATTACHEMENT) == SERVICES
    d.choose(RATTACHEMENT, STRUCTURE)
    assert d.chosen(RATTACHEMENT) == STRUCTURE
    d.set_checked("Service des achats", True, group="Services")
    d.set_checked("Service de la paie", False, group="Services")
    assert d.is_checked("Service des achats") and not d.is_checked("Service de la paie")
    d.set_checked("Non diffusible INSEE", True)
    assert d.is_checked("Non diffusible INSEE")
    d.set_checked("Non diffusible INSEE", False)
    assert not d.is_checked("Non diffusible INSEE")
    d.choose("Engagements", "OUI")
    d.choose("Factures émises", "NON")
    assert d.chosen("Engagements") == "OUI" and d.chosen("Factures émises") == "NON"
    d.set_checked("Interrupteur au clavier", True)  # a pointer's click does not reach it: the keyboard does
    assert d.is_checked("Interrupteur au clavier")


def test_aria_combobox_and_listbox_in_the_browser(ouvrir):
    d = ouvrir("/aria")
    if d.canal == "http":
        pytest.skip("voir test_aria_widgets_cannot_be_sent_without_a_script")
    d.select("Question secrète", "Ville de naissance")
    assert d.value("Question secrète") == "Ville de naissance"
    d.fill("Question secrète", "Nom de votre premier animal")
    assert d.value("Question secrète") == "Nom de votre premier animal"
    # a listbox drawn only while it is open: its options are read by opening it
    assert d.select_options("Pays de naissance") == ["France", "Belgique"]
    d.select("Pays de naissance", "Belgique")
    assert d.value("Pays de naissance") == "Belgique"


def test_aria_controls_that_cannot_change_refuse_the_action(ouvrir):
    d = ouvrir("/aria")
    if d.canal == "http":
        pytest.skip("voir test_aria_widgets_cannot_be_sent_without_a_script")
    with pytest.raises(ActionImpossible, match="désactivée"):
        d.set_checked("Interrupteur verrouillé", False)
    with pytest.raises(ActionImpossible, match="désactivée"):
        d.choose("Espace verrouillé", "NON")
    with pytest.raises(ActionImpossible, match="« Case figée par la page » ne se coche pas"):
        d.set_checked("Case figée par la page", True)
    with pytest.raises(ActionImpossible, match="désactivée"):
        d.select("Langue", "Français")
    assert d.is_checked("Interrupteur verrouillé") and d.chosen("Espace verrouillé") == "OUI"


def test_aria_widgets_cannot_be_sent_without_a_script(ouvrir):
    d = ouvrir("/aria")
    if d.canal == "navigateur":
        pytest.skip("le navigateur exécute le script de la page")
    sans_script = "dessiné par un script.*sans JavaScript"
    with pytest.raises(ActionImpossible, match=sans_script):
        d.choose(RATTACHEMENT, SERVICES)
    with pytest.raises(ActionImpossible, match=sans_script):
        d.set_checked("Non diffusible INSEE", True)
    with pytest.raises(ActionImpossible, match=sans_script):
        d.choose("Engagements", "OUI")
    with pytest.raises(ActionImpossible, match=sans_script):
        d.select("Question secrète", "Ville de naissance")
    with pytest.raises(ActionImpossible, match=sans_script):
        d.fill("Question secrète", "Ville de naissance")
    assert d.chosen("Engagements") == "NON" and not d.is_checked("Non diffusible INSEE")


def test_aria_choices_are_groups_of_choices_for_the_accessibility_rules(ouvrir):
    d = ouvrir("/aria")
    if d.canal == "http":
        pytest.skip("les règles d'accessibilité se jugent dans le navigateur")
    from harness.drivers import accessibilite as a11y
    groupes = {g["groupe"]: g["choix"] for g in a11y.groupes_de_choix(d)}
    assert groupes[RATTACHEMENT] == [STRUCTURE, SERVICES]
    assert groupes["Services"] == ["Service des achats", "Service de la paie"]
    assert groupes["Factures émises"] == groupes["Engagements"] == ["OUI", "NON"]
    assert None not in groupes, groupes[None]  # switches standing alone are no set of choices


def test_the_diagnostic_knows_a_widget_by_the_kind_it_stands_for(ouvrir):
    d = ouvrir("/aria")
    if d.canal == "navigateur":
        pytest.skip("le diagnostic parcourt les pages en HTTP")
    from harness.diagnostic import candidats
    champs = {c.nom: c.nature for c in candidats(d.root) if c.genre == "champs"}
    assert champs["Question secrète"] == "select" and champs["Non diffusible INSEE"] == "checkbox"
