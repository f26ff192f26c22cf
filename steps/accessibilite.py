"""Steps of the accessibility rules (07_accessibilite, RGAA 4.1, source « accessibilite »).

The browser's findings come from harness/drivers/accessibilite.py (axe-core, the controls as assistive
technologies get them, the keyboard); the criteria are judged here, each failure naming its RGAA criterion.
Only the browser channel can check them (@navigateur).
"""
from __future__ import annotations

import re

from pytest_bdd import given, parsers, then, when

from harness.drivers import accessibilite as a11y
from harness.drivers.base import ElementIntrouvable, est_du_navigateur
from harness.libelles import COMPLEXITE, SANS_SIRET
from harness.preparation import PreparationImpossible, impossibilite
from harness.rgaa import critere_axe

from . import parcours as p
from .activation import mot_de_passe_du_cas
from .verifications import preparation, verifier


def _sans_marques(texte: str) -> str:
    """A label without its required marker and trailing colon, folded, for comparisons."""
    return p.sans_accents(re.sub(r"[*:]", " ", texte or "")).strip()


# ----------------------------------------------------------------- the page states the feature visits


@given(parsers.parse('la page "{page}" du parcours est affichée'))
def page_du_parcours(contexte, page):
    """Bring the channel's page to step ``page`` of the journey."""
    if page not in ("identification", "informations", "espaces de travail", "activation"):
        raise AssertionError(f"Erreur du harnais : page « {page} » inconnue.")
    p.aller_a_l_etape(contexte, page)
    contexte.page_observee = page


@given("j'ai parcouru l'inscription jusqu'à la page d'activation dans le navigateur")
def parcours_releve(contexte):
    """The journey in the browser, each page's title and language noted as it shows (a preparation: the Alors
    judge what was noted)."""
    d = contexte.driver
    utilisateur = p.assurer_utilisateur(contexte)
    p.assurer_entreprise(contexte)

    def noter(nom: str) -> None:
        contexte.pages_vues.append({"page": nom, "titre": d.title().strip(), "langue": a11y.langue(d)})

    d.open(contexte.implementation.demarrage)
    noter("identification")
    p.identifier(d, contexte.implementation, utilisateur.adresse_connexion, contexte.siret_saisi)
    noter("informations")
    p.completer_informations(d, contexte, utilisateur)
    noter("espaces de travail")
    p.valider_espaces(d)
    noter("compte créé")
    d.open(p.lien_activation(contexte, utilisateur))
    noter("activation")


# ----------------------------------------------------------------- axe-core


