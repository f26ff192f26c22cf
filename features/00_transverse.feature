# language: fr
Fonctionnalité: 0. Règles communes à toutes les étapes
  Ce qui vaut à chaque étape du parcours « Créer un compte en quelques clics » :
  le parcours complet aboutit, les erreurs sont signalées sur le champ concerné sans
  perdre la saisie, les champs obligatoires portent un astérisque lisible, chaque
  page a un titre et aucune saisie ne provoque d'erreur du serveur.

  Règle: Les quatre grandes étapes mènent à un compte actif

    @T_PARCOURS_COMPLET @navigateur @http
    Scénario: Le parcours complet aboutit à un compte actif
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec ce SIRET
      Et je valide mes informations
      Et je mets l'espace "Engagements" sur "OUI"
      Et je valide mes espaces de travail
      Et j'active mon compte avec le lien reçu
      Alors la page annonce "Votre compte est désormais actif"

  Règle: Une erreur est signalée sur le champ concerné, en français, et la saisie est conservée
    Le guide ne montre aucun message d'erreur : comment une erreur s'affiche vient de notre
    contrat (docs/CONTRACT.md §1). Ces scénarios informent, ils ne bloquent pas le verdict.

    @T_ERREUR_SUR_LE_CHAMP @informatif @http
    Plan du Scénario: L'erreur est rattachée au champ : <erreur>
      Quand je commets l'erreur "<erreur>"
      Alors le champ "<champ>" est signalé en erreur par un message en français

      Exemples:
        | erreur                                  | champ                                               |
        | SIRET à la clé fausse                   | Numéro de SIRET                                     |
        | adresse électronique résaisie différente | Résaisissez votre adresse électronique de connexion |
        | mot de passe trop court                 | Mot de passe                                        |

    @T_ERREUR_SUR_LE_CHAMP @informatif @navigateur
    Scénario: L'erreur sur le SIRET est rattachée au champ dans le navigateur
      Quand je commets l'erreur "SIRET à la clé fausse"
      Alors le champ "Numéro de SIRET" est signalé en erreur par un message en français

    @T_ERREUR_NOMME_LE_CHAMP @informatif @http
    Plan du Scénario: Le message d'erreur reprend le libellé du champ : <erreur>
      Quand je commets l'erreur "<erreur>"
      Alors le message d'erreur du champ "<champ>" reprend son libellé

      Exemples:
        | erreur                                  | champ                                               |
        | SIRET à la clé fausse                   | Numéro de SIRET                                     |
        | adresse électronique résaisie différente | Résaisissez votre adresse électronique de connexion |
        | mot de passe trop court                 | Mot de passe                                        |

    @T_SAISIE_CONSERVEE @informatif @navigateur @http
    Scénario: Après un refus de l'identification, l'adresse saisie est conservée
      Quand je m'identifie avec un SIRET "clé invalide"
      Alors le formulaire réaffiché après le refus conserve la valeur du champ "Adresse électronique de connexion"

    @T_SAISIE_CONSERVEE @informatif @navigateur @http
    Scénario: Après un refus des informations, les autres valeurs saisies sont conservées
      Soit je suis à l'étape des informations
      Quand je résaisis une adresse électronique différente
      Et je valide mes informations
      Alors le formulaire réaffiché après le refus conserve les valeurs des champs suivants :
        | champ  |
        | Nom    |
        | Prénom |

  Règle: L'astérisque des champs obligatoires se lit, il ne tient pas à la seule couleur

    @T_ASTERISQUE_TEXTE @navigateur
    Scénario: Les champs obligatoires de l'identification portent un astérisque visible
      Quand j'ouvre la page d'identification
      Alors les champs suivants portent un astérisque visible en texte :
        | champ                             |
        | Adresse électronique de connexion |
        | Numéro de SIRET                   |

    @T_ASTERISQUE_TEXTE @navigateur
    Scénario: Les champs obligatoires des informations portent un astérisque visible
      Soit je suis à l'étape des informations
      Alors les champs suivants portent un astérisque visible en texte :
        | champ                                               |
        | Adresse électronique de connexion                   |
        | Résaisissez votre adresse électronique de connexion |
        | Nom                                                 |
        | Prénom                                              |
        | Entrez les caractères générés par l'image           |

    @T_ASTERISQUE_TEXTE @navigateur
    Scénario: Les champs obligatoires de l'activation portent un astérisque visible
      Soit je suis sur la page d'activation
      Alors les champs suivants portent un astérisque visible en texte :
        | champ            |
        | Mot de passe     |
        | Confirmation     |
        | Question secrète |
        | Réponse          |

  Règle: Les champs à astérisque sont marqués obligatoires pour les technologies d'assistance
    Le guide montre l'astérisque ; l'attribut required (ou aria-required) vient de notre contrat
    (docs/CONTRACT.md §3). Un champ que l'utilisateur ne peut pas modifier n'a pas à le porter.

    @T_OBLIGATOIRE_ACCESSIBLE @informatif @navigateur @http
    Plan du Scénario: Les champs à astérisque de l'étape « <etape> » sont marqués obligatoires
      Soit je suis à l'étape "<etape>"
      Alors les champs modifiables suivants sont marqués obligatoires pour les technologies d'assistance : <champs>

      Exemples:
        | etape          | champs                                                                                                                          |
        | identification | Adresse électronique de connexion ; Numéro de SIRET                                                                             |
        | informations   | Adresse électronique de connexion ; Résaisissez votre adresse électronique de connexion ; Nom ; Prénom ; Entrez les caractères générés par l'image |
        | activation     | Mot de passe ; Confirmation ; Question secrète ; Réponse                                                                        |

  Règle: Chaque étape a un titre de page et un titre principal

    @T_TITRE_PAGE @informatif @navigateur @http
    Plan du Scénario: La page de l'étape « <etape> » a un titre
      Soit je suis à l'étape "<etape>"
      Alors la page a un titre et un titre principal

      Exemples:
        | etape              |
        | identification     |
        | informations       |
        | espaces de travail |
        | activation         |

  Règle: L'aide est à portée de main

    @T_AIDE @navigateur @http
    Plan du Scénario: L'étape « <etape> » propose « Besoin d'aide ? Posez une question »
      Soit je suis à l'étape "<etape>"
      Alors un lien "Besoin d'aide ? Posez une question" est proposé

      Exemples:
        | etape              |
        | espaces de travail |
        | activation         |

  Règle: Aucune saisie ne provoque d'erreur du serveur

    @T_JAMAIS_ERREUR_SERVEUR @informatif @http
    Plan du Scénario: Une saisie inattendue à l'identification ne provoque pas d'erreur du serveur : <saisie>
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie en saisissant <saisie>
      Alors la réponse n'est pas une erreur du serveur

      Exemples:
        | saisie                                          |
        | une adresse électronique de 300 caractères      |
        | un SIRET de 1000 chiffres                       |
        | un SIRET en chiffres non latins                 |
        | un SIRET contenant une apostrophe et un point-virgule |

    @T_JAMAIS_ERREUR_SERVEUR @informatif @http
    Plan du Scénario: Une panne de l'INSEE ne provoque pas d'erreur du serveur : <panne>
      Soit une entreprise dont l'INSEE ne peut pas fournir les données : <panne>
      Quand je m'identifie avec ce SIRET
      Alors la réponse n'est pas une erreur du serveur

      Exemples:
        | panne                |
        | erreur interne       |
        | service indisponible |

    @T_JAMAIS_ERREUR_SERVEUR @informatif @http
    Scénario: Un nom contenant du code est affiché tel quel, jamais exécuté
      Soit je suis à l'étape des informations
      Quand je saisis un nom contenant du code
      Et je valide mes informations
      Alors la réponse n'est pas une erreur du serveur
      Et le message de bienvenue reprend mon prénom et mon nom tels que saisis
