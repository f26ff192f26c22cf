"""The whole guide over Starlette's TestClient, against the project's fake Sirene and SMTP capture."""
from __future__ import annotations


import pytest

from . import parcours as p
from .outils import Page, siret_neuf

GUIDE_ESPACES = ("Demande de remboursement TIC", "Engagements", "Factures à valider", "Factures de travaux",
                 "Factures émises", "Mémoires de frais de justice", "Raccordement EDI et API", "Suivi des flux")


def _sans_for_ni_id(page: Page) -> None:
    assert not page.doc.xpath("//label[@for]")
    for el in page.champs():
        assert el.get("name", "").startswith("f_"), el.get("name")


# ------------------------------------------------------------------ step 1
def test_identification_page(temoin):
    page = temoin.ouvrir("/")
    assert page.url.endswith("/inscription")
    assert page.h1 == "Identifiez-vous"
    assert [h.text_content() for h in page.doc.iter("h2")] == ["Vous êtes nouveau sur Chorus Pro ?"]
    assert page.doc.findtext(".//title").startswith("Identifiez-vous")
    for libelle in ("Adresse électronique de connexion", "Numéro de SIRET"):
        champ = page.champ(libelle)
        assert champ.get("required") is not None
        assert "*" in champ.getparent().text_content()
    assert page.champ("Adresse électronique de connexion").get("type") == "email"
    assert "Valider" in page.boutons()
    assert "Besoin d'aide ? Posez une question" in page.liens()
    _sans_for_ni_id(page)
    autre = temoin.ouvrir(page.liens()["Je n'ai pas de numéro de SIRET"])
    assert autre.statut == 200
    for mot in ("UE hors France", "hors UE", "RIDET", "Tahiti", "Particulier", "Autre"):
        assert mot in autre.texte


@pytest.mark.parametrize("adresse", ["", "pas-une-adresse", "jean@exemple", "jean..x@example.org"])
def test_identification_refuses_bad_address(temoin, adresse):
    page = p.identification(temoin, adresse, siret_neuf())
    assert page.statut == 422
    assert page.h1 == "Identifiez-vous"
    assert page.erreur("Adresse électronique de connexion")
    assert page.erreur("Numéro de SIRET") is None


@pytest.mark.parametrize("cas", ["vide", "court", "lettre", "cle"])
def test_identification_refuses_bad_siret(temoin, cas):
    bon = siret_neuf()
    siret = {"vide": "", "court": bon[:12], "lettre": bon[:4] + "X" + bon[5:],
             "cle": bon[:13] + str((int(bon[13]) + 3) % 10)}[cas]
    page = p.identification(temoin, "jean@example.org", siret)
    assert page.statut == 422
    assert page.erreur("Numéro de SIRET"), page.texte
    assert page.valeur("Adresse électronique de connexion") == "jean@example.org"  # kept
    if cas == "cle":
        assert "clé de contrôle" in page.erreur("Numéro de SIRET")


def test_identification_unknown_and_closed(temoin, sirene):
    inconnu, ferme = siret_neuf(), siret_neuf()
    sirene.enregistrer(inconnu, "inconnu")
    sirene.enregistrer(ferme, "ferme")
    page = p.identification(temoin, "jean@example.org", inconnu)
    assert "INSEE" in page.erreur("Numéro de SIRET") and "ne connaît" in page.erreur("Numéro de SIRET")
    page = p.identification(temoin, "jean@example.org", ferme)
    assert "fermé" in page.erreur("Numéro de SIRET")


def test_identification_accepts_spaces_dots_and_la_poste(temoin):
    s = siret_neuf()
    page = p.identification(temoin, "jean@example.org", f"{s[:3]} {s[3:6]}.{s[6:9]} {s[9:]}")
    assert page.h1 == "Complétez les informations demandées"
    assert page.termes()["Identifiant"] == s
    page = p.identification(temoin, "jean@example.org", "35600000049837")
    assert page.h1 == "Complétez les informations demandées"


