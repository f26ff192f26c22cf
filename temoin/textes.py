"""Every text the témoin shows or sends, in both languages (``--langue fr|en``).

One dict per language, the same keys in both (tests/temoin checks it). The
French texts the guide words are copied from it letter for letter; the others
are the témoin's own wording.
"""
from __future__ import annotations

CONSENTEMENT_FR = (
    "J'accepte que mon nom, prénom et adresse électronique soient utilisés par le Ministère de "
    "l'Action et des Comptes publics (et par le prestataire réalisant les enquêtes de satisfaction "
    "pour le compte de l'AIFE) afin de recevoir l'enquête de satisfaction sur Chorus Pro. Je note "
    "par ailleurs que je pourrai à tout moment exercer mon droit de retrait en décochant l'option."
)
CONSENTEMENT_EN = (
    "I agree that my last name, first name and e-mail address may be used by the Ministry of "
    "Public Action and Accounts (and by the contractor running satisfaction surveys on behalf of "
    "AIFE) to receive the Chorus Pro satisfaction survey. I note that I may withdraw this consent "
    "at any time by unticking the option."
)

# The eight workspaces: (key, name, description), in the guide's order.
ESPACES_FR = (
    ("tic", "Demande de remboursement TIC", "Réservé au dépôt des demandes de remboursement TIC"),
    ("engagements", "Engagements", "Visualisation des commandes de l'Etat"),
    ("a_valider", "Factures à valider", "Réservé à la validation des sous-traitants et cotraitants"),
    ("travaux", "Factures de travaux", "Réservé au dépôt de factures de travaux (fourisseurs, MOE, MOA)"),
    ("emises", "Factures émises",
     "Réservé au dépôt et à la visualisation des factures émises à destination des structures publiques"),
    ("justice", "Mémoires de frais de justice", "Réservé au dépôt de mémoires de frais de justice"),
    ("edi_api", "Raccordement EDI et API",
     "Permet de demander et de suivre le raccordement de vos structures pour l'utilisation des modes EDI et API"),
    ("flux", "Suivi des flux", "Réservé aux structures raccordées émettant des flux EDI"),
)
ESPACES_EN = (
    ("tic", "TIC refund claims", "For filing TIC (domestic consumption tax) refund claims"),
    ("engagements", "Commitments", "View of the State's purchase orders"),
    ("a_valider", "Invoices to approve", "For approval by subcontractors and co-contractors"),
    ("travaux", "Construction works invoices", "For filing construction works invoices (suppliers, project managers, owners)"),
    ("emises", "Issued invoices", "For filing and viewing invoices issued to public bodies"),
    ("justice", "Legal costs statements", "For filing legal costs statements"),
    ("edi_api", "EDI and API connection", "Request and follow the connection of your organisations to the EDI and API modes"),
    ("flux", "Flow monitoring", "For connected organisations sending EDI flows"),
)

