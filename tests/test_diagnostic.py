"""chorus-conformance --diagnostic: from "nothing works" to a working profile, on an implementation whose every
wording differs from the guide's (the witness in English) and a profile that maps none of them; and its guesses,
on small pages of the patterns that made it guess wrong."""
from __future__ import annotations

import json
import re
from pathlib import Path

from harness.diagnostic import (ATTENDUS, DESCRIPTIFS, GROUPES_MDP, REGLE_MDP, TYPES_SANS_SIRET, Attendu, Candidat,
                                assigner, examiner)
from harness.drivers.base import Vocabulaire
from harness.drivers.page import parse_html

from .test_temoin_conformite import RACINE, SANS_SECURITE, _profil, causes, harnais, temoin

# An English implementation as a vendor wrote it: the site's name as a link before the form, the identifier a
# read-only field just before the company name (the previous diagnostic guessed « Je n'ai pas de numéro de
# SIRET » → « Chorus Pro », « Raison Sociale » → « Identifier », « Libellé de la structure » → « Company name »).
IDENTIFICATION = """<!doctype html><html lang="en"><head><title>Sign up</title></head><body>
<header><a href="/">Chorus Pro</a></header>
<main><h1>Identify yourself</h1><h2>New to Chorus Pro?</h2>
<form method="post"><label for="m">Login e-mail address *</label><input id="m" type="email" name="m">
<label for="s">SIRET number *</label><input id="s" name="s">
<button type="submit">Continue</button></form>
<p><a href="/no-siret">I have no SIRET number</a></p></main>
<footer><a href="/help">Need help? Ask a question</a></footer></body></html>"""
INFORMATIONS = """<!doctype html><html lang="en"><head><title>Step 2</title></head><body><form method="post">
<h2>My personal information</h2>
<label for="a">Contact e-mail address</label><input id="a" type="email" name="a">
<label for="b">Re-type your contact e-mail address</label><input id="b" type="email" name="b">
<label for="c">Last name</label><input id="c" name="c"><label for="d">First name</label><input id="d" name="d">
<input type="checkbox" id="e" name="e"><label for="e">I agree that my name may be used for the survey</label>
<img src="x.png" alt="captcha"><label for="f">Type the characters shown in the image</label><input id="f" name="f">
<h2>My organisation</h2>
<label for="g">Identifier</label><input id="g" name="g" readonly value="13001971000018">
<label for="h">Company name</label><input id="h" name="h">
<label for="i">Organisation label</label><input id="i" name="i">
<label for="j">Street address</label><input id="j" name="j">
<label for="k">Address line 2</label><input id="k" name="k"><label for="l">Address line 3</label><input id="l" name="l">
<label for="m">Postcode</label><input id="m" name="m"><label for="n">City</label><input id="n" name="n">
<label for="o">Country</label><input id="o" name="o">
<button type="submit">Continue</button></form></body></html>"""


def _devine(html: str, page: str) -> dict[str, str]:
    resultat = examiner(parse_html(html), page, Vocabulaire(), {})
    return {c.cle: c.propositions[0] for c in resultat.constats if c.propositions}


def test_a_link_before_the_form_does_not_take_the_guides_link():
    devine = _devine(IDENTIFICATION, "identification")
    assert devine["Je n'ai pas de numéro de SIRET"] == "I have no SIRET number"
    assert devine["Besoin d'aide ? Posez une question"] == "Need help? Ask a question"
    assert devine["Numéro de SIRET"] == "SIRET number" and devine["Valider"] == "Continue"


def test_a_read_only_identifier_is_the_information_not_a_field_to_fill():
    devine = _devine(INFORMATIONS, "informations")
    assert devine["Identifiant"] == "Identifier"
    assert devine["Raison Sociale"] == "Company name"
    assert devine["Libellé de la structure"] == "Organisation label"
    assert [devine[c] for c in ("Adresse", "Complément adresse 1", "Complément adresse 2", "Code postal", "Ville",
                                "Pays")] == ["Street address", "Address line 2", "Address line 3", "Postcode", "City",
                                             "Country"]
    # a check box is offered only for a check box of the guide
    assert devine["J'accepte que mon nom, prénom et adresse électronique soient utilisés…"] == (
        "I agree that my name may be used for the survey")


def test_the_assignment_is_over_the_page_not_each_element_on_its_own():
    # alone, both wordings are nearest to « Company » ; together, the best total gives each its own
    attendus = [Attendu("champs", "Raison Sociale", "textbox"), Attendu("champs", "Raison d'être", "textbox")]
    offerts = [Candidat("Raison sociale de la société", "champs", "textbox"),
               Candidat("Raison", "champs", "textbox")]
    choix = assigner(attendus, offerts)
    assert {choix[0][0], choix[1][0]} == {0, 1}
    # a control of another kind is never offered
    assert assigner([Attendu("champs", "Nom", "textbox")], [Candidat("Nom", "champs", "checkbox")]) == {}


