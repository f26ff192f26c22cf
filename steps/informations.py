"""Steps of features/02_informations.feature (guide step 2, « Complétez les informations demandées »)."""
from __future__ import annotations

from pytest_bdd import given, parsers, then, when

from fixtures.providers import NOMS_DIFFICILES, PRENOMS_DIFFICILES
from harness.annonces import phrase_autour
from harness.drivers.base import ActionImpossible, ElementIntrouvable

from . import parcours as p
from .communs import lignes
from .contexte import Utilisateur
from .verifications import verifier

# Names of the identity outline: the case's character, looked for in the providers' difficult names.
CARACTERE_DU_CAS = {
    "avec accents": lambda n: not n.isascii(),
    "avec trait d'union": lambda n: "-" in n,
    "avec apostrophe": lambda n: "'" in n,
    "avec espace": lambda n: " " in n,
}


def _utilisateur(contexte) -> Utilisateur:
    return p.assurer_utilisateur(contexte)


# ----------------------------------------------------------------- givens: structure already in Chorus Pro


@given("une structure déjà créée dans Chorus Pro par un premier utilisateur")
def structure_deja_creee(contexte):
    """A first user signs up on the SIRET (over HTTP) and names the structure distinctly, so that
    « the same structure » is recognisable later."""
    p.assurer_entreprise(contexte)
    premier = p.nouvel_utilisateur(contexte.donnees)
    contexte.raison_sociale_premier = f"{contexte.donnees.company()} {contexte.donnees.pyint(100, 999)}".upper()
    p.inscrire(contexte, premier, jusqua="active", raison_sociale=contexte.raison_sociale_premier)
    contexte.premier = premier
    contexte.raison_sociale_premier = premier.raison_sociale  # None when the field was not editable


@given("deux services ajoutés à cette structure")
def deux_services(contexte):
    mots = contexte.donnees.words(2, unique=True)
    contexte.services = [f"Service {mot.capitalize()} {rang}" for rang, mot in enumerate(mots, start=1)]
    for service in contexte.services:
        contexte.controles.ajouter_service(contexte.siret, service)


# ----------------------------------------------------------------- whens: what the user types


@when(parsers.parse('je laisse vide le champ "{champ}"'))
def laisser_vide(contexte, champ):
    contexte.saisies[champ] = ""


@when("je remplace l'adresse électronique pré-remplie par une autre adresse")
def remplacer_adresse(contexte):
    _utilisateur(contexte).adresse_contact = contexte.donnees.adresse_email()
    contexte.champs_sujet |= {p.ADRESSE_CONNEXION, p.RESAISIE}


@when(parsers.parse('je remplace l\'adresse électronique pré-remplie par une adresse "{cas}"'))
def remplacer_adresse_par_cas(contexte, cas):
    for c in contexte.donnees.cas_adresses_email_invalides():
        if c.libelle == cas:
            # the contact address changed: the re-typed field follows each reading of docs/AMBIGUITES.md n° 8
            _utilisateur(contexte).adresse_contact = c.valeur
            contexte.champs_sujet |= {p.ADRESSE_CONNEXION, p.RESAISIE}
            return
    raise AssertionError(f"Erreur du harnais : cas d'adresse « {cas} » inconnu des fournisseurs.")


@when("je résaisis une adresse électronique différente")
def resaisir_autre_adresse(contexte):
    utilisateur = _utilisateur(contexte)
    contexte.saisies[p.RESAISIE] = contexte.donnees.adresse_email()
    contexte.valeur_saisie.update({p.NOM: utilisateur.nom, p.PRENOM: utilisateur.prenom})


@when(parsers.parse('je saisis un prénom et un nom "{cas}"'))
def saisir_identite(contexte, cas):
    contexte.champs_sujet |= {p.NOM, p.PRENOM}
    garde = CARACTERE_DU_CAS[cas]
    utilisateur = _utilisateur(contexte)
    prenoms = [n for n in PRENOMS_DIFFICILES if garde(n)] or list(PRENOMS_DIFFICILES)
    noms = [n for n in NOMS_DIFFICILES if garde(n)] or list(NOMS_DIFFICILES)
    utilisateur.prenom = contexte.donnees.random_element(prenoms)
    utilisateur.nom = contexte.donnees.random_element(noms)


