# language: fr
@accessibilite
Fonctionnalité: 7. Accessibilité du parcours (RGAA 4.1)
  Chorus Pro est un service public : le RGAA 4.1 s'y applique. Une personne qui utilise un lecteur
  d'écran ou le seul clavier doit pouvoir créer son compte. Ces règles ne viennent pas du guide :
  elles ont leur propre verdict, dans leur section du rapport, et ne bloquent le verdict que si le
  profil de l'implémentation le demande. Chaque scénario porte les critères RGAA qu'il vérifie.

  Règle: axe-core ne relève aucune violation sur les pages du parcours, états d'erreur compris

    @A_AXE @navigateur
    @RGAA_1.1 @RGAA_2.1 @RGAA_3.1 @RGAA_3.2 @RGAA_5.7 @RGAA_6.2 @RGAA_7.1 @RGAA_7.3 @RGAA_8.2 @RGAA_8.3
    @RGAA_8.4 @RGAA_8.5 @RGAA_8.7 @RGAA_9.3 @RGAA_10.4 @RGAA_11.1 @RGAA_11.9 @RGAA_11.13 @RGAA_12.7 @RGAA_13.1
    Scénario: axe-core ne relève aucune violation sur les pages du parcours, états d'erreur compris
      Soit une entreprise diffusible connue de l'INSEE
      Quand je parcours l'inscription dans le navigateur par chacun des états de ses pages, axe-core analysant chacun
      Alors axe-core ne relève aucune violation sur aucune des pages parcourues

    @A_AXE @navigateur @necessite_horloge
    @RGAA_1.1 @RGAA_2.1 @RGAA_3.1 @RGAA_3.2 @RGAA_5.7 @RGAA_6.2 @RGAA_7.1 @RGAA_7.3 @RGAA_8.2 @RGAA_8.3
    @RGAA_8.4 @RGAA_8.5 @RGAA_8.7 @RGAA_9.3 @RGAA_10.4 @RGAA_11.1 @RGAA_11.9 @RGAA_11.13 @RGAA_12.7 @RGAA_13.1
    Scénario: axe-core ne relève aucune violation sur la page du lien expiré
      Soit mon compte a été créé
      Et le lien d'activation a dépassé sa durée de validité
      Quand j'ouvre le lien du courriel d'activation
      Alors axe-core ne relève aucune violation sur la page

  Règle: Chaque champ a une étiquette pertinente

    @A_ETIQUETTES @navigateur @RGAA_11.1 @RGAA_11.2
    Plan du Scénario: Chaque champ de la page « <page> » a une étiquette pertinente
      Soit la page "<page>" du parcours est affichée
      Alors chaque champ de la page a une étiquette
      Et l'étiquette visible de chaque champ fait partie de son nom accessible

      Exemples:
        | page               |
        | identification     |
        | informations       |
        | espaces de travail |
        | activation         |

  Règle: Les choix de même nature sont regroupés sous une légende pertinente

    @A_REGROUPEMENTS @navigateur @RGAA_11.5 @RGAA_11.6 @RGAA_11.7
    Scénario: Les espaces de travail sont chacun un groupe de choix nommé d'après l'espace
      Soit la page "espaces de travail" du parcours est affichée
      Alors chaque ensemble de boutons radio ou de cases à cocher est regroupé sous une légende
      Et les regroupements suivants portent leur légende :
        | légende                      |
        | Demande de remboursement TIC |
        | Engagements                  |
        | Factures à valider           |
        | Factures de travaux          |
        | Factures émises              |
        | Mémoires de frais de justice |
        | Raccordement EDI et API      |
        | Suivi des flux               |

    @A_REGROUPEMENTS @navigateur @necessite_services @RGAA_11.5 @RGAA_11.6 @RGAA_11.7
    Scénario: Le rattachement et les services sont chacun un groupe de choix avec sa légende
      Soit une structure déjà créée dans Chorus Pro par un premier utilisateur
      Et deux services ajoutés à cette structure
      Et la page "informations" du parcours est affichée
      Alors chaque ensemble de boutons radio ou de cases à cocher est regroupé sous une légende
      Et les regroupements suivants portent leur légende :
        | légende          |
        | Je me rattache à |
        | Services         |

  Règle: Les champs obligatoires l'indiquent en texte, pas par la seule couleur

    @A_OBLIGATOIRES @navigateur @RGAA_3.1 @RGAA_11.10
    Plan du Scénario: Les champs obligatoires de la page « <page> » l'indiquent en texte
      Soit la page "<page>" du parcours est affichée
      Alors chaque champ obligatoire l'indique en texte dans son étiquette

      Exemples:
        | page           |
        | identification |
        | informations   |
        | activation     |

  Règle: Une erreur est liée à son champ et suggère le format attendu

    @A_ERREURS @navigateur @RGAA_11.10
    Plan du Scénario: L'erreur « <erreur> » est liée à son champ
      Quand je commets l'erreur "<erreur>"
      Alors le champ "<champ>" porte aria-invalid et son message par aria-describedby

      Exemples:
        | erreur                                   | champ                                               |
        | SIRET à la clé fausse                    | Numéro de SIRET                                     |
        | adresse électronique résaisie différente | Résaisissez votre adresse électronique de connexion |
        | mot de passe trop court                  | Mot de passe                                        |

    @A_ERREURS @navigateur @RGAA_11.11
    Plan du Scénario: L'erreur « <erreur> » suggère le format attendu
      Quand je commets l'erreur "<erreur>"
      Alors le message ou la description du champ "<champ>" suggère le format attendu « <format> »

      Exemples:
        | erreur                  | champ           | format |
        | SIRET à la clé fausse   | Numéro de SIRET | 14     |
        | mot de passe trop court | Mot de passe    | 12     |

  Règle: Les champs des données personnelles déclarent leur finalité

    @A_AUTOCOMPLETE @navigateur @RGAA_11.13
    Scénario: Les champs personnels de l'identification et des informations déclarent leur finalité
      Soit la page "informations" du parcours est affichée
      Alors les champs suivants déclarent leur finalité :
        | champ                                               | finalité    |
        | Adresse électronique de connexion                   | email       |
        | Résaisissez votre adresse électronique de connexion | email       |
        | Nom                                                 | family-name |
        | Prénom                                              | given-name  |

    @A_AUTOCOMPLETE @navigateur @RGAA_11.13
    Scénario: L'adresse électronique de l'identification déclare sa finalité
      Soit la page "identification" du parcours est affichée
      Alors les champs suivants déclarent leur finalité :
        | champ                             | finalité |
        | Adresse électronique de connexion | email    |

  Règle: Chaque page a un titre propre à son étape et indique sa langue

    @A_TITRES_DE_PAGE @navigateur @RGAA_8.5 @RGAA_8.6
    Scénario: Chaque page du parcours a un titre propre à son étape
      Soit j'ai parcouru l'inscription jusqu'à la page d'activation dans le navigateur
      Alors chaque page parcourue a un titre de page, différent de celui des autres étapes

    @A_LANGUE @navigateur @RGAA_8.3
    Scénario: Chaque page du parcours indique sa langue
      Soit j'ai parcouru l'inscription jusqu'à la page d'activation dans le navigateur
      Alors chaque page parcourue indique sa langue par défaut

  Règle: Le captcha a une alternative textuelle et une solution non graphique

    @A_CAPTCHA @navigateur @RGAA_1.4 @RGAA_1.5
    Scénario: Le captcha dit ce qu'il est et propose une autre solution que l'image
      Soit la page "informations" du parcours est affichée
      Alors l'image du captcha a une alternative textuelle qui dit sa nature et sa fonction
      Et une solution non graphique accompagne le captcha

  Règle: La complexité du mot de passe est annoncée

    @A_MESSAGES_DE_STATUT @navigateur @RGAA_7.5
    Scénario: La complexité du mot de passe est annoncée par une zone de statut
      Soit la page "activation" du parcours est affichée
      Quand je saisis un mot de passe faible puis un mot de passe fort
      Alors une zone de statut annonce la complexité, différente pour les deux mots de passe
      Et l'indicateur de complexité est nommé pour les technologies d'assistance

  Règle: L'inscription entière se fait au clavier seul

    @A_CLAVIER @navigateur @RGAA_7.3 @RGAA_10.7 @RGAA_12.9
    Scénario: Je crée et j'active mon compte au clavier seul
      Soit une entreprise diffusible connue de l'INSEE
      Quand je m'inscris et j'active mon compte au clavier seul
      Alors aucun élément ne retient le focus
      Et chaque élément du parcours est atteint au clavier
      Et la prise de focus est visible sur chaque élément atteint
      Et mon compte est activé au clavier

    @A_FOCUS_APRES_REFUS @navigateur @RGAA_11.10
    Scénario: Après un refus de l'identification, le focus va à l'erreur
      Soit une entreprise diffusible connue de l'INSEE
      Quand je valide au clavier l'identification avec un SIRET à la clé fausse
      Alors le focus est sur le premier champ en erreur ou sur le récapitulatif des erreurs