def test_the_texts_it_looks_for_are_the_steps_ones():
    """Titles and texts listed here are quoted by the features or the steps: the list does not rot."""
    sources = " ".join(p.read_text(encoding="utf-8") for d in ("features", "steps", "harness")
                       for p in (RACINE / d).rglob("*") if p.suffix in (".feature", ".py")
                       and p.name != "diagnostic.py")
    plie = re.sub(r"\s+", " ", sources.replace('"\n', "").replace('" "', "").replace("\" \\\n", ""))
    textes = {a.cle for attendus in ATTENDUS.values() for a in attendus if a.genre in ("titres", "textes")}
    assert set(TYPES_SANS_SIRET) | set(DESCRIPTIFS) | set(GROUPES_MDP) <= textes
    absents = [t for t in textes - {REGLE_MDP} if t not in plie]
    assert not absents, absents


def _sans_libelles(texte: str) -> str:
    """A profile without its [libelles] tables: what a vendor starts from."""
    lignes, garde = [], True
    for ligne in texte.splitlines():
        if ligne.startswith("["):
            garde = not ligne.startswith("[libelles")
        if garde:
            lignes.append(ligne)
    return "\n".join(lignes) + "\n"


def test_the_block_it_prints_pasted_as_is_leaves_no_preparation_impossible(tmp_path):
    with temoin(tmp_path, "en") as (url, sirene, smtp):
        profil = _profil(RACINE / "profiles" / "temoin_en.toml", tmp_path, url, sirene, smtp)
        vierge = profil.read_text(encoding="utf-8")
        profil.write_text(_sans_libelles(vierge), encoding="utf-8")
        assert not re.search(r"(?m)^\[libelles", profil.read_text(encoding="utf-8"))
        # without a mapping, nothing can start: one message, no scenario
        avant = harnais("--profil", str(profil), "--rapports", str(tmp_path / "avant"), "--canal", "http")
        assert avant.returncode == 2, avant.stdout[-2000:]
        assert "[libelles]" in avant.stdout + avant.stderr and "--diagnostic" in avant.stdout + avant.stderr
        diagnostic = harnais("--diagnostic", "--profil", str(profil))
        assert diagnostic.returncode == 0, diagnostic.stdout + diagnostic.stderr
        sortie = diagnostic.stdout
        assert "✗ champ « Numéro de SIRET » introuvable ; le plus proche : « SIRET number »" in sortie
        for page in ("identification", "sans SIRET", "informations", "rattachement", "espaces de travail",
                     "courriel envoyé", "activation", "activé", "lien utilisé", "lien expiré", "connexion",
                     "compte"):
            assert f"Page « {page} »" in sortie, page
        bloc = sortie[sortie.index("[libelles"):sortie.index("(parcours en")]
        for ligne in ('"Numéro de SIRET" = "SIRET number"', '"Identifiant" = "Identifier"',
                      '"Je me rattache à" = "I am joining"', '"Recevoir un nouveau lien d\'activation" = "Send me '
                      'a new link"', '"Votre compte utilisateur {adresse} a été créé." = "Your user account {adresse} '
                      'has been created."', '"Vous êtes nouveau sur Chorus Pro ?" = "New to Chorus Pro?"'):
            assert ligne in bloc, ligne
        profil.write_text(_sans_libelles(vierge) + "\n" + bloc, encoding="utf-8")
        rapports = tmp_path / "apres"
        apres = harnais("--profil", str(profil), "--rapports", str(rapports), "--canal", "http", *SANS_SECURITE)
    assert "vérification préalable réussie" in apres.stdout, apres.stdout[-3000:]
    verdict = json.loads((rapports / "verdict.json").read_text(encoding="utf-8"))
    assert not causes(verdict), causes(verdict)  # nothing blocked a preparation
    bloques = [s["nodeid"] for s in verdict["scenarios"] if "préparation impossible" in (s.get("message") or "")]
    assert not bloques, bloques
    regles = {r["id"]: r["verdict"] for r in verdict["regles"]}
    for regle in ("E4_MDP_LONGUEUR", "E3_DEFAUT_FACTURES_EMISES", "E2_RESAISIE_CONCORDANTE", "E3_VALIDER_COURRIEL",
                  "E4_VALIDER_ACTIF", "E4_LIEN_EXPIRE"):
        assert regles[regle] == "conforme", (regle, verdict["resume"])
    assert regles["E3_HUIT_ESPACES"] == "non conforme"  # the guide's workspace names, mapped to English ones