@when("je parcours l'inscription dans le navigateur par chacun des états de ses pages, axe-core analysant chacun")
def parcours_analyse_par_axe(contexte):
    """One journey in one browser context through every state of the flow's pages, axe-core run on each: the
    start page, the page of the link « Je n'ai pas de numéro de SIRET », each form refused then corrected
    (identification, informations, activation), the workspaces, the account created, the account activated.
    A state the journey cannot reach is noted with its reason (``etats_manques``) and the journey goes on where it
    can: one page missing does not hide the others' findings. One context instead of one per state: the states'
    preparations are the journey itself (issue 14's budget: axe at most 10 % of the browser channel)."""
    d, impl = contexte.driver, contexte.implementation
    a11y.axe_a_chaque_page(d)
    utilisateur = p.assurer_utilisateur(contexte)
    siret = p.assurer_entreprise(contexte)

    vue: dict[str, str | None] = {"page": None}  # the page etat() last recognised (None: it did not look)

    def page() -> str:
        """The page shown, recognised again only when etat() did not just do it."""
        return vue["page"] if vue["page"] is not None else p.etape(d)

    def etat(nom: str, faire, attendue: str | None = None) -> bool:
        """Do ``faire``; on page ``attendue`` (when given), run axe-core and note its findings as state ``nom``."""
        vue["page"] = None
        try:
            faire()
            if attendue is not None:
                vue["page"] = p.etape(d)
                if vue["page"] != attendue:
                    raise PreparationImpossible(f"la page « {attendue} » ne suit pas", p.decrire_page(d),
                                                p.REGLE_DE_LA_SUITE.get(attendue, ()))
        except AssertionError as exc:
            contexte.etats_manques.append((nom, impossibilite(exc, f"état « {nom} »")))
            return False
        contexte.analyses_axe.append({"page": nom, "violations": a11y.axe(d)})
        return True

    def ouvrir_le_debut() -> None:
        d.open(impl.demarrage)

    etat("identification", ouvrir_le_debut, "identification")

    def sur_l_identification() -> None:
        if page() != "identification":
            ouvrir_le_debut()

    def refus_identification() -> None:
        sur_l_identification()
        fausse = contexte.donnees.siret_cle_invalide()
        contexte.sirene.enregistrer(fausse, cas="diffusible")  # only the key check can refuse it
        p.soumettre_identification(d, utilisateur.adresse_connexion, fausse)
    etat("identification refusée", refus_identification, "identification")

    def sans_siret() -> None:  # the link, from the page shown (the refused form), else from the start page
        sur_l_identification()
        try:
            d.click(SANS_SIRET)
        except ElementIntrouvable:
            ouvrir_le_debut()
            d.click(SANS_SIRET)
        p.sur_la_page(d, "sans SIRET")
    etat("sans SIRET", sans_siret)

    def identification_acceptee() -> None:
        ouvrir_le_debut()
        p.soumettre_identification(d, utilisateur.adresse_connexion, siret)
    if not etat("informations", identification_acceptee, "informations"):
        return
    etat("informations refusées", lambda: p.completer_informations(
        d, contexte, utilisateur, saisies={p.RESAISIE: contexte.donnees.adresse_email()}), "informations")
    if page() != "informations" or not etat("espaces de travail", lambda: p.completer_informations(
            d, contexte, utilisateur), "espaces de travail"):
        return

    def compte_cree() -> None:
        p.valider_espaces(d)
        if not p.page_quittee(d, "espaces de travail"):
            raise PreparationImpossible("le choix des espaces de travail ne va pas plus loin", p.decrire_page(d))
    if not etat("compte créé", compte_cree):
        return
    if not etat("activation", lambda: d.open(p.lien_activation(contexte, utilisateur)), "activation"):
        return
    trop_court = mot_de_passe_du_cas(contexte.donnees, "11 caractères : majuscules, minuscules, chiffres et spéciaux")

    def refus_activation() -> None:
        p.remplir_activation(d, trop_court, reponse=utilisateur.reponse or "Paris")
        d.click(p.VALIDER)
    if not etat("activation refusée", refus_activation, "activation") and page() != "activation":
        return

    def compte_active() -> None:
        p.activer(contexte, d, utilisateur, p.mot_de_passe_conforme(contexte.donnees))
        if utilisateur.mot_de_passe is None:
            raise PreparationImpossible("l'activation avec un mot de passe conforme n'aboutit pas", p.decrire_page(d))
    etat("compte activé", compte_active)


def _violations(analyses: list[dict]) -> list[str]:
    """axe-core's violations, one line per element (three per rule and page at most), each with its criterion."""
    lignes = []
    for analyse in analyses:
        for v in analyse["violations"]:
            critere = critere_axe(v["regle"])
            for e in v["elements"][:3]:
                lignes.append(f"page « {analyse['page']} » : RGAA {critere or '(sans correspondance)'} — axe "
                              f"« {v['regle']} » ({v['impact']}) : {v['aide']} — élément {e['cible']} {e['html'][:120]}")
            if len(v["elements"]) > 3:
                lignes.append(f"page « {analyse['page']} » : … et {len(v['elements']) - 3} autre(s) élément(s) "
                              f"pour « {v['regle']} »")
    return lignes


