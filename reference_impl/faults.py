"""Seeded faults: small, realistic deviations from the guide, one at a time.

They exist so that the conformance suite can prove it catches violations (the
kill matrix). A fault is switched on with ``--fault NAME`` and only in test
mode; the code tests ``fault("name")`` at the very spot a hurried implementer
would have made the mistake.
"""
from __future__ import annotations

from flask import current_app

FAULTS: dict[str, str] = {
    "mdp_11_caracteres": "Un mot de passe de 11 caractères est accepté.",
    "mdp_deux_classes": "Deux types de caractères suffisent dans le mot de passe.",
    "mdp_confirmation_ignoree": "La confirmation du mot de passe n'est pas comparée au mot de passe.",
    "siret_cle_ignoree": "Un SIRET dont la clé de contrôle (Luhn) est fausse est accepté.",
    "siret_la_poste_refusee": "Les SIRET de La Poste (SIREN 356000000) sont contrôlés par Luhn et donc refusés.",
    "siret_controle_navigateur_seulement": "La clé du SIRET n'est contrôlée que dans le navigateur (JavaScript), pas par le serveur.",
    "email_syntaxe_ignoree": "La syntaxe de l'adresse électronique n'est pas contrôlée par le serveur.",
    "espace_factures_emises_non": "L'espace « Factures émises » est sur NON par défaut.",
    "espace_engagements_oui": "L'espace « Engagements » est sur OUI par défaut.",
    "captcha_ignore": "La réponse au captcha n'est pas contrôlée.",
    "resaisie_email_ignoree": "La ressaisie de l'adresse électronique n'est pas comparée à l'adresse.",
    "non_diffusible_affiche": "Un établissement non diffusible affiche ses adresse, code postal, ville et pays ([ND]) et la case n'est pas cochée.",
    "non_diffusible_non_coche": "La case « Non diffusible INSEE » n'est pas cochée pour un établissement non diffusible.",
    "structure_lecture_seule": "Les champs de la structure pré-remplis par l'INSEE sont en lecture seule.",
    "second_gestionnaire_principal": "Un second utilisateur d'une structure existante en devient aussi gestionnaire principal.",
    "structure_dupliquee": "Un SIRET déjà connu crée une seconde structure, sans choix de rattachement.",
    "lien_sans_expiration": "Le lien d'activation n'expire jamais.",
    "lien_reutilisable": "Le lien d'activation reste utilisable après l'activation.",
    "compte_actif_avant_activation": "Un compte non activé peut se connecter (statut non contrôlé, mot de passe enregistré trop tôt).",
    "bienvenue_sans_adresse": "Le message de bienvenue n'indique pas l'adresse du compte créé.",
    "libelle_siret_modifie": "Le champ « Numéro de SIRET » est libellé « N° SIRET ».",
    "consentement_coche": "La case de consentement à l'enquête de satisfaction est cochée par défaut.",
    "champ_nom_facultatif": "Le champ « Nom » n'est pas obligatoire.",
    "prefill_insee_absent": "Les informations de la structure ne sont pas pré-remplies avec les données INSEE.",
    "message_erreur_generique": "Les erreurs sont signalées par un message général, sans être rattachées au champ.",
    "mail_vers_adresse_contact": "Le courriel d'activation part vers l'adresse de contact et non vers l'adresse de connexion.",
    "rattachement_ignore": "« Uniquement certains services » donne des droits sur toute la structure.",
    "erreur_500_sirene": "Une erreur 5xx de l'API Sirene fait planter la page (erreur 500).",
}


def fault(name: str) -> bool:
    """True when the running application was started with fault ``name``."""
    if name not in FAULTS:
        raise KeyError(f"unknown fault {name!r}")
    return current_app.config.get("FAULT") == name
