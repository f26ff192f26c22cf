"""The DSFR witness over plain HTTP, against the project's fakes: the journey, and what each seeded deviation
changes on the server (what the harness then has to find), independently of the harness."""
from __future__ import annotations

import re
import sys

import pytest
import requests

from fixtures.clients import start_process, stop_process

from .outils import ENV, RACINE, commande, port_libre

SIRET = "13001971400018"
SIRET_CLE_FAUSSE = "13001971400019"
MDP = "Chorus-Pro-2026"


@pytest.fixture(scope="module")
def faux(tmp_path_factory):
    """The project's fake Sirene and SMTP capture, on free ports."""
    dossier = tmp_path_factory.mktemp("faux")
    sirene, smtp, http = port_libre(), port_libre(), port_libre()
    processus = [
        start_process([sys.executable, "-m", "fixtures.fake_sirene", "--host", "127.0.0.1", "--port", str(sirene)],
                      "READY", 30, dossier / "sirene.log", env=ENV, cwd=RACINE)[0],
        start_process([sys.executable, "-m", "fixtures.smtp_capture", "--host", "127.0.0.1", "--smtp-port", str(smtp),
                       "--http-port", str(http)], "READY", 30, dossier / "smtp.log", env=ENV, cwd=RACINE)[0]]
    yield sirene, smtp, f"http://127.0.0.1:{http}"
    for p in processus:
        stop_process(p)


@pytest.fixture
def lancer(faux, tmp_path):
    """Starts the witness in test mode with the given deviations; returns its base URL."""
    ouverts = []

    def _lancer(*fautes: str) -> str:
        sirene, smtp, _ = faux
        options = ["--test-mode"] + [o for f in fautes for o in ("--faute", f)]
        p, ligne = start_process(commande(port_libre(), sirene, smtp, *options), "READY", 30,
                                 tmp_path / "temoin_dsfr.log", env=ENV, cwd=RACINE)
        ouverts.append(p)
        return ligne.split()[1]

    yield _lancer
    for p in ouverts:
        stop_process(p)


class Visiteur:
    """A user without JavaScript: each form posted with its hidden CSRF field."""

    def __init__(self, base: str) -> None:
        self.base, self.http, self.page = base, requests.Session(), None

    def ouvrir(self, chemin: str) -> requests.Response:
        self.page = self.http.get(chemin if chemin.startswith("http") else self.base + chemin, timeout=10)
        return self.page

    def poster(self, action: str, **champs) -> requests.Response:
        jeton = re.search(r'name="jeton" value="([^"]+)"', self.page.text).group(1)
        self.page = self.http.post(self.base + action, data={"jeton": jeton, **champs}, timeout=10)
        return self.page


def _erreurs(reponse) -> list[str]:
    return re.findall(r'class="fr-message fr-message--error"[^>]*>([^<]+)', reponse.text)


def _inscrire(base: str, adresse: str, siret: str = SIRET, **espaces) -> Visiteur:
    v = Visiteur(base)
    v.ouvrir("/creer-un-compte")
    assert v.poster("/creer-un-compte", adresse=adresse, siret=siret).url.endswith("/informations"), _erreurs(v.page)
    v.poster("/creer-un-compte/informations", contact=adresse, resaisie=adresse, nom="Dupont", prenom="Jeanne",
             captcha="TEST-CAPTCHA", raison_sociale="AIFE")
    assert v.page.url.endswith("/espaces"), _erreurs(v.page)
    v.poster("/creer-un-compte/espaces", **{f"espace-{cle}": valeur for cle, valeur in espaces.items()})
    assert "courriel d'activation est envoyé" in v.page.text
    return v


def _lien(boite: str, adresse: str) -> str:
    message = requests.get(boite + "/messages", params={"to": adresse}, timeout=5).json()[-1]
    return re.search(r"https?://\S+", message["text"]).group(0)


def _activer(v: Visiteur, lien: str, mot_de_passe: str = MDP) -> requests.Response:
    v.ouvrir(lien)
    return v.poster(urlsplit_path(lien), mot_de_passe=mot_de_passe, confirmation=mot_de_passe, question="film",
                    reponse="Le Mépris")


def urlsplit_path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_the_whole_journey_then_the_account(lancer, faux):
    base = lancer()
    v = _inscrire(base, "parcours@example.org", **{"engagements": "oui"})
    assert "vous en êtes le gestionnaire principal" in v.page.text
    assert "désormais actif" in _activer(v, _lien(faux[2], "parcours@example.org")).text
    v.ouvrir("/connexion")
    compte = v.poster("/connexion", adresse="parcours@example.org", mot_de_passe=MDP)
    assert compte.url.endswith("/mon-compte")
    assert re.search(r'id="espace-engagements-oui" name="espace-engagements" checked', compte.text)