# ------------------------------------------------------------------ step 2
def test_informations_page_prefilled_from_insee(temoin, sirene):
    s = siret_neuf()
    etab = sirene.etablissement(s)
    page = p.identification(temoin, "marie@example.org", s)
    assert page.h1 == "Complétez les informations demandées"
    assert page.groupe("Je complète mes informations personnelles").tag == "fieldset"
    region = page.doc.xpath("//section[@aria-labelledby]")[0]
    titre = page.doc.get_element_by_id(region.get("aria-labelledby"))
    assert titre.tag in ("div", "p") and titre.text_content() == "Les informations de ma structure"
    _sans_for_ni_id(page)
    contact = page.champ("Adresse électronique de connexion")
    assert contact.get("value") == "marie@example.org"
    assert "valide" in page.description(contact)
    assert not page.coche("J'accepte que mon nom, prénom et adresse électronique soient utilisés par le Ministère "
                          "de l'Action et des Comptes publics (et par le prestataire réalisant les enquêtes de "
                          "satisfaction pour le compte de l'AIFE) afin de recevoir l'enquête de satisfaction sur "
                          "Chorus Pro. Je note par ailleurs que je pourrai à tout moment exercer mon droit de "
                          "retrait en décochant l'option.")
    img = page.doc.xpath("//img")[0]
    assert img.get("alt")
    assert temoin.http.get(img.get("src")).headers["content-type"].startswith("image/svg")
    adr = etab["adresseEtablissement"]
    assert page.valeur("Raison Sociale") == etab["uniteLegale"]["denominationUniteLegale"]
    assert adr["numeroVoieEtablissement"] in page.valeur("Adresse")
    assert adr["libelleVoieEtablissement"] in page.valeur("Adresse")
    assert page.valeur("Code postal") == adr["codePostalEtablissement"]
    assert page.valeur("Ville") == adr["libelleCommuneEtablissement"]
    assert page.valeur("Pays") == "France"
    assert not page.coche("Non diffusible INSEE")
    assert "Je me rattache à" not in page.groupes()
    for libelle in ("Résaisissez votre adresse électronique de connexion", "Nom", "Prénom",
                    "Entrez les caractères générés par l'image", "Raison Sociale"):
        assert page.champ(libelle).get("required") is not None
    for libelle in ("Libellé de la structure", "Complément adresse 1", "Complément adresse 2"):
        assert page.champ(libelle).get("readonly") is None


def test_informations_refusals_keep_values(temoin):
    p.identification(temoin, "paul@example.org", siret_neuf())
    page = p.informations(temoin, resaisie="autre@example.org", captcha="FAUX", raison="Ma Société",
                          nom="", **{"Ville": "Brest"})
    assert page.statut == 422
    assert "identiques" in page.erreur("Résaisissez votre adresse électronique de connexion") \
        or "diffèrent" in page.erreur("Résaisissez votre adresse électronique de connexion")
    assert page.erreur("Entrez les caractères générés par l'image")
    assert page.erreur("Nom")
    assert page.erreur("Prénom") is None
    assert page.valeur("Prénom") == "Zoé"
    assert page.valeur("Ville") == "Brest"
    assert page.valeur("Raison Sociale") == "Ma Société"
    contact = page.champ("Adresse électronique de connexion")
    temoin.remplir("Adresse électronique de connexion", "pas une adresse")
    page = p.informations(temoin)
    assert page.erreur("Adresse électronique de connexion")
    assert contact is not None


def test_contact_address_editable_but_mail_to_login(temoin, boite):
    login = p.adresse("login")
    p.identification(temoin, login, siret_neuf())
    temoin.remplir("Adresse électronique de connexion", "contact.modifie@example.org")
    temoin.remplir("Résaisissez votre adresse électronique de connexion", "contact.modifie@example.org")
    temoin.remplir("Nom", "Durand")
    temoin.remplir("Prénom", "Anne-Sophie")
    temoin.remplir("Entrez les caractères générés par l'image", "TEST-CAPTCHA")
    page = temoin.valider("Valider")
    assert page.doc.findtext(".//h2") == "Bienvenue Anne-Sophie Durand"
    assert f"Votre compte utilisateur {login} a été créé." in page.texte
    p.espaces(temoin)
    assert boite.attendre(login) and not boite.messages("contact.modifie@example.org")
    page = temoin.ouvrir(p.chemin(p.liens(boite, login)[0]))
    termes = page.termes()
    assert termes["Adresse électronique de connexion"] == login
    assert termes["Adresse électronique de contact"] == "contact.modifie@example.org"
    assert termes["Nom"] == "Durand" and termes["Prénom"] == "Anne-Sophie"