@when("je saisis un nom contenant du code")
def saisir_nom_html(contexte):
    contexte.champs_sujet.add(p.NOM)
    _utilisateur(contexte).nom = f"<b>{contexte.donnees.last_name()}</b><script>alert(1)</script>"


@when("je saisis des caractères de l'image erronés")
def captcha_errone(contexte):
    bonne = contexte.implementation.captcha_reponse
    contexte.saisies[p.CAPTCHA] = "ZZ" + "".join(reversed(bonne)) + "9" if bonne else "XXXXX"


@when("je modifie la raison sociale et l'adresse de la structure")
def modifier_structure(contexte):
    contexte.raison_sociale_saisie = f"{contexte.donnees.company()} {contexte.donnees.pyint(100, 999)}".upper()
    adresse = contexte.donnees.street_address().upper()
    contexte.saisies.update({p.RAISON_SOCIALE: contexte.raison_sociale_saisie, p.ADRESSE: adresse})
    contexte.valeur_saisie.update({p.RAISON_SOCIALE: contexte.raison_sociale_saisie, p.ADRESSE: adresse})


@when("je modifie la raison sociale si elle est modifiable")
def modifier_raison_sociale_si_possible(contexte):
    if contexte.driver.has_field(p.RAISON_SOCIALE) and contexte.driver.is_editable(p.RAISON_SOCIALE):
        contexte.saisies[p.RAISON_SOCIALE] = f"{contexte.donnees.company()} MODIFIEE".upper()


@when("je saisis à la main les informations de ma structure")
def saisir_structure(contexte):
    d = contexte.donnees
    contexte.saisies.update({p.RAISON_SOCIALE: d.company().upper(), p.ADRESSE: d.street_address().upper(),
                             p.CODE_POSTAL: d.postcode(), p.VILLE: d.city().upper(), p.PAYS: "France"})


@when("je me rattache à la structure entière")
def rattacher_structure(contexte):
    contexte.champs_sujet.add(p.RATTACHEMENT)
    contexte.rattachement = p.RATTACHEMENT_STRUCTURE


@when("je me rattache uniquement au premier service")
def rattacher_premier_service(contexte):
    contexte.champs_sujet |= {p.RATTACHEMENT, p.SERVICES}
    contexte.rattachement = p.RATTACHEMENT_SERVICES
    contexte.services_choisis = contexte.services[:1]


@when("je me rattache uniquement à certains services sans en choisir aucun")
def rattacher_aucun_service(contexte):
    contexte.champs_sujet |= {p.RATTACHEMENT, p.SERVICES}
    contexte.rattachement = p.RATTACHEMENT_SERVICES
    contexte.services_choisis = []


@when("je valide mes informations sans choisir de rattachement")
def valider_sans_rattachement(contexte):
    contexte.champs_sujet.add(p.RATTACHEMENT)
    p.completer_informations(contexte.driver, contexte, _utilisateur(contexte), saisies=contexte.saisies)


# ----------------------------------------------------------------- thens


@then(parsers.parse("les champs modifiables suivants sont marqués obligatoires pour les technologies "
                    "d'assistance : {champs}"))
def champs_marques_obligatoires(contexte, champs):
    """T_OBLIGATOIRE_ACCESSIBLE (our contract, not the guide): a field with an asterisk carries
    required or aria-required. A field the user cannot edit (a read-only pre-filled value) is not
    asked for it: HTML ignores required on a read-only field, and the user cannot leave it empty.
    Whether such a field should be editable is another rule's business (E2_CONTACT_MODIFIABLE…)."""
    d = contexte.driver
    for champ in (c.strip() for c in champs.split(";")):
        verifier(contexte, lambda: d.has_field(champ), f"le champ « {champ} » est présent",
                 lambda: f"absent de la {p.decrire_page(d)}")
        if not d.is_editable(champ):
            continue
        verifier(contexte, lambda: d.is_required(champ),
                 f"le champ « {champ} » est marqué obligatoire (required ou aria-required) et porte l'astérisque",
                 f"le champ « {champ} » n'est marqué obligatoire ni par required ni par aria-required")


@then(parsers.parse('le champ "{champ}" contient mon adresse électronique de connexion'))
def champ_contient_adresse(contexte, champ):
    p.exiger_page(contexte, "informations", "l'identification")
    adresse = _utilisateur(contexte).adresse_connexion
    verifier(contexte, lambda: (contexte.driver.value(champ) or "").strip().lower() == adresse.lower(),
             f"« {champ} » est pré-rempli avec l'adresse de connexion {adresse}",
             lambda: f"valeur « {contexte.driver.value(champ)} »")