@then("axe-core ne relève aucune violation sur aucune des pages parcourues")
def axe_sans_violation_sur_le_parcours(contexte):
    """Violations found are findings whatever else happened; with none, a state the journey missed leaves the
    rule unverified for that page (« préparation impossible »), never passed."""
    lignes = _violations(contexte.analyses_axe)
    manques = contexte.etats_manques
    verifier(contexte, not lignes, "aucune violation axe-core (WCAG 2.1 A et AA) sur les pages analysées ("
             + ", ".join(f"« {a['page']} »" for a in contexte.analyses_axe) + ")",
             lambda: f"{len(lignes)} élément(s) en violation : " + " | ".join(lignes)
             + ("" if not manques else " ; états non atteints : " + ", ".join(f"« {n} »" for n, _ in manques)))
    if manques:
        nom, exc = manques[0]
        raise PreparationImpossible(
            f"axe-core n'a pas pu analyser l'état « {nom} » : {exc.cause}",
            " ; ".join(f"« {n} » : {e}" for n, e in manques), exc.regles)


@then("axe-core ne relève aucune violation sur la page")
def axe_sans_violation(contexte):
    d = contexte.driver
    page = contexte.page_observee or p.etape(d)
    lignes = _violations([{"page": page, "violations": a11y.axe(d)}])
    verifier(contexte, not lignes, f"aucune violation axe-core (WCAG 2.1 A et AA) sur la page « {page} »",
             lambda: f"{len(lignes)} élément(s) en violation : " + " | ".join(lignes))


# ----------------------------------------------------------------- labels (11.1, 11.2)


@then("chaque champ de la page a une étiquette")
def champs_etiquetes(contexte):
    sans = [c for c in a11y.champs(contexte.driver) if not _sans_marques(c["etiquette"])]
    verifier(contexte, not sans, "RGAA 11.1 : chaque champ a une étiquette (label, aria-labelledby, aria-label ou title)",
             lambda: "champ(s) sans étiquette : " + ", ".join(f"{c['genre']} « {c['nom']} »" for c in sans))


@then("l'étiquette visible de chaque champ fait partie de son nom accessible")
def etiquette_dans_le_nom(contexte):
    ecarts = [c for c in a11y.champs(contexte.driver)
              if _sans_marques(c["visible"]) and _sans_marques(c["visible"]) not in _sans_marques(c["etiquette"])]
    verifier(contexte, not ecarts, "RGAA 11.2 : l'étiquette visible de chaque champ fait partie de son nom accessible",
             lambda: "; ".join(f"« {c['visible']} » à l'écran, « {c['etiquette']} » pour les technologies d'assistance"
                               for c in ecarts))


# ----------------------------------------------------------------- groups (11.5, 11.6, 11.7)


@then("chaque ensemble de boutons radio ou de cases à cocher est regroupé sous une légende")
def choix_regroupes(contexte):
    groupes = a11y.groupes_de_choix(contexte.driver)
    verifier(contexte, bool(groupes), "des boutons radio ou des cases à cocher sur la page", "aucun")
    hors = [g for g in groupes if g["groupe"] is None]
    verifier(contexte, not hors, "RGAA 11.5 : les choix de même nature sont regroupés (fieldset, role group)",
             lambda: "choix hors de tout regroupement : " + " ; ".join("/".join(g["choix"]) for g in hors))
    sans = [g for g in groupes if g["groupe"] == ""]
    verifier(contexte, not sans, "RGAA 11.6 : chaque regroupement a une légende (legend, aria-labelledby)",
             lambda: "regroupement(s) sans légende : " + " ; ".join("/".join(g["choix"]) for g in sans))


@then("les regroupements suivants portent leur légende :")
def legendes_pertinentes(contexte, datatable):
    d = contexte.driver
    manquantes = [ligne[0] for ligne in datatable[1:] if not d.has_group(ligne[0])]
    verifier(contexte, not manquantes, "RGAA 11.7 : chaque regroupement porte la légende qui dit ce qu'on y choisit",
             lambda: "aucun regroupement légendé « " + " », « ".join(manquantes) + " » ; regroupements de la page : "
             + ", ".join(f"« {g['groupe']} »" for g in a11y.groupes_de_choix(d)))


