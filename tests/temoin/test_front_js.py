"""``python -m temoin --front js``: shells without any form, a script that renders each step, a JSON API that
enforces every rule (the harness judges it through the browser only: its profile says ``http = false``).

- the shell pages carry no form field for a plain HTTP client;
- the API refuses each bad value with a French message on the field's key, and never answers 5xx;
- the whole journey through the API, against the project's fake Sirene and SMTP capture;
- each script-only fault is observed (the API accepts what the script refuses), and not without it;
- Chromium drives the whole sign-up by role and label; a wrong SIRET key is refused, the error tied to the field.
"""
from __future__ import annotations

import re
import subprocess
import sys
import threading
import tomllib
import warnings

import lxml.html
import pytest
import requests

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from temoin.application import Config, creer_application
from temoin.fautes import FAUTES, FAUTES_JS

from .conftest import CAPTCHA, RACINE, arreter, demarrer
from .outils import siret_neuf

ICI = RACINE / "tests" / "temoin"
MDP = "Chorus-Pro-2024!"
ESPACES = ("tic", "engagements", "a_valider", "travaux", "emises", "justice", "edi_api", "flux")
COQUILLES = ("/inscription", "/inscription/sans-siret", "/inscription/informations", "/inscription/espaces",
             "/inscription/courriel-envoye", "/se-connecter", "/mon-espace", "/aide")
_n = iter(range(1, 10**6))


def adresse(prefixe: str = "js") -> str:
    return f"{prefixe}.{next(_n)}.{siret_neuf()[:6]}@example.org"


def siret_cle_fausse() -> str:
    bon = siret_neuf()
    return bon[:13] + str((int(bon[13]) + 1) % 10)


def chemin(lien: str) -> str:
    return "/" + lien.split("/", 3)[3]


# ---------------------------------------------------------------------- fixtures
@pytest.fixture
def fabrique_js(sirene_url, smtp):
    """A témoin --front js over TestClient (own cookies); ``meme_que`` gives a second user of one application."""
    ouverts = []

    def fabriquer(*, fautes=(), mode_test=True, meme_que=None) -> TestClient:
        app = meme_que.app if meme_que is not None else creer_application(Config(
            sirene_url=sirene_url, sirene_cle="k", smtp_hote=smtp["hote"], smtp_port=smtp["port"],
            url_publique="http://testserver", mode_test=mode_test, captcha_test=CAPTCHA, fautes=frozenset(fautes),
            front="js"))
        client = TestClient(app)
        client.__enter__()
        ouverts.append(client)
        return client

    yield fabriquer
    for client in ouverts:
        client.__exit__(None, None, None)


@pytest.fixture
def js(fabrique_js) -> TestClient:
    return fabrique_js()


@pytest.fixture(scope="module")
def processus_js(sirene_url, smtp):
    """``python -m temoin --front js`` as a process (for plain HTTP GETs and for Chromium)."""
    proc, ligne = demarrer(["-m", "temoin", "--port", "0", "--sirene-url", sirene_url, "--sirene-key", "k",
                            "--smtp-host", smtp["hote"], "--smtp-port", str(smtp["port"]), "--test-mode",
                            "--front", "js"])
    yield ligne.split()[1]
    arreter(proc)


# ---------------------------------------------------------------------- the journey over the API
def etape1(c, login=None, siret=None):
    login, siret = login or adresse(), siret or siret_neuf()
    r = c.post("/api/identification", json={"login": login, "siret": siret})
    return r, login, siret


def corps_informations(c, **surcharges) -> dict:
    d = c.get("/api/informations").json()
    v = d["valeurs"]
    corps = {"contact": v["contact"], "resaisie": v["contact"], "nom": "Lefèvre-d'Arc", "prenom": "Zoé",
             "consentement": False, "captcha": CAPTCHA, "non_diffusible": v["non_diffusible"],
             **{cle: v[cle] for cle in ("raison", "libelle", "adresse", "complement1", "complement2", "code_postal",
                                         "ville", "pays")}}
    corps.update(surcharges)
    return corps


def espaces_par_defaut(c) -> dict:
    return {e["cle"]: e["actif"] for e in c.get("/api/espaces").json()["espaces"]}


