"""Step 4: the activation mail and link (validity, single use, new link), the password form."""
from __future__ import annotations

from reference_impl import store
from reference_impl.db import get_db

from .helpers import (activate, activation_path, espaces, field_error, identification, informations, login, page_text,
                      sign_up, submit)

ADRESSE = "activation@exemple.fr"


def age(app, minutes, adresse=ADRESSE):
    return app.test_client().post("/__test__/liens/vieillir", data={"adresse": adresse, "minutes": str(minutes)})


def test_mail_goes_to_login_address_with_one_link(client, smtp):
    sign_up(client, ADRESSE, adresse_contact="contact@exemple.fr", adresse_contact_confirmation="contact@exemple.fr")
    assert smtp.to("contact@exemple.fr") == []
    (mail,) = smtp.to(ADRESSE)
    assert mail.subject == "Chorus Pro : activez votre compte utilisateur"
    assert len(mail.links) == 1 and "60 minutes" in mail.text


def test_token_is_stored_hashed(client, smtp, app):
    sign_up(client, ADRESSE)
    token = activation_path(smtp, ADRESSE).rsplit("/", 1)[1]
    with app.app_context():
        rows = get_db().execute("SELECT token_sha256 FROM lien_activation").fetchall()
    assert [row[0] for row in rows] == [store.sha256(token)]


def test_activation_page_content(client, smtp):
    sign_up(client, ADRESSE, adresse_contact="contact@exemple.fr", adresse_contact_confirmation="contact@exemple.fr")
    html = client.get(activation_path(smtp, ADRESSE)).get_data(as_text=True)
    for term in ("<dt>Adresse électronique de connexion</dt><dd>activation@exemple.fr</dd>",
                 "<dt>Adresse électronique de contact</dt><dd>contact@exemple.fr</dd>",
                 '<label for="complexite">Complexité du mot de passe</label>', "<meter",
                 'id="mot_de_passe" name="mot_de_passe" type="password"', '<select id="question" name="question" required',
                 ">Annuler</a>", '<button type="submit">Valider</button>'):
        assert term in html


def test_link_valid_until_its_validity_then_expired_and_renewed(client, smtp, app):
    sign_up(client, ADRESSE)
    path = activation_path(smtp, ADRESSE)
    assert age(app, 59).get_json()["liens"] == 1
    assert "Activation du compte utilisateur" in page_text(client.get(path))
    age(app, 2)
    text = page_text(client.get(path))
    assert "expiré" in text and "Recevoir un nouveau lien d'activation" in text
    assert "expiré" in page_text(activate(client, path))  # a POST is refused too

    response = submit(client, path + "/nouveau-lien", {}, page=path)
    assert response.status_code == 200 and "nouveau courriel" in page_text(response)
    new_path = activation_path(smtp, ADRESSE)
    assert new_path != path
    assert "Votre compte est désormais actif" in page_text(activate(client, new_path))


def test_link_is_single_use(client, smtp):
    sign_up(client, ADRESSE)
    path = activation_path(smtp, ADRESSE)
    assert "Votre compte est désormais actif" in page_text(activate(client, path))
    text = page_text(client.get(path))
    assert "déjà été utilisé" in text and "Recevoir un nouveau lien d'activation" in text
    assert "déjà été utilisé" in page_text(activate(client, path, "Autremotdepasse-1"))
    assert login(client, ADRESSE, "Autremotdepasse-1").request.path == "/connexion"
    # A new link for an active account: the mail says the account exists, with the login link.
    submit(client, path + "/nouveau-lien", {}, page=path)
    assert smtp.to(ADRESSE)[-1].links == ["http://chorus.test/connexion"]


def test_cancel_leaves_account_inactive_and_link_usable(client, smtp):
    sign_up(client, ADRESSE)
    path = activation_path(smtp, ADRESSE)
    assert 'href="/activation/annulee">Annuler</a>' in client.get(path).get_data(as_text=True)
    assert "pas encore actif" in page_text(client.get("/activation/annulee"))
    assert login(client, ADRESSE).request.path == "/connexion"
    assert "Votre compte est désormais actif" in page_text(activate(client, path))


def test_password_errors(client, smtp):
    sign_up(client, ADRESSE)
    path = activation_path(smtp, ADRESSE)
    html = activate(client, path, "Court-1").get_data(as_text=True)
    assert field_error(html, "mot_de_passe").startswith("Mot de passe : le mot de passe doit comporter au moins 12")
    assert 'value="Médor"' in html and '<option value="animal" selected>' in html
    html = activate(client, path, "seulementminuscules").get_data(as_text=True)
    assert field_error(html, "mot_de_passe") is not None
    html = activate(client, path, confirmation="Autre-chose-2026").get_data(as_text=True)
    assert field_error(html, "confirmation") == "Confirmation : la confirmation doit être identique au mot de passe."
    assert field_error(html, "mot_de_passe") is None
    html = activate(client, path, question="", reponse="").get_data(as_text=True)
    assert field_error(html, "question") and field_error(html, "reponse") == "Réponse : ce champ est obligatoire."
    assert login(client, ADRESSE).request.path == "/connexion"
    assert "désormais actif" in page_text(activate(client, path, "écolE-1234567"))


def test_password_stored_with_argon2(client, smtp, app):
    sign_up(client, ADRESSE)
    activate(client, activation_path(smtp, ADRESSE))
    with app.app_context():
        row = get_db().execute("SELECT mot_de_passe_hash, reponse_hash FROM utilisateur").fetchone()
    assert row[0].startswith("$argon2id$") and row[1].startswith("$argon2id$")


def test_unknown_link(client):
    response = client.get("/activation/inconnu")
    assert response.status_code == 404 and "n'est pas valide" in page_text(response)


def test_login_failures_share_one_message(client, smtp):
    sign_up(client, ADRESSE)
    inactive = page_text(login(client, ADRESSE))
    activate(client, activation_path(smtp, ADRESSE))
    wrong = page_text(login(client, ADRESSE, "Mauvais-mot-2026"))
    unknown = page_text(login(client, "personne@exemple.fr"))
    message = "Adresse électronique de connexion ou mot de passe incorrect, ou compte non activé."
    assert message in inactive and message in wrong and message in unknown


def test_mail_failure_is_not_a_crash(client, app, smtp):
    identification(client, ADRESSE)
    informations(client, ADRESSE)
    app.config["SMTP_PORT"] = 1
    response = espaces(client)
    assert response.status_code == 503 and "n'a pas pu être envoyé" in page_text(response)
    app.config["SMTP_PORT"] = smtp.port
    assert "courriel d'activation est envoyé" in page_text(espaces(client))