@then(parsers.parse('le champ "{champ}" est signalé comme valide'))
def champ_signale_valide(contexte, champ):
    verifier(contexte, lambda: "valide" in p.sans_accents(contexte.driver.description(champ)),
             f"« {champ} » est signalé comme valide (la coche ✓ du guide, décrite par « valide »)",
             lambda: f"description « {contexte.driver.description(champ)} »")


@then("une case à cocher porte le texte du consentement à l'enquête de satisfaction")
def case_consentement(contexte):
    verifier(contexte, lambda: contexte.driver.has_field(p.CONSENTEMENT_TEXTE),
             f"une case à cocher libellée « {p.CONSENTEMENT_TEXTE} »",
             lambda: "aucune case ne porte ce texte" + (
                 " (une case commence par « J'accepte que mon nom, prénom et adresse électronique soient "
                 "utilisés » mais la suite diffère)" if contexte.driver.has_field(p.CONSENTEMENT) else ""))
    vu = contexte.driver.visible_label(p.CONSENTEMENT_TEXTE)
    p.mot_du_guide(contexte, p.CONSENTEMENT_TEXTE, "la case porte le texte du guide",
                   lambda: p.nomme_comme_le_guide(vu, p.CONSENTEMENT_TEXTE), vu)


@then("la case de consentement à l'enquête de satisfaction n'est pas cochée")
def consentement_non_coche(contexte):
    verifier(contexte, lambda: not contexte.driver.is_checked(p.CONSENTEMENT),
             "la case de consentement à l'enquête n'est pas cochée par défaut", "elle est cochée")


@then("l'image à recopier a une alternative textuelle")
def captcha_alternative(contexte):
    alt = contexte.driver.image_alt(p.CAPTCHA)
    verifier(contexte, alt is not None, f"une image accompagne le champ « {p.CAPTCHA} »",
             "aucune image dans le formulaire du champ")
    verifier(contexte, bool(alt.strip()), "l'image des caractères a une alternative textuelle non vide",
             "l'image la plus proche du champ n'a pas d'alternative textuelle")


@then(parsers.parse('l\'information "{information}" est affichée'))
def information_affichee(contexte, information):
    verifier(contexte, lambda: bool((contexte.driver.value(information) or "").strip()),
             f"l'information « {information} » est affichée", "absente ou vide")


@then("les champs de la structure reprennent les données de l'INSEE")
def structure_insee(contexte):
    etab = contexte.etablissement
    adresse = etab["adresseEtablissement"]
    d = contexte.driver

    def egal(champ, attendu):
        verifier(contexte, lambda: p.sans_accents(d.value(champ) or "") == p.sans_accents(attendu or ""),
                 f"« {champ} » pré-rempli avec « {attendu} » (INSEE)", lambda: f"valeur « {d.value(champ)} »")

    egal(p.RAISON_SOCIALE, etab["uniteLegale"]["denominationUniteLegale"])
    for morceau in (adresse.get("numeroVoieEtablissement"), adresse.get("libelleVoieEtablissement")):
        if morceau:
            verifier(contexte, lambda: p.sans_accents(morceau) in p.sans_accents(d.value(p.ADRESSE) or ""),
                     f"« Adresse » contient « {morceau} » (INSEE)", lambda: f"valeur « {d.value(p.ADRESSE)} »")
    egal(p.COMPLEMENT_1, adresse.get("complementAdresseEtablissement"))
    egal(p.CODE_POSTAL, adresse.get("codePostalEtablissement"))
    egal(p.VILLE, adresse.get("libelleCommuneEtablissement"))


@then("l'identifiant de la structure n'est pas modifiable")
def identifiant_non_modifiable(contexte):
    d = contexte.driver
    verifier(contexte, not d.has_field(p.IDENTIFIANT) or not d.is_editable(p.IDENTIFIANT),
             "l'identifiant (SIRET) est affiché sans pouvoir être modifié", "le champ « Identifiant » est modifiable")


@then(parsers.re(r"la case \"(?P<case>[^\"]+)\" est (?P<etat>cochée|décochée)"))
def case_etat(contexte, case, etat):
    voulu = etat == "cochée"
    verifier(contexte, lambda: contexte.driver.is_checked(case) == voulu, f"la case « {case} » est {etat}",
             "elle est " + ("décochée" if voulu else "cochée"))