def inscrire(c, boite, *, login=None, siret=None, **infos) -> dict:
    """Steps 1 to 3 through the API; answers the login, the SIRET and the activation link's path."""
    r, login, siret = etape1(c, login, siret)
    assert r.status_code == 200, r.text
    r = c.post("/api/informations", json=corps_informations(c, **infos))
    assert r.status_code == 200 and r.json()["suite"] == "/inscription/espaces", r.text
    r = c.post("/api/espaces", json={"espaces": espaces_par_defaut(c)})
    assert r.status_code == 200, r.text
    messages = boite.attendre(login)
    lien = re.findall(r"https?://\S+", messages[-1]["text"])[0]
    return {"login": login, "siret": siret, "lien": chemin(lien), "jeton": lien.rsplit("/", 1)[1]}


def activer(c, jeton, mdp=MDP, confirmation=None, question="q2", reponse="Quimper"):
    return c.post(f"/api/activation/{jeton}", json={"mdp": mdp, "confirmation": mdp if confirmation is None
                                                    else confirmation, "question": question, "reponse": reponse})


def test_whole_journey_through_the_api(js, fabrique_js, boite, sirene):
    login, siret = adresse(), siret_neuf()
    etab = sirene.etablissement(siret)
    r = js.post("/api/identification", json={"login": login, "siret": f"{siret[:3]} {siret[3:6]} {siret[6:9]} "
                                                                       f"{siret[9:]}"})
    assert r.status_code == 200 and r.json() == {"suite": "/inscription/informations"}

    d = js.get("/api/informations").json()
    assert d["siret"] == siret and d["valeurs"]["contact"] == login
    assert d["valeurs"]["raison"] == etab["uniteLegale"]["denominationUniteLegale"]
    assert d["valeurs"]["pays"] == "France" and d["valeurs"]["consentement"] is False
    assert d["structure_existante"] is False and d["captcha"].startswith("/inscription/captcha/")
    assert js.get(d["captcha"]).headers["content-type"].startswith("image/svg+xml")
    r = js.post("/api/informations", json=corps_informations(js, raison="Nom choisi", consentement=True))
    assert r.status_code == 200 and r.json() == {"suite": "/inscription/espaces"}

    d = js.get("/api/espaces").json()
    assert (d["prenom"], d["nom"], d["login"]) == ("Zoé", "Lefèvre-d'Arc", login)
    assert [e["cle"] for e in d["espaces"]] == list(ESPACES)
    assert {e["cle"]: e["actif"] for e in d["espaces"]} == {cle: cle == "emises" for cle in ESPACES}
    choix = dict(espaces_par_defaut(js), engagements=True)
    r = js.post("/api/espaces", json={"espaces": choix})
    assert r.status_code == 200 and r.json() == {"suite": "/inscription/courriel-envoye"}
    assert js.get("/api/courriel-envoye").json() == {"gestionnaire": True, "raison": "Nom choisi"}

    message = boite.attendre(login)[-1]
    lien = re.findall(r"https?://\S+", message["text"])[0]
    assert lien.startswith("http://testserver/activation/")
    jeton = lien.rsplit("/", 1)[1]
    assert js.get(chemin(lien)).status_code == 200  # the shell
    d = js.get(f"/api/activation/{jeton}").json()
    assert (d["login"], d["contact"], d["nom"], d["prenom"]) == (login, login, "Lefèvre-d'Arc", "Zoé")
    r = activer(js, jeton)
    assert r.status_code == 200 and r.json() == {"actif": True}
    r = js.get(f"/api/activation/{jeton}")
    assert r.status_code == 410 and r.json()["etat"] == "utilise"
    r = js.post("/api/nouveau-lien", json={"jeton": jeton})
    assert r.status_code == 200 and r.json()["envoye"] is True
    assert len(boite.attendre(login, 2)) == 2

    autre = fabrique_js(meme_que=js)
    assert autre.get("/api/compte").status_code == 401
    r = autre.post("/api/connexion", json={"login": login, "mdp": MDP + "x"})
    assert r.status_code == 422 and "Connexion refusée" in r.json()["erreurs"]["connexion"]
    r = autre.post("/api/connexion", json={"login": login, "mdp": MDP})
    assert r.status_code == 200 and r.json() == {"suite": "/mon-espace"}
    d = autre.get("/api/compte").json()
    assert (d["raison"], d["siret"], d["role"], d["rattachement"]) == ("Nom choisi", siret, "gestionnaire", "structure")
    assert {e["cle"]: e["actif"] for e in d["espaces"]} == choix and d["consentement"] is True
    r = autre.post("/api/compte", json={"espaces": dict(choix, flux=True), "consentement": False})
    assert r.status_code == 200 and r.json()["enregistre"] is True
    d = autre.get("/api/compte").json()
    assert d["consentement"] is False and {e["cle"]: e["actif"] for e in d["espaces"]}["flux"] is True
    assert autre.post("/api/deconnexion", json={}).json() == {"suite": "/se-connecter"}
    assert autre.get("/api/compte").status_code == 401


