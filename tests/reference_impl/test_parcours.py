"""The whole flow over Flask's test client, from identification to the account page."""
from __future__ import annotations

from .helpers import (SIRET, activate, activation_path, field_error, identification, informations, login,
                      page_text, sign_up, submit)


def test_whole_flow_to_account_page(client, smtp):
    adresse = "gwenael.fumoux@exemple.fr"
    response = identification(client, adresse, "356 000 000.09075")
    assert response.request.path == "/informations"
    html = response.get_data(as_text=True)
    assert 'value="AGENCE INFORMATIQUE FINANCIERE ETAT"' in html
    assert 'value="10 RUE DU CENTRE"' in html and 'value="93160"' in html and 'value="France"' in html

    response = informations(client, adresse)
    assert response.request.path == "/espaces"
    text = page_text(response)
    assert "Bienvenue Gwenaël Fumoux" in text
    assert f"Votre compte utilisateur {adresse} a été créé." in text

    response = submit(client, "/espaces", {
        "espace_remboursement_tic": "NON", "espace_engagements": "OUI", "espace_factures_a_valider": "NON",
        "espace_factures_travaux": "NON", "espace_factures_emises": "OUI", "espace_frais_justice": "NON",
        "espace_edi_api": "NON", "espace_suivi_flux": "NON"})
    text = page_text(response)
    assert "Votre compte est créé et un courriel d'activation est envoyé" in text
    assert "vous en êtes le gestionnaire principal" in text

    (mail,) = smtp.to(adresse)
    assert mail.subject and len(mail.links) == 1 and mail.links[0].startswith("http://chorus.test/activation/")
    assert login(client, adresse).request.path == "/connexion"  # not active yet

    path = activation_path(smtp, adresse)
    text = page_text(client.get(path))
    assert "Activation du compte utilisateur" in text and adresse in text and "Fumoux" in text
    assert "Votre compte est désormais actif" in page_text(activate(client, path))

    response = login(client, adresse)
    assert response.request.path == "/mon-compte"
    text = page_text(response)
    assert f"Structure AGENCE INFORMATIQUE FINANCIERE ETAT (SIRET {SIRET})" in text
    assert "Rôle Gestionnaire principal" in text
    assert "Rattachement La structure (y compris l'ensemble des services de ma structure)" in text
    html = response.get_data(as_text=True)
    assert 'id="espace_engagements-oui" name="espace_engagements" value="OUI" checked' in html

    response = submit(client, "/mon-compte", {
        "espace_remboursement_tic": "OUI", "espace_engagements": "NON", "espace_factures_a_valider": "NON",
        "espace_factures_travaux": "NON", "espace_factures_emises": "OUI", "espace_frais_justice": "NON",
        "espace_edi_api": "NON", "espace_suivi_flux": "NON", "consentement": "oui"})
    html = response.get_data(as_text=True)
    assert "Vos modifications ont été enregistrées." in html
    assert 'id="espace_remboursement_tic-oui" name="espace_remboursement_tic" value="OUI" checked' in html
    assert 'name="consentement" value="oui" checked' in html

    response = submit(client, "/deconnexion", {}, page="/mon-compte")
    assert response.request.path == "/connexion"
    assert client.get("/mon-compte").headers["Location"].endswith("/connexion")


def test_identification_errors_keep_values(client, sirene):
    response = identification(client, "pas-une-adresse", "35600000000014")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.request.path == "/"
    assert "Adresse électronique de connexion" in field_error(html, "adresse_connexion")
    assert field_error(html, "siret") == ("Numéro de SIRET : la clé de contrôle est invalide, "
                                          "vérifiez le numéro saisi.")
    assert 'value="pas-une-adresse"' in html and 'value="35600000000014"' in html
    assert sirene.requests == []  # an invalid SIRET is not looked up


