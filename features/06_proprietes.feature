# language: fr
@http
Fonctionnalité: 6. Propriétés : le serveur juge toute saisie comme les règles du guide
  Les exemples choisis trouvent les erreurs auxquelles leur auteur a pensé. Ici, des
  valeurs tirées au hasard, bien au-delà des limites de chaque règle, sont soumises une à
  une au serveur, en HTTP sans JavaScript ; son verdict (accepté, ou refusé sur le champ)
  doit être celui de la règle du guide. Au premier désaccord, la valeur est réduite au plus
  petit contre-exemple, qui est rapporté avec la règle. Le tirage suit la graine des données
  (--faker-seed) ; son nombre d'exemples est borné, et s'élargit par --proprietes-exemples.

  Règle: Le mot de passe : au minimum 12 caractères et au moins 3 types de caractères

    @E4_MDP_LONGUEUR
    Scénario: Le serveur juge chaque mot de passe sur sa longueur comme la règle du guide
      Soit des mots de passe tirés au hasard de 0 à 64 caractères ASCII, d'au moins 3 types de caractères
      Alors la page d'activation accepte ou refuse chacun sur le champ "Mot de passe" comme la règle du guide

    @E4_MDP_CLASSES
    Scénario: Le serveur juge chaque mot de passe sur ses types de caractères comme la règle du guide
      Soit des mots de passe tirés au hasard de 12 à 64 caractères ASCII, de 1 à 4 types de caractères
      Alors la page d'activation accepte ou refuse chacun sur le champ "Mot de passe" comme la règle du guide

    @E4_MDP_ACCENT_MINUSCULE
    Scénario: Le serveur juge chaque mot de passe aux lettres minuscules accentuées comme la règle du guide
      Soit des mots de passe tirés au hasard de 12 à 64 caractères ASCII et lettres minuscules accentuées
      Alors la page d'activation accepte ou refuse chacun sur le champ "Mot de passe" comme la règle du guide

    @E4_MDP_ACCENTS_ESPACES @informatif
    Scénario: Le serveur juge chaque mot de passe accentué, espacé ou non latin comme la lecture retenue
      Soit des mots de passe tirés au hasard de 0 à 64 caractères mêlant lettres accentuées, espaces, lettres non latines et emoji
      Alors la page d'activation accepte ou refuse chacun sur le champ "Mot de passe" comme la règle du guide

  Règle: Le numéro de SIRET : 14 chiffres, une clé de contrôle, la règle propre à La Poste

    @E1_SIRET_14_CHIFFRES
    Scénario: Le serveur juge chaque numéro de SIRET sur ses 14 chiffres comme la règle du guide
      Soit des numéros de SIRET tirés au hasard de 12 à 16 caractères, chiffres, lettres ou autres signes
      Alors la page d'identification accepte ou refuse chacun sur le champ "Numéro de SIRET" comme la règle du guide

    @E1_SIRET_CLE
    Scénario: Le serveur juge chaque numéro de SIRET sur sa clé de contrôle comme la règle du guide
      Soit des numéros de SIRET tirés au hasard de 14 chiffres, valides ou à la clé fausse
      Alors la page d'identification accepte ou refuse chacun sur le champ "Numéro de SIRET" comme la règle du guide

    @E1_SIRET_LA_POSTE
    Scénario: Le serveur juge chaque numéro de SIRET de La Poste comme la règle du guide
      Soit des numéros de SIRET de La Poste tirés au hasard
      Alors la page d'identification accepte ou refuse chacun sur le champ "Numéro de SIRET" comme la règle du guide

    @E1_SIRET_ESPACES @informatif
    Scénario: Le serveur juge chaque numéro de SIRET saisi avec des espaces ou des points comme la règle du guide
      Soit des numéros de SIRET valides tirés au hasard, saisis avec des espaces ou des points
      Alors la page d'identification accepte ou refuse chacun sur le champ "Numéro de SIRET" comme la règle du guide

  Règle: L'adresse électronique de connexion est bien formée

    @E1_ADRESSE_FORMAT_DETAIL @informatif
    Scénario: Le serveur juge chaque adresse électronique comme la lecture retenue des RFC
      Soit des adresses électroniques tirées au hasard, bien ou mal formées
      Alors la page d'identification accepte ou refuse chacune sur le champ "Adresse électronique de connexion" comme la règle du guide