def test_existing_structure_services_and_test_controls(js, fabrique_js, boite):
    """The test controls of docs/CONTRACT.md §4 stay form-encoded over plain HTTP."""
    u = inscrire(js, boite)
    assert js.post("/__test__/services", data={"siret": u["siret"], "nom": "Service achats"}).status_code == 200
    second = fabrique_js(meme_que=js)
    r, login2, _ = etape1(second, siret=u["siret"])
    assert r.status_code == 200
    d = second.get("/api/informations").json()
    assert d["structure_existante"] is True and d["services"] == ["Service achats"]
    r = second.post("/api/informations", json=corps_informations(second, rattachement="services",
                                                                 services=["Service achats"]))
    assert r.status_code == 200, r.text
    second.post("/api/espaces", json={"espaces": espaces_par_defaut(second)})
    assert second.get("/api/courriel-envoye").json()["gestionnaire"] is False
    jeton2 = boite.attendre(login2)[-1]["text"].split("/activation/")[1].split()[0]
    r = js.post("/__test__/liens/vieillir", data={"adresse": login2, "minutes": "61"})
    assert r.status_code == 200
    r = second.get(f"/api/activation/{jeton2}")
    assert r.status_code == 410 and r.json() == {"etat": "expire", "minutes": 60}
    assert activer(second, jeton2).status_code == 410
    assert second.get("/api/activation/inconnu-de-nous").status_code == 404


def test_test_controls_absent_without_test_mode(fabrique_js):
    c = fabrique_js(mode_test=False)
    assert c.post("/__test__/services", data={"siret": "1", "nom": "x"}).status_code == 404


# ---------------------------------------------------------------------- refusals
def _etape2(c, boite, sirene):
    assert etape1(c)[0].status_code == 200


def _etape2_existante(c, boite, sirene):
    u = inscrire(c, boite)
    c.post("/__test__/services", data={"siret": u["siret"], "nom": "Comptabilité"})
    c.cookies.clear()
    assert etape1(c, siret=u["siret"])[0].status_code == 200


def _etape4(c, boite, sirene):
    c.jeton = inscrire(c, boite)["jeton"]


