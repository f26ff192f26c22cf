"""Profile parsing: defaults, every key, French errors naming the key."""
from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from harness.profile import CAPACITES, Implementation, Profil, ProfilInvalide, charger_profil, lire_profil

RACINE = Path(__file__).resolve().parents[2]


def ecrire(tmp_path: Path, texte: str) -> Path:
    chemin = tmp_path / "profil.toml"
    chemin.write_text(texte, encoding="utf-8")
    return chemin


def test_reference_profile_is_valid():
    profil = charger_profil(RACINE / "profiles" / "reference.toml")
    assert profil.url_base == "http://127.0.0.1:8765"
    assert profil.capacites == frozenset(CAPACITES)
    assert (profil.sirene_port, profil.smtp_port) == (8781, 8725)


def test_minimal_profile_defaults():
    profil = lire_profil({"nom": "X", "url_base": "http://h:1/"})
    assert profil.url_base == "http://h:1"
    assert (profil.demarrage, profil.connexion) == ("/", "/connexion")
    assert profil.captcha_reponse == "TEST-CAPTCHA" and profil.duree_validite_lien_minutes == 60
    assert profil.capacites == frozenset(CAPACITES) and not profil.libelles
    assert profil.sirene_port is None and profil.attendus is None


def test_full_profile(tmp_path):
    chemin = ecrire(tmp_path, '''
nom = "Portail X"
version = "2.0"
url_base = "https://x.example.org"
attendus = "attendus.toml"
[pages]
demarrage = "/inscription"
connexion = "https://x.example.org/login"
[libelles]
"Numéro de SIRET" = "SIRET"
[capacites]
horloge = false
[test]
captcha_reponse = "ok"
duree_validite_lien_minutes = 30
[services]
sirene_port = 9001
smtp_port = 9002
''')
    profil = charger_profil(chemin)
    assert profil.capacites == frozenset(CAPACITES) - {"horloge"}
    assert profil.attendus == tmp_path / "attendus.toml"
    impl = Implementation.depuis_profil(profil, profil.url_base)
    assert impl.demarrage == "https://x.example.org/inscription"
    assert impl.connexion == "https://x.example.org/login"
    assert impl.url("/__test__/services") == "https://x.example.org/__test__/services"
    assert impl.libelles.remplacants() == {"Numéro de SIRET": ("SIRET",)}
    assert impl.duree_validite_lien_minutes == 30 and impl.captcha_reponse == "ok"


@pytest.mark.parametrize("texte, cle", [
    ('version = "1"', "« nom » est obligatoire"),
    ('nom = ""', "« nom » ne doit pas être vide"),
    ('nom = "X"\nurl = "http://h"', "clé inconnue « url »"),
    ('nom = "X"\nurl_base = "h:80"', "« url_base » doit être une URL http(s) absolue"),
    ('nom = "X"\nurl_base = 80', "« url_base » doit être un texte, pas entier"),
    ('nom = "X"\n[pages]\ndemarrage = "inscription"', "« pages.demarrage » doit être un chemin"),
    ('nom = "X"\n[pages]\naccueil = "/"', "clé inconnue « pages.accueil »"),
    ('nom = "X"\n[capacites]\nhorloge = "non"', "« capacites.horloge » doit être un booléen"),
    ('nom = "X"\n[capacites]\ntemps = true', "clé inconnue « capacites.temps »"),
    ('nom = "X"\n[capacites]\nnavigateur = false\nhttp = false', "aucun canal"),
    ('nom = "X"\n[test]\nduree_validite_lien_minutes = "60"', "« test.duree_validite_lien_minutes » doit être un entier"),
    ('nom = "X"\n[test]\nduree_validite_lien_minutes = 0', "strictement positif"),
    ('nom = "X"\n[test]\nduree_validite_lien_minutes = true', "doit être un entier"),
    ('nom = "X"\n[services]\nsmtp_port = 70000', "« services.smtp_port » doit être un port"),
    ('nom = "X"\n[libelles]\n"Nom" = 3', "« Nom » (clé libelles) doit être un texte ou une liste de textes"),
    ('nom = "X"\n[libelles]\n"Nom" = []', "« Nom » (clé libelles) doit être un texte ou une liste de textes"),
    ('nom = "X"\n[libelles]\n"Nom" = ["Name", ""]', "« Nom » (clé libelles) contient un libellé vide"),
    ('nom = "X"\n[libelles.accueil]\n"Nom" = "Name"', "[libelles.accueil] ne nomme aucune page"),
    ('nom = "X"\n[libelles.informations]\n"Nom" = 1', "« Nom » de [libelles.informations] doit être un texte"),
    ('nom = "X"\nlibelles = "Nom"', "« libelles » doit être une table"),
    ('nom = "X"\n[libelles]\n"Nom" = " "', "libellé remplaçant « Nom » (clé libelles) contient un libellé vide"),
    ('nom = "X"\npages = 1', "« pages » doit être une table"),
])
def test_errors_name_the_key(tmp_path, texte, cle):
    with pytest.raises(ProfilInvalide) as err:
        charger_profil(ecrire(tmp_path, texte))
    assert cle in str(err.value)
    assert str(tmp_path / "profil.toml") in str(err.value)


