"""The witness's external services: INSEE's API Sirene 3.11 (requests) and mail (smtplib)."""
from __future__ import annotations

import smtplib
from dataclasses import dataclass, field
from email.message import EmailMessage

import requests

MASQUE = "[ND]"


@dataclass
class Etablissement:
    """What step 2 prefills, or why it cannot: ``statut`` is connu, inconnu, ferme or indisponible."""
    statut: str
    raison_sociale: str = ""
    adresse: str = ""
    complement1: str = ""
    code_postal: str = ""
    ville: str = ""
    pays: str = ""
    non_diffusible: bool = False
    extras: dict = field(default_factory=dict)


def _texte(valeur) -> str:
    """INSEE's masked values (« [ND] ») are never shown: an empty field instead."""
    texte = "" if valeur is None else str(valeur).strip()
    return "" if MASQUE in texte else texte


def interroger_sirene(base: str, cle: str, siret: str) -> Etablissement:
    try:
        reponse = requests.get(f"{base.rstrip('/')}/siret/{siret}", timeout=5,
                               headers={"X-INSEE-Api-Key-Integration": cle, "Accept": "application/json"})
    except requests.RequestException:
        return Etablissement("indisponible")
    if reponse.status_code == 404:
        return Etablissement("inconnu")
    if reponse.status_code != 200:
        return Etablissement("indisponible")
    try:
        etab = reponse.json()["etablissement"]
    except (ValueError, KeyError, TypeError):
        return Etablissement("indisponible")
    periodes = etab.get("periodesEtablissement") or [{}]
    if periodes[0].get("etatAdministratifEtablissement") == "F":
        return Etablissement("ferme")
    adresse = etab.get("adresseEtablissement") or {}
    unite = etab.get("uniteLegale") or {}
    voie = " ".join(_texte(adresse.get(k)) for k in ("numeroVoieEtablissement", "typeVoieEtablissement",
                                                     "libelleVoieEtablissement"))
    pays = _texte(adresse.get("libellePaysEtrangerEtablissement")) or "France"
    return Etablissement(
        "connu",
        raison_sociale=_texte(unite.get("denominationUniteLegale")),
        adresse=" ".join(voie.split()),
        complement1=_texte(adresse.get("complementAdresseEtablissement")),
        code_postal=_texte(adresse.get("codePostalEtablissement")),
        ville=_texte(adresse.get("libelleCommuneEtablissement")),
        pays=pays,
        non_diffusible=etab.get("statutDiffusionEtablissement") in ("P", "N"))


def envoyer_courriel(hote: str, port: int, destinataire: str, sujet: str, texte: str) -> None:
    message = EmailMessage()
    message["From"] = "Chorus Pro <ne-pas-repondre@chorus-pro.example>"
    message["To"] = destinataire
    message["Subject"] = sujet
    message.set_content(texte)
    with smtplib.SMTP(hote, port, timeout=10) as smtp:
        smtp.send_message(message)
