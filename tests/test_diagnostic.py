"""chorus-conformance --diagnostic: from "nothing works" to a working profile, on an implementation whose every
wording differs from the guide's (the witness in English) and a profile that maps none of them; and its guesses,
on small pages of the patterns that made it guess wrong."""
from __future__ import annotations

import json
import re

from harness.diagnostic import (ATTENDUS, DESCRIPTIFS, GROUPES_MDP, REGLE_MDP, TYPES_SANS_SIRET, Attendu, Candidat,
                                assigner, examiner)
from harness.drivers.base import Vocabulaire
from harness.drivers.page import parse_html

from .test_temoin_conformite import (RACINE, REGLES_DE_LIBELLE, SANS_SECURITE, _profil, causes, harnais,
                                     par_verdict, temoin)

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


def test_the_titles_and_texts_it_looks_for_are_the_steps_ones():
    """Each title and text listed here is one the features or the steps look for (a whole string of a step's
    table or quote, or of the steps' code), not merely words of the guide: the list does not rot."""
    sources = " ".join(p.read_text(encoding="utf-8") for d in ("features", "steps", "harness")
                       for p in (RACINE / d).rglob("*")
                       if p.suffix in (".feature", ".py") and p.name != "diagnostic.py")
    textes = {a.cle for attendus in ATTENDUS.values() for a in attendus
              if a.genre in ("titres", "textes") and not a.leurre}
    assert set(TYPES_SANS_SIRET) | set(DESCRIPTIFS) | set(GROUPES_MDP) <= textes
    cites = set(re.findall(r'"([^"\n]+)"', sources)) | {c.strip() for c in re.findall(r"\|([^|\n]+)(?=\|)", sources)}
    cites |= {m for groupe in re.findall(r"\(\?P<\w+>([^)]+)\)", sources) for m in groupe.split("|")}  # a step's regex
    absents = [t for t in textes - {REGLE_MDP} if t not in cites]
    assert not absents, absents
    assert REGLE_MDP.startswith(next(c for c in cites if c.startswith("Pour être accepté")))


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
    # as with the profile written by hand: only the rules about the guide's own wording are non conforme
    non_conformes = par_verdict(verdict, "non conforme")
    comportement = {i: r["detail"] for i, r in non_conformes.items() if not REGLES_DE_LIBELLE.search(i)}
    assert not comportement, comportement
    regles = {r["id"]: r for r in verdict["regles"]}
    # what the block's titles and texts let the harness see: the announcements, the refused links, the roles
    for regle in ("E4_MDP_LONGUEUR", "E3_DEFAUT_FACTURES_EMISES", "E2_RESAISIE_CONCORDANTE", "E3_VALIDER_COURRIEL",
                  "E3_GESTIONNAIRE_PRINCIPAL_UNIQUE", "E3_ROLE_UTILISATEUR", "E2_RATTACHEMENT_STRUCTURE",
                  "E4_VALIDER_ACTIF", "E4_LIEN_EXPIRE", "E4_LIEN_USAGE_UNIQUE"):
        assert regles[regle]["verdict"] in ("conforme", "informatif") and not regles[regle]["en_echec"], (
            regle, regles[regle]["verdict"], regles[regle]["detail"][:300])
    assert regles["E3_HUIT_ESPACES"]["verdict"] == "non conforme"  # the guide's workspace names, mapped to English


def test_on_the_reference_every_wording_title_and_text_is_found():
    """The bundled reference shows the guide's words: nothing to map, on every page of the walk (a text is found
    where the steps find it, anywhere in the page's text)."""
    diagnostic = harnais("--diagnostic")
    assert diagnostic.returncode == 0, diagnostic.stdout + diagnostic.stderr
    assert "Tout ce que le harnais cherche a été trouvé" in diagnostic.stdout, diagnostic.stdout
    assert "✗" not in diagnostic.stdout and "[libelles" not in diagnostic.stdout
    for page in ("sans SIRET", "courriel envoyé", "lien utilisé", "lien expiré", "nouveau lien", "rattachement"):
        assert f"Page « {page} »" in diagnostic.stdout, page


def test_with_the_profile_written_by_hand_the_walk_goes_through_and_finds_the_mapped_choices(tmp_path):
    """Choices are read as the page writes them: the driver gives back the guide's words for those the profile maps,
    which once made the walk map « La structure (…) » to itself and stop on the attachment choice."""
    with temoin(tmp_path, "en") as (url, sirene, smtp):
        profil = _profil(RACINE / "profiles" / "temoin_en.toml", tmp_path, url, sirene, smtp)
        diagnostic = harnais("--diagnostic", "--profil", str(profil))
    sortie = diagnostic.stdout
    assert diagnostic.returncode == 0 and "parcours arrêté" not in sortie, sortie + diagnostic.stderr
    assert "✗ choix" not in sortie and "Page « lien expiré »" in sortie, sortie