def test_unreadable_and_invalid_toml(tmp_path):
    with pytest.raises(ProfilInvalide, match="illisible"):
        charger_profil(tmp_path / "absent.toml")
    with pytest.raises(ProfilInvalide, match="pas du TOML valide"):
        charger_profil(ecrire(tmp_path, "nom = "))


def test_default_profile_offers_everything():
    assert Profil().capacites == frozenset(CAPACITES)


def test_wordings_per_page_and_several_accepted(tmp_path):
    """[libelles.<page>] wins over [libelles] on that page only; a list gives several accepted wordings."""
    profil = charger_profil(ecrire(tmp_path, '''
nom = "Portail EN"
[libelles]
"Adresse électronique de connexion" = "Login e-mail address"
"Valider" = ["Submit", "Continue"]
[libelles.informations]
"Adresse électronique de connexion" = "Contact e-mail address"
[libelles.espaces]
"Valider" = "Save my workspaces"
'''))
    v = profil.libelles
    assert v.formes("Adresse électronique de connexion") == ("Login e-mail address",)
    assert v.formes("Adresse électronique de connexion", "identification") == ("Login e-mail address",)
    assert v.formes("Adresse électronique de connexion", "informations") == ("Contact e-mail address",)
    assert v.formes("Valider", "identification") == ("Submit", "Continue")
    assert v.formes("Valider", "espaces de travail") == ("Save my workspaces",)  # the profile's « espaces »
    assert v.formes("Nom", "informations") == ("Nom",)  # unmapped: the guide's wording
    assert v.remplace("Nom") is None and v.remplace("Valider") == ("Submit", "Continue")


def test_origines_autorisees():
    """[origines] autorisees: other origins the drivers may follow, beside the implementation's own (and those of
    its start and login pages)."""
    profil = lire_profil({"nom": "X", "url_base": "https://x.example.org/app",
                          "pages": {"connexion": "https://sso.example.org/login"},
                          "origines": {"autorisees": ["https://Paiement.example.org:443/retour"]}})
    assert profil.origines_autorisees == ("https://paiement.example.org",)
    origines = Implementation.depuis_profil(profil, profil.url_base).origines
    assert origines.permises == ("https://x.example.org", "https://sso.example.org", "https://paiement.example.org")
    assert not origines.permet("https://x.example.org.evil.org/")
    assert lire_profil({"nom": "X"}).origines_autorisees == ()
    with pytest.raises(ProfilInvalide, match="« origines.autorisees » doit être une liste"):
        lire_profil({"nom": "X", "origines": {"autorisees": "https://a.org"}})
    with pytest.raises(ProfilInvalide, match="« origines.autorisees » doit être une URL http"):
        lire_profil({"nom": "X", "origines": {"autorisees": ["ftp://a.org"]}})
    with pytest.raises(ProfilInvalide, match="clé inconnue « origines.permises »"):
        lire_profil({"nom": "X", "origines": {"permises": []}})


# A profile whose wordings leave the journey unable to tell where it is would block every scenario: it is refused
# before any, naming both pages and how to tell them apart. One whose look-alike pages the position separates is not.
CONFONDANT = """nom = "X"
[libelles.informations]
"Résaisissez votre adresse électronique de connexion" = "Adresse électronique de connexion"
"""


def test_a_profile_that_makes_two_pages_alike_is_refused(tmp_path):
    with pytest.raises(ProfilInvalide) as err:
        lire_profil(tomllib.loads(CONFONDANT), "p.toml")
    message = str(err.value)
    assert message.startswith("p.toml : ")
    assert "« identification »" in message and "« informations »" in message and "Pour les distinguer" in message
    compte = lire_profil(tomllib.loads('nom = "X"\n[libelles.compte]\n"Enregistrer" = "Valider"\n'))
    assert compte.libelles.remplace("Enregistrer", "compte") == ("Valider",)


def test_the_run_stops_before_any_scenario_on_such_a_profile(tmp_path):
    import subprocess
    import sys

    profil = tmp_path / "confondant.toml"
    profil.write_text('url_base = "http://127.0.0.1:9"\n' + CONFONDANT, encoding="utf-8")
    sortie = subprocess.run([sys.executable, "-m", "harness.cli", "--profil", str(profil), "--rapports",
                             str(tmp_path / "r")], cwd=RACINE, capture_output=True, text=True, timeout=120)
    assert sortie.returncode == 3, sortie.stdout[-2000:] + sortie.stderr[-2000:]
    texte = sortie.stdout + sortie.stderr
    assert "« identification »" in texte and "« informations »" in texte
    assert not (tmp_path / "r" / "verdict.json").exists()  # no scenario ran
