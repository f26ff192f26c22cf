"""Each seeded fault is observable: its check sees it with the fault, not without.

The implementation's own small kill matrix: it proves that every fault really
changes what an HTTP client sees, so that the suite's kill matrix measures the
suite and not dead faults.
"""
from __future__ import annotations

import re
import time

import pytest

from reference_impl.choices import ESPACES
from reference_impl.faults import FAULTS

from .conftest import make_app
from .helpers import (SIRET, activate, activation_path, csrf_token, espaces, field_error, identification,
                      informations, login, page_text, sign_up, submit)

A = "defaut@exemple.fr"
B = "second@exemple.fr"
CHECKED_NON = 'id="espace_factures_emises-non" name="espace_factures_emises" value="NON" checked'
CHECKED_OUI = 'id="espace_engagements-oui" name="espace_engagements" value="OUI" checked'
CONSENT_CHECKED = 'name="consentement" value="oui" checked'


def informations_page(client, sirene=None, case=None) -> str:
    if case:
        sirene.cases[SIRET] = case
    return identification(client, A).get_data(as_text=True)


def informations_page_path(client, sirene, case) -> str:
    sirene.cases[SIRET] = case
    return identification(client, A).request.path


def espaces_page(client) -> str:
    identification(client, A)
    return informations(client, A).get_data(as_text=True)


def step2_passes(client, **infos) -> bool:
    identification(client, A)
    return informations(client, A, **infos).request.path == "/espaces"


def activated_with(client, smtp, password, **overrides) -> bool:
    sign_up(client, A)
    return "désormais actif" in page_text(activate(client, activation_path(smtp, A), password, **overrides))


def second_user(app, client, smtp, **infos) -> tuple[object, str]:
    """A first user creates the structure (with one service), a second one signs up for it."""
    sign_up(client, A)
    app.test_client().post("/__test__/services", data={"siret": SIRET, "nom": "Service achats"})
    other = app.test_client()
    identification(other, B)
    assert informations(other, B, **infos).request.path == "/espaces"
    return other, page_text(espaces(other))


def second_is_principal(client, app, smtp, sirene) -> bool:
    return "gestionnaire principal" in second_user(app, client, smtp, rattachement="structure")[1]