REFUS = [
    # (step reached first, endpoint, body (or a function of the client), key, words of the message)
    (None, "/api/identification", {"login": "pas-une-adresse", "siret": "90000001900019"}, "login", "Adresse mal formée"),
    (None, "/api/identification", {"login": "", "siret": "90000001900019"}, "login", "obligatoire"),
    (None, "/api/identification", {"login": "a@example.org", "siret": "1234"}, "siret", "exactement 14 chiffres"),
    (None, "/api/identification", {"login": "a@example.org", "siret": "9000000190001A"}, "siret", "Seuls des chiffres"),
    (None, "/api/identification", {"login": "a@example.org", "siret": "90000001900010"}, "siret", "clé de contrôle"),
    (None, "/api/identification", {"login": "a@example.org", "siret": ["90000001900019"]}, "siret", "Requête incomprise"),
    (None, "/api/identification", lambda s: {"login": "a@example.org", "siret": s("inconnu")}, "siret", "INSEE ne connaît"),
    (None, "/api/identification", lambda s: {"login": "a@example.org", "siret": s("ferme")}, "siret", "fermé"),
    (_etape2, "/api/informations", {"resaisie": "autre@example.org"}, "resaisie", "Les deux adresses diffèrent"),
    (_etape2, "/api/informations", {"resaisie": ""}, "resaisie", "obligatoire"),
    (_etape2, "/api/informations", {"contact": "x@", "resaisie": "x@"}, "contact", "Adresse mal formée"),
    (_etape2, "/api/informations", {"nom": "  "}, "nom", "obligatoire"),
    (_etape2, "/api/informations", {"prenom": ""}, "prenom", "obligatoire"),
    (_etape2, "/api/informations", {"captcha": "MAUVAIS"}, "captcha", "ne sont pas ceux de l'image"),
    (_etape2, "/api/informations", {"captcha": ""}, "captcha", "obligatoire"),
    (_etape2, "/api/informations", {"raison": ""}, "raison", "obligatoire"),
    (_etape2, "/api/informations", {"ville": "x" * 201}, "ville", "trop longue"),
    (_etape2, "/api/informations", {"consentement": "oui"}, "consentement", "Requête incomprise"),
    (_etape2_existante, "/api/informations", {}, "rattachement", "Choisissez l'une des deux options"),
    (_etape2_existante, "/api/informations", {"rattachement": "tout"}, "rattachement", "Choix inconnu"),
    (_etape2_existante, "/api/informations", {"rattachement": "services", "services": []}, "services",
     "cochez au moins un service"),
    (_etape4, "activation", {"mdp": "Abcdefgh1!", "confirmation": "Abcdefgh1!"}, "mdp", "12 caractères au minimum"),
    (_etape4, "activation", {"mdp": "abcdefghijkl1", "confirmation": "abcdefghijkl1"}, "mdp", "3 des 4 types"),
    (_etape4, "activation", {"confirmation": MDP + "x"}, "confirmation", "Différente du mot de passe"),
    (_etape4, "activation", {"confirmation": ""}, "confirmation", "obligatoire"),
    (_etape4, "activation", {"question": "q9"}, "question", "Choisissez une question"),
    (_etape4, "activation", {"reponse": ""}, "reponse", "obligatoire"),
]


@pytest.mark.parametrize("avant, point, corps, cle, mots", REFUS,
                         ids=[f"{r[1].rsplit('/', 1)[-1]}-{r[3]}-{i}" for i, r in enumerate(REFUS)])
def test_api_refuses_each_bad_value_on_its_key(js, boite, sirene, avant, point, corps, cle, mots):
    if avant:
        avant(js, boite, sirene)

    def enregistre(cas):
        s = siret_neuf()
        sirene.enregistrer(s, cas)
        return s
    if callable(corps):
        corps = corps(enregistre)
    if point == "/api/informations":
        corps = corps_informations(js, **corps)
    elif point == "activation":
        corps = {"mdp": MDP, "confirmation": corps.get("mdp", MDP), "question": "q2", "reponse": "Brest", **corps}
        point = f"/api/activation/{js.jeton}"
    r = js.post(point, json=corps)
    assert r.status_code == 422, r.text
    erreurs = r.json()["erreurs"]
    assert cle in erreurs and mots in erreurs[cle], erreurs
    assert set(erreurs) == {cle}, f"une seule saisie fautive, d'autres clés en erreur : {erreurs}"


def test_espaces_need_every_choice(js, boite):
    etape1(js)
    js.post("/api/informations", json=corps_informations(js))
    choix = espaces_par_defaut(js)
    del choix["tic"]
    choix["flux"] = "OUI"
    r = js.post("/api/espaces", json={"espaces": choix})
    assert r.status_code == 422
    assert r.json()["erreurs"] == {"espaces.tic": "Choisissez OUI ou NON.", "espaces.flux": "Choisissez OUI ou NON."}


def test_steps_out_of_order_send_back_to_the_start(js):
    for point in ("/api/informations", "/api/espaces", "/api/courriel-envoye"):
        r = js.get(point)
        assert r.status_code == 409 and r.json() == {"suite": "/inscription"}, point
    assert js.post("/api/espaces", json={"espaces": {}}).status_code == 409


@pytest.mark.parametrize("methode, point", [("post", "/api/identification"), ("post", "/api/informations"),
                                            ("post", "/api/espaces"), ("post", "/api/activation/x"),
                                            ("post", "/api/nouveau-lien"), ("post", "/api/connexion"),
                                            ("post", "/api/compte"), ("post", "/api/deconnexion")])
