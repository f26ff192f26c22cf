# language: fr
@securite
Fonctionnalité: 9. Sécurité des comptes (OWASP ASVS 4.0.3)
  Le guide dit seulement que le courriel d'activation « a une durée de validité limitée » ; une équipe
  de recette vérifie aussi que les comptes ne se devinent pas, que le lien d'activation est un secret
  sûr, que les essais répétés sont freinés, qu'une étape terminée ne se rejoue pas et qu'une session
  se ferme. Chaque scénario porte l'exigence qu'il vérifie (@ASVS_n.m.p). Ces règles ne changent
  jamais le verdict d'une règle du guide et ne le bloquent que si le profil le demande
  ([securite] bloquante = true).

  Règle: Les réponses ne disent pas quelles adresses ont un compte

    @S_ENUMERATION_IDENTIFICATION @ASVS_7.4.1 @http
    Scénario: L'étape 1 répond de même à une adresse qui a un compte et à une adresse inconnue
      Soit une adresse qui a un compte activé
      Quand je fais « l'identification à l'étape 1 » avec cette adresse puis avec une adresse inconnue
      Alors les deux réponses sont les mêmes, adresses masquées

    @S_ENUMERATION_NOUVEAU_LIEN @ASVS_7.4.1 @necessite_nouveau_lien @http
    Scénario: La demande d'un nouveau lien répond de même à un compte en attente et à une adresse inconnue
      Soit une adresse dont le compte est créé mais pas activé
      Quand je fais « la demande d'un nouveau lien d'activation » avec cette adresse puis avec une adresse inconnue
      Alors les deux réponses sont les mêmes, adresses masquées

    @S_ENUMERATION_CONNEXION @ASVS_7.4.1 @necessite_compte @http
    Plan du Scénario: La connexion refuse une adresse <compte> comme une adresse inconnue
      Soit une adresse <compte>
      Quand je fais « la connexion avec un mauvais mot de passe » avec cette adresse puis avec une adresse inconnue
      Alors les deux réponses sont les mêmes, adresses masquées

      Exemples:
        | compte                                  |
        | qui a un compte activé                  |
        | dont le compte est créé mais pas activé |

    @S_ENUMERATION_DUREES @ASVS_7.4.1 @necessite_compte @http
    Plan du Scénario: « <action> » dure autant pour une adresse qui a un compte que pour une adresse inconnue
      Soit une adresse qui a un compte activé
      Quand je fais « <action> » avec cette adresse puis avec une adresse inconnue, 5 fois chacune en alternance
      Alors les durées des réponses sont comparables

      Exemples:
        | action                                    |
        | l'identification à l'étape 1              |
        | la connexion avec un mauvais mot de passe |

    @S_ENUMERATION_DUREES @ASVS_7.4.1 @necessite_nouveau_lien @http
    Scénario: La demande d'un nouveau lien dure autant pour un compte en attente que pour une adresse inconnue
      Soit une adresse dont le compte est créé mais pas activé
      Quand je fais « la demande d'un nouveau lien d'activation » avec cette adresse puis avec une adresse inconnue, 5 fois chacune en alternance
      Alors les durées des réponses sont comparables

  Règle: Le lien d'activation est un secret long, aléatoire, à usage unique et limité dans le temps

    @S_JETON_ALEATOIRE @ASVS_2.3.1 @http
    Scénario: Les jetons des liens d'activation de six comptes sont longs, tous différents et sans motif commun
      Soit six comptes créés
      Alors les jetons de leurs six liens d'activation sont longs, tous différents et sans motif commun

    @S_JETON_USAGE_UNIQUE @ASVS_2.7.3 @http
    Scénario: Le formulaire d'activation renvoyé après l'activation est refusé
      Soit mon compte est activé par un formulaire d'activation que je garde
      Quand je renvoie ce formulaire d'activation avec un autre mot de passe
      Alors cet autre mot de passe n'ouvre pas mon compte, le mien l'ouvre toujours

    @S_JETON_EXPIRE @ASVS_2.3.1 @necessite_horloge @http
    Scénario: Le formulaire d'activation envoyé après la durée de validité du lien est refusé
      Soit je suis sur la page d'activation
      Et le lien d'activation a dépassé sa durée de validité
      Quand j'active mon compte avec un mot de passe conforme
      Alors mon compte n'est pas activé

    @S_JETON_REMPLACE @ASVS_2.7.3 @necessite_nouveau_lien @http
    Scénario: Un nouveau lien d'activation rend le précédent inutilisable
      Soit mon compte a été créé
      Quand je demande un nouveau lien d'activation pour mon adresse
      Alors un nouveau courriel d'activation arrive à mon adresse électronique de connexion
      Et le lien du premier courriel d'activation ne propose plus l'activation
      Quand j'ouvre le lien du nouveau courriel d'activation
      Alors la page d'activation s'affiche

    @S_JETON_HORS_PAGE @ASVS_2.7.4 @necessite_nouveau_lien @http
    Scénario: Le jeton d'activation ne paraît dans aucune page, seulement dans le courriel
      Quand je crée mon compte en gardant chaque page vue
      Et je demande un nouveau lien d'activation pour mon adresse
      Alors aucune page vue ne contient le jeton d'un lien d'activation reçu

  Règle: Les essais répétés sont ralentis ou bloqués

    @S_FORCE_BRUTE_CONNEXION @ASVS_2.2.1 @necessite_compte @http
    Scénario: Après une série de mots de passe faux, le bon n'ouvre plus le compte aussitôt
      Soit mon compte est activé
      Quand je me connecte avec mon mot de passe après la série de mots de passe faux déclarée par le profil
      Alors le bon essai est refusé ou ralenti

    @S_FORCE_BRUTE_CAPTCHA @ASVS_11.1.4 @http
    Scénario: Après une série de réponses fausses au captcha, la bonne ne fait plus avancer aussitôt
      Soit je suis à l'étape des informations
      Quand je valide mes informations avec la bonne réponse au captcha après la série de réponses fausses déclarée par le profil
      Alors le bon essai est refusé ou ralenti

  Règle: Une étape terminée ne se rejoue pas

    @S_REJEU_ETAPE_3 @ASVS_11.1.1 @http
    Scénario: Le formulaire des espaces de travail renvoyé tel quel n'envoie pas un second courriel
      Soit je suis à l'étape des espaces de travail
      Quand je valide mes espaces de travail puis je renvoie la même requête avec les mêmes cookies
      Alors un seul courriel arrive à mon adresse électronique de connexion

  Règle: Une session se ferme à la déconnexion et après une inactivité

    @S_DECONNEXION @ASVS_3.3.1 @necessite_compte @http
    Scénario: Après la déconnexion, les cookies de la session n'ouvrent plus le compte
      Soit je suis connecté à mon compte, les cookies de la session gardés
      Quand je me déconnecte
      Et je rouvre mon compte avec les cookies gardés
      Alors mon compte ne s'ouvre pas

    @S_SESSION_INACTIVE @ASVS_3.3.2 @necessite_compte @necessite_sessions @http
    Plan du Scénario: Une session inactive <combien> la durée déclarée <verdict>
      Soit je suis connecté à mon compte, les cookies de la session gardés
      Quand ma session reste inactive <combien> la durée déclarée
      Et je rouvre mon compte avec les cookies gardés
      Alors mon compte <resultat>

      Exemples:
        | combien          | verdict                   | resultat         |
        | au-delà de       | ne rouvre plus le compte  | ne s'ouvre pas   |
        | un peu moins que | rouvre encore le compte   | s'ouvre          |