def test_non_diffusible(temoin, sirene):
    s = siret_neuf()
    sirene.enregistrer(s, "partiellement_diffusible")
    page = p.identification(temoin, "nd@example.org", s)
    assert page.coche("Non diffusible INSEE")
    assert "[ND]" not in page.html
    for libelle in ("Adresse", "Code postal", "Ville", "Pays"):
        assert not page.a_champ(libelle)
    page = p.informations(temoin, raison="Entreprise confidentielle")
    assert page.h1 == "Ouvrez vos espaces de travail"


def test_insee_unavailable(temoin, sirene):
    s = siret_neuf()
    sirene.enregistrer(s, "erreur_503")
    page = p.identification(temoin, "indispo@example.org", s)
    assert page.h1 == "Complétez les informations demandées"
    assert "INSEE est indisponible" in page.texte
    for libelle in ("Raison Sociale", "Adresse", "Code postal", "Ville", "Pays"):
        assert page.valeur(libelle) == ""
        assert page.champ(libelle).get("readonly") is None
    page = p.informations(temoin, raison="Saisie à la main", **{"Ville": "Rennes", "Pays": "France"})
    assert page.h1 == "Ouvrez vos espaces de travail"


def test_insee_timeout(temoin, sirene):
    s = siret_neuf()
    sirene.enregistrer(s, "lent", delai=6)
    page = p.identification(temoin, "lent@example.org", s)
    assert "INSEE est indisponible" in page.texte


def test_existing_structure_attachment(fabrique, boite):
    premier = fabrique()
    second = fabrique(meme_que=premier)
    u1 = p.inscrire(premier, boite, raison="Société Première")
    r = premier.http.post("/__test__/services", data={"siret": u1["siret"], "nom": "Service achats"})
    assert r.status_code == 200
    premier.http.post("/__test__/services", data={"siret": u1["siret"], "nom": "Service travaux"})
    login2 = p.adresse("second")
    page = p.identification(second, login2, u1["siret"])
    groupes = page.groupes()
    assert "Je me rattache à" in groupes and "Services de la structure" in groupes
    page = p.informations(second)  # missing choice
    assert page.statut == 422 and page.erreur("Je me rattache à", groupe_=True)
    page = p.informations(second, rattachement="Uniquement certains services")  # no service ticked
    assert page.erreur("Services de la structure", groupe_=True)
    page = p.informations(second, rattachement="Uniquement certains services", services=["Service travaux"],
                          raison="Tentative de renommage")
    assert page.h1 == "Ouvrez vos espaces de travail"
    page = p.espaces(second)
    assert "Votre compte est créé et un courriel d'activation est envoyé" in page.texte
    assert "gestionnaire principal" not in page.texte
    p.activer(second, p.liens(boite, login2)[0])
    compte = p.connecter(second, login2)
    termes = compte.termes()
    assert termes["Mon rôle"] == "Utilisateur"
    assert termes["Mon rattachement"] == "Uniquement certains services : Service travaux"
    assert termes["Ma structure"].startswith("Société Première") and u1["siret"] in termes["Ma structure"]
    compte1 = p.connecter(premier, u1["login"])
    assert compte1.termes()["Mon rôle"] == "Gestionnaire principal"
    assert compte1.termes()["Mon rattachement"] == "La structure (y compris l'ensemble des services de ma structure)"


# ------------------------------------------------------------------ step 3
def test_workspaces_defaults_and_choices(temoin, boite):
    login = p.adresse()
    p.identification(temoin, login, siret_neuf())
    page = p.informations(temoin, nom="Martin", prenom="Élodie")
    assert page.h1 == "Ouvrez vos espaces de travail"
    assert page.doc.findtext(".//h2") == "Bienvenue Élodie Martin"
    assert page.doc.findtext(".//caption") == "Mes espaces de travail"
    groupes = page.groupes()
    for espace in GUIDE_ESPACES:
        attendu = "OUI" if espace == "Factures émises" else "NON"
        assert page.coche(attendu, groupe=espace), espace
        assert not page.coche("NON" if attendu == "OUI" else "OUI", groupe=espace)
        assert groupes[espace].get("role") == "radiogroup"
    assert "Réservé au dépôt de factures de travaux (fourisseurs, MOE, MOA)" in page.texte
    page = p.espaces(temoin, {"Engagements": "OUI", "Factures émises": "NON"})
    assert "vous en êtes le gestionnaire principal" in page.texte
    p.activer(temoin, p.liens(boite, login)[0])
    compte = p.connecter(temoin, login)
    assert compte.coche("OUI", groupe="Engagements") and compte.coche("NON", groupe="Factures émises")