def test_unreadable_requests_never_answer_5xx(js, methode, point):
    etape1(js)
    essais = [
        dict(data={"login": "a@example.org"}),                                  # a form, not JSON
        dict(content=b"{pas du json", headers={"Content-Type": "application/json"}),
        dict(content=b"\xff\xfe", headers={"Content-Type": "application/json"}),
        dict(json=["une", "liste"]),
        dict(json={"login": {"a": 1}, "siret": 1.5, "espaces": [1], "mdp": None, "services": "x", "jeton": 3}),
        dict(json=None),
    ]
    for i, essai in enumerate(essais):
        r = getattr(js, methode)(point, **essai)
        assert r.status_code < 500, (essai, r.status_code, r.text)
        if i != 4:  # a JSON object of the wrong types may pass where it is not read (logging out)
            assert 400 <= r.status_code < 500, (essai, r.status_code, r.text)
        assert "erreurs" in r.json() or "suite" in r.json() or "etat" in r.json(), r.text


def test_unknown_api_path_answers_json_404(js):
    r = js.get("/api/inexistant")
    assert r.status_code == 404 and r.json() == {"erreurs": {"requete": "Page introuvable."}}
    assert js.post("/inscription", data={"a": "b"}).status_code == 405  # no HTML form route in this variant


# ---------------------------------------------------------------------- shells
def _sans_champ(html: str, chemin_: str) -> None:
    doc = lxml.html.document_fromstring(html)
    assert not doc.xpath("//form|//input|//select|//textarea|//button"), f"{chemin_} : champ dans le HTML"
    assert doc.findtext(".//title").strip(), chemin_
    app = doc.get_element_by_id("app")
    assert app.tag == "main" and len(app) == 0 and not (app.text or "").strip(), chemin_
    assert [s.get("src") for s in doc.iter("script")] == ["/statique/app.js"], chemin_


def test_shell_pages_carry_no_form_field_for_a_plain_http_client(processus_js, boite):
    http = requests.Session()
    for chemin_ in COQUILLES:
        r = http.get(processus_js + chemin_, timeout=5)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), chemin_
        _sans_champ(r.text, chemin_)
    assert "Identifiez-vous" in http.get(processus_js + "/inscription", timeout=5).text  # its title
    assert http.get(processus_js + "/", timeout=5).url.endswith("/inscription")
    # the activation page reached from the mail, its cancel page, and the refused-link page are shells too
    u = inscrire(http_json(http, processus_js), boite)
    for chemin_ in (u["lien"], u["lien"] + "/annulation", "/activation/inconnu"):
        r = http.get(processus_js + chemin_, timeout=5)
        assert r.status_code == 200, chemin_
        _sans_champ(r.text, chemin_)
    assert requests.get(processus_js + "/statique/app.js", timeout=5).status_code == 200


class http_json:
    """requests.Session with a base URL, shaped like TestClient for ``inscrire``."""

    def __init__(self, session: requests.Session, base: str) -> None:
        self.s, self.base = session, base

    def get(self, chemin_, **kw):
        return self.s.get(self.base + chemin_, timeout=10, **kw)

    def post(self, chemin_, **kw):
        return self.s.post(self.base + chemin_, timeout=10, **kw)


# ---------------------------------------------------------------------- seeded faults
def siret_cle_script_seulement(c, boite, sirene) -> bool:
    """True when the rule holds: the API refuses a wrong check digit (which INSEE is made to know)."""
    s = siret_cle_fausse()
    sirene.enregistrer(s, "diffusible")
    r, _, _ = etape1(c, siret=s)
    return r.status_code == 422 and "clé de contrôle" in r.json()["erreurs"].get("siret", "")


def mdp_longueur_script_seulement(c, boite, sirene) -> bool:
    u = inscrire(c, boite)
    r = activer(c, u["jeton"], "Abcdef1!")  # 8 characters, 4 kinds
    return r.status_code == 422 and "12 caractères" in r.json()["erreurs"].get("mdp", "")


