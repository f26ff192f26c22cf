# language: fr
@securite
Fonctionnalité: 8. Sécurité du parcours (OWASP ASVS 4.0.3)
  Le guide ne dit presque rien de la sécurité ; une équipe de recette qui valide un parcours de
  création de compte vérifie pourtant ce que l'OWASP ASVS 4.0.3 demande : formulaires protégés
  contre la falsification de requête, en-têtes de sécurité, cookies de session protégés, mots de
  passe longs et jamais renvoyés, saisies malveillantes refusées ou neutralisées. Chaque scénario
  porte l'exigence qu'il vérifie (@ASVS_n.m.p). Ces règles ne changent jamais le verdict d'une
  règle du guide et ne le bloquent que si le profil le demande ([securite] bloquante = true).

  Règle: Un formulaire qui change l'état refuse un envoi sans son jeton ou venu d'un autre site

    @S_CSRF_JETON @ASVS_4.2.2 @http
    Plan du Scénario: Le formulaire « <formulaire> » envoyé sans ses champs cachés est refusé
      Soit je suis sur la page "<formulaire>"
      Quand j'envoie le formulaire "<formulaire>" sans ses champs cachés
      Alors l'envoi est refusé sans effet

      Exemples:
        | formulaire         |
        | identification     |
        | informations       |
        | espaces de travail |
        | activation         |
        | connexion          |
        | compte             |

    @S_CSRF_ORIGINE @ASVS_4.2.2 @http
    Plan du Scénario: Le formulaire « <formulaire> » envoyé depuis un autre site est refusé
      Soit je suis sur la page "<formulaire>"
      Quand j'envoie le formulaire "<formulaire>" depuis un autre site
      Alors l'envoi est refusé sans effet

      Exemples:
        | formulaire         |
        | identification     |
        | informations       |
        | espaces de travail |
        | activation         |
        | connexion          |
        | compte             |

  Règle: Chaque page porte les en-têtes de sécurité

    @S_EN_TETE_CSP @ASVS_14.4.3 @http
    Plan du Scénario: La page « <page> » a une politique de sécurité du contenu qui restreint les scripts
      Soit je suis sur la page "<page>"
      Alors la réponse a une politique de sécurité du contenu qui restreint les scripts

      Exemples:
        | page               |
        | identification     |
        | informations       |
        | espaces de travail |
        | activation         |
        | connexion          |
        | compte             |

    @S_EN_TETE_CADRES @ASVS_14.4.7 @http
    Plan du Scénario: La page « <page> » ne peut pas être intégrée dans un autre site
      Soit je suis sur la page "<page>"
      Alors la réponse interdit son intégration dans un cadre d'un autre site

      Exemples:
        | page               |
        | identification     |
        | informations       |
        | espaces de travail |
        | activation         |
        | connexion          |
        | compte             |

    @S_EN_TETE_NOSNIFF @ASVS_14.4.4 @http
    Plan du Scénario: La page « <page> » interdit au navigateur de deviner son type
      Soit je suis sur la page "<page>"
      Alors la réponse porte l'en-tête "X-Content-Type-Options" à "nosniff"

      Exemples:
        | page               |
        | identification     |
        | informations       |
        | espaces de travail |
        | activation         |
        | connexion          |
        | compte             |

    @S_PAS_DE_CACHE @ASVS_8.2.1 @http
    Plan du Scénario: La page « <page> » n'est pas gardée en cache par le navigateur
      Soit je suis sur la page "<page>"
      Alors la réponse interdit sa mise en cache

      Exemples:
        | page       |
        | activation |
        | compte     |

  Règle: Les cookies de session sont protégés

    @S_COOKIE_HTTPONLY @ASVS_3.4.2 @http
    Scénario: Les cookies de session déposés pendant le parcours sont HttpOnly
      Quand je parcours l'inscription jusqu'à mon compte
      Alors chaque cookie de session déposé porte l'attribut "HttpOnly"

    @S_COOKIE_SAMESITE @ASVS_3.4.3 @http
    Scénario: Les cookies de session déposés pendant le parcours limitent les envois d'un autre site
      Quand je parcours l'inscription jusqu'à mon compte
      Alors chaque cookie de session déposé porte l'attribut "SameSite" à "Lax" ou "Strict"

    @S_COOKIE_SECURE @ASVS_3.4.1 @http
    Scénario: Servis en HTTPS, les cookies de session ne voyagent qu'en HTTPS
      Quand je parcours l'inscription jusqu'à mon compte
      Alors chaque cookie de session déposé en HTTPS porte l'attribut "Secure"

  Règle: Le mot de passe peut être long et collé, et n'est jamais renvoyé

    @S_MDP_64_CARACTERES @ASVS_2.1.2 @http @navigateur
    Scénario: Un mot de passe conforme de 64 caractères est accepté et ouvre le compte
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe conforme de 64 caractères
      Alors je me connecte avec ce mot de passe entier, et pas avec ses 63 premiers caractères

    @S_MDP_COLLER @ASVS_2.1.11 @navigateur
    Scénario: Le mot de passe et sa confirmation peuvent être collés
      Soit je suis sur la page d'activation
      Quand je colle un mot de passe conforme dans les champs "Mot de passe" et "Confirmation"
      Alors les champs "Mot de passe" et "Confirmation" contiennent le mot de passe collé

    @S_MDP_JAMAIS_AFFICHE @ASVS_8.3.4 @http
    Scénario: Un mot de passe refusé n'est pas renvoyé dans la page
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec une confirmation différente du mot de passe
      Alors la page réaffichée ne contient ni le mot de passe ni sa confirmation

    @S_MDP_JAMAIS_AFFICHE @ASVS_8.3.4 @http
    Scénario: Le mot de passe choisi n'apparaît dans aucune page ni aucun courriel
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe conforme puis je me connecte
      Alors ni les pages vues ni les courriels reçus ne contiennent le mot de passe

  Règle: Une saisie malveillante est refusée sur son champ ou conservée et affichée telle quelle

    @S_SAISIE_TAILLE @ASVS_5.1.4 @ASVS_5.2.2 @http
    Plan du Scénario: Une valeur démesurée dans « <champ> » (étape « <etape> ») est refusée sans erreur du serveur
      Soit je suis à l'étape "<etape>"
      Quand je saisis "100 000 caractères" dans le champ "<champ>" et je valide
      Alors la saisie est refusée sur le champ "<champ>", sans erreur du serveur

      Exemples:
        | etape          | champ                             |
        | identification | Adresse électronique de connexion |
        | informations   | Nom                               |
        | informations   | Raison Sociale                    |
        | activation     | Mot de passe                      |

    @S_SAISIE_CONTROLE @ASVS_5.1.3 @ASVS_5.2.2 @http
    Plan du Scénario: Des caractères de contrôle (<valeur>) dans « <champ> » sont refusés ou retirés
      Soit je suis à l'étape "informations"
      Quand je saisis "<valeur>" dans le champ "<champ>" et je valide
      Alors la saisie est refusée sur le champ "<champ>" ou conservée sans ses caractères de contrôle, sans erreur du serveur
      Et aucun courriel reçu ne contient ces caractères de contrôle

      Exemples:
        | champ          | valeur                |
        | Nom            | retour à la ligne     |
        | Prénom         | caractère nul         |
        | Raison Sociale | marque bidirectionnelle |

    @S_SAISIE_HTML @ASVS_5.3.3 @http
    Plan du Scénario: Du HTML saisi dans « <champ> » est refusé ou affiché comme du texte
      Soit je suis à l'étape "informations"
      Quand je saisis "du HTML" dans le champ "<champ>" et je valide
      Alors la saisie est refusée sur le champ "<champ>" ou affichée comme du texte, sans erreur du serveur

      Exemples:
        | champ  |
        | Nom    |
        | Prénom |

    @S_SAISIE_SQL @ASVS_5.3.4 @http
    Plan du Scénario: Une apostrophe et du SQL dans « <champ> » sont refusés ou enregistrés tels quels
      Soit je suis à l'étape "informations"
      Quand je saisis "du SQL" dans le champ "<champ>" et je valide
      Alors la saisie est refusée sur le champ "<champ>" ou conservée et affichée telle quelle, sans erreur du serveur

      Exemples:
        | champ  |
        | Nom    |
        | Prénom |

    @S_INJECTION_EN_TETES @ASVS_5.2.3 @ASVS_5.3.1 @http
    Plan du Scénario: Un saut de ligne suivi d'un en-tête dans « <champ> » (étape « <etape> ») n'ajoute aucun en-tête
      Soit je suis à l'étape "<etape>"
      Quand je saisis "un en-tête injecté" dans le champ "<champ>" et je valide
      Alors la saisie est refusée sur le champ "<champ>" ou conservée sans ses caractères de contrôle, sans erreur du serveur
      Et ni la réponse ni les courriels envoyés ne portent l'en-tête injecté

      Exemples:
        | etape          | champ                             |
        | identification | Adresse électronique de connexion |
        | informations   | Nom                               |

    @S_INJECTION_EN_TETES @ASVS_5.2.3 @ASVS_5.3.1 @http
    Scénario: Une adresse électronique dont la partie locale finit par un saut de ligne est refusée, ou nettoyée et le courriel part
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique dont la partie locale finit par un saut de ligne
      Et je poursuis l'inscription jusqu'à la validation de mes espaces de travail si elle est acceptée
      Alors aucune page n'est une erreur du serveur
      Et si l'adresse a été acceptée, le courriel d'activation est parti à l'adresse sans le saut de ligne
