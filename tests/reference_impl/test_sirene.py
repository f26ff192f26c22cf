"""The Sirene client against a fake of the API Sirene 3.11."""
from __future__ import annotations

from reference_impl import sirene as client

from .conftest import free_port
from .helpers import SIRET, etablissement


def lookup(url, siret=SIRET, timeout=0.5):
    return client.consulter(url, "cle-api", siret, timeout=timeout)


def test_found_diffusible(sirene):
    result = lookup(sirene.url)
    assert result.etat == client.TROUVE
    assert result.etablissement.to_dict() == {
        "siret": SIRET, "raison_sociale": "AGENCE INFORMATIQUE FINANCIERE ETAT", "adresse": "10 RUE DU CENTRE",
        "complement_adresse_1": "BATIMENT B", "code_postal": "93160", "ville": "NOISY LE GRAND", "pays": "France",
        "non_diffusible": False,
    }
    assert sirene.requests == [{"siret": SIRET, "key": "cle-api"}]


def test_street_type_expanded_and_foreign_country(sirene):
    sirene.cases[SIRET] = etablissement(SIRET, typeVoieEtablissement="AV", libellePaysEtrangerEtablissement="BELGIQUE")
    found = lookup(sirene.url).etablissement
    assert found.adresse == "10 AVENUE DU CENTRE" and found.pays == "BELGIQUE"


def test_partially_diffusible_masks_are_dropped(sirene):
    for statut in ("P", "N"):
        sirene.cases[SIRET] = statut
        found = lookup(sirene.url).etablissement
        assert found.non_diffusible
        assert (found.adresse, found.code_postal, found.ville) == ("", "", "")


def test_closed_in_current_period(sirene):
    sirene.cases[SIRET] = "ferme"
    assert lookup(sirene.url).etat == client.FERME


def test_unknown(sirene):
    sirene.cases[SIRET] = "inconnu"
    assert lookup(sirene.url).etat == client.INCONNU


def test_server_errors_and_timeout_are_unavailable(sirene):
    for case in (500, 503, "lent"):
        sirene.cases[SIRET] = case
        assert lookup(sirene.url).etat == client.INDISPONIBLE, case


def test_connection_refused_is_unavailable():
    result = lookup(f"http://127.0.0.1:{free_port()}/api-sirene/3.11")
    assert result.etat == client.INDISPONIBLE and "ConnectionError" in result.detail


def test_unreadable_answer_is_unavailable(sirene):
    sirene.cases[SIRET] = {"header": {"statut": 200}}
    assert lookup(sirene.url).etat == client.INDISPONIBLE