def adresse_format_script_seulement(c, boite, sirene) -> bool:
    r, _, _ = etape1(c, login="sans-arobase.example.org")
    refuse_1 = r.status_code == 422 and "login" in r.json()["erreurs"]
    etape1(c)
    r = c.post("/api/informations", json=corps_informations(c, contact="a@@example.org", resaisie="a@@example.org"))
    return refuse_1 and r.status_code == 422 and "contact" in r.json()["erreurs"]


def resaisie_script_seulement(c, boite, sirene) -> bool:
    etape1(c)
    r = c.post("/api/informations", json=corps_informations(c, resaisie=adresse("autre")))
    return r.status_code == 422 and "resaisie" in r.json()["erreurs"]


def nom_prenom_script_seulement(c, boite, sirene) -> bool:
    etape1(c)
    r = c.post("/api/informations", json=corps_informations(c, nom="", prenom=""))
    return r.status_code == 422 and {"nom", "prenom"} <= set(r.json()["erreurs"])


def services_script_seulement(c, boite, sirene) -> bool:
    u = inscrire(c, boite)
    c.post("/__test__/services", data={"siret": u["siret"], "nom": "Service achats"})
    second = c.__class__(c.app)  # a second user of the same application, own cookies
    with second:
        etape1(second, siret=u["siret"])
        r = second.post("/api/informations", json=corps_informations(second, rattachement="services", services=[]))
    return r.status_code == 422 and "services" in r.json()["erreurs"]


def confirmation_script_seulement(c, boite, sirene) -> bool:
    u = inscrire(c, boite)
    r = activer(c, u["jeton"], MDP, confirmation=MDP + "x")
    return r.status_code == 422 and "confirmation" in r.json()["erreurs"]


CONTROLES = {f.__name__: f for f in (siret_cle_script_seulement, mdp_longueur_script_seulement,
                                     adresse_format_script_seulement, resaisie_script_seulement,
                                     nom_prenom_script_seulement, services_script_seulement,
                                     confirmation_script_seulement)}


def test_every_js_fault_has_a_check_and_rules():
    assert set(CONTROLES) == set(FAUTES_JS) and not set(FAUTES_JS) & set(FAUTES)
    declarees = tomllib.loads((ICI / "fautes_js.toml").read_text(encoding="utf-8"))["faute"]
    assert {f["nom"] for f in declarees} == set(FAUTES_JS)
    connues = {r["id"] for r in tomllib.loads((RACINE / "features" / "regles.toml").read_text("utf-8"))["regle"]}
    for f in declarees:
        assert f["regles"] and set(f["regles"]) <= connues, f


@pytest.mark.parametrize("faute", sorted(FAUTES_JS))
def test_js_fault_changes_the_api_only(fabrique_js, boite, sirene, faute):
    assert CONTROLES[faute](fabrique_js(), boite, sirene), f"sans faute, l'API devrait refuser ({faute})"
    assert not CONTROLES[faute](fabrique_js(fautes=[faute]), boite, sirene), f"avec {faute}, l'API devrait accepter"


def test_js_faults_keep_the_other_refusals(fabrique_js, boite):
    c = fabrique_js(fautes=list(FAUTES_JS))
    assert "exactement 14 chiffres" in etape1(c, siret="1234")[0].json()["erreurs"]["siret"]
    u = inscrire(c, boite)
    r = activer(c, u["jeton"], "Abcde1!")  # 7 characters: below the faulty API's 8
    assert r.status_code == 422 and "mdp" in r.json()["erreurs"]
    r = activer(c, u["jeton"], "abcdefghi")  # 9 characters, one kind: the kinds are still checked
    assert r.status_code == 422 and "3 des 4 types" in r.json()["erreurs"]["mdp"]
    assert activer(c, u["jeton"], "Abcdef1!x").status_code == 200


def test_the_script_checks_what_the_faults_leave_to_it():
    """The page's script refuses a wrong SIRET key and a short password itself (the faults rely on it)."""
    script = (RACINE / "temoin" / "statique" / "app.js").read_text(encoding="utf-8")
    assert "cleSiretValide" in script and "err_siret_cle" in script
    assert "err_mdp_longueur" in script and "< 12" in script
    assert "err_resaisie" in script and "err_services" in script and "err_confirmation" in script


