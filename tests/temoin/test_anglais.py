"""``--langue en``: the same application, every text in English; the English profile maps the
harness's French wordings to texts that really are on the pages."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from temoin.textes import EN, FR

from . import parcours as p
from .outils import Page, plie, siret_neuf

RACINE = Path(__file__).resolve().parents[2]
PROFIL_EN = tomllib.loads((RACINE / "profiles" / "temoin_en.toml").read_text(encoding="utf-8"))
PROFIL_FR = tomllib.loads((RACINE / "profiles" / "temoin.toml").read_text(encoding="utf-8"))


def test_both_languages_have_the_same_keys():
    assert set(FR) == set(EN)
    for cle in FR:
        assert type(FR[cle]) is type(EN[cle]), cle
        if isinstance(FR[cle], tuple):
            assert len(FR[cle]) == len(EN[cle]), cle
        if isinstance(FR[cle], str):
            assert set(re.findall(r"{\w+}", FR[cle])) == set(re.findall(r"{\w+}", EN[cle])), cle


def _fragments_francais() -> set[str]:
    """French texts of the témoin that English must not show (the parts between placeholders)."""
    def textes(valeur):
        if isinstance(valeur, str):
            yield valeur
        elif isinstance(valeur, tuple):
            for v in valeur:
                yield from textes(v)
    anglais = set(textes(tuple(EN.values())))
    out = set()
    for valeur in textes(tuple(FR.values())):
        if valeur in anglais:
            continue
        for morceau in re.split(r"{\w+}", valeur):
            morceau = plie(morceau).strip(" :,.")
            if len(morceau) >= 4 and morceau not in anglais:
                out.add(morceau)
    return out


def _visible(page: Page) -> str:
    extras = [el.get("alt") or "" for el in page.doc.iter("img")]
    extras += [el.get("title") or "" for el in page.doc.iter("abbr")]
    extras += [page.doc.findtext(".//title") or ""]
    return plie(page.texte + " " + " ".join(extras))


def _parcours_anglais(fabrique, boite, sirene) -> list[Page]:
    vues: list[Page] = []
    c = fabrique(langue="en")
    vues.append(c.ouvrir("/"))
    vues.append(c.ouvrir("/inscription/sans-siret"))
    vues.append(c.ouvrir("/aide"))
    login = p.adresse("english")
    c.ouvrir("/")
    c.remplir("Login e-mail address", "not-an-address")
    c.remplir("SIRET number", "123")
    vues.append(c.valider("Submit"))
    c.remplir("Login e-mail address", login)
    c.remplir("SIRET number", siret_neuf())
    vues.append(c.valider("Submit"))
    c.remplir("Re-type your contact e-mail address", "other@example.org")
    c.remplir("Type the characters shown in the image", "WRONG")
    vues.append(c.valider("Submit"))
    c.remplir("Re-type your contact e-mail address", login)
    c.remplir("Last name", "Smith")
    c.remplir("First name", "Alice")
    c.remplir("Type the characters shown in the image", "TEST-CAPTCHA")
    vues.append(c.valider("Submit"))
    assert vues[-1].doc.findtext(".//h2") == "Welcome Alice Smith"
    vues.append(c.valider("Submit"))
    lien = p.liens(boite, login)[0]
    assert boite.messages(login)[0]["subject"] == EN["mail_sujet"]
    vues.append(c.ouvrir(p.chemin(lien)))
    c.remplir("Password", "short")
    c.remplir("Confirm password", "other")
    vues.append(c.valider("Submit"))
    vues.append(c.ouvrir(vues[-1].liens()["Cancel"]))
    c.http.post("/__test__/liens/vieillir", data={"adresse": login, "minutes": "90"})
    vues.append(c.ouvrir(p.chemin(lien)))
    vues.append(c.valider("Send me a new link"))
    nouveau = p.liens(boite, login, 2)[-1]
    c.ouvrir(p.chemin(nouveau))
    c.remplir("Password", p.MDP)
    c.remplir("Confirm password", p.MDP)
    c.choisir("Secret question", "q2")
    c.remplir("Answer", "Leeds")
    vues.append(c.valider("Submit"))
    assert "Your account is now active" in vues[-1].texte
    vues.append(c.ouvrir(p.chemin(nouveau)))  # already used
    c.ouvrir("/se-connecter")
    c.remplir("Login e-mail address", login)
    c.remplir("Password", "wrong password 1")
    vues.append(c.valider("Sign in"))
    c.remplir("Login e-mail address", login)
    c.remplir("Password", p.MDP)
    vues.append(c.valider("Sign in"))
    assert vues[-1].h1 == "My user area"
    vues.append(c.valider("Save my choices"))
    # a second user of the same structure, and a confidential establishment
    siret = vues[-1].termes()["My organisation"].split("SIRET ")[1].rstrip(")")
    d = fabrique(meme_que=c)
    d.ouvrir("/")
    d.remplir("Login e-mail address", p.adresse("second"))
    d.remplir("SIRET number", siret)
    vues.append(d.valider("Submit"))
    d.remplir("Re-type your contact e-mail address", d.page.valeur("Contact e-mail address"))
    d.remplir("Last name", "Jones")
    d.remplir("First name", "Bob")
    d.remplir("Type the characters shown in the image", "TEST-CAPTCHA")
    d.cocher("Only some services", groupe="I am joining")
    vues.append(d.valider("Submit"))
    vues.append(d.page)
    d.cocher("The whole organisation (including all of its services)", groupe="I am joining")
    d.valider("Submit")
    vues.append(d.valider("Submit"))
    for cas in ("partiellement_diffusible", "erreur_503"):
        s = siret_neuf()
        sirene.enregistrer(s, cas)
        e = fabrique(langue="en")
        e.ouvrir("/")
        e.remplir("Login e-mail address", p.adresse(cas))
        e.remplir("SIRET number", s)
        vues.append(e.valider("Submit"))
    return vues


def test_english_variant_shows_no_french(fabrique, boite, sirene):
    francais = _fragments_francais()
    for page in _parcours_anglais(fabrique, boite, sirene):
        assert page.doc.get("lang") == "en"
        texte = _visible(page)
        trouves = sorted(f for f in francais if f in texte)
        assert not trouves, f"{page.url} : textes français {trouves}"
        for mot in ("Valider", "Annuler", "Nom :", "Prénom", "Adresse électronique", "Complexité", "Réponse",
                    "Bienvenue", "Identifiez-vous", "OUI", "NON", "obligatoire"):
            assert mot not in texte, f"{page.url} : « {mot} »"


def test_english_profile_maps_to_texts_on_the_pages(fabrique, boite, sirene):
    vues = _parcours_anglais(fabrique, boite, sirene)
    tout = " ".join(_visible(v) for v in vues)
    descriptions = " ".join(v.description(el) for v in vues for el in v.champs())
    tables = [PROFIL_EN["libelles"]] + [t for t in PROFIL_EN["libelles"].values() if isinstance(t, dict)]
    for table in tables:
        for cle, valeur in table.items():
            if isinstance(valeur, dict):
                continue
            for forme in ([valeur] if isinstance(valeur, str) else valeur):
                # a text holding the user's data ({adresse}): its words before the data
                morceau = forme.split("…")[0].split("{")[0].strip()
                assert morceau in tout or morceau in descriptions, f"« {cle} » → « {forme} » absent des pages"


def test_french_profile_wordings_are_on_the_pages(fabrique, boite):
    c = fabrique()
    u = p.inscrire(c, boite)
    compte = p.connecter(c, u["login"])
    assert compte.h1 == PROFIL_FR["libelles"]["compte"]["Mon compte"]
    for cle in ("Structure", "Rôle", "Rattachement"):
        assert PROFIL_FR["libelles"]["compte"][cle] in compte.termes()
    assert PROFIL_FR["libelles"]["Enregistrer"] in compte.boutons()
    connexion = c.ouvrir(PROFIL_FR["pages"]["connexion"])
    assert connexion.h1 == PROFIL_FR["libelles"]["connexion"]["Connexion"]
    assert PROFIL_FR["libelles"]["Se connecter"] in connexion.boutons()
    assert c.ouvrir(PROFIL_FR["pages"]["demarrage"]).h1 == "Identifiez-vous"
    page = c.ouvrir(p.chemin(u["lien"]))
    assert PROFIL_FR["libelles"]["Recevoir un nouveau lien d'activation"] in page.boutons()


def test_no_escaped_quotes_in_attributes(fabrique, boite):
    c = fabrique(fautes=["captcha_controle_navigateur_seulement"])
    for page in (c.ouvrir("/"), p.identification(c, p.adresse(), siret_neuf()), p.informations(c)):
        assert not re.search(r"<[^<>]*(&#34;|&quot;)[^<>]*>", page.html), page.url
