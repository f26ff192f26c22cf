"""The reports opened in Chromium: rapport.html's first screen, guide_annote.html, the comparison page.

The verdict data is built synthetically over the real catalogue (every rule, through harness.verdict.bilan
and the plugin's own verdict.json writer), with failures, root causes of « préparation impossible »,
an informative failure, an expected failure that passes, an outline case and evidence whose text and saved
page try to run scripts.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from harness.catalogue import ETAPES, charger_catalogue
from harness.collecte import donnees_verdict
from harness.rapports import COULEURS, guide, pire
from harness.rapports.comparaison import main as comparer
from harness.report import ecrire_rapport
from harness.verdict import BLOQUANTS, ECHOUE, ERREUR, IGNORE, IMPOSSIBLE, REUSSI, Attendu, Resultat, bilan

CATALOGUE = charger_catalogue()
ECHECS = ("E1_SIRET_CLE", "E4_MDP_LONGUEUR", "E3_DEFAUT_FACTURES_EMISES")
CAUSES = {  # cause -> (rule in cause, rules whose scenarios it blocks)
    "page « activation » : « Question secrète » introuvable": ("E4_QUESTION_SECRETE", ("E4_CHAMPS_MDP", "E4_MDP_CONFIRMATION")),
    "préparation, étape 2 : la page « espaces » ne suit pas": ("E2_VALIDER_SUITE", ("E3_HUIT_ESPACES",)),
}
INFORMATIF_EN_ECHEC = "E2_CAPTCHA_ALTERNATIVE"
ATTENDU_MAIS_CONFORME = "E2_PAYS_FRANCE"
NON_VERIFIEE = "T_AIDE"  # a capability missing
SCRIPT = "<script>window.__execute = 1; document.title = 'exécuté'</script>"


def _resultat(ident: str, canal: str, issue: str, rang: int = 0, **autres) -> Resultat:
    regle = CATALOGUE[ident]
    tags = (ident, canal) + (("informatif",) if regle.informatif else ())
    return Resultat(nodeid=f"steps/test_conformite.py::test_{ident.lower()}_{rang}[{canal}]",
                    scenario=f"Scénario de {ident}", issue=issue, tags=tags, canal=canal,
                    fonctionnalite=ETAPES[regle.etape], duree=0.2, **autres)


def resultats_synthetiques(preuves: dict[str, str], echecs=ECHECS, causes=CAUSES) -> list[Resultat]:
    bloquees = {r: cause for cause, (_, regles) in causes.items() for r in regles}
    out = []
    for ident in CATALOGUE:
        if ident in echecs:
            out.append(_resultat(ident, "http", REUSSI))
            out.append(_resultat(ident, "navigateur", ECHOUE, preuves=dict(preuves),
                                 message=f"harness.preparation.Ecart: {ident} — attendu : un refus ; constaté : "
                                         f"{SCRIPT} accepté"))
        elif ident in bloquees:
            cause = bloquees[ident]
            out.append(_resultat(ident, "http", IMPOSSIBLE, cause=cause, regles_en_cause=(causes[cause][0],),
                                 message=f"préparation impossible : {cause}", preuves=dict(preuves)))
        elif ident == INFORMATIF_EN_ECHEC:
            out.append(_resultat(ident, "http", ECHOUE, message=f"{ident} — attendu : a ; constaté : b"))
        elif ident == NON_VERIFIEE:
            out.append(_resultat(ident, "http", IGNORE, message="non vérifié : capacité « aide » absente"))
        else:
            out.append(_resultat(ident, "http", REUSSI))
    outline = "Ce qui n'est pas une adresse électronique est refusé : <cas>"
    out += [Resultat(nodeid=f"steps/test_conformite.py::test_adresse_cas[http-{cas}]", scenario=outline,
                     issue=REUSSI, tags=("E1_ADRESSE_FORMAT", "http"), canal="http", exemple={"cas": cas})
            for cas in ("sans @", "deux @")]
    return out


def verdict_synthetique(resultats: list[Resultat], attendus=(Attendu(raison="ticket 7", regle=ATTENDU_MAIS_CONFORME),),
                        nom: str = "Impl <b>X</b>") -> dict:
    b = bilan(resultats, CATALOGUE, list(attendus))
    etat = SimpleNamespace(graine=42, debut="2026-12-01T10:00:00+01:00", top=0.0, faute=None, services={},
                           profil=SimpleNamespace(nom=nom, version="1.2"))
    return donnees_verdict(etat, resultats, b, "2026-12-01T10:01:00+01:00")


@pytest.fixture
def onglet(browser):
    """A page of pytest-playwright's browser (the local Chromium, harness.plugin's launch arguments)."""
    contexte = browser.new_context(viewport={"width": 1280, "height": 800})
    yield contexte.new_page()
    contexte.close()


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> SimpleNamespace:
    """A run's reports: verdict.json, rapport.html, guide_annote.html, and evidence under pages/."""
    dossier = tmp_path_factory.mktemp("rapports")
    pages = dossier / "pages"
    pages.mkdir()
    page_recue = pages / "scenario-1.html"
    page_recue.write_text(f"<!doctype html><html><head><title>Page de l'implémentation</title></head>"
                          f"<body><h1>Numéro de SIRET</h1>{SCRIPT}</body></html>", encoding="utf-8")
    capture = pages / "scenario-1.png"
    capture.write_bytes(b"\x89PNG\r\n\x1a\n")
    donnees = verdict_synthetique(resultats_synthetiques({"page 1 (http://impl/)": str(page_recue),
                                                          "capture 1": str(capture)}))
    (dossier / "verdict.json").write_text(json.dumps(donnees, ensure_ascii=False), encoding="utf-8")
    ecrire_rapport(donnees, None, dossier / "rapport.html")
    return SimpleNamespace(dossier=dossier, donnees=donnees, page_recue=page_recue,
                           verdicts={r["id"]: r["verdict"] for r in donnees["regles"]})


