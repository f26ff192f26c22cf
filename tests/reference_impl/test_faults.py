"""Each seeded fault is observable: its check sees it with the fault, not without.

The implementation's own small kill matrix: it proves that every fault really
changes what an HTTP client sees, so that the suite's kill matrix measures the
suite and not dead faults.
"""
from __future__ import annotations

import pytest

from reference_impl.faults import FAULTS

from .conftest import make_app
from .helpers import (SIRET, activate, activation_path, espaces, field_error, identification, informations, login,
                      page_text, sign_up)

A = "defaut@exemple.fr"
B = "second@exemple.fr"
CHECKED_NON = 'id="espace_factures_emises-non" name="espace_factures_emises" value="NON" checked'
CHECKED_OUI = 'id="espace_engagements-oui" name="espace_engagements" value="OUI" checked'


def informations_page(client, sirene=None, case=None) -> str:
    if case:
        sirene.cases[SIRET] = case
    return identification(client, A).get_data(as_text=True)


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


# name -> check(client, app, smtp, sirene): True when the deviation is seen.
OBSERVATIONS = {
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
}


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