# ----------------------------------------------------------------- required fields (3.1, 11.10)


@then("chaque champ obligatoire l'indique en texte dans son étiquette")
def obligatoires_en_texte(contexte):
    def indique(c: dict) -> bool:
        texte = p.sans_accents(c["visible"] or c["etiquette"])
        return "*" in texte or "obligatoire" in texte or "required" in texte
    requis = [c for c in a11y.champs(contexte.driver) if c["requis"]]
    verifier(contexte, bool(requis), "des champs obligatoires (required, aria-required) sur la page", "aucun")
    muets = [c for c in requis if not indique(c)]
    verifier(contexte, not muets, "RGAA 3.1 et 11.10 : chaque champ obligatoire l'indique en texte (« * »), pas par "
             "la seule couleur", lambda: "champ(s) obligatoire(s) dont l'étiquette ne le dit pas : "
             + ", ".join(f"« {c['visible'] or c['etiquette']} »" for c in muets))


# ----------------------------------------------------------------- errors (11.10, 11.11)


@then(parsers.parse('le champ "{champ}" porte aria-invalid et son message par aria-describedby'))
def erreur_liee(contexte, champ):
    d = contexte.driver
    message = d.error(champ) if d.has_field(champ) else None
    # the browser's own validation bubble marks no aria-invalid and is tied to the field by no aria-describedby
    verifier(contexte, bool(message and message.strip()) and not est_du_navigateur(message),
             f"RGAA 11.10 : le champ « {champ} » est marqué aria-invalid et décrit par son message (aria-describedby)",
             lambda: (f"seul le navigateur l'a refusé, sans aria-invalid : « {message} »" if est_du_navigateur(message)
                      else f"aucune erreur liée au champ ; {p.decrire_page(d)} ; texte : {d.text()[:200]}"))


@then(parsers.parse('le message ou la description du champ "{champ}" suggère le format attendu « {format} »'))
def erreur_suggere_le_format(contexte, champ, format):
    d = contexte.driver
    texte = (d.description(champ) or "") if d.has_field(champ) else ""
    verifier(contexte, bool(re.search(rf"(?<!\d){re.escape(format)}(?!\d)", texte)),
             f"RGAA 11.11 : le message ou la description du champ « {champ} » suggère le format attendu (« {format} »)",
             lambda: f"« {texte or '(rien)'} »")


# ----------------------------------------------------------------- autocomplete (11.13)


@then("les champs suivants déclarent leur finalité :")
def finalites(contexte, datatable):
    d = contexte.driver
    ecarts = []
    for champ, finalite in datatable[1:]:
        valeur = a11y.autocomplete(d, champ)
        if finalite not in (valeur or "").lower().split():
            ecarts.append(f"« {champ} » : autocomplete={valeur!r} au lieu de « {finalite} »")
    verifier(contexte, not ecarts, "RGAA 11.13 : chaque champ personnel déclare sa finalité (autocomplete)",
             "; ".join(ecarts))


# ----------------------------------------------------------------- titles and language (8.3, 8.5, 8.6)


@then("chaque page parcourue a un titre de page, différent de celui des autres étapes")
def titres_propres(contexte):
    pages = contexte.pages_vues
    sans = [v["page"] for v in pages if not v["titre"]]
    verifier(contexte, not sans, "RGAA 8.5 : chaque page a un titre de page (<title>)",
             lambda: "page(s) sans titre : " + ", ".join(sans))
    titres = [v["titre"] for v in pages]
    doubles = sorted({t for t in titres if titres.count(t) > 1})
    verifier(contexte, not doubles, "RGAA 8.6 : le titre de chaque page dit son étape (titres différents d'une "
             "étape à l'autre)", lambda: "titre(s) commun(s) à plusieurs étapes : " + ", ".join(
                 f"« {t} » ({', '.join(v['page'] for v in pages if v['titre'] == t)})" for t in doubles))


