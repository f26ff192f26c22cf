"""Accessibility (RGAA 4.1): the browser mechanics (harness/drivers/accessibilite.py) see what they must, on a page
that has it and on one that does not; an accessibility rule gets its verdict and gates only when the profile asks
for it, never touching a guide rule; the report gives each criterion's verdict in a section of its own."""
from __future__ import annotations

import pytest

from harness.catalogue import charger_catalogue
from harness.drivers import accessibilite as a11y
from harness.drivers.browser import BrowserDriver
from harness.profile import ProfilInvalide, lire_profil
from harness.report import contexte_rapport
from harness.verdict import CODE_CONFORME, CODE_NON_CONFORME, ECHOUE, REUSSI, Resultat, bilan

CATALOGUE = charger_catalogue()

BONNE = """<!doctype html><html lang="fr"><head><title>Étape 1</title></head><body><main>
<form><label for="a">Nom <span>*</span></label><input id="a" name="a" required autocomplete="family-name">
<fieldset><legend>Engagements</legend>
<input type="radio" id="o" name="e" value="1"><label for="o">OUI</label>
<input type="radio" id="n" name="e" value="0" checked><label for="n">NON</label></fieldset>
<div><img src="data:," alt="Image de sécurité à recopier"><label for="c">Code *</label>
<input id="c" name="c" required><a href="/audio">Écouter les caractères</a></div>
<span id="etat" role="status">vide</span>
<button type="submit">Valider</button></form></main></body></html>"""

MAUVAISE = """<!doctype html><html><head><title></title>
<style>input:focus { outline: none }</style></head><body><main>
<form><input id="a" name="a" placeholder="Nom" required>
<label for="q" style="color:red">Question</label><input id="q" name="q" required>
<fieldset><input type="radio" id="o" name="e"><label for="o">OUI</label>
<input type="radio" id="n" name="e"><label for="n">NON</label></fieldset>
<label for="s">SIRET</label><input id="s" name="s" onkeydown="if (event.key === 'Tab') event.preventDefault()">
<button type="submit">Valider</button></form></main></body></html>"""


@pytest.fixture
def pilote(page):
    def ouvrir(html: str) -> BrowserDriver:
        page.set_content(html)
        return BrowserDriver(page, None)
    return ouvrir


def test_axe_reports_each_violation_in_french_with_its_elements(pilote):
    assert a11y.axe(pilote(BONNE)) == []
    violations = {v["regle"]: v for v in a11y.axe(pilote(MAUVAISE))}
    assert {"color-contrast", "html-has-lang", "document-title"} <= set(violations), sorted(violations)
    assert "contraste" in violations["color-contrast"]["aide"].lower()  # axe's French locale
    assert any("label" in e["html"] for e in violations["color-contrast"]["elements"])
    # axe takes a placeholder for a name; RGAA 11.1 does not: A_ETIQUETTES reads the labels itself
    assert "label" not in violations


def test_axe_brought_by_every_page_of_the_context_in_french(page):
    pilote = BrowserDriver(page, None)
    a11y.axe_a_chaque_page(pilote)
    for html in (BONNE, MAUVAISE):  # each page loaded after: axe is there before any evaluate, its texts French
        page.goto("data:text/html;charset=utf-8," + html.replace("#", "%23"))
        assert page.evaluate("() => typeof window.axe === 'object' && window.__chorus_axe_fr === true")
    violations = {v["regle"]: v for v in a11y.axe(pilote)}
    assert "contraste" in violations["color-contrast"]["aide"].lower()


def test_fields_with_their_labels_required_marks_and_autocomplete(pilote):
    bonne = {c["nom"]: c for c in a11y.champs(pilote(BONNE))}
    assert bonne["a"]["etiquette"] == "Nom *" and bonne["a"]["requis"] and bonne["a"]["autocomplete"] == "family-name"
    mauvaise = {c["nom"]: c for c in a11y.champs(pilote(MAUVAISE))}
    assert mauvaise["a"]["etiquette"] == "" and mauvaise["a"]["autocomplete"] is None
    assert mauvaise["q"]["visible"] == "Question" and mauvaise["q"]["requis"]


def test_groups_of_choices_and_their_legends(pilote):
    assert a11y.groupes_de_choix(pilote(BONNE)) == [{"choix": ["OUI", "NON"], "groupe": "Engagements"}]
    assert a11y.groupes_de_choix(pilote(MAUVAISE)) == [{"choix": ["OUI", "NON"], "groupe": ""}]