# What INSEE gives for a value it does not disclose (API Sirene, establishments « P »).
ND = "[ND]"


@then("aucune donnée marquée non diffusible par l'INSEE n'apparaît")
def aucune_donnee_nd(contexte):
    """What the page shows, its text and its fields' values: not a script or a hidden field that mentions it."""
    d = contexte.driver
    vus = [f"texte : « {phrase_autour(d.text(), ND)} »"] if ND in d.text() else []
    for champ in d.inventory().get("champs", ()):
        try:
            valeur = d.value(champ)
        except (ElementIntrouvable, ActionImpossible):
            continue
        if valeur and ND in valeur:
            vus.append(f"champ « {champ} » : « {valeur} »")
    verifier(contexte, not vus, "aucune valeur « [ND] » de l'INSEE sur la page",
             lambda: "« [ND] » apparaît sur la page : " + " ; ".join(vus))


@then("la page signale que les données de l'INSEE sont indisponibles")
def insee_indisponible_signale(contexte):
    verifier(contexte, lambda: "insee" in p.sans_accents(contexte.driver.text()),
             "la page signale que l'INSEE n'a pas pu fournir les données", "aucune mention de l'INSEE")


@then("les champs de la structure sont vides et modifiables")
def structure_vide_modifiable(contexte):
    d = contexte.driver
    for champ in (p.RAISON_SOCIALE, p.ADRESSE, p.CODE_POSTAL, p.VILLE):
        verifier(contexte, lambda: d.is_editable(champ), f"« {champ} » est modifiable", "lecture seule")
        verifier(contexte, lambda: not (d.value(champ) or "").strip(), f"« {champ} » est vide",
                 lambda: f"valeur « {d.value(champ)} »")


@then(parsers.parse('le choix "{groupe}" n\'est pas proposé'))
def choix_non_propose(contexte, groupe):
    verifier(contexte, not contexte.driver.has_group(groupe),
             f"le choix « {groupe} » n'est pas proposé au premier utilisateur du SIRET", "il est proposé")


@then(parsers.parse('le choix "{groupe}" propose :'))
def choix_propose(contexte, groupe, datatable):
    options = [p.sans_accents(o) for o in contexte.driver.group_options(groupe)] \
        if contexte.driver.has_group(groupe) else []
    for option in lignes(datatable):
        verifier(contexte, p.sans_accents(option) in options, f"le choix « {groupe} » propose « {option} »",
                 lambda: f"options : {contexte.driver.group_options(groupe)}" if options
                 else f"aucun choix « {groupe} » sur la {p.decrire_page(contexte.driver)}")


@then("le message de bienvenue reprend mon prénom et mon nom tels que saisis")
def bienvenue_telle_que_saisie(contexte):
    u = _utilisateur(contexte)
    d = contexte.driver
    if p.etape(d) != "espaces de travail":
        # A name holding HTML may be refused, cleanly: the form shown again. Any other name must pass.
        verifier(contexte, "<script>" in u.nom and p.etape(d) == "informations",
                 "les informations sont acceptées et la bienvenue s'affiche", lambda: p.decrire_page(d))
        return
    bienvenue = p.sans_accents(p.titre_commencant_par(d, "Bienvenue") or "")
    verifier(contexte, p.sans_accents(u.prenom) in bienvenue and p.sans_accents(u.nom) in bienvenue,
             f"le titre de bienvenue contient « {u.prenom} » et « {u.nom} » tels que saisis",
             lambda: f"titres présents : {d.section_titles()}")


@then("la page des espaces de travail s'affiche")
def page_espaces(contexte):
    verifier(contexte, p.etape(contexte.driver) == "espaces de travail", "la page des espaces de travail",
             lambda: p.decrire_page(contexte.driver))


@then("un utilisateur suivant de ce SIRET se voit encore proposer le rattachement")
def suivant_voit_rattachement(contexte):
    suivant = p.nouvel_utilisateur(contexte.donnees)
    driver = p.driver_de_preparation(contexte)
    p.inscrire(contexte, suivant, driver=driver, jusqua="informations")
    verifier(contexte, driver.has_group(p.RATTACHEMENT),
             "un troisième utilisateur du SIRET se voit proposer « Je me rattache à » (une seule structure)",
             "le choix n'est pas proposé")
