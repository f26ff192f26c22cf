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
    "mdp_accentue_erreur_technique": "Un mot de passe conforme contenant un caractère accentué mène à une page « erreur technique » servie avec le code 200 ; le compte n'est pas activé.",
    "compte_sans_mot_de_passe_ouvert": "Un compte créé mais pas encore activé (sans mot de passe) s'ouvre avec un mot de passe vide.",
    "lien_sans_siret_sur_place": "Le lien « Je n'ai pas de numéro de SIRET » ramène à la page d'identification elle-même.",
    "non_diffusible_adresse_en_texte": "Pour un établissement non diffusible, l'adresse, le code postal, la ville et le pays restent affichés, en texte (« Pays : FRANCE ») au lieu de champs.",
    "siret_inconnu_message_general": "Un SIRET inconnu de l'INSEE est refusé par un message général en haut de page (« Votre identification n'a pas abouti. ») qui ne dit pas que l'INSEE ne le connaît pas.",
    "libelle_siret_nom_cache": "Le champ du SIRET est libellé « N° SIRET » à l'écran ; seul son nom accessible (aria-label) dit « Numéro de SIRET * ».",
    "siret_refus_muet_collant": "Un SIRET refusé l'est sans aucun message, et le formulaire réaffiché le garde dans un champ caché que le serveur contrôle à la place du SIRET corrigé : celui-ci est refusé lui aussi, en silence.",
    # Étape 1
    "titre_identification_allonge": "Le titre principal de l'identification est « Vous êtes nouveau sur Chorus Pro ? Créez votre compte ».",
    "adresse_connexion_non_requise": "Le champ « Adresse électronique de connexion » de l'identification n'est pas marqué obligatoire (ni required ni aria-required).",
    "libelle_adresse_connexion_modifie": "« Adresse électronique de connexion » est libellée « Adresse e-mail » sur toutes les pages.",
    "lien_sans_siret_casse": "Le lien « Je n'ai pas de numéro de SIRET » mène à une page qui n'existe pas (404).",
    "adresse_vide_acceptee": "Une adresse électronique de connexion vide est acceptée par le serveur.",
    "siret_vide_accepte": "Un SIRET vide n'est pas contrôlé : l'inscription continue sans structure pré-remplie.",
    "siret_longueur_ignoree": "Un SIRET trop long est tronqué à 14 chiffres au lieu d'être refusé.",
    "siret_separateurs_refuses": "Un SIRET saisi avec des espaces ou des points est refusé.",
    "siret_inconnu_accepte": "Un SIRET inconnu de l'INSEE (404) est traité comme une panne de l'INSEE et accepté.",
    "etablissement_ferme_accepte": "Un établissement fermé selon l'INSEE est accepté.",
    "connexion_par_adresse_contact": "La connexion cherche le compte par l'adresse de contact et non par l'adresse de connexion.",
    # Étape 2
    "prefill_adresse_absente": "Seule la raison sociale est pré-remplie : l'adresse INSEE de l'établissement ne l'est pas.",
    "rubrique_structure_renommee": "La rubrique « Les informations de ma structure » est intitulée « Ma structure ».",
    "libelle_resaisie_modifie": "Le champ « Résaisissez votre adresse électronique de connexion » est libellé « Confirmez votre adresse électronique ».",
    "contact_prerempli_sans_sous_adresse": "L'adresse électronique pré-remplie perd sa partie « +… » (sous-adressage) : ce n'est plus l'adresse de connexion.",
    "contact_lecture_seule": "L'adresse électronique pré-remplie est en lecture seule.",
    "contact_syntaxe_ignoree": "La syntaxe de l'adresse électronique modifiée à l'étape 2 n'est pas contrôlée par le serveur.",
    "nom_apostrophe_refusee": "Un nom ou un prénom contenant une apostrophe est refusé.",
    "consentement_libelle_tronque": "Le texte de la case de consentement omet la phrase sur le droit de retrait.",
    "captcha_sans_alternative": "L'image du captcha n'a pas d'alternative textuelle (alt vide).",
    "libelle_raison_sociale_modifie": "Le champ « Raison Sociale » est libellé « Dénomination ».",
    "identifiant_siren": "L'identifiant de la structure affiche le SIREN (9 chiffres) au lieu du SIRET.",
    "pays_code_iso": "Le pays d'un établissement situé en France est pré-rempli « FR ».",
    "rattachement_par_defaut": "Sans choix de rattachement, le serveur rattache d'office à la structure entière.",
    "rattachement_structure_enregistre_services": "Le choix « La structure » est enregistré comme « Uniquement certains services ».",
    "services_non_exiges": "« Uniquement certains services » est accepté sans aucun service coché.",
    "etape_espaces_mal_intitulee": "Des informations valides mènent à une page intitulée « Vos espaces de travail », sans la bienvenue de l'étape « Ouvrez vos espaces de travail ».",
    # Étape 3
    "bienvenue_sans_nom": "Le titre de bienvenue ne contient que le prénom.",
    "descriptif_espace_modifie": "Le descriptif de « Factures à valider » est « Réservé à la validation des factures ».",
    "choix_espaces_ignores": "Les choix OUI/NON de l'étape 3 ne sont pas enregistrés : les valeurs par défaut le sont.",
    "annonce_courriel_absente": "Le premier utilisateur d'une structure ne lit pas « Votre compte est créé et un courriel d'activation est envoyé ».",
    "gestionnaire_principal_non_annonce": "Le premier utilisateur n'apprend pas qu'il est le gestionnaire principal.",
    "espaces_multiples_erreur_500": "Valider l'étape 3 avec plus d'un espace activé provoque une erreur 500.",
    # Étape 4
    "courriel_sans_objet": "Le courriel d'activation part sans objet.",
    "lien_valide_30_minutes": "Le lien d'activation expire après 30 minutes au lieu de la durée déclarée.",
    "nouveau_lien_non_envoye": "« Recevoir un nouveau lien d'activation » annonce un envoi mais n'envoie rien.",
    "rubrique_mot_de_passe_renommee": "La rubrique « Gestion du mot de passe » est intitulée « Mot de passe ».",
    "informations_generales_sans_prenom": "Les informations générales de l'activation n'affichent pas le prénom.",
    "regle_mdp_8_caracteres": "La page d'activation annonce un minimum de 8 caractères.",
    "confirmation_en_clair": "Le champ « Confirmation » affiche le mot de passe en clair (type text).",
    "complexite_absente": "L'indicateur « Complexité du mot de passe » est absent.",
    "reponse_facultative": "Une activation sans réponse à la question secrète est acceptée.",
    "activation_sans_annonce": "L'activation réussie n'annonce pas « Votre compte est désormais actif ».",
    # Après l'activation
    "connexion_statut_inverse": "La connexion refuse les comptes activés (test du statut inversé).",
    "connexion_message_revelateur": "La connexion dit si c'est l'adresse ou le mot de passe qui est faux.",
    "compte_espaces_ignores": "Les espaces modifiés sur la page du compte ne sont pas enregistrés.",
    "consentement_non_retirable": "Le consentement à l'enquête ne peut pas être retiré sur la page du compte.",
    # Transverses
    "saisie_perdue_apres_refus": "Après un refus de l'identification, le formulaire est réaffiché vide.",
    "asterisque_en_css": "L'astérisque de « Question secrète » n'est qu'une marque rouge en CSS, sans texte.",
    "titre_page_vide": "La page des espaces de travail n'a pas de titre (title vide).",
    "aide_absente_activation": "La page d'activation ne propose pas « Besoin d'aide ? Posez une question ».",
    "confirmation_sans_asterisque": "Le champ « Confirmation » n'est ni marqué d'un astérisque ni obligatoire dans la page.",
    "lien_activation_casse": "Le lien du courriel d'activation mène à une page qui n'existe pas.",
    "connexion_mot_de_passe_ignore": "À la connexion, le mot de passe d'un compte actif n'est pas vérifié.",
    "identification_sans_suite": "Une identification valide réaffiche le formulaire d'identification au lieu de mener à l'étape suivante.",
    # Sécurité (OWASP ASVS 4.0.3)
    "sec_csrf_jeton_ignore": "Le jeton anti-CSRF des formulaires n'est pas contrôlé : un formulaire envoyé sans lui est accepté.",
    "sec_origine_ignoree": "Un formulaire envoyé depuis un autre site (en-tête Origin étranger) est accepté s'il porte son jeton.",
    "sec_sans_csp": "Les pages n'ont pas de politique de sécurité du contenu (Content-Security-Policy).",
    "sec_cadres_autorises": "Les pages peuvent être intégrées dans un cadre d'un autre site (ni frame-ancestors ni X-Frame-Options).",
    "sec_sans_nosniff": "Les réponses ne portent pas X-Content-Type-Options: nosniff.",
    "sec_cache_autorise": "Les pages d'activation et du compte peuvent être gardées en cache (pas de Cache-Control: no-store).",
    "sec_cookie_lisible_en_js": "Le cookie de session n'est pas HttpOnly : un script de la page peut le lire.",
    "sec_cookie_sans_samesite": "Le cookie de session n'a pas d'attribut SameSite.",
    "sec_cookie_sans_secure": "Servi en HTTPS, le cookie de session n'a pas l'attribut Secure.",
    "sec_mdp_50_caracteres": "Un mot de passe de plus de 50 caractères est refusé.",
    "sec_collage_bloque": "Le collage est bloqué dans les champs « Mot de passe » et « Confirmation ».",
    "sec_mdp_renvoye": "Après un refus, le formulaire d'activation renvoie le mot de passe saisi dans la page.",
    "sec_taille_illimitee": "Ni la taille des requêtes ni celle du nom ou du mot de passe ne sont limitées (100 000 caractères acceptés et hachés).",
    "sec_controles_conserves": "Les caractères de contrôle (CR, LF, NUL, marques bidirectionnelles) sont gardés dans les noms et écrits dans le courriel.",
    "sec_nom_non_echappe": "Le nom et le prénom sont affichés sans échappement dans le message de bienvenue.",
    "sec_sql_concatene": "Le nom et le prénom sont écrits dans la requête SQL par concaténation : une apostrophe la casse.",
    "sec_adresse_fin_de_ligne": "Une adresse dont la partie locale finit par un saut de ligne est acceptée, et l'envoi du courriel échoue après la création du compte.",
    # Accessibilité (RGAA 4.1)
    "champ_sans_etiquette": "Le champ « Complément adresse 2 » n'a pas d'étiquette : seul un texte indicatif (placeholder) le nomme.",
    "piege_clavier_siret": "Un masque de saisie sur le champ « Numéro de SIRET » refuse toute touche autre qu'un chiffre, Tab et Maj+Tab compris : le focus n'en sort plus au clavier.",
    "espaces_sans_legende": "Les boutons OUI/NON du dernier espace de travail (« Suivi des flux ») sont dans un fieldset sans légende.",
}


def fault(name: str) -> bool:
    """True when the running application was started with fault ``name``."""
    if name not in FAULTS:
        raise KeyError(f"unknown fault {name!r}")
    return current_app.config.get("FAULT") == name
