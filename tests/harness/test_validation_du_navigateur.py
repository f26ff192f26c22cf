"""The browser's own constraint validation (required, type=email, minlength…) is a refusal on that field: the
browser sends nothing, marks no aria-invalid, and says why on the field. Over HTTP the server answers the same
form with the field in error. Small pages, both channels."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import requests

from harness.drivers.base import Vocabulaire, est_du_navigateur
from harness.drivers.browser import BrowserDriver
from harness.drivers.http import HttpDriver
from harness.libelles import NOM, RESAISIE, VALIDER
from steps.communs import verifier_refus

from .petites_pages import PetitesPages, page

CHAMPS = """<form method="post" action="/informations">
  <p><label for="r">Résaisissez votre adresse électronique de connexion * :</label>
     <input id="r" name="resaisie" type="email" required value="jean@example.org"></p>
  <p><label for="n">Nom * :</label><input id="n" name="nom" required value="{nom}"{erreur}></p>
  {message}<button type="submit">Valider</button></form>"""


def informations(nom: str = "", refus: bool = False) -> str:
    return page("Je complète mes informations", CHAMPS.format(
        nom=nom, erreur=' aria-invalid="true" aria-describedby="n-err"' if refus else "",
        message='<p id="n-err">Nom : ce champ est obligatoire</p>' if refus else ""))


def repondre(champs: dict) -> str:
    """The server refuses an empty Nom too (both channels meet a refusal)."""
    if not champs.get("nom", "").strip():
        return informations(refus=True)
    return page("Ouvrez vos espaces de travail", "<p>Bienvenue</p>")


@pytest.fixture(scope="module")
def site():
    with PetitesPages({"/informations": informations()}, {"/informations": repondre}) as servi:
        yield servi


@pytest.fixture(params=["navigateur", "http"])
def driver(request, site):
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire()) if request.param == "navigateur" \
        else HttpDriver(requests.Session(), Vocabulaire())
    d.open(site.url + "/informations")
    yield d
    d.close()


def test_an_empty_required_field_is_refused_on_that_field(driver, site):
    envoyes = len(site.posts)
    driver.click(VALIDER)
    erreurs = driver.errors()
    assert list(erreurs) == [NOM]
    assert driver.error(NOM) == erreurs[NOM]
    assert driver.error(RESAISIE) is None
    if driver.canal == "navigateur":
        assert len(site.posts) == envoyes  # the browser sent nothing
        assert est_du_navigateur(erreurs[NOM]) and "message du navigateur" in erreurs[NOM]
        assert erreurs[NOM].startswith(("Please fill out this field.", "Veuillez renseigner ce champ."))
    else:
        assert erreurs[NOM] == "Nom : ce champ est obligatoire" and not est_du_navigateur(erreurs[NOM])


def test_the_step_reads_a_refusal_on_the_field(driver):
    """E2_CHAMPS_OBLIGATOIRES's Alors: refused on « Nom », without the correction the harness tried (it read
    « refusé sans champ en erreur » in the browser and filled the form again)."""
    driver.click(VALIDER)
    contexte = SimpleNamespace(driver=driver, regles=["E2_CHAMPS_OBLIGATOIRES"], refus={})
    verifier_refus(contexte, "informations", "la saisie des informations", NOM)


def test_the_click_does_not_wait_for_a_navigation_that_never_comes(request, site, monkeypatch):
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + "/informations")

    def attente(*args, **kwargs):
        raise AssertionError(f"le clic attend un événement qui ne vient pas : {args}")
    monkeypatch.setattr(d.page, "wait_for_event", attente)
    d.click(VALIDER)
    assert d.refus_du_navigateur


def test_once_corrected_the_browser_sends_the_form_and_forgets_its_refusal(request, site):
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + "/informations")
    d.click(VALIDER)
    assert d.errors()
    d.fill(NOM, "Dupont")
    assert d.errors() == {}  # the field is valid now
    d.click(VALIDER)
    assert not d.refus_du_navigateur and d.errors() == {} and "Bienvenue" in d.text()


def test_a_form_without_validation_is_sent_as_before(request, site):
    """novalidate: the browser sends the form, the server answers it (the reference's pages)."""
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + "/informations")
    d.page.evaluate("() => document.querySelector('form').noValidate = true")
    d.click(VALIDER)
    assert not d.refus_du_navigateur
    assert d.errors() == {NOM: "Nom : ce champ est obligatoire"}


def test_the_browser_context_is_french(request, site):
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + "/informations")
    assert d.page.evaluate("navigator.language") == "fr-FR"


def test_the_rules_on_the_implementations_message_do_not_judge_the_browsers(request, site):
    """T_ERREUR_SUR_LE_CHAMP and T_ERREUR_NOMME_LE_CHAMP are about the implementation's message: « non vérifié »
    when only the browser refused; RGAA 11.10 asks for aria-invalid, which the browser's bubble is not."""
    from harness.preparation import Ecart
    from steps.accessibilite import erreur_liee
    from steps.erreurs import erreur_nomme_le_champ, erreur_rattachee_au_champ

    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + "/informations")
    d.click(VALIDER)
    contexte = SimpleNamespace(driver=d, regles=["T_ERREUR_SUR_LE_CHAMP"], refus={"etape": "informations"})
    for regle in (erreur_rattachee_au_champ, erreur_nomme_le_champ):
        with pytest.raises(pytest.skip.Exception, match="seul le navigateur a refusé « Nom »"):
            regle(contexte, NOM)
    with pytest.raises(Ecart, match="seul le navigateur l'a refusé, sans aria-invalid"):
        erreur_liee(SimpleNamespace(driver=d, regles=["A_ERREURS"]), NOM)


def test_a_script_that_checks_the_form_itself_is_not_taken_for_the_browser(request, site):
    """A click handler that stops the submission and marks the field itself: the browser's validation never ran,
    its messages are not the page's."""
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + "/informations")
    d.page.evaluate("""() => document.querySelector('button').addEventListener('click', e => {
        e.preventDefault(); const n = document.getElementById('n');
        n.setAttribute('aria-invalid', 'true'); n.setAttribute('aria-describedby', 'msg');
        document.body.insertAdjacentHTML('beforeend', '<p id="msg">Nom : obligatoire</p>'); })""")
    d.click(VALIDER)
    assert not d.refus_du_navigateur
    assert d.errors() == {NOM: "Nom : obligatoire"}


def test_enter_on_the_button_is_refused_by_the_browser_as_a_click_is(request, site):
    d = BrowserDriver(request.getfixturevalue("page"), Vocabulaire())
    d.open(site.url + "/informations")
    d.page.get_by_role("button", name="Valider").focus()
    d.press("Enter")
    assert d.refus_du_navigateur and list(d.errors()) == [NOM]
