"""OWASP ASVS 4.0.3 (Application Security Verification Standard): the requirements the security rules of the
catalogue check (source « securite »), in the standard's own French translation (OWASP, ASVS 4.0.3, docs_fr), with
the levels (L1, L2, L3) that ask for each. Data only: the steps judge (steps/securite.py, steps/securite_comptes.py),
the report names the requirements (harness/report.py).

A requirement is written without its chapter's « V » (« 4.2.2 » for V4.2.2), as the scenarios' tags
(@ASVS_4.2.2) write it.
"""
from __future__ import annotations

EXIGENCES = {
    "2.1.1": "Vérifiez que les mots de passe définis par l'utilisateur comportent au moins 12 caractères (après "
             "avoir combiné plusieurs espaces).",
    "2.1.2": "Vérifiez que les mots de passe de 64 caractères ou plus sont autorisés, mais pas au delà de 128 "
             "caractères.",
    "2.1.3": "Vérifiez que le mot de passe n'est pas tronqué. Toutefois, des espaces multiples consécutifs peuvent"
             " être remplacés par un seul espace.",
    "2.1.11": 'Vérifiez que la fonction "coller", les aides de mot de passe du navigateur et les gestionnaires de '
              'mots de passe externes sont autorisés.',
    "2.2.1": "Vérifiez que les contrôles anti-automatisation sont efficaces pour atténuer les attaques par "
             "violation des tests d'accréditation, par énumération exhaustive (brute-force) et par verrouillage de"
             " compte. Ces contrôles comprennent le blocage des mots de passe les plus courants, les verrouillages"
             " progressifs, la limitation de débit, les CAPTCHA, les délais toujours plus longs entre les "
             "tentatives, les restrictions d'adresse IP ou les restrictions basées sur le risque telles que "
             "l'emplacement, la première connexion sur un appareil, les tentatives récentes de déverrouillage du "
             "compte, ou autres. Vérifiez qu'il n'y a pas plus de 100 tentatives infructueuses par heure sur un "
             "seul compte.",
    "2.3.1": "Vérifier que les mots de passe ou codes d'activation initiaux générés par le système DOIVENT être "
             "générés de manière aléatoire et sécurisée, DOIVENT comporter au moins 6 caractères, PEUVENT contenir"
             " des lettres et des chiffres, et expirent après une courte période de temps. Ces secrets initiaux ne"
             " doivent pas être autorisés à devenir le mot de passe à long terme.",
    "2.5.1": "Vérifiez qu'un secret d'activation initiale ou de récupération généré par le système n'est pas "
             "envoyé en clair à l'utilisateur.",
    "2.7.2": "Vérifiez que le vérificateur hors bande expire les demandes d'authentification, les codes ou les "
             "jetons hors bande après 10 minutes.",
    "2.7.3": "Vérifiez que les demandes d'authentification, codes ou jetons hors bande du vérificateur ne sont "
             "utilisables qu'une seule fois, et uniquement pour la demande d'authentification originale.",
    "2.7.4": "Vérifier que l'authentificateur et le vérificateur hors bande communiquent sur un canal indépendant "
             "sécurisé.",
    "2.7.6": "Vérifiez que le code d'authentification initial est généré par un générateur de nombres aléatoires "
             "sécurisé, contenant au moins 20 bits d'entropie (en général, un nombre aléatoire de six chiffres est"
             " suffisant).",
    "3.1.1": "Vérifiez que l'application ne révèle jamais les jetons de session dans les paramètres d'URL ou les "
             "messages d'erreur.",
    "3.2.2": "Vérifiez que les jetons de session possèdent au moins 64 bits d'entropie.",
    "3.3.1": "Vérifiez que la déconnexion et l'expiration invalident le jeton de session, de sorte que le bouton "
             "de retour ou une partie de confiance en aval ne reprenne pas une session authentifiée, y compris "
             "entre les parties de confiance.",
    "3.3.2": "Si les authentificateurs permettent aux utilisateurs de rester connectés, vérifiez que la ré-"
             "authentification a lieu périodiquement, que ce soit en cas d'utilisation active ou après une période"
             " d'inactivité.",
    "3.4.1": "Vérifiez que les jetons de session basés sur des cookies ont l'attribut 'Secure'.",
    "3.4.2": "Vérifiez que les jetons de session basés sur des cookies ont l'attribut 'HttpOnly'.",
    "3.4.3": "Vérifiez que les jetons de session basés sur des cookies utilisent l'attribut 'SameSite' pour "
             "limiter l'exposition aux attaques de contrefaçon par requête intersite.",
    "3.5.3": "Vérifiez que les jetons de session sans état utilisent les signatures numériques, le chiffrement et "
             "d'autres contre-mesures pour se protéger contre les attaques par altération, mise sous enveloppe, "
             "rediffusion, chiffrement nul et substitution de clé.",
    "3.7.1": "Vérifier que l'application garantit une session de connexion complète et valide ou exige une "
             "nouvelle authentification ou une vérification secondaire avant d'autoriser toute transaction "
             "sensible ou modification de compte.",
    "4.2.2": "Vérifiez que l'application ou le cadriciel applique un mécanisme anti-CSRF fort pour protéger les "
             "fonctionnalités authentifiées, et qu'une anti-automation ou un anti-CSRF efficace protège les "
             "fonctionnalités non authentifiées.",
    "5.1.3": "Vérifiez que toutes les entrées (champs de formulaire HTML, demandes REST, paramètres URL, en-têtes "
             "HTTP, cookies, fichiers batch, flux RSS, etc) sont validées par une validation positive (liste "
             "d'autorisation).",
    "5.1.4": "Vérifier que les données structurées sont fortement typées et validées par rapport à un schéma "
             "défini comprenant les caractères, la longueur et le modèle autorisés (par exemple, numéros de carte "
             "de crédit ou de téléphone, ou valider que deux champs connexes sont raisonnables, comme vérifier la "
             "correspondance entre la banlieue et le code postal).",
    "5.2.2": "Vérifiez que les données non structurées sont assainit afin d'appliquer les mesures de sécurité "
             "telles que les caractères et la longueur autorisés.",
    "5.2.3": "Vérifiez que l'application assainit les entrées de l'utilisateur avant de passer aux systèmes de "
             "messagerie pour protéger contre l'injection SMTP ou IMAP.",
    "5.3.1": "Vérifiez que l'encodage de sortie est pertinent pour l'interprète et le contexte requis. Par "
             "exemple, utilisez des encodeurs spécifiques pour les valeurs HTML, les attributs HTML, JavaScript, "
             "les paramètres URL, les en-têtes HTTP, SMTP et autres selon le contexte, en particulier à partir "
             "d'entrées non fiables (par exemple les noms avec Unicode ou apostrophes, comme ねこ ou O'Hara).",
    "5.3.3": "Vérifiez que l'encodage des sorties en fonction du contexte, de préférence automatisé - ou au pire, "
             "manuel - protège contre le XSS réfléchi, stocké et basé sur le DOM.",
    "5.3.4": "Vérifier que la sélection de données ou les requêtes de base de données (par exemple SQL, HQL, ORM, "
             "NoSQL) utilisent des requêtes paramétrées, des ORM, des cadres d'entités, ou sont autrement "
             "protégées contre les attaques par injection de base de données.",
    "7.4.1": "Vérifiez qu'un message générique s'affiche lorsqu'une erreur inattendue ou sensible à la sécurité se"
             " produit, éventuellement avec un identifiant unique que le personnel de soutien peut utiliser pour "
             "enquêter.",
    "8.2.1": "Vérifiez que l'application définit suffisamment d'en-têtes anticaching pour que les données "
             "sensibles ne soient pas mises en cache dans les navigateurs modernes.",
    "8.3.4": "Vérifier que toutes les données sensibles créées et traitées par l'application ont été identifiées, "
             "et s'assurer qu'une politique est en place sur la manière de traiter les données sensibles.",
    "11.1.1": "Vérifier que l'application traitera seulement les flux de logique métier pour un utilisateur dans "
              "l'ordre séquentiel des étapes et sans sauter d'étapes.",
    "11.1.2": "Vérifiez que l'application ne traitera que des flux de logique métier dont toutes les étapes sont "
              "traitées dans un temps humain réaliste, c'est-à-dire que les transactions ne sont pas soumises trop "
              "rapidement.",
    "11.1.4": "Vérifiez que l'application dispose de contrôles anti-automatisation suffisants pour détecter et "
              "protéger contre l'exfiltration de données, les demandes excessives de logique métiers, les "
              "téléchargements excessifs de fichiers ou les attaques par déni de service.",
    "13.1.3": "Vérifier que les URL des API n'exposent pas d'informations sensibles, telles que la clé API, les "
              "jetons de session, etc.",
    "14.4.3": "Vérifier qu'une politique de sécurité du contenu (CSP) est en place pour aider à atténuer l'impact "
              "des attaques XSS comme les vulnérabilités d'injection HTML, DOM, JSON et JavaScript.",
    "14.4.4": "Vérifiez que toutes les réponses contiennent X-Content-Type-Options: nosniff.",
    "14.4.7": 'Vérifier que le contenu d\'une application web ne peut pas être intégré par défaut dans un site '
              'tiers et que l\'intégration des ressources exactes n\'est autorisée que si nécessaire en utilisant '
              'un en-tête approprié tel "Content-Security-Policy: frame-ancestors" ou "X-Frame-Options".',
}