def test_language_live_regions_and_what_goes_with_the_captcha(pilote):
    d = pilote(BONNE)
    assert a11y.langue(d) == "fr" and a11y.regions_vivantes(d) == ["vide"]
    assert a11y.autour_de_l_image(d, "Code") == ["Écouter les caractères"]
    assert a11y.langue(pilote(MAUVAISE)) == ""


def test_tab_reaches_a_button_with_a_visible_focus_and_finds_a_trap(pilote):
    d = pilote(BONNE)
    chemin = a11y.tabuler(d, "Valider")
    assert chemin.atteint and chemin.piege is None and all(a["visible"] for a in chemin.arrets)
    assert a11y.tabuler(d, "Nom", arriere=True).atteint
    d = pilote(MAUVAISE)
    chemin = a11y.tabuler(d, "Valider")
    assert not chemin.atteint and chemin.piege["nom"] == "SIRET"
    assert not next(a for a in chemin.arrets if a["balise"] == "input")["visible"]  # outline: none


def test_focus_on_an_error_summary(pilote):
    d = pilote('<html lang="fr"><body><div role="alert" tabindex="-1" autofocus>2 erreurs</div>'
               '<input aria-invalid="true" aria-label="x"></body></html>')
    d.page.wait_for_function("document.activeElement !== document.body")
    arret = a11y.focus(d)
    assert arret["alerte"] and not arret["invalide"]


# ----------------------------------------------------------------- verdicts: gating only when asked


def _resultats(echec_a11y: bool) -> list[Resultat]:
    out = []
    for ident in CATALOGUE:
        issue = ECHOUE if ident == "A_CAPTCHA" and echec_a11y else REUSSI
        out.append(Resultat(nodeid=f"t::{ident}", scenario=ident, issue=issue, tags=(ident, "navigateur")))
    return out


@pytest.mark.parametrize("bloquante, code", [(False, CODE_CONFORME), (True, CODE_NON_CONFORME)])
def test_an_accessibility_finding_gates_only_when_the_profile_asks(bloquante, code):
    b = bilan(_resultats(True), CATALOGUE, [], {"accessibilite"} if bloquante else ())
    assert b.regles["A_CAPTCHA"].verdict == "non conforme"
    assert b.regles["E2_CAPTCHA_ALTERNATIVE"].verdict != "non conforme"  # a guide rule keeps its own verdict
    assert b.code == code
    assert "accessibilité (RGAA 4.1), " + ("bloquante" if bloquante else "non bloquante") in b.resume
    assert bilan(_resultats(False), CATALOGUE, [], {"accessibilite"}).code == CODE_CONFORME


def test_the_profile_key():
    assert lire_profil({"nom": "x", "accessibilite": {"bloquante": True}}).referentiels_bloquants == {"accessibilite"}
    assert not lire_profil({"nom": "x"}).referentiels_bloquants
    with pytest.raises(ProfilInvalide, match="accessibilite.bloquante"):
        lire_profil({"nom": "x", "accessibilite": {"bloquante": "oui"}})
    with pytest.raises(ProfilInvalide, match="accessibilite.autre"):
        lire_profil({"nom": "x", "accessibilite": {"autre": True}})


@pytest.mark.parametrize("bloquante", [False, True])
def test_the_report_gives_each_criterion_its_verdict_apart(tmp_path, bloquante):
    regles = [{"id": r.id, "etape": r.etape, "titre": r.titre, "citation": r.citation, "niveau": r.niveau,
               "source": r.source, "exigences": list(r.exigences), "scenarios": [],
               "verdict": "non conforme" if r.id == "A_CAPTCHA" else "conforme"} for r in CATALOGUE.values()]
    contexte = contexte_rapport({"regles": regles, "referentiels_bloquants": ["accessibilite"] if bloquante else []},
                                tmp_path)
    [section] = [r for r in contexte["referentiels"] if r["source"] == "accessibilite"]
    criteres = {c["numero"]: c for c in section["exigences"]}
    assert criteres["1.4"]["verdict"] == "non conforme" and criteres["1.4"]["regles"] == ["A_CAPTCHA"]
    assert criteres["11.1"]["verdict"] == "conforme" and "étiquette" in criteres["11.1"]["intitule"]
    assert list(criteres) == sorted(criteres, key=lambda c: tuple(map(int, c.split("."))))
    # in « Ce qui ne va pas » only when it gates
    assert any(b["regle"]["id"] == "A_CAPTCHA" for b in contexte["bloquantes"]) == bloquante
    assert all(e["numero"] != 6 for e in contexte["etapes"])  # not among the guide's steps