@then("chaque page parcourue indique sa langue par défaut")
def langues(contexte):
    sans = [v["page"] for v in contexte.pages_vues if not v["langue"]]
    verifier(contexte, not sans, "RGAA 8.3 : chaque page indique sa langue par défaut (<html lang>)",
             lambda: "page(s) sans langue : " + ", ".join(sans))


# ----------------------------------------------------------------- captcha (1.4, 1.5)

# Words that say what a captcha is and what it is for, in the guide's language and in English.
NATURE_CAPTCHA = ("captcha", "securite", "controle", "verification", "security", "verif", "caracteres",
                  "characters", "recopier", "copy")


@then("l'image du captcha a une alternative textuelle qui dit sa nature et sa fonction")
def captcha_alternative(contexte):
    alt = contexte.driver.image_alt(p.CAPTCHA)
    verifier(contexte, alt is not None, "RGAA 1.4 : une image de captcha accompagne le champ", "aucune image")
    verifier(contexte, any(mot in p.sans_accents(alt) for mot in NATURE_CAPTCHA),
             "RGAA 1.4 : l'alternative textuelle du captcha dit sa nature et sa fonction (« image de sécurité… "
             "à recopier »)", f"alternative « {alt} »")


@then("une solution non graphique accompagne le captcha")
def captcha_non_graphique(contexte):
    autour = a11y.autour_de_l_image(contexte.driver, p.CAPTCHA) or []
    verifier(contexte, any(a.strip() for a in autour),
             "RGAA 1.5 : une solution d'accès non graphique accompagne le captcha (audio, lien d'aide…)",
             "rien d'autre que l'image et le champ")


# ----------------------------------------------------------------- status messages (7.5)


@when("je saisis un mot de passe faible puis un mot de passe fort")
def saisir_faible_puis_fort(contexte):
    d = contexte.driver
    contexte.annonces = []
    for mot_de_passe in ("abc", p.mot_de_passe_conforme(contexte.donnees)):
        d.fill(p.MOT_DE_PASSE, mot_de_passe)
        contexte.annonces.append(a11y.regions_vivantes(d))


@then("une zone de statut annonce la complexité, différente pour les deux mots de passe")
def complexite_annoncee(contexte):
    faible, fort = contexte.annonces
    verifier(contexte, any(t for t in fort) and faible != fort,
             "RGAA 7.5 : une zone de statut (role status, aria-live) annonce la complexité du mot de passe",
             lambda: f"zones de statut après un mot de passe faible : {faible} ; après un fort : {fort}")


@then("l'indicateur de complexité est nommé pour les technologies d'assistance")
def complexite_nommee(contexte):
    """The guide's rule takes any indicator the user sees (E4_COMPLEXITE_INDICATEUR); whether assistive
    technologies get what it measures is this rule's: a gauge or a status with a name, or an announcement that
    says it (« Complexité du mot de passe : faible »), not a bare « faible »."""
    d = contexte.driver
    vus = a11y.indicateurs(d)
    formes = p.formes(d, COMPLEXITE)
    annonce_nommee = any(f in p.sans_accents(t) for annonces in contexte.annonces for t in annonces for f in formes)
    verifier(contexte, any(nom for _, nom in vus) or annonce_nommee,
             "RGAA 7.5 : la jauge ou la zone de statut de la complexité a un nom (aria-labelledby, <label>, "
             "aria-label), ou son annonce dit ce qu'elle mesure",
             lambda: (f"indicateurs sans nom : {', '.join(role for role, _ in vus)}" if vus else "aucun indicateur")
             + f" ; annonces : {contexte.annonces}")


# ----------------------------------------------------------------- the keyboard (7.3, 10.7, 12.9, 11.10)


