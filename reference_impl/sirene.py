"""Client of the INSEE API Sirene 3.11: ``GET {base}/siret/{siret}``."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import requests

TIMEOUT_SECONDS = 5

# Outcomes of a lookup.
TROUVE = "trouve"
INCONNU = "inconnu"  # 404: INSEE does not know the SIRET
FERME = "ferme"  # the establishment is closed in its current period
INDISPONIBLE = "indisponible"  # 5xx, time-out, connection error, unreadable answer

MASKED = "[ND]"

# The usual INSEE street-type codes, spelt out as Chorus Pro shows them.
TYPES_VOIE = {
    "ALL": "ALLEE", "AV": "AVENUE", "BD": "BOULEVARD", "CAR": "CARREFOUR",
    "CHE": "CHEMIN", "CHS": "CHAUSSEE", "CRS": "COURS", "ESP": "ESPLANADE",
    "FG": "FAUBOURG", "HAM": "HAMEAU", "IMP": "IMPASSE", "LD": "LIEU-DIT",
    "PL": "PLACE", "PRO": "PROMENADE", "QUA": "QUARTIER", "QUAI": "QUAI",
    "RES": "RESIDENCE", "RPT": "ROND-POINT", "RTE": "ROUTE", "RUE": "RUE",
    "SQ": "SQUARE", "VOIE": "VOIE", "ZA": "ZA", "ZI": "ZI",
}


@dataclass
class Etablissement:
    """What the structure block is prefilled with. Masked values are ''."""

    siret: str
    raison_sociale: str = ""
    adresse: str = ""
    complement_adresse_1: str = ""
    code_postal: str = ""
    ville: str = ""
    pays: str = ""
    non_diffusible: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Consultation:
    etat: str
    etablissement: Etablissement | None = None
    detail: str = field(default="")


def _clean(value) -> str:
    value = "" if value is None else str(value).strip()
    return "" if value == MASKED else value


def _is_closed(data: dict) -> bool:
    periods = data.get("periodesEtablissement") or []
    current = next((p for p in periods if not p.get("dateFin")), periods[0] if periods else {})
    return current.get("etatAdministratifEtablissement") == "F"


def parse_etablissement(data: dict, siret: str) -> Etablissement:
    unite = data.get("uniteLegale") or {}
    adresse = data.get("adresseEtablissement") or {}
    type_voie = _clean(adresse.get("typeVoieEtablissement"))
    voie = " ".join(
        part for part in (
            _clean(adresse.get("numeroVoieEtablissement")),
            _clean(adresse.get("indiceRepetitionEtablissement")),
            TYPES_VOIE.get(type_voie.upper(), type_voie),
            _clean(adresse.get("libelleVoieEtablissement")),
        ) if part
    )
    pays_etranger = _clean(adresse.get("libellePaysEtrangerEtablissement"))
    raison_sociale = _clean(unite.get("denominationUniteLegale")) or " ".join(
        part for part in (_clean(unite.get("prenomUsuelUniteLegale")), _clean(unite.get("nomUniteLegale"))) if part
    )
    return Etablissement(
        siret=siret,
        raison_sociale=raison_sociale,
        adresse=voie,
        complement_adresse_1=_clean(adresse.get("complementAdresseEtablissement")),
        code_postal=_clean(adresse.get("codePostalEtablissement") or adresse.get("codeCedexEtablissement")),
        ville=_clean(adresse.get("libelleCommuneEtablissement") or adresse.get("libelleCommuneEtrangerEtablissement")),
        pays=pays_etranger or "France",
        non_diffusible=data.get("statutDiffusionEtablissement") in ("P", "N"),
    )


def consulter(base_url: str, api_key: str, siret: str, *, timeout: float = TIMEOUT_SECONDS) -> Consultation:
    """Look a SIRET up. Never raises for a network or service failure."""
    url = f"{base_url.rstrip('/')}/siret/{siret}"
    try:
        response = requests.get(
            url,
            headers={"X-INSEE-Api-Key-Integration": api_key, "Accept": "application/json"},
            timeout=timeout,
        )
    except requests.RequestException as exc:
        return Consultation(INDISPONIBLE, detail=f"{type(exc).__name__}: {exc}")
    if response.status_code == 404:
        return Consultation(INCONNU, detail="404")
    if response.status_code != 200:
        return Consultation(INDISPONIBLE, detail=f"HTTP {response.status_code}")
    try:
        data = response.json()["etablissement"]
    except (ValueError, KeyError, TypeError) as exc:
        return Consultation(INDISPONIBLE, detail=f"réponse illisible: {exc}")
    if _is_closed(data):
        return Consultation(FERME, parse_etablissement(data, siret))
    return Consultation(TROUVE, parse_etablissement(data, siret))