# The levels of verification that ask for each requirement (L1 the minimum, L3 the most demanding).
NIVEAUX = {
    "2.1.1": ('L1', 'L2', 'L3'), "2.1.2": ('L1', 'L2', 'L3'), "2.1.3": ('L1', 'L2', 'L3'),
    "2.1.11": ('L1', 'L2', 'L3'), "2.2.1": ('L1', 'L2', 'L3'), "2.3.1": ('L1', 'L2', 'L3'),
    "2.5.1": ('L1', 'L2', 'L3'), "2.7.2": ('L1', 'L2', 'L3'), "2.7.3": ('L1', 'L2', 'L3'), "2.7.4": ('L1', 'L2', 'L3'), "2.7.6": ('L2', 'L3'),
    "3.1.1": ('L1', 'L2', 'L3'), "3.2.2": ('L1', 'L2', 'L3'), "3.3.1": ('L1', 'L2', 'L3'),
    "3.3.2": ('L1', 'L2', 'L3'), "3.4.1": ('L1', 'L2', 'L3'), "3.4.2": ('L1', 'L2', 'L3'),
    "3.4.3": ('L1', 'L2', 'L3'), "3.5.3": ('L2', 'L3'), "3.7.1": ('L1', 'L2', 'L3'), "4.2.2": ('L1', 'L2', 'L3'),
    "5.1.3": ('L1', 'L2', 'L3'), "5.1.4": ('L1', 'L2', 'L3'), "5.2.2": ('L1', 'L2', 'L3'),
    "5.2.3": ('L1', 'L2', 'L3'), "5.3.1": ('L1', 'L2', 'L3'), "5.3.3": ('L1', 'L2', 'L3'),
    "5.3.4": ('L1', 'L2', 'L3'), "7.4.1": ('L1', 'L2', 'L3'), "8.2.1": ('L1', 'L2', 'L3'),
    "8.3.4": ('L1', 'L2', 'L3'), "11.1.1": ('L1', 'L2', 'L3'), "11.1.2": ('L1', 'L2', 'L3'), "11.1.4": ('L1', 'L2', 'L3'),
    "13.1.3": ('L1', 'L2', 'L3'), "14.4.3": ('L1', 'L2', 'L3'), "14.4.4": ('L1', 'L2', 'L3'),
    "14.4.7": ('L1', 'L2', 'L3'),
}