def _temoin(*args):
    return subprocess.run([sys.executable, "-m", "temoin", *args], cwd=RACINE, capture_output=True, text=True,
                          timeout=30)


def test_fault_options_by_front():
    r = _temoin("--list-faults", "--front", "js")
    assert r.returncode == 0 and [ligne.split("\t")[0] for ligne in r.stdout.splitlines()] == list(FAUTES_JS)
    base = ["--sirene-url", "http://127.0.0.1:9/api-sirene/3.11", "--test-mode"]
    r = _temoin(*base, "--faute", "siret_cle_script_seulement")
    assert r.returncode == 2 and "--front js" in r.stderr
    r = _temoin(*base, "--front", "js", "--faute", "mdp_longueur_10")
    assert r.returncode == 2 and "--front html" in r.stderr
    r = _temoin("--sirene-url", "http://127.0.0.1:9/api-sirene/3.11", "--front", "js", "--faute",
                "siret_cle_script_seulement")
    assert r.returncode == 2 and "--test-mode" in r.stderr


# ---------------------------------------------------------------------- Chromium
def _libelle(texte: str) -> re.Pattern:
    """A label as the harness reads it: exact, a trailing '*' and ':' ignored."""
    return re.compile(r"^\s*" + re.escape(texte) + r"\s*\*?\s*:?\s*$")


