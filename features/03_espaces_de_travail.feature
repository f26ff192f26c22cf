# language: fr
Fonctionnalité: 3. Ouvrez vos espaces de travail
  Les espaces de travail vous donnent accès aux fonctionnalités de Chorus Pro dont
  vous avez besoin pour émettre vos factures. Vous ajoutez ou supprimez les espaces
  dans la colonne « Activation », puis cliquez sur Valider : votre compte est créé
  et un courriel d'activation est envoyé.

  Règle: La page souhaite la bienvenue et annonce la création du compte

    @E3_BIENVENUE_NOM @navigateur @http
    Scénario: La bienvenue est souhaitée avec le prénom et le nom saisis
      Soit je suis à l'étape des espaces de travail
      Alors un titre de la page commence par "Bienvenue" et contient mon prénom et mon nom

    @E3_BIENVENUE_CIVILITE @informatif @http
    Scénario: La bienvenue ne suppose aucune civilité
      Soit je suis à l'étape des espaces de travail
      Alors le titre "Bienvenue" ne contient aucune civilité

    @E3_COMPTE_CREE_ADRESSE @navigateur @http
    Scénario: La page annonce la création du compte avec l'adresse de connexion
      Soit je suis à l'étape des espaces de travail
      Alors la page annonce « Votre compte utilisateur … a été créé. » avec mon adresse de connexion

    @E3_COMPTE_CREE_ADRESSE_CONTACT_MODIFIEE @informatif @http
    Scénario: L'adresse annoncée reste l'adresse de connexion quand l'adresse de contact est modifiée
      Soit je suis à l'étape des informations
      Quand je remplace l'adresse électronique pré-remplie par une autre adresse
      Et je valide mes informations
      Alors la page annonce « Votre compte utilisateur … a été créé. » avec mon adresse de connexion

  Règle: Les huit espaces de travail sont proposés, « Factures émises » seul activé par défaut

    @E3_HUIT_ESPACES @navigateur @http
    Scénario: Les huit espaces sont proposés avec leur descriptif et un choix OUI/NON
      Soit je suis à l'étape des espaces de travail
      Alors les espaces de travail suivants sont proposés avec leur descriptif et un choix OUI/NON :
        | espace                       | descriptif                                                                                                |
        | Demande de remboursement TIC | Réservé au dépôt des demandes de remboursement TIC                                                        |
        | Engagements                  | Visualisation des commandes de l'Etat                                                                     |
        | Factures à valider           | Réservé à la validation des sous-traitants et cotraitants                                                 |
        | Factures de travaux          | Réservé au dépôt de factures de travaux (fourisseurs, MOE, MOA)                                           |
        | Factures émises              | Réservé au dépôt et à la visualisation des factures émises à destination des structures publiques         |
        | Mémoires de frais de justice | Réservé au dépôt de mémoires de frais de justice                                                          |
        | Raccordement EDI et API      | Permet de demander et de suivre le raccordement de vos structures pour l'utilisation des modes EDI et API |
        | Suivi des flux               | Réservé aux structures raccordées émettant des flux EDI                                                   |

    @E3_DEFAUT_FACTURES_EMISES @navigateur @http
    Scénario: « Factures émises » est activé par défaut
      Soit je suis à l'étape des espaces de travail
      Alors l'espace "Factures émises" est sur "OUI"

    @E3_DEFAUT_AUTRES_NON @navigateur @http
    Scénario: Les autres espaces sont désactivés par défaut
      Soit je suis à l'étape des espaces de travail
      Alors les espaces suivants sont sur "NON" :
        | espace                       |
        | Demande de remboursement TIC |
        | Engagements                  |
        | Factures à valider           |
        | Factures de travaux          |
        | Mémoires de frais de justice |
        | Raccordement EDI et API      |
        | Suivi des flux               |

    @E3_SOLLICITATIONS_EMISES @informatif @http
    Scénario: « Sollicitations émises », s'il est proposé, est activé par défaut
      Soit je suis à l'étape des espaces de travail
      Alors l'espace "Sollicitations émises", s'il est proposé, est sur "OUI"

  Règle: Les choix OUI/NON sont enregistrés quand on valide

    @E3_CHOIX_ESPACES @necessite_compte @http
    Scénario: Les espaces choisis sont ceux du compte activé
      Soit je suis à l'étape des espaces de travail
      Quand je mets l'espace "Engagements" sur "OUI"
      Et je mets l'espace "Factures émises" sur "NON"
      Et je valide mes espaces de travail
      Soit mon compte activé avec le lien reçu
      Alors sur mon compte, l'espace "Engagements" est sur "OUI"
      Et sur mon compte, l'espace "Factures émises" est sur "NON"
      Et sur mon compte, l'espace "Suivi des flux" est sur "NON"

  Règle: Valider crée le compte, envoie le courriel d'activation et nomme le gestionnaire principal

    @E3_VALIDER_COURRIEL @navigateur @http
    Scénario: Valider les espaces annonce et envoie le courriel d'activation
      Soit je suis à l'étape des espaces de travail
      Quand je valide mes espaces de travail
      Alors la page annonce "Votre compte est créé et un courriel d'activation est envoyé"
      Et un courriel d'activation arrive à mon adresse électronique de connexion

    @E3_GESTIONNAIRE_PRINCIPAL @navigateur @http
    Scénario: Le premier utilisateur d'une structure apprend qu'il en est le gestionnaire principal
      Soit je suis à l'étape des espaces de travail
      Quand je valide mes espaces de travail
      Alors la page annonce "vous en êtes le gestionnaire principal"

    @E3_GESTIONNAIRE_PRINCIPAL @necessite_compte @http
    Scénario: Le premier utilisateur d'une structure en a le rôle de gestionnaire principal
      Soit mon compte est activé
      Quand je me connecte avec mon adresse électronique de connexion et mon mot de passe
      Alors mon compte indique le rôle "Gestionnaire principal"

    @E3_GESTIONNAIRE_PRINCIPAL_UNIQUE @navigateur @http
    Scénario: Un utilisateur suivant de la structure n'est pas annoncé gestionnaire principal
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et je suis à l'étape des informations
      Quand je me rattache à la structure entière
      Et je valide mes informations
      Et je valide mes espaces de travail
      Alors la page annonce "Votre compte est créé et un courriel d'activation est envoyé"
      Mais la page n'annonce pas "vous en êtes le gestionnaire principal"

    @E3_ROLE_UTILISATEUR @informatif @necessite_compte @http
    Scénario: Un utilisateur suivant de la structure a le rôle d'utilisateur
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et je suis à l'étape des informations
      Quand je me rattache à la structure entière
      Et je termine mon inscription
      Alors mon compte indique le rôle "Utilisateur"
      Et le premier utilisateur reste gestionnaire principal