def test_siret_too_short_unknown_and_closed(client, sirene):
    html = identification(client, "a@exemple.fr", "1234").get_data(as_text=True)
    assert "14 chiffres" in field_error(html, "siret")
    sirene.cases["35600000000048"] = "inconnu"
    html = identification(client, "a@exemple.fr", "35600000000048").get_data(as_text=True)
    assert "inconnu de l'INSEE" in field_error(html, "siret")
    sirene.cases["35600000000048"] = "ferme"
    html = identification(client, "a@exemple.fr", "35600000000048").get_data(as_text=True)
    assert "fermé" in field_error(html, "siret")
    assert sirene.requests[0]["key"] == "chorus-reference"


def test_sirene_unavailable_leaves_structure_to_fill(client, sirene):
    sirene.cases[SIRET] = 503
    response = identification(client, "a@exemple.fr", SIRET)
    text = page_text(response)
    assert response.request.path == "/informations"
    assert "INSEE (répertoire Sirene) ne peut pas répondre" in text
    html = response.get_data(as_text=True)
    assert 'id="raison_sociale" name="raison_sociale" type="text" value=""' in html
    assert "readonly" not in html.split('id="raison_sociale"')[1].split(">")[0]
    html = informations(client, "a@exemple.fr", raison_sociale="").get_data(as_text=True)
    assert field_error(html, "raison_sociale") == "Raison Sociale : ce champ est obligatoire."
    assert informations(client, "a@exemple.fr", raison_sociale="MA SOCIETE").request.path == "/espaces"


def test_sirene_timeout_also_counts_as_unavailable(client, sirene):
    sirene.cases[SIRET] = "lent"
    assert "ne peut pas répondre" in page_text(identification(client, "a@exemple.fr", SIRET))


def test_non_diffusible_hides_address(client, sirene):
    sirene.cases[SIRET] = "P"
    response = identification(client, "a@exemple.fr", SIRET)
    html = response.get_data(as_text=True)
    assert "[ND]" not in html
    for field in ("adresse", "code_postal", "ville", "pays"):
        assert f'id="{field}"' not in html
    assert 'id="non_diffusible" name="non_diffusible" value="oui" checked' in html
    assert 'value="BATIMENT B"' in html  # Complément adresse 1 stays
    assert informations(client, "a@exemple.fr").request.path == "/espaces"


def test_informations_errors(client):
    identification(client, "a@exemple.fr")
    response = informations(client, "a@exemple.fr", adresse_contact_confirmation="b@exemple.fr", nom="",
                            captcha="FAUX", prenom="Jeanne")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and response.request.path == "/informations"
    assert field_error(html, "adresse_contact_confirmation") == (
        "Résaisissez votre adresse électronique de connexion : les deux adresses doivent être identiques.")
    assert field_error(html, "nom") == "Nom : ce champ est obligatoire."
    assert field_error(html, "captcha").startswith("Entrez les caractères générés par l'image : ")
    assert field_error(html, "prenom") is None and 'value="Jeanne"' in html
    assert 'id="consentement" name="consentement" value="oui">' in html  # not checked by default


def test_contact_address_is_marked_valid_and_required_fields_marked(client):
    html = identification(client, "a@exemple.fr").get_data(as_text=True)
    assert 'aria-describedby="adresse_contact-valide adresse_contact-aide"' in html
    assert "✓ Adresse valide" in html
    assert '<label for="nom">Nom <span class="obligatoire">*</span></label>' in html
    assert 'alt="Image de sécurité (captcha)' in html and "data:image/png;base64," in html
    assert client.get("/captcha/audio").mimetype == "audio/wav"


def test_captcha_real_answer_is_accepted(client, app):
    identification(client, "a@exemple.fr")
    client.get("/informations")
    with client.session_transaction() as session:
        captcha_id = session["captcha_id"]
    with app.app_context():
        from reference_impl import store
        from reference_impl.db import get_db
        answer = store.captcha_answer(get_db(), captcha_id)
    html = client.get("/informations").get_data(as_text=True)  # a new challenge replaces it
    assert answer and captcha_id not in html
    assert informations(client, "a@exemple.fr", captcha=answer).request.path == "/informations"