def _plie(texte: str) -> str:
    return re.sub(r"\s+", " ", texte).strip()


def comme_affiche(citation: str) -> str:
    """A citation of the guide as the annotated guide shows it: bold without its asterisks, the
    screenshot's radio buttons drawn, table columns apart."""
    texte = citation.replace("**", "").replace('<input type="radio"/>', "○")
    return _plie(texte.replace('<input checked="" type="radio"/>', "●"))


def _rgb(couleur: str) -> str:
    r, g, b = (int(couleur[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_the_synthetic_run_has_what_the_pages_must_show(run):
    # guards the fixture: each kind of line of the first screen is present
    assert {run.verdicts[i] for i in ECHECS} == {"non conforme"}
    assert run.verdicts[ATTENDU_MAIS_CONFORME] == "attendu mais conforme"
    assert run.verdicts[INFORMATIF_EN_ECHEC] == "informatif"
    assert run.verdicts["E4_CHAMPS_MDP"] == "non vérifié" and run.verdicts[NON_VERIFIEE] == "non vérifié"
    assert [c["cause"] for c in run.donnees["causes"]] == list(CAUSES)


def test_the_annotated_guide_shows_every_rule_at_its_sentence_with_the_runs_verdict(run, onglet):
    onglet.goto((run.dossier / "guide_annote.html").as_uri())
    phrases = onglet.eval_on_selector_all("details.annotee", """els => els.map(d => ({
        regles: d.dataset.regles.split(' '), verdict: d.dataset.verdict,
        texte: [...d.querySelector('summary').childNodes].filter(n => !n.classList?.contains('nb'))
            .map(n => n.textContent).join('').replace(/\\s*│\\s*/g, ' '),
        couleur: getComputedStyle(d.querySelector('summary')).borderBottomColor,
        panneau: [...d.querySelectorAll('.panneau [data-regle]')].map(r => ({
            id: r.dataset.regle, verdict: r.dataset.verdict, badge: r.querySelector('.badge').textContent}))}))""")
    for ident, regle in CATALOGUE.items():
        places = [p for p in phrases if ident in p["regles"]]
        if regle.referentiel:  # it quotes the RGAA or the ASVS: the report's section of it has it, not the guide
            assert not places, ident
            continue
        assert places, f"{ident} n'est à aucune phrase du guide"
        assert comme_affiche(regle.citation) in _plie(" ".join(p["texte"] for p in places)), ident
        for p in places:
            [dans_le_panneau] = [r for r in p["panneau"] if r["id"] == ident]
            assert dans_le_panneau["verdict"] == dans_le_panneau["badge"] == run.verdicts[ident], ident
    for p in phrases:  # a sentence takes the colour of its most worrying verdict
        attendu = pire(run.verdicts[i] for i in p["regles"])
        assert p["verdict"] == attendu and p["couleur"] == _rgb(COULEURS[attendu]), p
    # the rules in their own step when the words occur in several: « Cliquez sur Valider » in step 2
    textes = onglet.locator("article.guide").inner_text()
    valider = onglet.locator('details[data-regles~="E2_VALIDER_SUITE"]')
    assert valider.count() == 1 and textes.index("2.\n") < textes.index("Cliquez sur Valider") < textes.index("3.\n")
    # sentences that yield no rule stay plain, outside any highlight
    simples = onglet.eval_on_selector_all(".guide .simple", """els => els.map(e => ({texte: e.innerText,
        annotee: !!e.closest('details'), fond: getComputedStyle(e).backgroundColor}))""")
    assert "Rendez-vous sur le site <https://chorus-pro.gouv.fr>" in [s["texte"] for s in simples]
    assert all(not s["annotee"] and s["fond"] == "rgba(0, 0, 0, 0)" for s in simples)


def test_words_the_guide_writes_in_several_steps_are_placed_in_the_rules_own_step():
    texte = guide.lire_guide()
    regles = [{"id": f"R{etape}", "etape": etape, "citation": "Cliquez sur **Valider**"} for etape in (0, 2, 3, 4)]
    lignes, hors_du_guide = guide.annoter(regles + [{"id": "X", "etape": 1, "citation": "pas dans le guide"}], texte)
    places = {i: p.texte for ligne in lignes for p in ligne.phrases for i in p.regles}
    etapes = {i: next(e for e, debut, fin in guide.sections(texte) if debut <= p.debut < fin)
              for ligne in lignes for p in ligne.phrases for i in p.regles}
    assert etapes == {"R0": 2, "R2": 2, "R3": 3, "R4": 4}
    assert places["R4"] == "- Cliquez sur **Valider**." and hors_du_guide == ["X"]


def test_opening_a_sentence_shows_its_rules_scenarios_channels_outcomes_and_evidence(run, onglet):
    onglet.goto((run.dossier / "guide_annote.html").as_uri())
    phrase = onglet.locator('details[data-regles~="E1_SIRET_CLE"]')
    regle = phrase.locator('.panneau [data-regle="E1_SIRET_CLE"]')
    assert not regle.is_visible()
    phrase.locator("summary").click()
    assert regle.is_visible()
    texte = regle.inner_text()
    for attendu in ("Scénario de E1_SIRET_CLE", "navigateur", "http", "échoué", "réussi", "Constaté",
                    "un refus", SCRIPT, "Source : une phrase du guide"):
        assert attendu in texte, attendu
    assert regle.locator('a[href$="scenario-1.apercu.html"]').count() == 1
    assert onglet.evaluate("window.__execute") is None


def test_the_reports_first_screen_lists_exactly_the_non_conforme_rules_and_the_root_causes(run, onglet):
    onglet.goto((run.dossier / "rapport.html").as_uri())
    premier_ecran = onglet.locator("#a-corriger")
    assert premier_ecran.bounding_box()["y"] < 800 / 2
    assert onglet.locator("#verdict").bounding_box()["y"] < premier_ecran.bounding_box()["y"]
    assert onglet.locator("#verdict").inner_text().startswith("NON CONFORME")
    lignes = premier_ecran.locator("tr[data-regle]")
    bloquantes = {i for i, v in run.verdicts.items() if v in BLOQUANTS}
    assert set(lignes.evaluate_all("els => els.map(e => e.dataset.regle)")) == bloquantes
    assert lignes.count() == len(bloquantes) and len(bloquantes) == len(ECHECS) + 1
    assert premier_ecran.locator("tr[data-cause]").evaluate_all("els => els.map(e => e.dataset.cause)") == list(CAUSES)
    for ident in ECHECS:  # one line: the guide's sentence, the step, seen against expected, the evidence
        ligne = premier_ecran.locator(f'tr[data-regle="{ident}"]')
        texte = _plie(ligne.inner_text())
        for attendu in (_plie(CATALOGUE[ident].citation), ETAPES[CATALOGUE[ident].etape],
                        f"constaté : {SCRIPT} accepté", "attendu : un refus"):
            assert attendu in texte, (ident, attendu)
        ligne.locator("a", has_text="preuve").click()
        cible = onglet.locator(onglet.evaluate("location.hash"))
        assert cible.count() == 1 and "échoué" in cible.inner_text()
    for cause, (en_cause, _) in CAUSES.items():
        texte = _plie(premier_ecran.locator(f'tr[data-cause="{cause}"]').inner_text())
        assert en_cause in texte and _plie(CATALOGUE[en_cause].citation) in texte
        assert ETAPES[CATALOGUE[en_cause].etape] in texte and CATALOGUE[en_cause].titre in texte
    # neither the informative failure nor the rules merely not verified are on it
    assert INFORMATIF_EN_ECHEC not in premier_ecran.inner_text() and NON_VERIFIEE not in premier_ecran.inner_text()
    assert onglet.evaluate("window.__execute") is None


def test_harness_errors_come_first_with_their_message(tmp_path, onglet):
    resultats = resultats_synthetiques({})
    resultats.append(Resultat(nodeid="steps/test_conformite.py::test_orphelin[http]", scenario="Sans règle",
                              issue=ERREUR, canal="http", message="TypeError: <i>bogue</i>\nligne 2"))
    ecrire_rapport(verdict_synthetique(resultats), None, tmp_path / "rapport.html")
    onglet.goto((tmp_path / "rapport.html").as_uri())
    assert onglet.locator("#verdict").inner_text().startswith("ERREUR DU HARNAIS")
    ligne = onglet.locator('#a-corriger tr[data-erreur="steps/test_conformite.py::test_orphelin[http]"]')
    assert _plie(ligne.inner_text()) == "Sans règle (http) <i>bogue</i>"
    ligne.locator("summary").click()
    assert "TypeError: <i>bogue</i>\nligne 2" in ligne.locator("pre").inner_text()


def test_the_report_has_a_table_of_contents_by_step_case_names_and_each_rules_source(run, onglet):
    onglet.goto((run.dossier / "rapport.html").as_uri())
    lignes = onglet.locator("#sommaire tr:has(a)")
    titres = lignes.locator("a").all_inner_texts()
    # 6, 7: accessibility and security, each its own section
    assert titres == [ETAPES[e] for e in (1, 2, 3, 4, 5, 0, 6, 7) if any(r.etape == e for r in CATALOGUE.values())]
    totaux = [int(t) for t in lignes.locator("td:last-child").all_inner_texts()]
    assert sum(totaux) == len(CATALOGUE)
    for e, total in zip((1, 2, 3, 4, 5, 0), totaux):
        assert total == sum(1 for r in CATALOGUE.values() if r.etape == e)
        assert onglet.locator(f"#etape-{e} ~ section.regle").count() > 0
    corps = onglet.locator("body").inner_text()
    assert "Ce qui n'est pas une adresse électronique est refusé : sans @" in corps
    assert "refusé : deux @" in corps and "<cas>" not in corps
    lecture = next(r for r in CATALOGUE.values() if r.source == "lecture")
    assert "Source : une lecture d'un passage ambigu" in onglet.locator(f"section#{lecture.id}").inner_text()
    assert "Impl <b>X</b>" in corps  # the implementation's name, escaped


def test_saved_pages_are_only_opened_inert(run, onglet):
    onglet.goto((run.dossier / "rapport.html").as_uri())
    liens = onglet.eval_on_selector_all("a[href]", "els => els.map(a => a.getAttribute('href'))")
    assert "pages/scenario-1.apercu.html" in liens
    assert not [l for l in liens if l.endswith(".html") and not l.endswith((".apercu.html", "guide_annote.html"))]
    assert onglet.locator('img.capture[src^="data:image/png;base64,"]').count() == len(ECHECS) + 3
    onglet.locator('a[href="pages/scenario-1.apercu.html"]').first.click()
    onglet.wait_for_load_state()
    assert onglet.url.endswith("scenario-1.apercu.html")
    csp = onglet.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert csp.startswith("default-src 'none'")
    assert onglet.locator("iframe").get_attribute("sandbox") == ""
    cadre = onglet.frames[1]
    assert cadre.locator("h1").inner_text() == "Numéro de SIRET"  # drawn…
    assert cadre.title() == "Page de l'implémentation"  # …without its script
    assert onglet.evaluate("window.__execute") is None and cadre.evaluate("window.__execute") is None
    assert SCRIPT in onglet.locator("pre").inner_text()  # its source, as text


def test_comparer_lists_the_changed_rules_first_and_its_exit_code_gates(tmp_path, onglet, capsys):
    def ecrit(nom: str, resultats: list[Resultat]) -> Path:
        chemin = tmp_path / nom / "verdict.json"
        chemin.parent.mkdir()
        chemin.write_text(json.dumps(verdict_synthetique(resultats, attendus=()), ensure_ascii=False), encoding="utf-8")
        return chemin

    a = ecrit("a", resultats_synthetiques({}, echecs=("E4_MDP_LONGUEUR",), causes={}))
    b = ecrit("b", resultats_synthetiques({}))
    sans_regression = ecrit("c", resultats_synthetiques({}, echecs=("E4_MDP_LONGUEUR",)))
    sortie = tmp_path / "comparaison.html"
    assert comparer([str(a), str(b), "--sortie", str(sortie)]) == 1
    terminal = capsys.readouterr().out
    assert "régression | E1_SIRET_CLE : conforme → non conforme" in terminal
    assert comparer([str(a), str(a), "--sortie", str(tmp_path / "aa.html")]) == 0
    assert comparer([str(a), str(sans_regression), "--sortie", str(tmp_path / "ac.html")]) == 2
    assert comparer([str(a), str(tmp_path / "absent.json")]) == 3

    onglet.goto(sortie.as_uri())
    lignes = onglet.locator("#changees ~ table tr[data-regle]").evaluate_all(
        "els => els.map(e => [e.dataset.regle, e.dataset.changement])")
    regressions = {"E1_SIRET_CLE", "E3_DEFAUT_FACTURES_EMISES"}
    plus_verifiees = {r for _, regles in CAUSES.values() for r in regles}
    assert {r for r, c in lignes if c == "régression"} == regressions
    assert {r for r, c in lignes if c == "plus vérifiée"} == plus_verifiees
    assert [c for _, c in lignes] == ["régression"] * 2 + ["plus vérifiée"] * 3
    assert onglet.locator("#bilan").inner_text().startswith("2 régression(s)")
    ligne = _plie(onglet.locator('tr[data-regle="E1_SIRET_CLE"]').inner_text())
    assert f"constaté : {SCRIPT} accepté" in ligne and "conforme non conforme" in ligne
    assert onglet.locator("#inchangees ~ details tr[data-regle]").count() == len(CATALOGUE) - 5
    assert onglet.evaluate("window.__execute") is None