FR: dict[str, object] = {
    "lang": "fr",
    "site": "Chorus Pro",
    "obligatoire": "obligatoire",
    "aide": "Besoin d'aide ? Posez une question",
    "aide_titre": "Besoin d'aide ?",
    "aide_texte": "Écrivez-nous depuis le formulaire d'assistance de Chorus Pro : un conseiller vous répond.",
    "retour_accueil": "Retour à l'identification",
    "etape": "Étape {n} sur 4",
    # step 1
    "e1_h1": "Identifiez-vous",
    "e1_h2": "Vous êtes nouveau sur Chorus Pro ?",
    "e1_intro": "Saisissez votre adresse électronique de connexion et le n° de SIRET de votre entreprise "
                "(veillez à vous munir de ce numéro avant la saisie).",
    "e1_mail": "Un mail d'activation vous sera envoyé sur votre adresse électronique de connexion. "
               "C'est cette adresse qui vous servira à accéder à votre compte utilisateur sur Chorus Pro.",
    "l_login": "Adresse électronique de connexion",
    "l_siret": "Numéro de SIRET",
    "lien_sans_siret": "Je n'ai pas de numéro de SIRET",
    "valider": "Valider",
    "annuler": "Annuler",
    # page without SIRET
    "ss_h2": "Je n'ai pas de numéro de SIRET",
    "ss_intro": "Chorus Pro accepte d'autres types d'identifiant pour les structures qui n'ont pas de SIRET :",
    "ss_types": (
        "Structure de l'UE hors France (numéro de TVA intracommunautaire)",
        "Structure hors UE (identifiant du pays d'origine)",
        "RIDET (Nouvelle-Calédonie)",
        "Numéro Tahiti (Polynésie française)",
        "Particulier",
        "Autre (identifiant attribué par Chorus Pro)",
    ),
    "ss_fin": "L'inscription avec ces identifiants se fait depuis l'espace « Gestion des structures » de Chorus Pro.",
    # step 2
    "e2_h1": "Complétez les informations demandées",
    "e2_intro": "Les champs concernant votre structure (entreprise) sont alimentées avec les données de la "
                "base INSEE mais restent néanmoins modifiables.",
    "e2_perso": "Je complète mes informations personnelles",
    "e2_perso_note": "Votre adresse de connexion vous permettra de vous connecter",
    "l_contact": "Adresse électronique de connexion",
    "contact_valide": "✓ adresse valide",
    "l_resaisie": "Résaisissez votre adresse électronique de connexion",
    "l_nom": "Nom",
    "l_prenom": "Prénom",
    "l_consentement": CONSENTEMENT_FR,
    "captcha_alt": "Image de contrôle : une suite de lettres et de chiffres à recopier",
    "captcha_autre": "Vous ne pouvez pas lire l'image ? Demandez les caractères à l'assistance",
    "l_captcha": "Entrez les caractères générés par l'image",
    "e2_structure": "Les informations de ma structure",
    "e2_structure_note": "Sur Chorus Pro, une structure identifie de manière unique chaque émetteur ou "
                         "récepteur de factures.",
    "l_identifiant": "Identifiant",
    "l_raison": "Raison Sociale",
    "l_libelle": "Libellé de la structure",
    "l_adresse": "Adresse",
    "l_complement1": "Complément adresse 1",
    "l_complement2": "Complément adresse 2",
    "l_code_postal": "Code postal",
    "l_ville": "Ville",
    "l_pays": "Pays",
    "pays_defaut": "France",
    "l_non_diffusible": "Non diffusible INSEE",
    "non_diffusible_note": "Votre SIRET est confidentiel à l'INSEE : l'adresse de votre structure n'est pas affichée.",
    "insee_indisponible": "Le service de l'INSEE est indisponible pour le moment : les informations de votre "
                          "structure n'ont pas pu être récupérées. Saisissez-les vous-même ci-dessous.",
    "existe_note": "Votre SIRET existe déjà dans Chorus Pro : choisissez à quoi vous vous rattachez.",
    "l_rattachement": "Je me rattache à",
    "l_ratt_structure": "La structure (y compris l'ensemble des services de ma structure)",
    "l_ratt_services": "Uniquement certains services",
    "l_services": "Services de la structure",
    "aucun_service": "Cette structure ne compte encore aucun service.",
    # step 3
    "e3_h1": "Ouvrez vos espaces de travail",
    "e3_titre_envoye": "Compte créé, courriel d'activation envoyé",
    "e3_intro": "Les espaces de travail vous donnent accès aux fonctionnalités de Chorus Pro dont vous avez "
                "besoin pour émettre vos factures.",
    "bienvenue": "Bienvenue {prenom} {nom}",
    "compte_cree": "Votre compte utilisateur {login} a été créé.",
    "e3_liste": "La liste ci-dessous vous indique l'ensemble des espaces auxquels vous pouvez accéder. En "
                "fonction de vos besoins, nous vous invitons à ajouter ou supprimer dans la colonne "
                "\"Activation\" les espaces qui vous seront nécessaires. Ce paramétrage n'étant pas "
                "définitif, vous pourrez le faire évoluer dans le temps en fonction de vos nouveaux besoins.",
    "e3_caption": "Mes espaces de travail",
    "col_espace": "Espaces",
    "col_descriptif": "Descriptif",
    "col_activation": "Activation",
    "oui": "OUI",
    "non": "NON",
    "espaces": ESPACES_FR,
    "annonce_courriel": "Votre compte est créé et un courriel d'activation est envoyé à l'adresse électronique "
                        "que vous avez renseignée. Pensez à aller le consulter dans votre messagerie rapidement. "
                        "Il a une durée de validité limitée.",
    "annonce_gestionnaire": "Vous êtes le premier à créer votre entreprise dans Chorus Pro : vous en êtes le "
                            "gestionnaire principal et avez tous les droits de modification sur celle-ci.",
    "annonce_rattache": "Vous rejoignez la structure {raison}, déjà présente dans Chorus Pro.",
    "e3_suite": "Étape suivante : ouvrez le lien reçu par courriel pour activer votre compte.",
    # mail
    "mail_sujet": "Chorus Pro – activez votre compte utilisateur",
    "mail_corps": "Bonjour {prenom} {nom},\n\n"
                  "Votre compte utilisateur Chorus Pro {login} a été créé. Pour l'activer, ouvrez ce lien "
                  "(il est valable {minutes} minutes et ne sert qu'une fois) :\n\n{lien}\n\n"
                  "Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message.\n\n"
                  "L'équipe Chorus Pro\n",
    "mail_actif_sujet": "Chorus Pro – votre compte est déjà actif",
    "mail_actif_corps": "Bonjour,\n\nVotre compte utilisateur Chorus Pro {login} est déjà actif. "
                        "Connectez-vous ici :\n\n{lien}\n\nL'équipe Chorus Pro\n",
    # step 4
    "e4_h1": "Activez votre compte utilisateur",
    "e4_activation": "Activation du compte utilisateur",
    "e4_infos": "Informations générales",
    "l_contact_info": "Adresse électronique de contact",
    "e4_mdp": "Gestion du mot de passe",
    "e4_regle": "Pour être accepté, votre mot de passe doit comporter au minimum 12 caractères et comporter "
                "au moins 3 types de caractères parmi les 4 groupes suivants :",
    "e4_groupes": ("des majuscules,", "des minuscules,", "des chiffres,",
                   "et des caractères spéciaux (ponctuation, accents, etc.)"),
    "l_mdp": "Mot de passe",
    "l_confirmation": "Confirmation",
    "complexite": "Complexité du mot de passe",
    "complexite_niveaux": ("à saisir", "faible", "moyenne", "bonne", "forte"),
    "e4_question": "Question secrète",
    "l_question": "Question secrète",
    "l_reponse": "Réponse",
    "question_choisir": "— Choisissez une question —",
    "questions": (
        ("q1", "Quel est le nom de votre premier animal de compagnie ?"),
        ("q2", "Dans quelle ville êtes-vous né(e) ?"),
        ("q3", "Quel est le prénom de votre grand-mère maternelle ?"),
        ("q4", "Quel était le nom de votre école primaire ?"),
        ("q5", "Quel est le titre de votre livre préféré ?"),
    ),
    "e4_actif": "Votre compte est désormais actif et vous pouvez dès à présent transmettre vos factures à "
                "votre client public.",
    "lien_connexion": "Aller à la page de connexion",
    "e4_annule": "Activation interrompue : rien n'a été enregistré et votre compte n'est pas encore actif. "
                 "Le lien reçu par courriel reste valable pendant sa durée de validité.",
    "lien_reprendre": "Reprendre l'activation",
    # refused link
    "lien_expire": "Ce lien d'activation a expiré : sa durée de validité ({minutes} minutes) est dépassée.",
    "lien_utilise": "Ce lien d'activation a déjà été utilisé : votre compte est activé.",
    "lien_inconnu": "Ce lien d'activation n'est pas reconnu. Vérifiez que vous l'avez copié en entier.",
    "nouveau_lien": "M'envoyer un nouveau lien",
    "nouveau_lien_envoye": "Un nouveau courriel vient de partir vers votre adresse électronique de connexion.",
    # login, account
    "cx_h1": "Se connecter à Chorus Pro",
    "cx_bouton": "Connexion",
    "cx_erreur": "Connexion refusée : l'adresse, le mot de passe ou l'état du compte ne le permettent pas.",
    "cp_h1": "Mon espace utilisateur",
    "cp_structure": "Ma structure",
    "cp_siret": "SIRET {siret}",
    "cp_role": "Mon rôle",
    "role_gestionnaire": "Gestionnaire principal",
    "role_utilisateur": "Utilisateur",
    "cp_rattachement": "Mon rattachement",
    "cp_espaces": "Mes espaces de travail",
    "cp_enquete": "Enquête de satisfaction",
    "cp_enregistrer": "Enregistrer mes choix",
    "cp_enregistre": "Vos choix sont enregistrés.",
    "cp_deconnexion": "Se déconnecter",
    # errors (the message says what is wrong; it is tied to its field)
    "err_vide": "Saisie obligatoire : ce champ est vide.",
    "err_trop_long": "Saisie trop longue : {n} caractères au plus.",
    "err_controle": "Caractères de contrôle interdits dans cette saisie.",
    "err_email": "Adresse mal formée : la forme attendue est nom@domaine.fr.",
    "err_siret_caracteres": "Seuls des chiffres, des espaces et des points sont admis dans un SIRET.",
    "err_siret_longueur": "Un SIRET compte exactement 14 chiffres ; {n} saisi(s).",
    "err_siret_cle": "La clé de contrôle de ce SIRET est fausse : vérifiez ses 14 chiffres.",
    "err_siret_inconnu": "L'INSEE ne connaît aucun établissement sous ce SIRET.",
    "err_siret_ferme": "Selon l'INSEE, cet établissement est fermé : il ne peut pas ouvrir de compte.",
    "err_resaisie": "Les deux adresses diffèrent : saisissez deux fois la même.",
    "err_captcha": "Les caractères saisis ne sont pas ceux de l'image.",
    "err_ratt_choix": "Choisissez l'une des deux options de rattachement.",
    "err_services": "Avec « Uniquement certains services », cochez au moins un service.",
    "err_choix": "Choix inconnu : reprenez la sélection.",
    "err_espace": "Choisissez OUI ou NON.",
    "err_mdp_longueur": "Trop court : 12 caractères au minimum ({n} saisi(s)).",
    "err_mdp_classes": "Pas assez varié : il faut au moins 3 des 4 types de caractères "
                       "(majuscules, minuscules, chiffres, caractères spéciaux) ; {n} présent(s).",
    "err_confirmation": "Différente du mot de passe saisi au-dessus.",
    "err_question": "Choisissez une question dans la liste.",
    "err_formulaire": "Le formulaire a expiré ou a été altéré : il est réaffiché, soumettez-le de nouveau.",
    "err_resume": "Le formulaire contient {n} erreur(s) : corrigez les champs signalés.",
    "err_session": "Votre inscription n'a pas été commencée ou a expiré : recommencez à l'étape 1.",
    "err_requete": "Requête incomprise : elle a été ignorée.",
    "page_introuvable": "Page introuvable.",
}

