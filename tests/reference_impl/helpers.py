"""Helpers of the reference implementation's tests: fake data, page reading, the flow."""
from __future__ import annotations

import re
from html import unescape

from stdnum import luhn

CAPTCHA = "TEST-CAPTCHA"


def make_siret(prefix: str) -> str:
    """A valid SIRET from its first 13 digits (the SIREN's 9th digit is replaced by its key)."""
    siren = prefix[:8] + luhn.calc_check_digit(prefix[:8])
    prefix = siren + prefix[9:13]
    return prefix + luhn.calc_check_digit(prefix)


# --- fake Sirene ---------------------------------------------------------------

def etablissement(siret: str, statut: str = "O", etat: str = "A", **adresse) -> dict:
    masked = statut in ("P", "N")
    nd = "[ND]"
    return {
        "header": {"statut": 200, "message": "OK"},
        "etablissement": {
            "siren": siret[:9], "nic": siret[9:], "siret": siret,
            "statutDiffusionEtablissement": statut,
            "etablissementSiege": True,
            "uniteLegale": {"denominationUniteLegale": "AGENCE INFORMATIQUE FINANCIERE ETAT",
                            "etatAdministratifUniteLegale": "A", "statutDiffusionUniteLegale": "O"},
            "adresseEtablissement": {
                "numeroVoieEtablissement": nd if masked else "10",
                "typeVoieEtablissement": nd if masked else "RUE",
                "libelleVoieEtablissement": nd if masked else "DU CENTRE",
                "complementAdresseEtablissement": "BATIMENT B",
                "codePostalEtablissement": nd if masked else "93160",
                "libelleCommuneEtablissement": nd if masked else "NOISY LE GRAND",
                "libellePaysEtrangerEtablissement": None,
                **adresse,
            },
            "periodesEtablissement": [
                {"dateFin": None, "dateDebut": "2020-01-01", "etatAdministratifEtablissement": etat},
                {"dateFin": "2019-12-31", "dateDebut": "2010-01-01", "etatAdministratifEtablissement": "A"},
            ],
        },
    }


# --- reading pages ------------------------------------------------------------

def csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def page_text(response) -> str:
    html = response.get_data(as_text=True)
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def field_error(html: str, field_id: str) -> str | None:
    """The message an input marked aria-invalid points to, else None."""
    tag = re.search(rf'<(?:input|select)[^>]*\bid="{re.escape(field_id)}"[^>]*>', html)
    assert tag, f"champ {field_id} absent"
    if 'aria-invalid="true"' not in tag.group(0):
        return None
    ids = re.search(r'aria-describedby="([^"]+)"', tag.group(0)).group(1).split()
    message = re.search(rf'id="{re.escape(ids[0])}"[^>]*>(.*?)</', html, re.S).group(1)
    return unescape(message.strip())


def submit(client, url: str, data: dict, *, page: str = "/connexion"):
    """POST a form to ``url`` with the session's CSRF token (read from a light page); follows redirects."""
    html = client.get(page).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_token(html)}, follow_redirects=True)


# --- the flow, step by step ----------------------------------------------------

SIRET = "35600000009075"  # La Poste: valid without passing Luhn


def identification(client, adresse: str, siret: str = SIRET):
    return submit(client, "/", {"adresse_connexion": adresse, "siret": siret})


def informations(client, adresse: str, **overrides):
    data = {"adresse_contact": adresse, "adresse_contact_confirmation": adresse, "nom": "Fumoux",
            "prenom": "Gwenaël", "captcha": CAPTCHA, "raison_sociale": "AGENCE INFORMATIQUE FINANCIERE ETAT",
            "libelle": "", "adresse": "10 RUE DU CENTRE", "complement_adresse_1": "", "complement_adresse_2": "",
            "code_postal": "93160", "ville": "NOISY LE GRAND", "pays": "France"}
    data.update(overrides)
    return submit(client, "/informations", {k: v for k, v in data.items() if v is not None})


def espaces(client, **choix):
    data = {"espace_remboursement_tic": "NON", "espace_engagements": "NON", "espace_factures_a_valider": "NON",
            "espace_factures_travaux": "NON", "espace_factures_emises": "OUI", "espace_frais_justice": "NON",
            "espace_edi_api": "NON", "espace_suivi_flux": "NON"}
    data.update({f"espace_{k}": v for k, v in choix.items()})
    return submit(client, "/espaces", data)


def sign_up(client, adresse: str, siret: str = SIRET, **infos):
    """Steps 1 to 3; returns the last response."""
    assert identification(client, adresse, siret).request.path == "/informations"
    response = informations(client, adresse, **infos)
    assert response.request.path == "/espaces", page_text(response)
    return espaces(client)


def activation_path(smtp, adresse: str, n: int = -1) -> str:
    link = smtp.to(adresse)[n].links[0]
    return link.removeprefix("http://chorus.test")


def activate(client, path: str, password: str = "Motdepasse-2026", **overrides):
    data = {"mot_de_passe": password, "confirmation": password, "question": "animal", "reponse": "Médor"}
    data.update(overrides)
    return submit(client, path, data)


def login(client, adresse: str, password: str = "Motdepasse-2026"):
    return submit(client, "/connexion", {"adresse_connexion": adresse, "mot_de_passe": password})
