"""Reading an establishment from the INSEE API Sirene 3.11 (``GET {base}/siret/{siret}``)."""
from __future__ import annotations

from dataclasses import dataclass, field

import httpx

DELAI = 5.0
MASQUE = "[ND]"
TYPES_VOIE = {
    "AV": "AVENUE", "BD": "BOULEVARD", "PL": "PLACE", "CHE": "CHEMIN", "ALL": "ALLEE",
    "IMP": "IMPASSE", "RTE": "ROUTE", "CRS": "COURS", "SQ": "SQUARE", "FG": "FAUBOURG",
    "PROM": "PROMENADE", "QUA": "QUARTIER", "LOT": "LOTISSEMENT", "RES": "RESIDENCE",
}


@dataclass
class Reponse:
    etat: str  # "trouve" | "inconnu" | "indisponible"
    ferme: bool = False
    non_diffusible: bool = False
    champs: dict[str, str] = field(default_factory=dict)


def _net(valeur) -> str:
    """A displayable value: None and INSEE's mask "[ND]" become empty."""
    if valeur is None:
        return ""
    texte = str(valeur).strip()
    return "" if MASQUE in texte else texte


def lire(base: str, cle: str, siret: str) -> Reponse:
    try:
        r = httpx.get(f"{base.rstrip('/')}/siret/{siret}", timeout=DELAI,
                      headers={"X-INSEE-Api-Key-Integration": cle, "Accept": "application/json"})
    except httpx.HTTPError:
        return Reponse("indisponible")
    if r.status_code == 404:
        return Reponse("inconnu")
    if r.status_code != 200:
        return Reponse("indisponible")
    try:
        etab = r.json()["etablissement"]
        return analyser(etab)
    except (ValueError, KeyError, TypeError, AttributeError):
        return Reponse("indisponible")


def analyser(etab: dict) -> Reponse:
    periodes = etab.get("periodesEtablissement") or [{}]
    courante = next((p for p in periodes if not p.get("dateFin")), periodes[0])
    ferme = courante.get("etatAdministratifEtablissement") == "F"
    non_diffusible = etab.get("statutDiffusionEtablissement") in ("P", "N")
    unite = etab.get("uniteLegale") or {}
    adr = etab.get("adresseEtablissement") or {}

    raison = _net(unite.get("denominationUniteLegale"))
    if not raison:  # an individual entrepreneur, when INSEE shows the names
        raison = " ".join(x for x in (_net(unite.get("prenomUsuelUniteLegale") or unite.get("prenom1UniteLegale")),
                                      _net(unite.get("nomUsageUniteLegale") or unite.get("nomUniteLegale"))) if x)
    libelle = _net(courante.get("enseigne1Etablissement")) or _net(courante.get("denominationUsuelleEtablissement"))
    type_voie = _net(adr.get("typeVoieEtablissement"))
    numero = " ".join(x for x in (_net(adr.get("numeroVoieEtablissement")),
                                  _net(adr.get("indiceRepetitionEtablissement"))) if x)
    voie = " ".join(x for x in (numero, TYPES_VOIE.get(type_voie, type_voie),
                                _net(adr.get("libelleVoieEtablissement"))) if x)
    pays_etranger = _net(adr.get("libellePaysEtrangerEtablissement"))
    champs = {
        "raison": raison,
        "libelle": libelle,
        "adresse": voie,
        "complement1": _net(adr.get("complementAdresseEtablissement")),
        "complement2": _net(adr.get("distributionSpecialeEtablissement")),
        "code_postal": _net(adr.get("codePostalEtablissement")),
        "ville": _net(adr.get("libelleCommuneEtablissement")) or _net(adr.get("libelleCommuneEtrangerEtablissement")),
        "pays": pays_etranger,  # "" = France (worded in the page's language)
    }
    if non_diffusible:
        for cle in ("adresse", "complement1", "complement2", "code_postal", "ville", "pays"):
            champs[cle] = ""
    return Reponse("trouve", ferme=ferme, non_diffusible=non_diffusible, champs=champs)
