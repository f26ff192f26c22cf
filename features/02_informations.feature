# language: fr
Fonctionnalité: 2. Complétez les informations demandées
  Les champs concernant votre structure (entreprise) sont alimentés avec les
  données de la base INSEE mais restent néanmoins modifiables. Vous complétez vos
  informations personnelles, puis cliquez sur Valider.

  Règle: La page présente les informations personnelles et celles de la structure

    @E2_PAGE_INFORMATIONS @navigateur @http
    Scénario: La page des informations présente ses deux rubriques
      Soit je suis à l'étape des informations
      Alors la page présente les rubriques :
        | rubrique                                  |
        | Je complète mes informations personnelles |
        | Les informations de ma structure          |

    @E2_LIBELLES_PERSONNELS @navigateur @http
    Scénario: Les champs personnels portent les libellés du guide
      Soit je suis à l'étape des informations
      Alors les champs suivants sont présents :
        | champ                                               |
        | Adresse électronique de connexion                   |
        | Résaisissez votre adresse électronique de connexion |
        | Nom                                                 |
        | Prénom                                              |
        | Entrez les caractères générés par l'image           |
      Et les champs suivants portent le libellé du guide :
        | champ                                               |
        | Adresse électronique de connexion                   |
        | Résaisissez votre adresse électronique de connexion |
        | Nom                                                 |
        | Prénom                                              |
        | Entrez les caractères générés par l'image           |

  Règle: Les champs matérialisés par un astérisque rouge sont obligatoires

    @E2_CHAMPS_OBLIGATOIRES @navigateur @http
    Scénario: Les champs obligatoires des informations personnelles sont marqués d'un astérisque
      Soit je suis à l'étape des informations
      Alors les champs suivants portent un astérisque visible en texte :
        | champ                                               |
        | Adresse électronique de connexion                   |
        | Résaisissez votre adresse électronique de connexion |
        | Nom                                                 |
        | Prénom                                              |
        | Entrez les caractères générés par l'image           |

    @E2_CHAMPS_OBLIGATOIRES @http
    Plan du Scénario: Un champ obligatoire laissé vide est refusé : <champ>
      Soit je suis à l'étape des informations
      Quand je laisse vide le champ "<champ>"
      Et je valide mes informations
      Alors mes informations sont refusées sur le champ "<champ>"

      Exemples:
        | champ                                               |
        | Adresse électronique de connexion                   |
        | Résaisissez votre adresse électronique de connexion |
        | Nom                                                 |
        | Prénom                                              |
        | Entrez les caractères générés par l'image           |

    @E2_CHAMPS_OBLIGATOIRES @navigateur
    Scénario: Un nom laissé vide est refusé dans le navigateur
      Soit je suis à l'étape des informations
      Quand je laisse vide le champ "Nom"
      Et je valide mes informations
      Alors mes informations sont refusées sur le champ "Nom"

    @E2_CHAMPS_OBLIGATOIRES @navigateur
    Plan du Scénario: Un champ obligatoire est exigé par le serveur, même quand la page a accepté la saisie : <champ>
      Soit je suis à l'étape des informations
      Quand je valide mes informations, le champ "<champ>" vidé dans la requête
      Alors mes informations sont refusées sur le champ "<champ>"

      Exemples:
        | champ                                               |
        | Adresse électronique de connexion                   |
        | Résaisissez votre adresse électronique de connexion |
        | Nom                                                 |
        | Prénom                                              |
        | Entrez les caractères générés par l'image           |

  Règle: L'adresse électronique est pré-remplie avec l'adresse de connexion et reste modifiable

    @E2_CONTACT_PREREMPLI @navigateur @http
    Scénario: L'adresse électronique est pré-remplie avec l'adresse de connexion
      Soit je suis à l'étape des informations
      Alors le champ "Adresse électronique de connexion" contient mon adresse électronique de connexion

    @E2_CONTACT_PREREMPLI @http
    Scénario: Une adresse de connexion avec sous-adressage (« +… ») est pré-remplie telle quelle
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'identifie avec une adresse électronique "plus-adressage"
      Alors le champ "Adresse électronique de connexion" contient mon adresse électronique de connexion

    @E2_CONTACT_COCHE_VALIDE @informatif @navigateur @http
    Scénario: L'adresse pré-remplie est signalée comme valide
      Soit je suis à l'étape des informations
      Alors le champ "Adresse électronique de connexion" est signalé comme valide

    @E2_CONTACT_MODIFIABLE @navigateur @http
    Scénario: L'adresse électronique pré-remplie peut être remplacée
      Soit je suis à l'étape des informations
      Alors le champ "Adresse électronique de connexion" est modifiable
      Quand je remplace l'adresse électronique pré-remplie par une autre adresse
      Et je valide mes informations
      Alors mes informations sont acceptées

    @E2_CONTACT_FORMAT @http
    Plan du Scénario: Une adresse électronique modifiée mal formée est refusée : <cas>
      Soit je suis à l'étape des informations
      Quand je remplace l'adresse électronique pré-remplie par une adresse "<cas>"
      Et je valide mes informations
      Alors mes informations sont refusées sur le champ "Adresse électronique de connexion"

      Exemples:
        | cas            |
        | sans @         |
        | deux @         |
        | domaine absent |

    @E2_CONTACT_FORMAT @navigateur
    Scénario: Une adresse électronique modifiée sans domaine est refusée dans le navigateur
      Soit je suis à l'étape des informations
      Quand je remplace l'adresse électronique pré-remplie par une adresse "domaine absent"
      Et je valide mes informations
      Alors mes informations sont refusées sur le champ "Adresse électronique de connexion"

    @E2_CONTACT_FORMAT @navigateur
    Plan du Scénario: L'adresse électronique modifiée est vérifiée par le serveur, même quand la page a accepté la saisie : <cas>
      Soit je suis à l'étape des informations
      Quand je valide mes informations, l'adresse électronique pré-remplie remplacée dans la requête par une adresse "<cas>"
      Alors mes informations sont refusées sur le champ "Adresse électronique de connexion"

      Exemples:
        | cas            |
        | sans @         |
        | deux @         |
        | domaine absent |

    @E2_RESAISIE_CONCORDANTE @navigateur @http
    Scénario: Une adresse résaisie différente est refusée
      Soit je suis à l'étape des informations
      Quand je résaisis une adresse électronique différente
      Et je valide mes informations
      Alors mes informations sont refusées sur le champ "Résaisissez votre adresse électronique de connexion"

    @E2_RESAISIE_CONCORDANTE @navigateur
    Scénario: L'adresse résaisie est comparée par le serveur, même quand la page a accepté la saisie
      Soit je suis à l'étape des informations
      Quand je valide mes informations, l'adresse résaisie remplacée dans la requête par une autre adresse
      Alors mes informations sont refusées sur le champ "Résaisissez votre adresse électronique de connexion"

  Règle: Nom et prénom sont saisis tels quels

    @E2_NOM_PRENOM @http
    Plan du Scénario: Un nom et un prénom <cas> sont acceptés et repris tels quels
      Soit je suis à l'étape des informations
      Quand je saisis un prénom et un nom "<cas>"
      Et je valide mes informations
      Alors mes informations sont acceptées
      Et le message de bienvenue reprend mon prénom et mon nom tels que saisis

      Exemples:
        | cas                  |
        | avec accents         |
        | avec trait d'union   |
        | avec apostrophe      |
        | avec espace          |

    @E2_NOM_PRENOM @navigateur
    Scénario: Un nom avec apostrophe est accepté et repris tel quel dans le navigateur
      Soit je suis à l'étape des informations
      Quand je saisis un prénom et un nom "avec apostrophe"
      Et je valide mes informations
      Alors mes informations sont acceptées
      Et le message de bienvenue reprend mon prénom et mon nom tels que saisis

  Règle: Le consentement à l'enquête de satisfaction est proposé, non coché et facultatif

    @E2_CONSENTEMENT_LIBELLE @navigateur @http
    Scénario: La case de consentement porte le texte du guide
      Soit je suis à l'étape des informations
      Alors une case à cocher porte le texte du consentement à l'enquête de satisfaction

    @E2_CONSENTEMENT_DECOCHE @informatif @navigateur @http
    Scénario: Le consentement n'est pas coché par défaut et n'est pas exigé
      Soit je suis à l'étape des informations
      Alors la case de consentement à l'enquête de satisfaction n'est pas cochée
      Quand je valide mes informations
      Alors mes informations sont acceptées

  Règle: Les caractères générés par l'image sont exigés

    @E2_CAPTCHA_OBLIGATOIRE @navigateur @http
    Scénario: Des caractères de l'image erronés sont refusés
      Soit je suis à l'étape des informations
      Quand je saisis des caractères de l'image erronés
      Et je valide mes informations
      Alors mes informations sont refusées sur le champ "Entrez les caractères générés par l'image"

    @E2_CAPTCHA_OBLIGATOIRE @navigateur
    Scénario: Les caractères de l'image sont vérifiés par le serveur, même quand la page a accepté la saisie
      Soit je suis à l'étape des informations
      Quand je valide mes informations, les caractères de l'image remplacés dans la requête par des caractères erronés
      Alors mes informations sont refusées sur le champ "Entrez les caractères générés par l'image"

    @E2_CAPTCHA_OBLIGATOIRE @http
    Scénario: Les caractères exacts de l'image sont acceptés
      Soit je suis à l'étape des informations
      Quand je valide mes informations
      Alors mes informations sont acceptées

    @E2_CAPTCHA_ALTERNATIVE @informatif @navigateur @http
    Scénario: L'image à recopier a une alternative textuelle
      Soit je suis à l'étape des informations
      Alors l'image à recopier a une alternative textuelle

  Règle: Les informations de ma structure sont alimentées par l'INSEE et restent modifiables

    @E2_LIBELLES_STRUCTURE @navigateur @http
    Scénario: Les informations de la structure portent les libellés du guide
      Soit je suis à l'étape des informations
      Alors l'information "Identifiant" est affichée
      Et les champs suivants sont présents :
        | champ                   |
        | Raison Sociale          |
        | Libellé de la structure |
        | Adresse                 |
        | Complément adresse 1    |
        | Complément adresse 2    |
        | Code postal             |
        | Ville                   |
        | Pays                    |
        | Non diffusible INSEE    |
      Et les champs suivants portent le libellé du guide :
        | champ                   |
        | Identifiant             |
        | Raison Sociale          |
        | Libellé de la structure |
        | Adresse                 |
        | Complément adresse 1    |
        | Complément adresse 2    |
        | Code postal             |
        | Ville                   |
        | Pays                    |
        | Non diffusible INSEE    |

    @E2_STRUCTURE_PREREMPLIE_INSEE @navigateur @http
    Scénario: Les champs de la structure reprennent les données de l'INSEE
      Soit une entreprise diffusible connue de l'INSEE
      Et je suis à l'étape des informations
      Alors les champs de la structure reprennent les données de l'INSEE

    @E2_PAYS_FRANCE @navigateur @http
    Scénario: Le pays d'un établissement situé en France est « France »
      Soit une entreprise diffusible connue de l'INSEE
      Et je suis à l'étape des informations
      Alors le champ "Pays" vaut "France"

    @E2_STRUCTURE_MODIFIABLE @navigateur @http
    Scénario: Les champs de la structure pré-remplis restent modifiables
      Soit je suis à l'étape des informations
      Alors les champs suivants sont modifiables :
        | champ                   |
        | Raison Sociale          |
        | Libellé de la structure |
        | Adresse                 |
        | Complément adresse 1    |
        | Complément adresse 2    |
        | Code postal             |
        | Ville                   |
      Quand je modifie la raison sociale et l'adresse de la structure
      Et je valide mes informations
      Alors mes informations sont acceptées

    @E2_STRUCTURE_MODIFIABLE @necessite_compte @http
    Scénario: La raison sociale modifiée est celle de la structure créée
      Soit je suis à l'étape des informations
      Quand je modifie la raison sociale et l'adresse de la structure
      Et je termine mon inscription
      Alors mon compte indique ma structure avec la raison sociale saisie et son SIRET

    @E2_IDENTIFIANT_SIRET @informatif @navigateur @http
    Scénario: L'identifiant de la structure est le SIRET saisi à l'étape 1
      Soit je suis à l'étape des informations
      Alors l'identifiant de la structure est le SIRET sans séparateurs

    @E2_IDENTIFIANT_NON_MODIFIABLE @informatif @http
    Scénario: L'identifiant de la structure n'est pas modifiable
      Soit je suis à l'étape des informations
      Alors l'identifiant de la structure n'est pas modifiable

  Règle: La case « Non diffusible INSEE » n'est cochée que pour un SIRET confidentiel, dont l'adresse est alors masquée

    @E2_NON_DIFFUSIBLE_COCHE @http
    Plan du Scénario: La case « Non diffusible INSEE » suit la diffusion de l'INSEE : <diffusion>
      Soit une entreprise <diffusion> connue de l'INSEE
      Et je suis à l'étape des informations
      Alors la case "Non diffusible INSEE" est <etat>

      Exemples:
        | diffusion      | etat     |
        | diffusible     | décochée |
        | non diffusible | cochée   |

    @E2_NON_DIFFUSIBLE_COCHE @navigateur
    Scénario: La case « Non diffusible INSEE » est cochée pour un SIRET confidentiel dans le navigateur
      Soit une entreprise non diffusible connue de l'INSEE
      Et je suis à l'étape des informations
      Alors la case "Non diffusible INSEE" est cochée

    @E2_NON_DIFFUSIBLE_MASQUE @navigateur @http
    Scénario: L'adresse d'une structure non diffusible est masquée
      Soit une entreprise non diffusible connue de l'INSEE
      Et je suis à l'étape des informations
      Alors les champs suivants ne sont pas affichés :
        | champ       |
        | Adresse     |
        | Code postal |
        | Ville       |
        | Pays        |
      Quand je valide mes informations
      Alors mes informations sont acceptées

    @E2_NON_DIFFUSIBLE_SANS_ND @informatif @navigateur @http
    Scénario: Aucune valeur « [ND] » de l'INSEE n'apparaît pour une structure non diffusible
      Soit une entreprise non diffusible connue de l'INSEE
      Et je suis à l'étape des informations
      Alors aucune donnée marquée non diffusible par l'INSEE n'apparaît

  Règle: Si l'INSEE ne répond pas, la structure se saisit à la main

    @E2_INSEE_INDISPONIBLE @informatif @http
    Plan du Scénario: Les informations de la structure se saisissent à la main quand l'INSEE est indisponible : <panne>
      Soit une entreprise dont l'INSEE ne peut pas fournir les données : <panne>
      Et je suis à l'étape des informations
      Alors la page signale que les données de l'INSEE sont indisponibles
      Et les champs de la structure sont vides et modifiables
      Quand je saisis à la main les informations de ma structure
      Et je valide mes informations
      Alors mes informations sont acceptées

      Exemples:
        | panne                  |
        | erreur interne         |
        | service indisponible   |

  Règle: Si votre SIRET existe déjà dans Chorus Pro, vous vous rattachez à la structure ou à certains de ses services

    @E2_RATTACHEMENT_ABSENT_PREMIER @informatif @navigateur @http
    Scénario: Le premier utilisateur d'un SIRET ne se voit pas proposer de rattachement
      Soit je suis à l'étape des informations
      Alors le choix "Je me rattache à" n'est pas proposé

    @E2_RATTACHEMENT_SI_EXISTANT @navigateur @http
    Scénario: Un utilisateur d'un SIRET déjà présent se voit proposer le rattachement
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et je suis à l'étape des informations
      Alors le choix "Je me rattache à" propose :
        | option                                                         |
        | La structure (y compris l'ensemble des services de ma structure) |
        | Uniquement certains services                                   |

    @E2_RATTACHEMENT_CHOIX_REQUIS @informatif @navigateur @http
    Scénario: Le choix de rattachement ne peut pas être omis
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et je suis à l'étape des informations
      Quand je valide mes informations sans choisir de rattachement
      Alors mes informations sont refusées

    @E2_RATTACHEMENT_CHOIX_REQUIS @informatif @navigateur
    Scénario: Le choix de rattachement est exigé par le serveur, même quand la page a accepté la saisie
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et je suis à l'étape des informations
      Quand je me rattache à la structure entière
      Et je valide mes informations, le rattachement choisi retiré de la requête
      Alors mes informations sont refusées

    @E2_RATTACHEMENT_STRUCTURE @necessite_compte @http
    Scénario: Se rattacher à la structure donne des droits sur toute la structure
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et je suis à l'étape des informations
      Quand je me rattache à la structure entière
      Et je termine mon inscription
      Alors mon compte indique le rattachement "La structure (y compris l'ensemble des services de ma structure)"

    @E2_RATTACHEMENT_SERVICES @necessite_services @necessite_compte @http
    Scénario: Se rattacher à certains services limite les droits aux services choisis
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et deux services ajoutés à cette structure
      Et je suis à l'étape des informations
      Quand je me rattache uniquement au premier service
      Et je termine mon inscription
      Alors mon compte indique le rattachement "Uniquement certains services" avec le premier service seulement

    @E2_RATTACHEMENT_SERVICE_REQUIS @informatif @necessite_services @navigateur @http
    Scénario: « Uniquement certains services » sans aucun service choisi est refusé
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et deux services ajoutés à cette structure
      Et je suis à l'étape des informations
      Quand je me rattache uniquement à certains services sans en choisir aucun
      Et je valide mes informations
      Alors mes informations sont refusées

    @E2_RATTACHEMENT_SERVICE_REQUIS @informatif @necessite_services @navigateur
    Scénario: Un service au moins est exigé par le serveur, même quand la page a accepté la saisie
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et deux services ajoutés à cette structure
      Et je suis à l'étape des informations
      Quand je me rattache uniquement au premier service
      Et je valide mes informations, le service choisi retiré de la requête
      Alors mes informations sont refusées

  Règle: Une structure identifie de manière unique chaque émetteur ou récepteur de factures

    @E2_STRUCTURE_UNIQUE @necessite_compte @http
    Scénario: Un second utilisateur d'un SIRET rejoint la structure existante
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et je suis à l'étape des informations
      Quand je me rattache à la structure entière
      Et je termine mon inscription
      Alors mon compte indique la structure du premier utilisateur
      Et un utilisateur suivant de ce SIRET se voit encore proposer le rattachement

    @E2_STRUCTURE_EXISTANTE_INCHANGEE @informatif @necessite_compte @http
    Scénario: Un utilisateur qui se rattache ne modifie pas la structure existante
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et je suis à l'étape des informations
      Quand je modifie la raison sociale si elle est modifiable
      Et je me rattache à la structure entière
      Et je termine mon inscription
      Alors mon compte indique la structure du premier utilisateur

  Règle: Des informations valides mènent à l'ouverture des espaces de travail

    @E2_VALIDER_SUITE @navigateur @http
    Scénario: Valider des informations complètes mène aux espaces de travail
      Soit je suis à l'étape des informations
      Quand je valide mes informations
      Alors mes informations sont acceptées
      Et la page des espaces de travail s'affiche
