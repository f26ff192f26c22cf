# language: fr
Fonctionnalité: 1. Identifiez-vous
  Vous êtes nouveau sur Chorus Pro et votre entreprise n'a encore jamais été créée.
  Vous saisissez votre adresse électronique de connexion et le n° de SIRET de votre
  entreprise ; un mail d'activation vous sera envoyé sur votre adresse électronique
  de connexion, qui vous servira à accéder à votre compte.

  Règle: La page « Vous êtes nouveau sur Chorus Pro ? » présente les champs du guide

    @E1_PAGE_IDENTIFICATION @navigateur @http
    Scénario: La page d'identification porte le titre du guide
      Quand j'ouvre la page d'identification
      Alors la page porte le titre "Vous êtes nouveau sur Chorus Pro ?"

    @E1_CHAMP_ADRESSE_CONNEXION @navigateur @http
    Scénario: Le champ « Adresse électronique de connexion » est proposé et obligatoire
      Quand j'ouvre la page d'identification
      Alors les champs suivants portent un astérisque visible en texte :
        | champ                             |
        | Adresse électronique de connexion |
      Et le champ "Adresse électronique de connexion" porte le libellé du guide

    @E1_CHAMP_SIRET @navigateur @http
    Scénario: Le champ « Numéro de SIRET » est proposé et obligatoire
      Quand j'ouvre la page d'identification
      Alors les champs suivants portent un astérisque visible en texte :
        | champ           |
        | Numéro de SIRET |
      Et le champ "Numéro de SIRET" porte le libellé du guide

    @E1_BOUTON_VALIDER @informatif @navigateur @http
    Scénario: Un bouton « Valider » soumet l'identification
      Quand j'ouvre la page d'identification
      Alors un bouton "Valider" est proposé

  Règle: Le lien « Je n'ai pas de numéro de SIRET » mène vers les autres identifiants

    @E1_LIEN_SANS_SIRET @navigateur @http
    Scénario: Le lien « Je n'ai pas de numéro de SIRET » mène à une page
      Quand j'ouvre la page d'identification
      Et je suis le lien "Je n'ai pas de numéro de SIRET"
      Alors une page s'affiche sans erreur

    @E1_SANS_SIRET_AUTRES_IDENTIFIANTS @informatif @http
    Scénario: La page sans SIRET présente les autres types d'identifiant
      Quand j'ouvre la page d'identification
      Et je suis le lien "Je n'ai pas de numéro de SIRET"
      Alors la page cite chacun de ces types d'identifiant :
        | type                |
        | UE hors France      |
        | Hors UE             |
        | RIDET               |
        | Tahiti              |
        | Particulier         |
        | Autre               |

  Règle: L'adresse électronique de connexion est obligatoire et bien formée

    @E1_ADRESSE_OBLIGATOIRE @navigateur @http
    Scénario: L'identification sans adresse électronique est refusée
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie sans adresse électronique
      Alors l'identification est refusée sur le champ "Adresse électronique de connexion"

    @E1_ADRESSE_OBLIGATOIRE @navigateur
    Scénario: L'adresse électronique est exigée par le serveur, même quand la page a accepté la saisie
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie, le champ "Adresse électronique de connexion" vidé dans la requête
      Alors l'identification est refusée sur le champ "Adresse électronique de connexion"

    @E1_ADRESSE_FORMAT @http
    Plan du Scénario: Ce qui n'est pas une adresse électronique est refusé : <cas>
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique "<cas>"
      Alors l'identification est refusée sur le champ "Adresse électronique de connexion"

      Exemples:
        | cas            |
        | sans @         |
        | deux @         |
        | espace         |
        | domaine absent |

    @E1_ADRESSE_FORMAT @navigateur
    Plan du Scénario: L'adresse électronique est vérifiée par le serveur, même quand la page a accepté la saisie : <cas>
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique valide, remplacée dans la requête par une adresse "<cas>"
      Alors l'identification est refusée sur le champ "Adresse électronique de connexion"

      Exemples:
        | cas            |
        | sans @         |
        | deux @         |
        | espace         |
        | domaine absent |

    @E1_ADRESSE_FORMAT_DETAIL @informatif @http
    Plan du Scénario: Un cas limite d'adresse électronique est refusé selon les RFC : <cas>
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique "<cas>"
      Alors l'identification est refusée sur le champ "Adresse électronique de connexion"

      Exemples:
        | cas                                |
        | point au début                     |
        | point doublé                       |
        | point à la fin de la partie locale |
        | domaine sans point                 |
        | partie locale de 65 caractères     |

    @E1_ADRESSE_FORMAT_DETAIL @informatif @navigateur
    Plan du Scénario: Un cas limite d'adresse électronique est refusé par le serveur, même quand la page a accepté la saisie : <cas>
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique valide, remplacée dans la requête par une adresse "<cas>"
      Alors l'identification est refusée sur le champ "Adresse électronique de connexion"

      Exemples:
        | cas                                |
        | point au début                     |
        | point doublé                       |
        | point à la fin de la partie locale |
        | domaine sans point                 |
        | partie locale de 65 caractères     |

    @E1_ADRESSE_FORMAT @navigateur
    Scénario: Une adresse électronique sans arobase est refusée dans le navigateur
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique "sans @"
      Alors l'identification est refusée sur le champ "Adresse électronique de connexion"

    @E1_ADRESSE_FORMAT @http
    Plan du Scénario: Une adresse électronique courante est acceptée : <cas>
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique "<cas>"
      Alors l'identification est acceptée

      Exemples:
        | cas           |
        | sous-domaines |
        | majuscules    |
        | tirets        |

    @E1_ADRESSE_FORMAT_DETAIL @informatif @http
    Plan du Scénario: Un cas limite d'adresse électronique est accepté selon les RFC : <cas>
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique "<cas>"
      Alors l'identification est acceptée

      Exemples:
        | cas                            |
        | plus-adressage                 |
        | partie locale de 64 caractères |

  Règle: Le numéro de SIRET est obligatoire, compte 14 chiffres et a une clé de contrôle juste

    @E1_SIRET_OBLIGATOIRE @navigateur @http
    Scénario: L'identification sans numéro de SIRET est refusée
      Quand je m'identifie sans numéro de SIRET
      Alors l'identification est refusée sur le champ "Numéro de SIRET"

    @E1_SIRET_OBLIGATOIRE @navigateur
    Scénario: Le numéro de SIRET est exigé par le serveur, même quand la page a accepté la saisie
      Quand je m'identifie, le champ "Numéro de SIRET" vidé dans la requête
      Alors l'identification est refusée sur le champ "Numéro de SIRET"

    @E1_SIRET_14_CHIFFRES @http
    Plan du Scénario: Un SIRET qui ne compte pas 14 chiffres est refusé : <cas>
      Quand je m'identifie avec un SIRET "<cas>"
      Alors l'identification est refusée sur le champ "Numéro de SIRET"

      Exemples:
        | cas             |
        | 13 chiffres     |
        | 15 chiffres     |
        | avec une lettre |

    @E1_SIRET_14_CHIFFRES @navigateur
    Plan du Scénario: Les 14 chiffres du SIRET sont vérifiés par le serveur, même quand la page a accepté la saisie : <cas>
      Quand je m'identifie avec un SIRET valide, remplacé dans la requête par un SIRET "<cas>"
      Alors l'identification est refusée sur le champ "Numéro de SIRET"

      Exemples:
        | cas             |
        | 13 chiffres     |
        | 15 chiffres     |
        | avec une lettre |

    @E1_SIRET_14_CHIFFRES @navigateur
    Scénario: Un SIRET de 13 chiffres est refusé dans le navigateur
      Quand je m'identifie avec un SIRET "13 chiffres"
      Alors l'identification est refusée sur le champ "Numéro de SIRET"

    @E1_SIRET_CLE @navigateur @http
    Scénario: Un SIRET dont la clé de contrôle est fausse est refusé, même si l'INSEE le connaissait
      Quand je m'identifie avec un SIRET "clé invalide"
      Alors l'identification est refusée sur le champ "Numéro de SIRET"

    @E1_SIRET_CLE @navigateur
    Scénario: La clé du SIRET est vérifiée par le serveur, même quand la page a accepté la saisie
      Quand je m'identifie avec un SIRET valide, remplacé dans la requête par un SIRET "clé invalide"
      Alors l'identification est refusée sur le champ "Numéro de SIRET"

    @E1_SIRET_CLE @http
    Scénario: Un SIRET à la clé de contrôle juste est accepté
      Quand je m'identifie avec un SIRET "valide"
      Alors l'identification est acceptée

    @E1_SIRET_LA_POSTE @http
    Plan du Scénario: Les SIRET de La Poste suivent leur propre règle : <cas>
      Quand je m'identifie avec un SIRET "<cas>"
      Alors l'identification est <verdict>

      Exemples:
        | cas                                                | verdict                                |
        | La Poste                                           | acceptée                               |
        | La Poste, siège                                    | acceptée                               |
        | La Poste, Luhn valide mais somme non multiple de 5 | refusée sur le champ "Numéro de SIRET" |

    @E1_SIRET_LA_POSTE @navigateur
    Scénario: Un SIRET de La Poste valide est accepté dans le navigateur
      Quand je m'identifie avec un SIRET "La Poste"
      Alors l'identification est acceptée

    @E1_SIRET_LA_POSTE @navigateur
    Plan du Scénario: La règle des SIRET de La Poste est vérifiée par le serveur, même quand la page a accepté la saisie : <cas>
      Quand je m'identifie avec un SIRET valide, remplacé dans la requête par un SIRET "<cas>"
      Alors l'identification est refusée sur le champ "Numéro de SIRET"

      Exemples:
        | cas                                                |
        | La Poste, Luhn valide mais somme non multiple de 5 |

    @E1_SIRET_ESPACES @informatif @http
    Plan du Scénario: Un SIRET saisi avec des séparateurs est accepté : <cas>
      Quand je m'identifie avec un SIRET "<cas>"
      Alors l'identification est acceptée
      Et l'identifiant de la structure est le SIRET sans séparateurs

      Exemples:
        | cas                    |
        | avec espaces           |
        | avec points            |
        | avec espaces ou points |

    @E1_SIRET_ESPACES @informatif @navigateur
    Scénario: Un SIRET saisi avec des espaces est accepté dans le navigateur
      Quand je m'identifie avec un SIRET "avec espaces"
      Alors l'identification est acceptée

  Règle: Le SIRET doit désigner un établissement actif connu de l'INSEE
    Le guide n'en parle pas (docs/AMBIGUITES.md n° 19) : ces scénarios informent, ils ne bloquent pas.

    @E1_SIRET_INCONNU @informatif @navigateur @http
    Scénario: Un SIRET inconnu de l'INSEE est refusé
      Soit un SIRET valide mais inconnu de l'INSEE
      Quand je m'identifie avec ce SIRET
      Alors l'identification est refusée sur le champ "Numéro de SIRET"
      Et le message d'erreur du champ "Numéro de SIRET" dit que l'INSEE ne connaît pas ce SIRET

    @E1_SIRET_FERME @informatif @navigateur @http
    Scénario: Un établissement fermé est refusé
      Soit un établissement fermé selon l'INSEE
      Quand je m'identifie avec ce SIRET
      Alors l'identification est refusée sur le champ "Numéro de SIRET"
      Et le message d'erreur du champ "Numéro de SIRET" dit que l'établissement est fermé

  Règle: Une identification valide mène à la suite de l'inscription

    @E1_VALIDER_SUITE @navigateur @http
    Scénario: Une adresse et un SIRET valides mènent à « Complétez les informations demandées »
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec ce SIRET
      Alors l'identification est acceptée

  Règle: L'adresse électronique de connexion reçoit le mail d'activation et sert à se connecter

    @E1_MAIL_ADRESSE_CONNEXION @informatif @navigateur @http
    Scénario: Le mail d'activation part vers l'adresse de connexion même si l'adresse de contact est modifiée
      Soit je suis à l'étape des informations
      Quand je remplace l'adresse électronique pré-remplie par une autre adresse
      Et je valide mes informations
      Et je valide mes espaces de travail
      Alors un courriel d'activation arrive à mon adresse électronique de connexion
      Et aucun courriel n'arrive à l'autre adresse

    @E1_ADRESSE_SERT_CONNEXION @informatif @necessite_compte @http
    Scénario: On se connecte avec l'adresse de connexion, pas avec l'adresse de contact
      Soit mon compte est activé avec une adresse de contact différente
      Quand je me connecte avec mon adresse électronique de connexion et mon mot de passe
      Alors je suis connecté à mon compte
      Et la connexion avec mon adresse de contact et mon mot de passe est refusée