EN: dict[str, object] = {
    "lang": "en",
    "site": "Chorus Pro",
    "obligatoire": "required",
    "aide": "Need help? Ask a question",
    "aide_titre": "Need help?",
    "aide_texte": "Write to us with the Chorus Pro support form: an adviser will answer.",
    "retour_accueil": "Back to identification",
    "etape": "Step {n} of 4",
    "e1_h1": "Identify yourself",
    "e1_h2": "New to Chorus Pro?",
    "e1_intro": "Enter your login e-mail address and your company's SIRET number (have this number at hand "
                "before you start).",
    "e1_mail": "An activation e-mail will be sent to your login e-mail address. This is the address you "
               "will use to access your Chorus Pro user account.",
    "l_login": "Login e-mail address",
    "l_siret": "SIRET number",
    "lien_sans_siret": "I have no SIRET number",
    "valider": "Submit",
    "annuler": "Cancel",
    "ss_h2": "I have no SIRET number",
    "ss_intro": "Chorus Pro accepts other kinds of identifier for organisations without a SIRET:",
    "ss_types": (
        "Organisation in the EU outside France (intra-EU VAT number)",
        "Organisation outside the EU (identifier of its country)",
        "RIDET (New Caledonia)",
        "Tahiti number (French Polynesia)",
        "Private individual",
        "Other (identifier given by Chorus Pro)",
    ),
    "ss_fin": "Registration with these identifiers is done from the \"Organisation management\" area of Chorus Pro.",
    "e2_h1": "Fill in the requested information",
    "e2_intro": "The fields about your organisation (company) are filled from the INSEE database but you can "
                "still change them.",
    "e2_perso": "My personal information",
    "e2_perso_note": "Your login address will let you sign in",
    "l_contact": "Contact e-mail address",
    "contact_valide": "✓ valid address",
    "l_resaisie": "Re-type your contact e-mail address",
    "l_nom": "Last name",
    "l_prenom": "First name",
    "l_consentement": CONSENTEMENT_EN,
    "captcha_alt": "Verification image: a string of letters and digits to copy",
    "captcha_autre": "Cannot read the image? Ask the help desk for the characters",
    "l_captcha": "Type the characters shown in the image",
    "e2_structure": "My organisation's information",
    "e2_structure_note": "On Chorus Pro, an organisation uniquely identifies each sender or recipient of invoices.",
    "l_identifiant": "Identifier",
    "l_raison": "Company name",
    "l_libelle": "Organisation label",
    "l_adresse": "Street address",
    "l_complement1": "Address line 2",
    "l_complement2": "Address line 3",
    "l_code_postal": "Postcode",
    "l_ville": "City",
    "l_pays": "Country",
    "pays_defaut": "France",
    "l_non_diffusible": "Not disclosed by INSEE",
    "non_diffusible_note": "Your SIRET is confidential at INSEE: your organisation's address is not shown.",
    "insee_indisponible": "The INSEE service is unavailable at the moment: your organisation's details could "
                          "not be retrieved. Please enter them yourself below.",
    "existe_note": "Your SIRET already exists in Chorus Pro: choose what you join.",
    "l_rattachement": "I am joining",
    "l_ratt_structure": "The whole organisation (including all of its services)",
    "l_ratt_services": "Only some services",
    "l_services": "Services of the organisation",
    "aucun_service": "This organisation has no service yet.",
    "e3_h1": "Open your workspaces",
    "e3_titre_envoye": "Account created, activation e-mail sent",
    "e3_intro": "Workspaces give you access to the Chorus Pro features you need to send your invoices.",
    "bienvenue": "Welcome {prenom} {nom}",
    "compte_cree": "Your user account {login} has been created.",
    "e3_liste": "The list below shows every workspace you can access. Depending on your needs, add or remove "
                "in the \"Activation\" column the workspaces you need. This setting is not final: you can "
                "change it later as your needs evolve.",
    "e3_caption": "My workspaces",
    "col_espace": "Workspaces",
    "col_descriptif": "Description",
    "col_activation": "Activation",
    "oui": "YES",
    "non": "NO",
    "espaces": ESPACES_EN,
    "annonce_courriel": "Your account has been created and an activation e-mail has been sent to the e-mail "
                        "address you gave. Check your mailbox soon: the link is only valid for a limited time.",
    "annonce_gestionnaire": "You are the first to register your company in Chorus Pro: you are its main "
                            "administrator and may change everything about it.",
    "annonce_rattache": "You are joining the organisation {raison}, already present in Chorus Pro.",
    "e3_suite": "Next step: open the link you received by e-mail to activate your account.",
    "mail_sujet": "Chorus Pro – activate your user account",
    "mail_corps": "Hello {prenom} {nom},\n\n"
                  "Your Chorus Pro user account {login} has been created. To activate it, open this link "
                  "(valid for {minutes} minutes, single use):\n\n{lien}\n\n"
                  "If you did not sign up, ignore this message.\n\nThe Chorus Pro team\n",
    "mail_actif_sujet": "Chorus Pro – your account is already active",
    "mail_actif_corps": "Hello,\n\nYour Chorus Pro user account {login} is already active. Sign in here:\n\n"
                        "{lien}\n\nThe Chorus Pro team\n",
    "e4_h1": "Activate your user account",
    "e4_activation": "User account activation",
    "e4_infos": "General information",
    "l_contact_info": "Contact e-mail address",
    "e4_mdp": "Password management",
    "e4_regle": "To be accepted, your password must be at least 12 characters long and contain at least 3 "
                "kinds of characters among these 4 groups:",
    "e4_groupes": ("upper-case letters,", "lower-case letters,", "digits,",
                   "and special characters (punctuation, accented letters, etc.)"),
    "l_mdp": "Password",
    "l_confirmation": "Confirm password",
    "complexite": "Password strength",
    "complexite_niveaux": ("empty", "weak", "fair", "good", "strong"),
    "e4_question": "Secret question",
    "l_question": "Secret question",
    "l_reponse": "Answer",
    "question_choisir": "— Choose a question —",
    "questions": (
        ("q1", "What was the name of your first pet?"),
        ("q2", "In which town were you born?"),
        ("q3", "What is your maternal grandmother's first name?"),
        ("q4", "What was the name of your primary school?"),
        ("q5", "What is the title of your favourite book?"),
    ),
    "e4_actif": "Your account is now active and you can start sending your invoices to your public customer.",
    "lien_connexion": "Go to the sign-in page",
    "e4_annule": "Activation interrupted: nothing was saved and your account is not active yet. The link "
                 "you received by e-mail remains usable while it is valid.",
    "lien_reprendre": "Resume the activation",
    "lien_expire": "This activation link has expired: its validity ({minutes} minutes) is over.",
    "lien_utilise": "This activation link has already been used: your account is active.",
    "lien_inconnu": "This activation link is not recognised. Check that you copied all of it.",
    "nouveau_lien": "Send me a new link",
    "nouveau_lien_envoye": "A new e-mail has just been sent to your login e-mail address.",
    "cx_h1": "Sign in to Chorus Pro",
    "cx_bouton": "Sign in",
    "cx_erreur": "Sign-in refused: the address, the password or the account's state do not allow it.",
    "cp_h1": "My user area",
    "cp_structure": "My organisation",
    "cp_siret": "SIRET {siret}",
    "cp_role": "My role",
    "role_gestionnaire": "Main administrator",
    "role_utilisateur": "User",
    "cp_rattachement": "My attachment",
    "cp_espaces": "My workspaces",
    "cp_enquete": "Satisfaction survey",
    "cp_enregistrer": "Save my choices",
    "cp_enregistre": "Your choices have been saved.",
    "cp_deconnexion": "Sign out",
    "err_vide": "Required: this field is empty.",
    "err_trop_long": "Too long: at most {n} characters.",
    "err_controle": "Control characters are not allowed here.",
    "err_email": "Malformed address: the expected form is name@domain.com.",
    "err_siret_caracteres": "Only digits, spaces and dots are allowed in a SIRET.",
    "err_siret_longueur": "A SIRET has exactly 14 digits; {n} typed.",
    "err_siret_cle": "The check digit of this SIRET is wrong: check its 14 digits.",
    "err_siret_inconnu": "INSEE knows no establishment with this SIRET.",
    "err_siret_ferme": "According to INSEE this establishment is closed: it cannot open an account.",
    "err_resaisie": "The two addresses differ: type the same one twice.",
    "err_captcha": "The characters typed are not those of the image.",
    "err_ratt_choix": "Choose one of the two joining options.",
    "err_services": "With \"Only some services\", tick at least one service.",
    "err_choix": "Unknown choice: select again.",
    "err_espace": "Choose YES or NO.",
    "err_mdp_longueur": "Too short: 12 characters at least ({n} typed).",
    "err_mdp_classes": "Not varied enough: at least 3 of the 4 kinds of characters are needed "
                       "(upper case, lower case, digits, special characters); {n} present.",
    "err_confirmation": "Differs from the password typed above.",
    "err_question": "Choose a question from the list.",
    "err_formulaire": "The form expired or was altered: it is shown again, submit it once more.",
    "err_resume": "The form has {n} error(s): correct the flagged fields.",
    "err_session": "Your sign-up was not started or has expired: start again at step 1.",
    "err_requete": "Request not understood: it was ignored.",
    "page_introuvable": "Page not found.",
}

TEXTES = {"fr": FR, "en": EN}