def structure_duplicated(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    return "Je me rattache à" not in identification(app.test_client(), B).get_data(as_text=True)


def link_never_expires(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    app.test_client().post("/__test__/liens/vieillir", data={"adresse": A, "minutes": "61"})
    return "expiré" not in page_text(client.get(activation_path(smtp, A)))


def link_reusable(client, app, smtp, sirene) -> bool:
    activated_with(client, smtp, "Motdepasse-2026")
    return "désormais actif" in page_text(activate(client, activation_path(smtp, A)))


def login_before_activation(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    return login(client, A, "nimporte-quoi").request.path == "/mon-compte"


def mail_to_contact(client, app, smtp, sirene) -> bool:
    sign_up(client, A, adresse_contact="contact@exemple.fr", adresse_contact_confirmation="contact@exemple.fr")
    return bool(smtp.to("contact@exemple.fr"))


def rattachement_ignored(client, app, smtp, sirene) -> bool:
    other, _ = second_user(app, client, smtp, rattachement="services", services="1")
    activate(other, activation_path(smtp, B))
    return "Uniquement certains services" not in page_text(login(other, B))


def sirene_error_crashes(client, app, smtp, sirene) -> bool:
    sirene.cases[SIRET] = 500
    return identification(client, A).status_code == 500


def tag(html: str, field_id: str) -> str:
    """The opening tag of the form control ``field_id``."""
    return re.search(rf'<(?:input|select)[^>]*\bid="{re.escape(field_id)}"[^>]*>', html).group(0)


def start_page(client) -> str:
    return client.get("/").get_data(as_text=True)


def activation_page(client, smtp) -> str:
    sign_up(client, A)
    return client.get(activation_path(smtp, A)).get_data(as_text=True)


def activated_account(client, smtp, **infos):
    """Steps 1 to 4 for A, then logged in: the account page's response."""
    sign_up(client, A, **infos)
    activate(client, activation_path(smtp, A))
    return login(client, A)


def save_account(client, **fields):
    data = {f"espace_{e.key}": "OUI" if e.actif_par_defaut else "NON" for e in ESPACES}
    data.update(fields)
    return submit(client, "/mon-compte", data, page="/mon-compte")


def sans_siret_link_broken(client, app, smtp, sirene) -> bool:
    return client.get(sans_siret_href(client)).status_code == 404


def login_by_contact(client, app, smtp, sirene) -> bool:
    page = activated_account(client, smtp, adresse_contact="contact@exemple.fr",
                             adresse_contact_confirmation="contact@exemple.fr")
    return page.request.path != "/mon-compte"


def second_without_rattachement(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    other = app.test_client()
    identification(other, B)
    return informations(other, B).request.path == "/espaces"


def structure_recorded_as_services(client, app, smtp, sirene) -> bool:
    other, _ = second_user(app, client, smtp, rattachement="structure")
    activate(other, activation_path(smtp, B))
    return "Uniquement certains services" in page_text(login(other, B))


def services_not_required(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    app.test_client().post("/__test__/services", data={"siret": SIRET, "nom": "Service achats"})
    other = app.test_client()
    identification(other, B)
    return informations(other, B, rattachement="services").request.path == "/espaces"


def choices_ignored(client, app, smtp, sirene) -> bool:
    identification(client, A)
    informations(client, A)
    espaces(client, engagements="OUI")
    activate(client, activation_path(smtp, A))
    return CHECKED_OUI not in login(client, A).get_data(as_text=True)


def two_spaces_crash(client, app, smtp, sirene) -> bool:
    identification(client, A)
    informations(client, A)
    return espaces(client, engagements="OUI").status_code == 500


def link_expires_early(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    app.test_client().post("/__test__/liens/vieillir", data={"adresse": A, "minutes": "31"})
    return "expiré" in page_text(client.get(activation_path(smtp, A)))


def new_link_not_sent(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    app.test_client().post("/__test__/liens/vieillir", data={"adresse": A, "minutes": "61"})
    submit(client, activation_path(smtp, A) + "/nouveau-lien", {})
    return len(smtp.to(A)) == 1


def login_refused_after_activation(client, app, smtp, sirene) -> bool:
    return activated_account(client, smtp).request.path != "/mon-compte"


def login_messages_differ(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp)
    wrong_password = login(app.test_client(), A, "Mauvais-2026-xx").get_data(as_text=True)
    unknown = login(app.test_client(), "inconnu@exemple.fr", "Mauvais-2026-xx").get_data(as_text=True)
    return field_error(wrong_password, "mot_de_passe") != field_error(unknown, "mot_de_passe")


def login_with_wrong_password(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp)
    return login(app.test_client(), A, "Mauvais-2026-xx").request.path == "/mon-compte"


def account_spaces_ignored(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp)
    save_account(client, espace_engagements="OUI")
    return CHECKED_OUI not in client.get("/mon-compte").get_data(as_text=True)


def consent_kept(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp, consentement="oui")
    save_account(client)
    return CONSENT_CHECKED in client.get("/mon-compte").get_data(as_text=True)


def sans_siret_href(client) -> str:
    return re.search(r'<a href="([^"]+)">Je n\'ai pas de numéro de SIRET</a>', start_page(client)).group(1)


def unknown_siret_page(client, sirene) -> str:
    sirene.cases[SIRET] = "inconnu"
    return page_text(identification(client, A))


def refused_siret_sticks(client, app, smtp, sirene) -> bool:
    """A SIRET with a wrong key, refused with no message; the form then checks it again instead of the right one."""
    faux = "13001971000017"
    html = identification(client, A, faux).get_data(as_text=True)
    if field_error(html, "siret") is not None or 'name="siret_refuse"' not in html:
        return False
    return submit(client, "/", {"adresse_connexion": A, "siret": SIRET, "siret_refuse": faux}).request.path == "/"


def empty_password_opens_new_account(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    return login(client, A, "").request.path == "/mon-compte"


# --- account security (features/09_securite_comptes.feature) ---------------------

def ask_new_link(client, adresse: str):
    """The mail leaves once the answer is sent (closed), as a WSGI server does after the last byte."""
    response = submit(client, "/activation/nouveau-lien", {"adresse_connexion": adresse}, page="/activation/nouveau-lien")
    response.close()
    return response


def known_address_refused_at_step_1(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    return identification(app.test_client(), A).request.path == "/"


def slow_for_known_accounts(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp)
    start = time.perf_counter()
    login(app.test_client(), A, "Mauvais-2026-xx")
    return time.perf_counter() - start > 0.9


def expired_link_posted(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    app.test_client().post("/__test__/liens/vieillir", data={"adresse": A, "minutes": "61"})
    return "désormais actif" in page_text(activate(client, activation_path(smtp, A)))


def old_link_still_valid(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    ask_new_link(app.test_client(), A)
    assert len(smtp.to(A)) == 2
    return 'name="mot_de_passe"' in client.get(activation_path(smtp, A, 0)).get_data(as_text=True)


def login_unlimited(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp)
    other = app.test_client()
    for _ in range(6):
        login(other, A, "Mauvais-2026-xx")
    return login(other, A).request.path == "/mon-compte"


def captcha_unlimited(client, app, smtp, sirene) -> bool:
    identification(client, A)
    for _ in range(6):
        informations(client, A, captcha="PAS-CA")
    return informations(client, A).request.path == "/espaces"


def step_3_replayed(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    espaces(client)
    return len(smtp.to(A)) > 1


def session_kept_after_logout(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp)
    cookie = client.get_cookie("session").value
    submit(client, "/deconnexion", {}, page="/mon-compte")
    client.set_cookie("session", cookie)
    return client.get("/mon-compte").status_code == 200


def idle_session_kept(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp)
    app.test_client().post("/__test__/sessions/vieillir", data={"adresse": A, "minutes": "31"})
    return client.get("/mon-compte").status_code == 200


def idle_session_closed_early(client, app, smtp, sirene) -> bool:
    activated_account(client, smtp)
    app.test_client().post("/__test__/sessions/vieillir", data={"adresse": A, "minutes": "20"})
    return client.get("/mon-compte").status_code != 200


# name -> check(client, app, smtp, sirene): True when the deviation is seen.
OBSERVATIONS = {
    # issue 11: faults that passed a step's former check
    "siret_refus_muet_collant": refused_siret_sticks,
    "lien_sans_siret_sur_place": lambda c, a, m, s: sans_siret_href(c) == "/",
    "libelle_siret_nom_cache": lambda c, a, m, s: 'aria-label="Numéro de SIRET *"' in start_page(c),
    "siret_inconnu_message_general": lambda c, a, m, s: "inconnu" not in unknown_siret_page(c, s),
    "mdp_accentue_erreur_technique": lambda c, a, m, s: not activated_with(c, m, "Motdepassé-2026"),
    "compte_sans_mot_de_passe_ouvert": empty_password_opens_new_account,
    "non_diffusible_adresse_en_texte": lambda c, a, m, s: "<dt>Pays</dt>" in informations_page(c, s, "P"),
    "mdp_11_caracteres": lambda c, a, m, s: activated_with(c, m, "Abcdefghij1"),
    "mdp_deux_classes": lambda c, a, m, s: activated_with(c, m, "abcdefghijkl1"),
    "mdp_confirmation_ignoree": lambda c, a, m, s: activated_with(c, m, "Motdepasse-2026", confirmation="Autre-2026-xx"),
    "siret_cle_ignoree": lambda c, a, m, s: identification(c, A, "13001971000017").request.path == "/informations",
    "siret_la_poste_refusee": lambda c, a, m, s: identification(c, A, "35600000009075").request.path == "/",
    "siret_controle_navigateur_seulement":
        lambda c, a, m, s: identification(c, A, "13001971000017").request.path == "/informations",
    "email_syntaxe_ignoree": lambda c, a, m, s: identification(c, "pas-une-adresse").request.path == "/informations",
    "espace_factures_emises_non": lambda c, a, m, s: CHECKED_NON in espaces_page(c),
    "espace_engagements_oui": lambda c, a, m, s: CHECKED_OUI in espaces_page(c),
    "captcha_ignore": lambda c, a, m, s: step2_passes(c, captcha="FAUX"),
    "resaisie_email_ignoree": lambda c, a, m, s: step2_passes(c, adresse_contact_confirmation="autre@exemple.fr"),
    "non_diffusible_affiche": lambda c, a, m, s: "[ND]" in informations_page(c, s, "P"),
    "non_diffusible_non_coche":
        lambda c, a, m, s: 'name="non_diffusible" value="oui" checked' not in informations_page(c, s, "P"),
    "structure_lecture_seule":
        lambda c, a, m, s: 'autocomplete="organization" readonly' in informations_page(c),
    "second_gestionnaire_principal": second_is_principal,
    "structure_dupliquee": structure_duplicated,
    "lien_sans_expiration": link_never_expires,
    "lien_reutilisable": link_reusable,
    "compte_actif_avant_activation": login_before_activation,
    "bienvenue_sans_adresse": lambda c, a, m, s: f"Votre compte utilisateur {A} a été créé." not in espaces_page(c),
    "libelle_siret_modifie": lambda c, a, m, s: "N° SIRET" in c.get("/").get_data(as_text=True),
    "consentement_coche": lambda c, a, m, s: 'name="consentement" value="oui" checked' in informations_page(c),
    "champ_nom_facultatif": lambda c, a, m, s: step2_passes(c, nom=""),
    "prefill_insee_absent":
        lambda c, a, m, s: 'value="AGENCE INFORMATIQUE FINANCIERE ETAT"' not in informations_page(c),
    "message_erreur_generique": lambda c, a, m, s: field_error(
        identification(c, "pas-une-adresse").get_data(as_text=True), "adresse_connexion") is None,
    "mail_vers_adresse_contact": mail_to_contact,
    "rattachement_ignore": rattachement_ignored,
    "erreur_500_sirene": sirene_error_crashes,
    # étape 1
    "titre_identification_allonge": lambda c, a, m, s: "Créez votre compte</h1>" in start_page(c),
    "adresse_connexion_non_requise": lambda c, a, m, s: " required" not in tag(start_page(c), "adresse_connexion"),
    "libelle_adresse_connexion_modifie": lambda c, a, m, s: ">Adresse e-mail <" in start_page(c),
    "lien_sans_siret_casse": sans_siret_link_broken,
    "adresse_vide_acceptee": lambda c, a, m, s: identification(c, "").request.path == "/informations",
    "siret_vide_accepte": lambda c, a, m, s: identification(c, A, "").request.path == "/informations",
    "siret_longueur_ignoree": lambda c, a, m, s: identification(c, A, SIRET + "7").request.path == "/informations",
    "siret_separateurs_refuses": lambda c, a, m, s: identification(c, A, "356 000 000 09075").request.path == "/",
    "siret_inconnu_accepte": lambda c, a, m, s: "/informations" in informations_page_path(c, s, "inconnu"),
    "etablissement_ferme_accepte": lambda c, a, m, s: "/informations" in informations_page_path(c, s, "ferme"),
    "connexion_par_adresse_contact": login_by_contact,
    # étape 2
    "prefill_adresse_absente": lambda c, a, m, s: 'value="10 RUE DU CENTRE"' not in informations_page(c),
    "rubrique_structure_renommee": lambda c, a, m, s: "Les informations de ma structure" not in informations_page(c),
    "libelle_resaisie_modifie": lambda c, a, m, s: "Confirmez votre adresse électronique" in informations_page(c),
    "contact_prerempli_sans_sous_adresse": lambda c, a, m, s: 'value="jean+chorus@exemple.fr"' not in tag(
        identification(c, "jean+chorus@exemple.fr").get_data(as_text=True), "adresse_contact"),
    "contact_lecture_seule": lambda c, a, m, s: " readonly" in tag(informations_page(c), "adresse_contact"),
    "contact_syntaxe_ignoree": lambda c, a, m, s: step2_passes(c, adresse_contact="pas-une-adresse",
                                                                adresse_contact_confirmation="pas-une-adresse"),
    "nom_apostrophe_refusee": lambda c, a, m, s: not step2_passes(c, nom="D'Artagnan"),
    "consentement_libelle_tronque": lambda c, a, m, s: "droit de retrait" not in informations_page(c),
    "captcha_sans_alternative": lambda c, a, m, s: 'alt=""' in informations_page(c),
    "libelle_raison_sociale_modifie": lambda c, a, m, s: ">Dénomination <" in informations_page(c),
    "identifiant_siren": lambda c, a, m, s: f'value="{SIRET}"' not in tag(informations_page(c), "identifiant"),
    "pays_code_iso": lambda c, a, m, s: 'value="France"' not in tag(informations_page(c), "pays"),
    "rattachement_par_defaut": second_without_rattachement,
    "rattachement_structure_enregistre_services": structure_recorded_as_services,
    "services_non_exiges": services_not_required,
    "etape_espaces_mal_intitulee": lambda c, a, m, s: "<h1>Vos espaces de travail</h1>" in espaces_page(c),
    # étape 3
    "bienvenue_sans_nom": lambda c, a, m, s: "<h1>Bienvenue Gwenaël Fumoux</h1>" not in espaces_page(c),
    "descriptif_espace_modifie": lambda c, a, m, s: "sous-traitants et cotraitants" not in espaces_page(c),
    "choix_espaces_ignores": choices_ignored,
    "annonce_courriel_absente": lambda c, a, m, s: "courriel d'activation est envoyé" not in page_text(sign_up(c, A)),
    "gestionnaire_principal_non_annonce": lambda c, a, m, s: "gestionnaire principal" not in page_text(sign_up(c, A)),
    "espaces_multiples_erreur_500": two_spaces_crash,
    # étape 4
    "courriel_sans_objet": lambda c, a, m, s: sign_up(c, A) and not m.to(A)[0].subject,
    "lien_valide_30_minutes": link_expires_early,
    "nouveau_lien_non_envoye": new_link_not_sent,
    "rubrique_mot_de_passe_renommee": lambda c, a, m, s: "Gestion du mot de passe" not in activation_page(c, m),
    "informations_generales_sans_prenom": lambda c, a, m, s: "<dt>Prénom</dt>" not in activation_page(c, m),
    "regle_mdp_8_caracteres": lambda c, a, m, s: "au minimum 8 caractères" in activation_page(c, m),
    "confirmation_en_clair": lambda c, a, m, s: 'type="text"' in tag(activation_page(c, m), "confirmation"),
    "complexite_absente": lambda c, a, m, s: "<meter" not in activation_page(c, m),
    "reponse_facultative": lambda c, a, m, s: activated_with(c, m, "Motdepasse-2026", reponse=""),
    "activation_sans_annonce": lambda c, a, m, s: not activated_with(c, m, "Motdepasse-2026"),
    # après l'activation
    "connexion_statut_inverse": login_refused_after_activation,
    "connexion_message_revelateur": login_messages_differ,
    "compte_espaces_ignores": account_spaces_ignored,
    "consentement_non_retirable": consent_kept,
    # transverses
    "saisie_perdue_apres_refus": lambda c, a, m, s: f'value="{A}"' not in identification(c, A, "123").get_data(as_text=True),
    "asterisque_en_css": lambda c, a, m, s: not re.search(r'<label for="question">[^<]*<span class="obligatoire">\*',
                                                          activation_page(c, m)),
    "titre_page_vide": lambda c, a, m, s: "<title></title>" in espaces_page(c),
    "aide_absente_activation": lambda c, a, m, s: "Besoin d'aide" not in activation_page(c, m),
    "confirmation_sans_asterisque": lambda c, a, m, s: " required" not in tag(activation_page(c, m), "confirmation"),
    "lien_activation_casse": lambda c, a, m, s: sign_up(c, A) and "/activer/" in m.to(A)[0].text,
    "connexion_mot_de_passe_ignore": login_with_wrong_password,
    "identification_sans_suite": lambda c, a, m, s: identification(c, A).request.path == "/",
    # accessibilité (RGAA)
    "champ_sans_etiquette": lambda c, a, m, s: '<label for="complement_adresse_2"' not in informations_page(c),
    "piege_clavier_siret": lambda c, a, m, s: "masque_siret.js" in c.get("/").get_data(as_text=True),
    "espaces_sans_legende": lambda c, a, m, s: ">Suivi des flux</legend>" not in espaces_page(c),
    "erreurs_contraste_faible": lambda c, a, m, s: ".erreur { color: #d0d0d0; }" in start_page(c),
    # sécurité des comptes (ASVS)
    "sec_identification_revele_compte": known_address_refused_at_step_1,
    "sec_nouveau_lien_revele_compte": lambda c, a, m, s: "aucun compte" in page_text(ask_new_link(c, "inconnu@exemple.fr")),
    "sec_connexion_compte_inactif_revele": lambda c, a, m, s: sign_up(c, A) and "pas encore activé" in field_error(
        login(a.test_client(), A).get_data(as_text=True), "mot_de_passe"),
    "sec_delai_par_compte": slow_for_known_accounts,
    "sec_jeton_previsible": lambda c, a, m, s: sign_up(c, A) and len(activation_path(m, A).rsplit("/", 1)[1]) < 32,
    "sec_jeton_rejouable": link_reusable,
    "sec_jeton_expire_accepte_en_post": expired_link_posted,
    "sec_ancien_lien_valide": old_link_still_valid,
    "sec_jeton_dans_la_page": lambda c, a, m, s: "Activer mon compte maintenant" in page_text(sign_up(c, A)),
    "sec_connexion_sans_limite": login_unlimited,
    "sec_captcha_sans_limite": captcha_unlimited,
    "sec_espaces_rejouables": step_3_replayed,
    "sec_deconnexion_cote_client": session_kept_after_logout,
    "sec_session_sans_expiration": idle_session_kept,
    "sec_session_inactive_15_minutes": idle_session_closed_early,
}


def posted_without_token(client, app, smtp, sirene) -> bool:
    client.get("/")
    return client.post("/", data={"adresse_connexion": A, "siret": SIRET}).status_code != 400


def posted_from_another_site(client, app, smtp, sirene) -> bool:
    token = csrf_token(client.get("/").get_data(as_text=True))
    return client.post("/", data={"adresse_connexion": A, "siret": SIRET, "csrf_token": token},
                       headers={"Origin": "https://site-malveillant.example"}).status_code != 403


def cookie_without_secure_over_https(client, app, smtp, sirene) -> bool:
    """Served over HTTPS (its public URL), the session cookie of the same application."""
    https = make_app({**{k: app.config[k] for k in ("SIRENE_URL", "SMTP_HOST", "SMTP_PORT", "TEST_MODE", "FAULT")},
                      "DATABASE": app.config["DATABASE"] + ".https", "PUBLIC_URL": "https://chorus.test"})
    return "Secure" not in https.test_client().get("/", base_url="https://chorus.test").headers.get("Set-Cookie", "")


def headers(client) -> dict:
    return client.get("/").headers


def password_echoed(client, app, smtp, sirene) -> bool:
    sign_up(client, A)
    page = activate(client, activation_path(smtp, A), "Motdepasse-2026", confirmation="Motdepasse-2027")
    return "Motdepasse-2026" in page.get_data(as_text=True)


def step2_status(client, **infos) -> int:
    identification(client, A)
    return informations(client, A, **infos).status_code


OBSERVATIONS.update({
    # sécurité (OWASP ASVS 4.0.3)
    "sec_csrf_jeton_ignore": posted_without_token,
    "sec_origine_ignoree": posted_from_another_site,
    "sec_sans_csp": lambda c, a, m, s: "Content-Security-Policy" not in headers(c),
    "sec_cadres_autorises": lambda c, a, m, s: "X-Frame-Options" not in headers(c)
    and "frame-ancestors" not in headers(c).get("Content-Security-Policy", ""),
    "sec_sans_nosniff": lambda c, a, m, s: headers(c).get("X-Content-Type-Options") != "nosniff",
    "sec_cache_autorise": lambda c, a, m, s: "no-store" not in headers(c).get("Cache-Control", ""),
    "sec_cookie_lisible_en_js": lambda c, a, m, s: "HttpOnly" not in headers(c).get("Set-Cookie", ""),
    "sec_cookie_sans_samesite": lambda c, a, m, s: "SameSite" not in headers(c).get("Set-Cookie", ""),
    "sec_cookie_sans_secure": cookie_without_secure_over_https,
    "sec_mdp_50_caracteres": lambda c, a, m, s: not activated_with(c, m, "Aa1!" * 16),
    "sec_collage_bloque": lambda c, a, m, s: "data-sans-collage" in activation_page(c, m),
    "sec_mdp_renvoye": password_echoed,
    "sec_taille_illimitee": lambda c, a, m, s: step2_passes(c, nom="A" * 100_000),
    "sec_controles_conserves": lambda c, a, m, s: step2_passes(c, nom="Fumoux\r\nBcc: x@exemple.fr"),
    "sec_nom_non_echappe": lambda c, a, m, s: "<b>Fumoux</b>" in espaces_page_with(c, nom="<b>Fumoux</b>"),
    "sec_sql_concatene": lambda c, a, m, s: step2_status(c, nom="O'Hara") == 500,
    "sec_adresse_fin_de_ligne": lambda c, a, m, s: identification(c, "defaut\n@exemple.fr").request.path != "/",
})


def espaces_page_with(client, **infos) -> str:
    identification(client, A)
    return informations(client, A, **infos).get_data(as_text=True)


def test_every_fault_has_an_observation():
    assert set(OBSERVATIONS) == set(FAULTS)


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_fault_is_observable(name, config, smtp, sirene):
    observe = OBSERVATIONS[name]
    faulty = make_app({**config, "FAULT": name})
    assert observe(faulty.test_client(), faulty, smtp, sirene), f"{name} : défaut non observé"

    smtp.mails.clear()
    sirene.cases.clear()
    clean = make_app({**config, "DATABASE": config["DATABASE"] + ".sain"})
    assert not observe(clean.test_client(), clean, smtp, sirene), f"{name} : observé sans le défaut"