def test_errors_are_tied_to_their_field_and_name_it(lancer):
    v = Visiteur(lancer())
    v.ouvrir("/creer-un-compte")
    page = v.poster("/creer-un-compte", adresse="pas-une-adresse", siret=SIRET_CLE_FAUSSE)
    assert _erreurs(page) == [
        "Adresse électronique de connexion : saisissez une adresse électronique valide, au format nom@domaine.fr.",
        "Numéro de SIRET : la clé de contrôle est invalide."]
    assert re.search(r'id="champ-siret"[^>]*aria-invalid="true"[^>]*aria-describedby="champ-siret-messages"',
                     page.text.replace("\n", " "))
    assert 'role="alert" tabindex="-1" id="resume-erreurs"' in page.text  # the summary the script focuses


def test_the_activation_page_lets_the_browser_send_its_origin(lancer, faux):
    # Referrer-Policy: no-referrer made Chromium post the activation form with « Origin: null »: refused (403)
    base = lancer()
    _inscrire(base, "origine@example.org")
    page = requests.get(_lien(faux[2], "origine@example.org"), timeout=10)
    assert "Activation du compte utilisateur" in page.text
    assert page.headers["Referrer-Policy"] == "same-origin"


def test_a_post_from_another_site_is_refused(lancer):
    v = Visiteur(lancer())
    v.ouvrir("/creer-un-compte")
    jeton = re.search(r'name="jeton" value="([^"]+)"', v.page.text).group(1)
    r = v.http.post(v.base + "/creer-un-compte", data={"jeton": jeton, "adresse": "a@example.org", "siret": SIRET},
                    headers={"Origin": "https://ailleurs.example"}, timeout=10, allow_redirects=False)
    assert r.status_code == 403


def test_cle_siret_navigateur_seulement_leaves_the_check_to_the_page(lancer):
    for fautes, refuse in (((), True), (("cle_siret_navigateur_seulement",), False)):
        v = Visiteur(lancer(*fautes))
        v.ouvrir("/creer-un-compte")
        assert 'data-siret="oui"' in v.page.text  # the page's script checks the key in both cases
        page = v.poster("/creer-un-compte", adresse="cle@example.org", siret=SIRET_CLE_FAUSSE)
        assert ("Numéro de SIRET : la clé de contrôle est invalide." in _erreurs(page)) is refuse, fautes
    script = (RACINE / "temoin_dsfr" / "statique" / "temoin.js").read_text(encoding="utf-8")
    assert "la clé de contrôle est invalide" in script


def test_choix_espaces_ignores_records_the_defaults(lancer, faux):
    for fautes, attendu in (((), "oui"), (("choix_espaces_ignores",), "non")):
        base = lancer(*fautes)
        adresse = f"espaces{len(fautes)}@example.org"
        v = _inscrire(base, adresse, engagements="oui")
        _activer(v, _lien(faux[2], adresse))
        v.ouvrir("/connexion")
        compte = v.poster("/connexion", adresse=adresse, mot_de_passe=MDP)
        assert re.search(rf'id="espace-engagements-{attendu}" name="espace-engagements" checked', compte.text), fautes


def test_mdp_deux_types_is_accepted_by_the_page_and_the_server(lancer, faux):
    for fautes, accepte in (((), False), (("mdp_deux_types",), True)):
        base = lancer(*fautes)
        adresse = f"mdp{len(fautes)}@example.org"
        v = _inscrire(base, adresse)
        page = _activer(v, _lien(faux[2], adresse), "motdepasse2026")
        assert ("désormais actif" in page.text) is accepte, (fautes, _erreurs(page))
        if not accepte:
            assert 'data-types-min="3"' in page.text


def test_a_second_user_of_the_siret_joins_the_structure_with_a_rattachement(lancer, faux):
    base = lancer()
    _inscrire(base, "premier@example.org", siret="35600000009075")
    assert requests.post(base + "/__test__/services", data={"siret": "35600000009075", "nom": "Service achats"},
                         timeout=5).status_code == 200
    v = Visiteur(base)
    v.ouvrir("/creer-un-compte")
    v.poster("/creer-un-compte", adresse="second@example.org", siret="356 000 000 09075")
    assert "Je me rattache à" in v.page.text and "Service achats" in v.page.text
    personnel = dict(contact="second@example.org", resaisie="second@example.org", nom="Martin", prenom="Léa",
                     captcha="TEST-CAPTCHA", raison_sociale="Autre nom")
    assert _erreurs(v.poster("/creer-un-compte/informations", **personnel)) == [
        "Je me rattache à : choisissez la structure ou certains de ses services."]
    assert _erreurs(v.poster("/creer-un-compte/informations", rattachement="services", **personnel)) == [
        "Services de la structure : cochez au moins un service."]
    service = re.search(r'name="services" id="service-(\d+)"', v.page.text).group(1)
    v.poster("/creer-un-compte/informations", rattachement="services", services=service, **personnel)
    v.poster("/creer-un-compte/espaces")
    assert "vous en êtes le gestionnaire principal" not in v.page.text
    _activer(v, _lien(faux[2], "second@example.org"))
    v.ouvrir("/connexion")
    compte = v.poster("/connexion", adresse="second@example.org", mot_de_passe=MDP)
    informations = re.findall(r"<dd>([^<]+)</dd>", compte.text)
    assert informations[2:] == ["Utilisateur", "Uniquement certains services : Service achats"], informations
    assert "AIFE (SIRET 35600000009075)" in informations[1]  # the structure is the first user's, unchanged