def test_workspaces_refuse_missing_value(temoin):
    p.identification(temoin, p.adresse(), siret_neuf())
    p.informations(temoin)
    temoin.page.champ("OUI", groupe="Suivi des flux")
    for radio in temoin.page.champs("Suivi des flux"):
        radio.attrib.pop("checked", None)
    page = temoin.valider("Valider")
    assert page.statut == 422 and page.erreur("Suivi des flux", groupe_=True)


# ------------------------------------------------------------------ step 4
def test_activation_page(temoin, boite):
    u = p.inscrire(temoin, boite, actif=False)
    page = temoin.ouvrir(p.chemin(u["lien"]))
    assert u["lien"].startswith("http://testserver/activation/")
    assert page.h1 == "Activez votre compte utilisateur"
    assert page.doc.findtext(".//h2") == "Activation du compte utilisateur"
    assert {"Informations générales", "Gestion du mot de passe", "Question secrète"} <= set(page.groupes())
    assert "au minimum 12 caractères" in page.texte and "des caractères spéciaux" in page.texte
    for libelle in ("Mot de passe", "Confirmation"):
        assert page.champ(libelle).get("type") == "password" and page.champ(libelle).get("required") is not None
    assert page.champ("Question secrète").tag == "select"
    meter = page.doc.xpath("//meter")[0]
    assert page.libelle(meter) == "Complexité du mot de passe"
    assert "Annuler" in page.liens()


@pytest.mark.parametrize("mdp, confirmation, champ", [
    ("Abcdefghi1!", None, "Mot de passe"),
    ("abcdefghijkl", None, "Mot de passe"),
    ("abcdefghij12", None, "Mot de passe"),
    ("Abcdefghij12", "Abcdefghij13", "Confirmation"),
])
def test_password_refusals(temoin, boite, mdp, confirmation, champ):
    u = p.inscrire(temoin, boite, actif=False)
    page = p.activer(temoin, u["lien"], mdp, confirmation)
    assert page.statut == 422
    assert page.erreur(champ)
    assert page.valeur("Réponse") == "Quimper"


def test_question_and_answer_required(temoin, boite):
    u = p.inscrire(temoin, boite, actif=False)
    page = p.activer(temoin, u["lien"], question=None, reponse="")
    assert page.erreur("Question secrète") and page.erreur("Réponse")


def test_accented_letters_and_spaces_are_special(temoin, boite):
    u = p.inscrire(temoin, boite, actif=False)
    page = p.activer(temoin, u["lien"], "été comme hiver 2")
    assert "Votre compte est désormais actif" in page.texte


def test_link_single_use_cancel_expiry_and_new_link(temoin, boite):
    u = p.inscrire(temoin, boite, actif=False)
    page = temoin.ouvrir(p.chemin(u["lien"]))
    page = temoin.ouvrir(page.liens()["Annuler"])
    assert "pas encore actif" in page.texte
    assert p.connecter(temoin, u["login"]).h1 == "Se connecter à Chorus Pro"
    r = temoin.http.post("/__test__/liens/vieillir", data={"adresse": u["login"], "minutes": "59"})
    assert r.status_code == 200
    assert temoin.ouvrir(p.chemin(u["lien"])).h1 == "Activez votre compte utilisateur"
    temoin.http.post("/__test__/liens/vieillir", data={"adresse": u["login"], "minutes": "2"})
    page = temoin.ouvrir(p.chemin(u["lien"]))
    assert page.statut == 410 and "expiré" in page.texte
    page = temoin.valider("M'envoyer un nouveau lien")
    nouveau = p.liens(boite, u["login"], 2)[-1]
    assert nouveau != u["lien"]
    page = p.activer(temoin, nouveau)
    assert "Votre compte est désormais actif" in page.texte
    page = temoin.ouvrir(p.chemin(nouveau))
    assert page.statut == 410 and "déjà été utilisé" in page.texte
    assert "M'envoyer un nouveau lien" in page.boutons()
    assert temoin.ouvrir("/activation/inexistant").statut == 404