def test_existing_account_goes_through_same_pages(client, smtp, app):
    adresse = "deja@exemple.fr"
    sign_up(client, adresse)
    activate(client, activation_path(smtp, adresse))
    other = app.test_client()
    response = sign_up(other, adresse, nom="Autre", rattachement="structure")
    assert "Votre compte est créé et un courriel d'activation est envoyé" in page_text(response)
    mails = smtp.to(adresse)
    assert len(mails) == 2
    assert "existe déjà" in mails[1].text and mails[1].links == ["http://chorus.test/connexion"]
    assert login(other, adresse).request.path == "/mon-compte"  # the first account, unchanged
    assert "Fumoux" in page_text(other.get("/mon-compte"))


def test_existing_inactive_account_gets_a_new_activation_link(client, smtp, app):
    adresse = "pas-active@exemple.fr"
    sign_up(client, adresse)
    sign_up(app.test_client(), adresse, rattachement="structure")
    first, second = smtp.to(adresse)
    assert "/activation/" in second.links[0] and first.links != second.links


def test_second_user_chooses_rattachement(client, smtp, app):
    sign_up(client, "premier@exemple.fr")
    controls = app.test_client()
    assert controls.post("/__test__/services", data={"siret": SIRET, "nom": "Service achats"}).status_code == 201
    controls.post("/__test__/services", data={"siret": SIRET, "nom": "Service RH"})

    second = app.test_client()
    html = identification(second, "second@exemple.fr").get_data(as_text=True)
    assert "<legend>Je me rattache à" in html and "<legend>Services</legend>" in html
    assert "Service achats" in html and "Service RH" in html

    html = informations(second, "second@exemple.fr").get_data(as_text=True)
    assert "choisissez" in field_error(html, "rattachement-structure")
    html = informations(second, "second@exemple.fr", rattachement="services").get_data(as_text=True)
    assert field_error(html, "services-1") == "Services : cochez au moins un service de la structure."

    response = informations(second, "second@exemple.fr", rattachement="services", services="1")
    assert response.request.path == "/espaces"
    response = submit(second, "/espaces", {f"espace_{k}": "NON" for k in (
        "remboursement_tic", "engagements", "factures_a_valider", "factures_travaux", "factures_emises",
        "frais_justice", "edi_api", "suivi_flux")})
    assert "gestionnaire principal" not in page_text(response)
    activate(second, activation_path(smtp, "second@exemple.fr"))
    text = page_text(login(second, "second@exemple.fr"))
    assert "Rôle Utilisateur" in text and "Rattachement Uniquement certains services : Service achats" in text
    with app.app_context():
        from reference_impl.db import get_db
        assert get_db().execute("SELECT COUNT(*) FROM structure").fetchone()[0] == 1


def test_no_session_redirects_to_start(client):
    assert client.get("/informations").headers["Location"] == "/"
    assert client.get("/espaces").headers["Location"] == "/"


def test_sans_siret_page_names_other_identifiers(client):
    response = client.get("/")
    assert 'href="/sans-siret">Je n&#39;ai pas de numéro de SIRET</a>' in response.get_data(as_text=True) or \
        "Je n'ai pas de numéro de SIRET" in response.get_data(as_text=True)
    text = page_text(client.get("/sans-siret"))
    for name in ("UE hors France", "Hors UE", "RIDET", "Tahiti", "Particulier", "Autre"):
        assert name in text


def test_every_page_has_title_h1_and_lang(client):
    for path in ("/", "/sans-siret", "/connexion", "/aide", "/activation/annulee"):
        html = client.get(path).get_data(as_text=True)
        assert '<html lang="fr">' in html and html.count("<h1>") == 1 and "<title>" in html
