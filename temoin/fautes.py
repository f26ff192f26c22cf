"""Seeded faults (``--faute NOM``, test mode only): each breaks one rule of one step."""
from __future__ import annotations

FAUTES: dict[str, str] = {
    "siret_cle_ignoree": "étape 1 : la clé de contrôle du SIRET n'est pas vérifiée (ni celle de La Poste)",
    "siret_ferme_accepte": "étape 1 : un établissement fermé selon l'INSEE est accepté",
    "raison_sociale_figee": "étape 2 : « Raison Sociale » pré-remplie par l'INSEE est en lecture seule "
                            "et la saisie est ignorée",
    "resaisie_ignoree": "étape 2 : l'adresse résaisie n'est pas comparée à la première",
    "consentement_coche": "étape 2 : la case de consentement à l'enquête est cochée par défaut",
    "contact_efface_navigateur": "étape 2, dans le navigateur seulement : un script de la page vide l'adresse "
                                 "pré-remplie (et laisse le serveur la refuser vide) ; la page servie la contient",
    "captcha_controle_navigateur_seulement": "étape 2 : le captcha n'est vérifié que par un attribut "
                                             "pattern de la page, pas par le serveur",
    "factures_emises_non": "étape 3 : « Factures émises » est sur NON par défaut",
    "gestionnaire_pour_tous": "étape 3 : tout utilisateur, même rattaché à une structure existante, "
                              "en devient gestionnaire principal",
    "mdp_longueur_10": "étape 4 : un mot de passe de 10 ou 11 caractères est accepté",
    "confirmation_ignoree": "étape 4 : la confirmation n'est pas comparée au mot de passe",
    "lien_sans_expiration": "étape 4 : le lien d'activation n'expire jamais",
}

# Faults of the JavaScript front end (``--front js`` only): a rule checked by the page's script alone, the API
# letting through what the script refuses. Only a request rewritten between the script and the server shows them.
FAUTES_JS: dict[str, str] = {
    "siret_cle_script_seulement": "étape 1 (--front js) : la clé de contrôle du SIRET n'est vérifiée que par "
                                  "le script de la page ; l'API accepte 14 chiffres quelconques",
    "mdp_longueur_script_seulement": "étape 4 (--front js) : la longueur minimale du mot de passe (12) n'est "
                                     "vérifiée que par le script ; l'API accepte 8 caractères ou plus",
    "adresse_format_script_seulement": "étapes 1 et 2 (--front js) : la forme des adresses électroniques n'est "
                                       "vérifiée que par la page (champ de type email) ; l'API accepte toute "
                                       "adresse non vide",
    "resaisie_script_seulement": "étape 2 (--front js) : l'adresse résaisie n'est comparée à la première que par "
                                 "le script ; l'API ne les compare pas",
    "nom_prenom_script_seulement": "étape 2 (--front js) : le nom et le prénom ne sont exigés que par la page "
                                   "(attribut required) ; l'API les accepte vides",
    "services_script_seulement": "étape 2 (--front js) : un service au moins n'est exigé avec « Uniquement "
                                 "certains services » que par le script ; l'API accepte aucun service",
    "confirmation_script_seulement": "étape 4 (--front js) : la confirmation n'est comparée au mot de passe que "
                                     "par le script ; l'API ne les compare pas",
}

# Variants (``--variante NOM``, server-rendered front only): not faults, other designs the guide leaves open, for the
# harness to judge as it would judge someone else's implementation.
VARIANTES: dict[str, str] = {
    "compte_valider": "la page du compte enregistre les choix par un bouton « Valider » (le mot du guide pour la "
                      "page des espaces de travail ; le guide ne décrit pas la page du compte)",
    "resaisie_connexion": "étape 2 : le champ pré-rempli s'intitule « Adresse électronique de contact », et "
                          "« Résaisissez votre adresse électronique de connexion » demande l'adresse de connexion de "
                          "l'étape 1 (l'autre lecture du guide, docs/AMBIGUITES.md n° 8)",
}