# ------------------------------------------------------------------ after activation
def test_login_same_message_for_every_failure(fabrique, boite):
    c = fabrique()
    actif = p.inscrire(c, boite)
    inactif = p.inscrire(fabrique(meme_que=c), boite, actif=False)
    messages = set()
    for login, mdp in ((actif["login"], "Mauvais-mdp-2024"), ("inconnu@example.org", p.MDP),
                       (inactif["login"], p.MDP)):
        page = p.connecter(c, login, mdp)
        assert page.h1 == "Se connecter à Chorus Pro" and page.statut == 422
        messages.add(page.erreur("Mot de passe"))
    assert len(messages) == 1 and None not in messages
    assert p.connecter(c, actif["login"]).h1 == "Mon espace utilisateur"


def test_account_page_editable(temoin, boite):
    u = p.inscrire(temoin, boite)
    page = p.connecter(temoin, u["login"])
    consentement = [el for el in page.champs() if page.libelle(el).startswith("J'accepte que mon nom")][0]
    assert consentement.get("checked") is None
    temoin.cocher(page.libelle(consentement))
    temoin.cocher("OUI", groupe="Suivi des flux")
    page = temoin.valider("Enregistrer mes choix")
    assert "Vos choix sont enregistrés." in page.texte
    assert page.coche("OUI", groupe="Suivi des flux")
    assert page.coche(page.libelle(consentement))
    temoin.cocher(page.libelle(consentement), False)
    page = temoin.valider("Enregistrer mes choix")
    assert not page.coche(page.libelle(consentement))
    assert temoin.ouvrir("/mon-espace").h1 == "Mon espace utilisateur"
    temoin.valider("Se déconnecter")
    assert temoin.ouvrir("/mon-espace").h1 == "Se connecter à Chorus Pro"


# ------------------------------------------------------------------ robustness
def test_csrf_token_required(temoin):
    temoin.ouvrir("/")
    r = temoin.http.post("/inscription", data={"f_7a1": "a@example.org", "f_3c9": siret_neuf()})
    assert r.status_code == 403 and "Identifiez-vous" in r.text


def test_test_controls_absent_without_test_mode(fabrique):
    c = fabrique(mode_test=False)
    assert c.http.post("/__test__/liens/vieillir", data={"adresse": "a@b.fr", "minutes": "5"}).status_code == 404
    assert c.http.post("/__test__/services", data={"siret": "1", "nom": "x"}).status_code == 404
    page = c.ouvrir("/")
    c.remplir("Adresse électronique de connexion", "x@example.org")
    c.remplir("Numéro de SIRET", siret_neuf())
    page = c.valider("Valider")
    page = p.informations(c)  # the test answer is not accepted outside test mode
    assert page.erreur("Entrez les caractères générés par l'image")


@pytest.mark.parametrize("valeur", ["\x00", "é" * 5000, "<script>alert(1)</script>", "%ff%fe"])
def test_junk_never_gives_a_server_error(temoin, valeur):
    temoin.ouvrir("/")
    temoin.remplir("Adresse électronique de connexion", valeur)
    temoin.remplir("Numéro de SIRET", valeur)
    page = temoin.valider("Valider")
    assert page.statut < 500
    assert "<script>alert(1)</script>" not in page.html
    p.identification(temoin, "j@example.org", siret_neuf())
    page = p.informations(temoin, nom=valeur, prenom=valeur, raison=valeur)
    assert page.statut < 500


def test_invalid_utf8_never_gives_a_server_error(temoin):
    page = temoin.ouvrir("/")
    jeton = page.doc.xpath("//input[@type='hidden']")[0].get("value")
    r = temoin.http.post("/inscription", content=b"f_0=" + jeton.encode() + b"&f_7a1=%ED%A0%80%FF&f_3c9=\xff\xfe",
                         headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code < 500


def test_pages_without_session_redirect_to_start(temoin):
    for chemin in ("/inscription/informations", "/inscription/espaces", "/inscription/courriel-envoye"):
        assert temoin.ouvrir(chemin).h1 == "Identifiez-vous"
    assert temoin.ouvrir("/nulle-part").statut == 404
