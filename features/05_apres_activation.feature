# language: fr
Fonctionnalité: 5. Après l'activation
  Votre compte est désormais actif et vous pouvez dès à présent transmettre vos
  factures. Le paramétrage des espaces n'est pas définitif et le consentement à
  l'enquête de satisfaction peut être retiré à tout moment.

  Règle: Seul un compte activé permet de se connecter

    @E5_CONNEXION_APRES_ACTIVATION @necessite_compte @navigateur @http
    Scénario: Un compte activé permet de se connecter
      Soit mon compte est activé
      Quand je me connecte avec mon adresse électronique de connexion et mon mot de passe
      Alors je suis connecté à mon compte

    @E5_COMPTE_INUTILISABLE_AVANT_ACTIVATION @necessite_compte @navigateur @http
    Scénario: Un compte créé mais pas activé ne permet pas de se connecter
      Soit mon compte a été créé
      Quand je me connecte avec mon adresse électronique de connexion et un mot de passe conforme
      Alors la connexion est refusée

    @E5_COMPTE_INUTILISABLE_AVANT_ACTIVATION @necessite_compte @http
    Scénario: Un compte créé mais pas activé, qui n'a pas encore de mot de passe, ne s'ouvre pas sans mot de passe
      Soit mon compte a été créé
      Quand je me connecte avec mon adresse électronique de connexion et un mot de passe vide
      Alors la connexion est refusée

    @E5_COMPTE_INUTILISABLE_AVANT_ACTIVATION @necessite_compte @http
    Scénario: Un mot de passe saisi puis annulé à l'activation ne permet pas de se connecter
      Soit je suis sur la page d'activation
      Quand je saisis un mot de passe conforme puis j'annule
      Et je me connecte avec mon adresse électronique de connexion et ce mot de passe
      Alors la connexion est refusée

    @E5_MAUVAIS_MOT_DE_PASSE @necessite_compte @http
    Scénario: Un mauvais mot de passe est refusé
      Soit mon compte est activé
      Quand je me connecte avec mon adresse électronique de connexion et un autre mot de passe
      Alors la connexion est refusée

    @E5_REFUS_SANS_INDICE @informatif @necessite_compte @http
    Scénario: Un mauvais mot de passe est refusé comme une adresse inconnue
      Soit mon compte est activé
      Quand je me connecte avec mon adresse électronique de connexion et un autre mot de passe
      Alors la connexion est refusée
      Et le refus est le même que pour une adresse inconnue

  Règle: Le paramétrage n'est pas définitif

    @E5_ESPACES_MODIFIABLES @necessite_compte @navigateur @http
    Scénario: Les espaces de travail se modifient après l'activation
      Soit mon compte est activé
      Quand je me connecte avec mon adresse électronique de connexion et mon mot de passe
      Et sur mon compte, je mets l'espace "Engagements" sur "OUI"
      Et sur mon compte, je mets l'espace "Factures émises" sur "NON"
      Et j'enregistre mon compte
      Et je me reconnecte
      Alors sur mon compte, l'espace "Engagements" est sur "OUI"
      Et sur mon compte, l'espace "Factures émises" est sur "NON"

    @E5_CONSENTEMENT_RETRAIT @necessite_compte @http
    Scénario: Le consentement à l'enquête se retire en décochant l'option
      Soit mon compte est activé avec le consentement à l'enquête de satisfaction
      Quand je me connecte avec mon adresse électronique de connexion et mon mot de passe
      Alors sur mon compte, la case de consentement à l'enquête de satisfaction est cochée
      Quand sur mon compte, je décoche la case de consentement à l'enquête de satisfaction
      Et j'enregistre mon compte
      Et je me reconnecte
      Alors sur mon compte, la case de consentement à l'enquête de satisfaction n'est pas cochée
