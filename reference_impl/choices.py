"""The guide's fixed lists and sentences, in its own words."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Espace:
    key: str
    nom: str
    descriptif: str
    actif_par_defaut: bool


# The guide's table, in its order. It also says "Sollicitations émises" is
# active by default, but that space is not in the table: there is nothing to
# show or record for it, so only "Factures émises" is OUI by default.
ESPACES: tuple[Espace, ...] = (
    Espace("remboursement_tic", "Demande de remboursement TIC", "Réservé au dépôt des demandes de remboursement TIC", False),
    Espace("engagements", "Engagements", "Visualisation des commandes de l'Etat", False),
    Espace("factures_a_valider", "Factures à valider", "Réservé à la validation des sous-traitants et cotraitants", False),
    Espace("factures_travaux", "Factures de travaux", "Réservé au dépôt de factures de travaux (fourisseurs, MOE, MOA)", False),
    Espace("factures_emises", "Factures émises", "Réservé au dépôt et à la visualisation des factures émises à destination des structures publiques", True),
    Espace("frais_justice", "Mémoires de frais de justice", "Réservé au dépôt de mémoires de frais de justice", False),
    Espace("edi_api", "Raccordement EDI et API", "Permet de demander et de suivre le raccordement de vos structures pour l'utilisation des modes EDI et API", False),
    Espace("suivi_flux", "Suivi des flux", "Réservé aux structures raccordées émettant des flux EDI", False),
)

CONSENTEMENT = (
    "J'accepte que mon nom, prénom et adresse électronique soient utilisés par le Ministère de "
    "l'Action et des Comptes publics (et par le prestataire réalisant les enquêtes de satisfaction "
    "pour le compte de l'AIFE) afin de recevoir l'enquête de satisfaction sur Chorus Pro. Je note "
    "par ailleurs que je pourrai à tout moment exercer mon droit de retrait en décochant l'option."
)

RATTACHEMENTS = {
    "structure": "La structure (y compris l'ensemble des services de ma structure)",
    "services": "Uniquement certains services",
}

ROLES = {
    "gestionnaire_principal": "Gestionnaire principal",
    "utilisateur": "Utilisateur",
}

QUESTIONS_SECRETES = {
    "animal": "Quel est le nom de votre premier animal de compagnie ?",
    "ville_mere": "Quelle est la ville de naissance de votre mère ?",
    "ecole": "Quel était le nom de votre école primaire ?",
    "ami": "Quel est le prénom de votre meilleur ami d'enfance ?",
    "livre": "Quel est le titre de votre livre préféré ?",
}

# Identifier types other than SIRET (Chorus Pro's API names in brackets).
AUTRES_IDENTIFIANTS = (
    ("UE hors France", "UE_HORS_FRANCE", "Structure établie dans un autre pays de l'Union européenne : numéro de TVA intracommunautaire."),
    ("Hors UE", "HORS_UE", "Structure établie hors de l'Union européenne : identifiant d'immatriculation de son pays."),
    ("RIDET", "RIDET", "Structure établie en Nouvelle-Calédonie : numéro RIDET."),
    ("Tahiti", "TAHITI", "Structure établie en Polynésie française : numéro Tahiti."),
    ("Particulier", "PARTICULIER", "Personne physique sans activité professionnelle."),
    ("Autre", "AUTRE", "Structure sans aucun des identifiants ci-dessus."),
)