def _aller(contexte, nom: str, *, arriere: bool = False, groupe: str | None = None) -> bool:
    """Tab (or Shift+Tab) to ``nom``, noting the way; False when the keyboard cannot get there."""
    deplacement = a11y.tabuler(contexte.driver, nom, arriere=arriere, groupe=groupe)
    contexte.clavier["deplacements"].append((nom, deplacement))
    if not deplacement.atteint:
        contexte.clavier["arret"] = (f"« {nom} »{f' (groupe « {groupe} »)' if groupe else ''} n'est pas atteint avec "
                                     f"{'Maj+Tab' if arriere else 'Tab'} (page {p.decrire_page(contexte.driver)})")
    return deplacement.atteint


def _saisir(contexte, nom: str, valeur: str) -> bool:
    if not _aller(contexte, nom):
        return False
    a11y.taper(contexte.driver, valeur)
    return True


def _valider(contexte, bouton: str = p.VALIDER) -> bool:
    if not _aller(contexte, bouton):
        return False
    a11y.appuyer(contexte.driver, "Enter", page_suivante=True)
    return True


def _choisir(contexte, groupe: str, option: str) -> bool:
    """``groupe`` set to ``option``: Tab to the group's chosen radio, then the arrows; toggle buttons (aria-pressed),
    each its own Tab stop, are reached with Tab and pressed with Space."""
    d = contexte.driver
    options = d.group_options(groupe)
    depart = d.chosen(groupe) or options[0]
    if not _aller(contexte, depart, groupe=groupe):
        return False
    for _ in range(len(options)):
        if d.chosen(groupe) == option:
            return True
        a11y.appuyer(d, "ArrowUp")
    if d.chosen(groupe) == option or option not in options:
        return d.chosen(groupe) == option
    if not _aller(contexte, option, groupe=groupe, arriere=options.index(option) < options.index(depart)):
        return False
    a11y.appuyer(d, "Space")
    return d.chosen(groupe) == option


def _inscription_au_clavier(contexte) -> None:
    d = contexte.driver
    utilisateur = p.assurer_utilisateur(contexte)
    mot_de_passe = p.mot_de_passe_conforme(contexte.donnees)
    with preparation("inscription au clavier, page d'identification"):
        d.open(contexte.implementation.demarrage)
    p.sur_la_page(d, "identification")
    if not (_saisir(contexte, p.ADRESSE_CONNEXION, utilisateur.adresse_connexion)
            and _saisir(contexte, p.SIRET, contexte.siret_saisi)
            and _aller(contexte, p.ADRESSE_CONNEXION, arriere=True) and _valider(contexte)):
        return
    if p.etape(d) != "informations":
        contexte.clavier["arret"] = f"l'identification validée au clavier ne mène pas aux informations ({p.decrire_page(d)})"
        return
    if not all(_saisir(contexte, champ, valeur) for champ, valeur in (
            (p.RESAISIE, utilisateur.adresse_contact), (p.NOM, utilisateur.nom), (p.PRENOM, utilisateur.prenom))):
        return
    if not _aller(contexte, p.CONSENTEMENT):  # Space ticks the consent to the survey
        return
    a11y.appuyer(d, "Space")
    utilisateur.consentement = True
    if not _saisir(contexte, p.CAPTCHA, contexte.implementation.captcha_reponse):
        return
    if not _valider(contexte):
        return
    if p.etape(d) != "espaces de travail":
        contexte.clavier["arret"] = f"les informations validées au clavier ne mènent pas aux espaces ({p.decrire_page(d)})"
        return
    if not _choisir(contexte, "Engagements", p.OUI):
        contexte.clavier["arret"] = contexte.clavier["arret"] or "« Engagements » ne passe pas à OUI au clavier"
        return
    if not _valider(contexte):
        return
    d.open(p.lien_activation(contexte, utilisateur))
    if p.etape(d) != "activation":
        contexte.clavier["arret"] = f"le lien d'activation ne mène pas à l'activation ({p.decrire_page(d)})"
        return
    if not (_saisir(contexte, p.MOT_DE_PASSE, mot_de_passe) and _saisir(contexte, p.CONFIRMATION, mot_de_passe)
            and _aller(contexte, p.QUESTION)):
        return
    a11y.appuyer(d, "ArrowDown")
    if not (_saisir(contexte, p.REPONSE, utilisateur.reponse or "Paris") and _valider(contexte)):
        return
    contexte.clavier["active"] = p.activation_acceptee(contexte, d, utilisateur.adresse_connexion, mot_de_passe)