def _parcours_chromium(base: str, boite, sirene, resultat: dict) -> None:
    from playwright.sync_api import expect, sync_playwright

    login, siret = adresse("chromium"), siret_neuf()
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path="/usr/bin/chromium-headless-shell",
                                       args=["--no-sandbox", "--disable-gpu"])
        try:
            page = navigateur.new_page()
            page.set_default_timeout(10_000)
            envois = []
            page.on("request", lambda req: envois.append((req.method, req.url, req.headers.get("content-type"),
                                                          req.post_data)) if "/api/" in req.url else None)
            page.goto(base + "/inscription")
            expect(page.get_by_role("heading", level=1)).to_have_text("Identifiez-vous")
            expect(page.get_by_role("heading", name="Vous êtes nouveau sur Chorus Pro ?")).to_be_visible()
            page.get_by_label(_libelle("Adresse électronique de connexion")).fill(login)
            champ_siret = page.get_by_label(_libelle("Numéro de SIRET"))

            # a wrong check digit: the script refuses it, the error tied to the field, the address kept
            champ_siret.fill(siret_cle_fausse())
            page.get_by_role("button", name="Valider", exact=True).click()
            expect(champ_siret).to_have_attribute("aria-invalid", "true")
            expect(champ_siret).to_have_accessible_description(re.compile("clé de contrôle"))
            expect(page.get_by_label(_libelle("Adresse électronique de connexion"))).to_have_value(login)
            assert not [e for e in envois if e[0] == "POST"], envois

            champ_siret.fill(f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}")
            page.get_by_role("button", name="Valider", exact=True).click()
            page.wait_for_url("**/inscription/informations")
            post = [e for e in envois if e[0] == "POST"][-1]
            assert post[1].endswith("/api/identification") and post[2].startswith("application/json"), post

            # step 2
            expect(page.get_by_role("group", name="Je complète mes informations personnelles")).to_be_visible()
            expect(page.get_by_role("region", name="Les informations de ma structure")).to_be_visible()
            contact = page.get_by_label(_libelle("Adresse électronique de connexion"))
            expect(contact).to_have_value(login)
            expect(contact).to_have_accessible_description(re.compile("valide"))
            expect(page.get_by_label(_libelle("Raison Sociale"))).not_to_have_value("")
            consentement = page.get_by_label(re.compile(r"^\s*J'accepte que mon nom, prénom et adresse électronique"))
            expect(consentement).not_to_be_checked()
            page.get_by_label(_libelle("Résaisissez votre adresse électronique de connexion")).fill("autre@example.org")
            page.get_by_label(_libelle("Nom")).fill("Lefèvre")
            page.get_by_label(_libelle("Prénom")).fill("Zoé")
            page.get_by_label(_libelle("Entrez les caractères générés par l'image")).fill(CAPTCHA)
            page.get_by_role("button", name="Valider", exact=True).click()
            resaisie = page.get_by_label(_libelle("Résaisissez votre adresse électronique de connexion"))
            expect(resaisie).to_have_attribute("aria-invalid", "true")  # refused by the server
            expect(resaisie).to_have_accessible_description(re.compile("diffèrent"))
            expect(page.get_by_label(_libelle("Nom"))).to_have_value("Lefèvre")  # the other values kept
            resaisie.fill(login)
            page.get_by_label(_libelle("Entrez les caractères générés par l'image")).fill(CAPTCHA)
            page.get_by_role("button", name="Valider", exact=True).click()
            page.wait_for_url("**/inscription/espaces")

            # step 3
            expect(page.get_by_role("heading", name="Bienvenue Zoé Lefèvre")).to_be_visible()
            expect(page.get_by_text(f"Votre compte utilisateur {login} a été créé.")).to_be_visible()
            # OUI/NON as toggle buttons (aria-pressed), as component libraries draw them
            expect(page.get_by_role("group", name="Factures émises").get_by_role("button", name="OUI", pressed=True)) \
                .to_be_visible()
            page.get_by_role("group", name="Engagements").get_by_role("button", name="OUI").click()
            expect(page.get_by_role("group", name="Engagements").get_by_role("button", name="NON", pressed=False)) \
                .to_be_visible()
            page.get_by_role("button", name="Valider", exact=True).click()
            expect(page.get_by_text("Votre compte est créé et un courriel d'activation est envoyé")).to_be_visible()
            expect(page.get_by_text("vous en êtes le gestionnaire principal")).to_be_visible()

            # step 4, from the mail's link
            lien = re.findall(r"https?://\S+", boite.attendre(login)[-1]["text"])[0]
            page.goto(lien)
            expect(page.get_by_role("heading", name="Activation du compte utilisateur")).to_be_visible()
            mdp = page.get_by_label(_libelle("Mot de passe"))
            mdp.fill("Ab1!")
            page.get_by_label(_libelle("Confirmation")).fill("Ab1!")
            # a combobox and its listbox in place of a <select>
            question = page.get_by_role("combobox", name=_libelle("Question secrète"))
            question.click()
            page.get_by_role("option", name="Dans quelle ville êtes-vous né(e) ?").click()
            expect(question).to_have_text("Dans quelle ville êtes-vous né(e) ?")
            page.get_by_label(_libelle("Réponse")).fill("Quimper")
            page.get_by_role("button", name="Valider", exact=True).click()
            expect(mdp).to_have_attribute("aria-invalid", "true")  # the script's own length check
            expect(mdp).to_have_accessible_description(re.compile("12 caractères"))
            mdp.fill(MDP)
            jauge = page.get_by_role("meter", name="Complexité du mot de passe")
            expect(jauge).to_have_attribute("value", "4")
            page.get_by_label(_libelle("Confirmation")).fill(MDP)
            page.get_by_role("button", name="Valider", exact=True).click()
            expect(page.get_by_text("Votre compte est désormais actif")).to_be_visible()

            # login, account page
            page.get_by_role("link", name="Aller à la page de connexion").click()
            page.wait_for_url("**/se-connecter")
            page.get_by_label(_libelle("Adresse électronique de connexion")).fill(login)
            page.get_by_label(_libelle("Mot de passe")).fill(MDP)
            page.get_by_role("button", name="Connexion", exact=True).click()
            page.wait_for_url("**/mon-espace")
            expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace utilisateur")
            expect(page.get_by_role("group", name="Engagements").get_by_role("button", name="OUI", pressed=True)) \
                .to_be_visible()
            resultat["ok"] = True
        finally:
            navigateur.close()


def test_chromium_drives_the_js_front_through_the_whole_sign_up(processus_js, boite, sirene):
    resultat: dict = {}

    def parcours():
        try:
            _parcours_chromium(processus_js, boite, sirene, resultat)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            resultat["erreur"] = exc

    # Its own thread: pytest-playwright's session (other test files) keeps an event loop in the main thread,
    # where Playwright's sync API refuses to start a second one.
    fil = threading.Thread(target=parcours)
    fil.start()
    fil.join(180)
    if "erreur" in resultat:
        raise resultat["erreur"]
    assert resultat.get("ok"), "le parcours dans Chromium n'a pas abouti"
