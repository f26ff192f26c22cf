# language: fr
Fonctionnalité: 4. Activez votre compte utilisateur
  Après avoir cliqué sur le lien reçu par courriel, vous êtes renvoyé sur une page
  de Chorus Pro pour finaliser votre inscription : vous choisissez votre mot de
  passe et la question secrète, puis cliquez sur Valider. Le courriel a une durée
  de validité limitée.

  Règle: Le courriel d'activation mène à la page d'activation

    @E4_COURRIEL_LIEN @navigateur @http
    Scénario: Le lien du courriel d'activation mène à la page d'activation
      Soit mon compte a été créé
      Alors le courriel d'activation reçu à mon adresse de connexion contient un lien
      Quand j'ouvre le lien du courriel d'activation
      Alors la page d'activation s'affiche

    @E4_COURRIEL_OBJET @informatif @http
    Scénario: Le courriel d'activation a un objet
      Soit mon compte a été créé
      Alors le courriel d'activation reçu à mon adresse de connexion a un objet

  Règle: Le lien d'activation a une durée de validité limitée et ne sert qu'une fois

    @E4_LIEN_EXPIRE @necessite_horloge @navigateur @http
    Scénario: Un lien dont la durée de validité est dépassée est refusé
      Soit mon compte a été créé
      Et le lien d'activation a dépassé sa durée de validité
      Quand j'ouvre le lien du courriel d'activation
      Alors la page indique que le lien a expiré
      Et l'activation n'est pas proposée

    @E4_LIEN_VALIDE_DANS_LA_DUREE @necessite_horloge @http
    Scénario: Un lien encore dans sa durée de validité permet d'activer le compte
      Soit mon compte a été créé
      Et le lien d'activation arrive au terme de sa durée de validité
      Quand j'ouvre le lien du courriel d'activation
      Alors la page d'activation s'affiche
      Quand j'active mon compte avec un mot de passe conforme
      Alors la page annonce "Votre compte est désormais actif"

    @E4_LIEN_USAGE_UNIQUE @informatif @navigateur @http
    Scénario: Un lien d'activation déjà utilisé est refusé
      Soit mon compte est activé
      Quand j'ouvre de nouveau le lien du courriel d'activation
      Alors la page indique que le lien a déjà été utilisé
      Et l'activation n'est pas proposée

    @E4_NOUVEAU_LIEN @informatif @necessite_horloge @http
    Scénario: Un nouveau lien d'activation s'obtient depuis un lien expiré
      Soit mon compte a été créé
      Et le lien d'activation a dépassé sa durée de validité
      Quand j'ouvre le lien du courriel d'activation
      Et je demande un nouveau lien d'activation
      Alors un nouveau courriel d'activation arrive à mon adresse électronique de connexion
      Quand j'ouvre le lien du nouveau courriel d'activation
      Alors la page d'activation s'affiche
      Quand j'active mon compte avec un mot de passe conforme
      Alors la page annonce "Votre compte est désormais actif"

  Règle: La page d'activation rappelle les informations générales

    @E4_PAGE_ACTIVATION @navigateur @http
    Scénario: La page d'activation présente ses rubriques et ses actions
      Soit je suis sur la page d'activation
      Alors la page porte le titre "Activation du compte utilisateur"
      Et la page présente les rubriques :
        | rubrique                |
        | Informations générales  |
        | Gestion du mot de passe |
        | Question secrète        |
      Et les actions suivantes sont proposées :
        | action  |
        | Annuler |
        | Valider |

    @E4_INFORMATIONS_GENERALES @navigateur @http
    Scénario: Les informations générales rappellent adresses, nom et prénom
      Soit je suis sur la page d'activation
      Alors la page affiche les informations suivantes :
        | information                       | valeur                   |
        | Adresse électronique de connexion | mon adresse de connexion |
        | Adresse électronique de contact   | mon adresse de contact   |
        | Nom                               | mon nom                  |
        | Prénom                            | mon prénom               |

    @E4_ADRESSE_CONTACT @informatif @http
    Scénario: L'adresse de contact affichée est celle saisie à l'étape 2
      Soit mon compte a été créé avec une adresse de contact différente
      Quand j'ouvre le lien du courriel d'activation
      Alors la page affiche les informations suivantes :
        | information                       | valeur                   |
        | Adresse électronique de connexion | mon adresse de connexion |
        | Adresse électronique de contact   | mon adresse de contact   |

  Règle: Le mot de passe compte au moins 12 caractères et 3 des 4 types de caractères

    @E4_REGLE_MDP_AFFICHEE @navigateur @http
    Scénario: La règle du mot de passe est affichée
      Soit je suis sur la page d'activation
      Alors la page énonce la règle du mot de passe et ses quatre groupes de caractères

    @E4_CHAMPS_MDP @navigateur @http
    Scénario: Les champs du mot de passe portent les libellés du guide et un astérisque
      Soit je suis sur la page d'activation
      Alors les champs suivants portent un astérisque visible en texte :
        | champ        |
        | Mot de passe |
        | Confirmation |
      Et les champs suivants portent le libellé du guide :
        | champ        |
        | Mot de passe |
        | Confirmation |

    @E4_MDP_MASQUE @informatif @navigateur @http
    Scénario: Les champs du mot de passe masquent la saisie
      Soit je suis sur la page d'activation
      Alors les champs suivants masquent la saisie :
        | champ        |
        | Mot de passe |
        | Confirmation |

    @E4_MDP_LONGUEUR @http
    Plan du Scénario: Longueur du mot de passe : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe de "<cas>"
      Alors le mot de passe est <verdict>

      Exemples:
        | cas                                                          | verdict |
        | 11 caractères : majuscules, minuscules, chiffres et spéciaux | refusé  |
        | 11 caractères : minuscules, chiffres et spéciaux             | refusé  |
        | 12 caractères : minuscules, chiffres et spéciaux             | accepté |
        | 12 caractères : majuscules, minuscules, chiffres et spéciaux | accepté |
        | 64 caractères : majuscules, minuscules et chiffres           | accepté |

    @E4_MDP_LONGUEUR @navigateur
    Plan du Scénario: Longueur du mot de passe dans le navigateur : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe de "<cas>"
      Alors le mot de passe est <verdict>

      Exemples:
        | cas                                                          | verdict |
        | 11 caractères : majuscules, minuscules, chiffres et spéciaux | refusé  |
        | 12 caractères : majuscules, minuscules et chiffres           | accepté |

    @E4_MDP_LONGUEUR @navigateur
    Plan du Scénario: La longueur du mot de passe est vérifiée par le serveur, même quand la page a accepté la saisie : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe conforme, remplacé dans la requête par un mot de passe de "<cas>"
      Alors le mot de passe est refusé

      Exemples:
        | cas                                                          |
        | 11 caractères : majuscules, minuscules, chiffres et spéciaux |
        | 11 caractères : minuscules, chiffres et spéciaux             |

    @E4_MDP_CLASSES @http
    Plan du Scénario: Types de caractères du mot de passe : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe de "<cas>"
      Alors le mot de passe est <verdict>

      Exemples:
        | cas                                                          | verdict |
        | 12 caractères : majuscules                                   | refusé  |
        | 12 caractères : minuscules                                   | refusé  |
        | 12 caractères : chiffres                                     | refusé  |
        | 12 caractères : spéciaux                                     | refusé  |
        | 12 caractères : majuscules et minuscules                     | refusé  |
        | 12 caractères : majuscules et chiffres                       | refusé  |
        | 12 caractères : majuscules et spéciaux                       | refusé  |
        | 12 caractères : minuscules et chiffres                       | refusé  |
        | 12 caractères : minuscules et spéciaux                       | refusé  |
        | 12 caractères : chiffres et spéciaux                         | refusé  |
        | 12 caractères : majuscules, minuscules et chiffres           | accepté |
        | 12 caractères : majuscules, minuscules et spéciaux           | accepté |
        | 12 caractères : majuscules, chiffres et spéciaux             | accepté |
        | 12 caractères : minuscules, chiffres et spéciaux             | accepté |
        | 12 caractères : majuscules, minuscules, chiffres et spéciaux | accepté |

    @E4_MDP_CLASSES @navigateur
    Scénario: Un mot de passe de deux types de caractères est refusé dans le navigateur
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe de "16 caractères : minuscules et chiffres"
      Alors le mot de passe est refusé

    @E4_MDP_CLASSES @navigateur
    Plan du Scénario: Les types de caractères du mot de passe sont vérifiés par le serveur, même quand la page a accepté la saisie : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe conforme, remplacé dans la requête par un mot de passe de "<cas>"
      Alors le mot de passe est refusé

      Exemples:
        | cas                                      |
        | 12 caractères : majuscules               |
        | 12 caractères : minuscules               |
        | 12 caractères : chiffres                 |
        | 12 caractères : spéciaux                 |
        | 12 caractères : majuscules et minuscules |
        | 12 caractères : majuscules et chiffres   |
        | 12 caractères : majuscules et spéciaux   |
        | 12 caractères : minuscules et chiffres   |
        | 12 caractères : minuscules et spéciaux   |
        | 12 caractères : chiffres et spéciaux     |

    @E4_MDP_ACCENT_MINUSCULE @http
    Plan du Scénario: Une lettre minuscule accentuée compte comme caractère spécial : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe de "<cas>"
      Alors le mot de passe est <verdict>

      Exemples:
        | cas                                                                    | verdict |
        | 12 caractères : minuscules, chiffres et lettres minuscules accentuées  | accepté |
        | 12 caractères : majuscules, minuscules et lettres minuscules accentuées | accepté |
        | 14 caractères : minuscules et lettres minuscules accentuées            | refusé  |
        | 14 caractères : chiffres et lettres minuscules accentuées              | refusé  |

    @E4_MDP_ACCENT_MINUSCULE @navigateur
    Scénario: Une lettre minuscule accentuée compte comme caractère spécial dans le navigateur
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe de "12 caractères : minuscules, chiffres et lettres minuscules accentuées"
      Alors le mot de passe est accepté

    @E4_MDP_ACCENT_MINUSCULE @navigateur
    Plan du Scénario: Une lettre minuscule accentuée est comptée par le serveur, même quand la page a accepté la saisie : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe conforme, remplacé dans la requête par un mot de passe de "<cas>"
      Alors le mot de passe est refusé

      Exemples:
        | cas                                                         |
        | 14 caractères : minuscules et lettres minuscules accentuées |
        | 14 caractères : chiffres et lettres minuscules accentuées   |

    @E4_MDP_ACCENTS_ESPACES @informatif @http
    Plan du Scénario: Majuscules accentuées et espaces comptent comme caractères spéciaux : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe de "<cas>"
      Alors le mot de passe est <verdict>

      Exemples:
        | cas                                                                     | verdict |
        | 12 caractères : majuscules, minuscules et lettres majuscules accentuées | accepté |
        | 12 caractères : minuscules, chiffres et lettres majuscules accentuées   | accepté |
        | 14 caractères : minuscules et lettres majuscules accentuées             | refusé  |
        | 12 caractères : majuscules, minuscules et espaces                       | accepté |

    @E4_MDP_ACCENTS_ESPACES @informatif @navigateur
    Plan du Scénario: Une majuscule accentuée est comptée par le serveur, même quand la page a accepté la saisie : <cas>
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe conforme, remplacé dans la requête par un mot de passe de "<cas>"
      Alors le mot de passe est refusé

      Exemples:
        | cas                                                         |
        | 14 caractères : minuscules et lettres majuscules accentuées |

    @E4_MDP_CONFIRMATION @navigateur @http
    Scénario: Une confirmation différente du mot de passe est refusée
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec une confirmation différente du mot de passe
      Alors l'activation est refusée sur le champ "Confirmation"

    @E4_MDP_CONFIRMATION @navigateur
    Scénario: La confirmation est comparée au mot de passe par le serveur, même quand la page a accepté la saisie
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe conforme, sa confirmation remplacée dans la requête par un autre mot de passe
      Alors l'activation est refusée sur le champ "Confirmation"

    @E4_COMPLEXITE_INDICATEUR @navigateur
    Scénario: Un indicateur de complexité du mot de passe est présent
      Soit je suis sur la page d'activation
      Alors un indicateur "Complexité du mot de passe" est présent

  Règle: La question secrète et sa réponse sont obligatoires

    @E4_QUESTION_SECRETE @navigateur @http
    Scénario: La question secrète et la réponse portent un astérisque
      Soit je suis sur la page d'activation
      Alors les champs suivants portent un astérisque visible en texte :
        | champ            |
        | Question secrète |
        | Réponse          |

    @E4_QUESTION_SECRETE_LISTE @informatif @navigateur @http
    Scénario: La question secrète se choisit dans une liste
      Soit je suis sur la page d'activation
      Alors le champ "Question secrète" propose une liste de questions

    @E4_QUESTION_SECRETE @http
    Plan du Scénario: L'activation sans <manque> est refusée
      Soit je suis sur la page d'activation
      Quand j'active mon compte sans <manque>
      Alors l'activation est refusée sur le champ "<champ>"

      Exemples:
        | manque           | champ            |
        | réponse          | Réponse          |
        | question secrète | Question secrète |

    @E4_QUESTION_SECRETE @navigateur
    Scénario: L'activation sans réponse est refusée dans le navigateur
      Soit je suis sur la page d'activation
      Quand j'active mon compte sans réponse
      Alors l'activation est refusée sur le champ "Réponse"

    @E4_QUESTION_SECRETE @navigateur
    Scénario: La réponse à la question secrète est exigée par le serveur, même quand la page a accepté la saisie
      Soit je suis sur la page d'activation
      Quand j'active mon compte, le champ "Réponse" vidé dans la requête
      Alors l'activation est refusée sur le champ "Réponse"

  Règle: Valider active le compte, Annuler ne l'active pas

    @E4_VALIDER_ACTIF @navigateur @http
    Scénario: Valider un mot de passe conforme active le compte
      Soit je suis sur la page d'activation
      Quand j'active mon compte avec un mot de passe conforme
      Alors la page annonce "Votre compte est désormais actif"

    @E4_ANNULER @informatif @navigateur @http
    Scénario: Annuler l'activation laisse le lien utilisable
      Soit je suis sur la page d'activation
      Quand je saisis un mot de passe conforme puis j'annule
      Alors la page n'annonce pas "Votre compte est désormais actif"
      Et le lien d'activation reste utilisable