@when("je m'inscris et j'active mon compte au clavier seul")
def inscription_au_clavier(contexte):
    contexte.clavier = {"deplacements": [], "arret": None, "active": False}
    _inscription_au_clavier(contexte)


def _arrets(contexte) -> list[tuple[str, dict]]:
    return [(nom, arret) for nom, dep in contexte.clavier["deplacements"] for arret in dep.arrets
            if not arret["aucun"]]


@then("aucun élément ne retient le focus")
def sans_piege(contexte):
    pieges = [(nom, dep.piege) for nom, dep in contexte.clavier["deplacements"] if dep.piege]
    verifier(contexte, not pieges, "RGAA 12.9 : aucun piège au clavier (Tab et Maj+Tab quittent chaque élément)",
             lambda: "; ".join(f"le focus reste sur {piege['balise']} « {piege['nom']} » en allant vers « {nom} »"
                               for nom, piege in pieges))


@then("chaque élément du parcours est atteint au clavier")
def tout_atteint(contexte):
    arret = contexte.clavier["arret"]
    verifier(contexte, arret is None, "RGAA 7.3 : chaque champ et chaque bouton du parcours est atteint au clavier",
             lambda: arret)


@then("la prise de focus est visible sur chaque élément atteint")
def focus_visible(contexte):
    invisibles = [(nom, arret) for nom, arret in _arrets(contexte) if not arret["visible"]]
    verifier(contexte, not invisibles, "RGAA 10.7 : la prise de focus est visible (contour ou ombre) sur chaque "
             "élément atteint", lambda: "; ".join(dict.fromkeys(
                 f"{arret['balise']} « {arret['nom']} »" for _, arret in invisibles)))


@then("mon compte est activé au clavier")
def active_au_clavier(contexte):
    verifier(contexte, contexte.clavier["active"], "RGAA 7.3 : l'inscription au clavier seul aboutit à un compte actif",
             lambda: contexte.clavier["arret"] or p.decrire_page(contexte.driver))


@when("je valide au clavier l'identification avec un SIRET à la clé fausse")
def refus_au_clavier(contexte):
    d = contexte.driver
    contexte.clavier = {"deplacements": [], "arret": None, "active": False}
    utilisateur = p.assurer_utilisateur(contexte)
    with preparation("identification au clavier"):
        d.open(contexte.implementation.demarrage)
        p.sur_la_page(d, "identification")
        atteint = (_saisir(contexte, p.ADRESSE_CONNEXION, utilisateur.adresse_connexion)
                   and _saisir(contexte, p.SIRET, contexte.donnees.siret_cle_invalide()) and _valider(contexte))
        verifier(contexte, atteint, "le formulaire d'identification se valide au clavier",
                 lambda: contexte.clavier["arret"])
        p.exiger_page(contexte, "identification", "identification refusée")


@then("le focus est sur le premier champ en erreur ou sur le récapitulatif des erreurs")
def focus_sur_l_erreur(contexte):
    arret = a11y.focus(contexte.driver)
    verifier(contexte, not arret["aucun"] and (arret["invalide"] or arret["alerte"]),
             "RGAA 11.10 : après le refus, le focus est sur le premier champ en erreur (aria-invalid) ou sur le "
             "récapitulatif des erreurs (role alert)",
             lambda: "le focus n'est sur aucun élément" if arret["aucun"]
             else f"le focus est sur {arret['balise']} « {arret['nom']} »")
