"""The witness's web application (Falcon, WSGI): the guide's four steps, the login and account pages, the test
controls. Every rule is checked here, on the server; the page's script only repeats some of them earlier."""
from __future__ import annotations

import json
import secrets
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import falcon
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from captcha.image import ImageCaptcha
from jinja2 import Environment, FileSystemLoader, select_autoescape

from . import regles
from .services import Etablissement, envoyer_courriel, interroger_sirene
from .stockage import Stockage

ICI = Path(__file__).resolve().parent
DSFR = ICI / "node_modules" / "@gouvfr" / "dsfr" / "dist"

# The guide's eight workspaces, in its order: (form key, name, description).
ESPACES = (
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
PAR_DEFAUT = {cle: "oui" if cle == "emises" else "non" for cle, _, _ in ESPACES}
QUESTIONS = (
    ("ville_naissance", "Quelle est votre ville de naissance ?"),
    ("premier_animal", "Quel était le nom de votre premier animal de compagnie ?"),
    ("ecole", "Quel était le nom de votre école primaire ?"),
    ("film", "Quel est votre film préféré ?"),
)
RATTACHEMENTS = {"structure": "La structure (y compris l'ensemble des services de ma structure)",
                 "services": "Uniquement certains services"}
LIBELLES = {
    "adresse": "Adresse électronique de connexion", "siret": "Numéro de SIRET",
    "contact": "Adresse électronique de connexion",
    "resaisie": "Résaisissez votre adresse électronique de connexion",
    "nom": "Nom", "prenom": "Prénom", "captcha": "Entrez les caractères générés par l'image",
    "raison_sociale": "Raison Sociale", "libelle": "Libellé de la structure", "adresse_postale": "Adresse",
    "complement1": "Complément adresse 1", "complement2": "Complément adresse 2", "code_postal": "Code postal",
    "ville": "Ville", "pays": "Pays", "rattachement": "Je me rattache à", "services": "Services de la structure",
    "mot_de_passe": "Mot de passe", "confirmation": "Confirmation", "question": "Question secrète",
    "reponse": "Réponse",
}
OBLIGATOIRE = "ce champ est obligatoire."
TENTATIVES_MAX = 10
BLOCAGE_SECONDES = 15 * 60
REFUS_CONNEXION = "Adresse électronique ou mot de passe incorrect."
ALPHABET_CAPTCHA = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CORPS_MAX = 2_000_000


@dataclass
class Config:
    sirene_url: str
    sirene_cle: str
    smtp_hote: str
    smtp_port: int
    url_publique: str
    base_de_donnees: str
    minutes_lien: int = 60
    minutes_session: int = 30
    mode_test: bool = False
    captcha_test: str = "TEST-CAPTCHA"
    fautes: frozenset[str] = field(default_factory=frozenset)


class Echecs:
    """Wrong answers in a row per address (login passwords, step-2 captcha): after TENTATIVES_MAX, blocked for
    BLOCAGE_SECONDES, whether the address has an account or not (nothing to tell them apart)."""

    def __init__(self) -> None:
        self._compte: dict[str, tuple[int, float]] = {}
        self._verrou = threading.Lock()

    def bloque(self, cle: str) -> bool:
        with self._verrou:
            n, depuis = self._compte.get(cle, (0, 0.0))
            return n >= TENTATIVES_MAX and time.time() - depuis < BLOCAGE_SECONDES

    def echec(self, cle: str) -> None:
        with self._verrou:
            n, _ = self._compte.get(cle, (0, 0.0))
            self._compte[cle] = (n + 1, time.time())

    def reussite(self, cle: str) -> None:
        with self._verrou:
            self._compte.pop(cle, None)


def _premier(formulaire: dict[str, list[str]], nom: str) -> str:
    return (formulaire.get(nom) or [""])[0]


def _texte(formulaire, nom: str, erreurs: dict, requis: bool = False, longueur: int = 255) -> str:
    """A text field, trimmed, with its refusal (named after its label) in ``erreurs``."""
    valeur = _premier(formulaire, nom).strip()
    libelle = LIBELLES[nom]
    if regles.caracteres_interdits(valeur):
        erreurs[nom] = f"{libelle} : ce champ contient des caractères non autorisés."
    elif len(valeur) > longueur:
        erreurs[nom] = f"{libelle} : {longueur} caractères au maximum."
    elif requis and not valeur:
        erreurs[nom] = f"{libelle} : {OBLIGATOIRE}"
    return valeur


def _adresse(formulaire, nom: str, erreurs: dict) -> str:
    """An e-mail address field: required, 254 characters at most, and of a valid form (its refusal in ``erreurs``,
    under the guide's label of the login address, which the page gives every address field)."""
    adresse = _texte(formulaire, nom, erreurs, requis=True, longueur=254)
    if nom not in erreurs and not regles.adresse_valide(adresse):
        erreurs[nom] = ("Adresse électronique de connexion : saisissez une adresse électronique valide, "
                        "au format nom@domaine.fr.")
    return adresse


class Application:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.stockage = Stockage(config.base_de_donnees)
        self.gabarits = Environment(loader=FileSystemLoader(ICI / "gabarits"), autoescape=select_autoescape())
        self.hacheur = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)  # OWASP's minimum for argon2id
        self.leurre = self.hacheur.hash(secrets.token_urlsafe(16))  # unknown addresses cost a verification too
        self.echecs_connexion = Echecs()
        self.echecs_captcha = Echecs()
        self.image_captcha = ImageCaptcha(width=200, height=70)
        self.origine = "{0.scheme}://{0.netloc}".format(urlsplit(config.url_publique))

    def faute(self, nom: str) -> bool:
        return nom in self.config.fautes

    # ------------------------------------------------------------------ rendering and forms
    def rendre(self, req, resp, gabarit: str, statut=falcon.HTTP_200, **contexte) -> None:
        resp.status = statut
        resp.content_type = falcon.MEDIA_HTML
        contexte.setdefault("erreurs", {})
        contexte.setdefault("valeurs", {})
        resp.text = self.gabarits.get_template(gabarit).render(jeton=req.context.session["jeton"], **contexte)

    def message(self, req, resp, titre: str, statut=falcon.HTTP_200, alertes=(), paragraphes=(), formulaire=None,
                liens=()) -> None:
        self.rendre(req, resp, "message.html", statut, titre=titre, alertes=alertes, paragraphes=paragraphes,
                    formulaire=formulaire, liens=liens)

    def formulaire(self, req, resp) -> dict[str, list[str]] | None:
        """The posted form, or None (and a 403 page) when its CSRF token or its Origin is not ours."""
        ctype = (req.content_type or "").lower()
        valeurs: dict[str, list[str]] = {}
        if ctype.startswith("multipart/form-data"):
            for partie in req.get_media():
                valeurs.setdefault(partie.name, []).append(partie.get_text() or "")
        else:
            corps = req.bounded_stream.read(CORPS_MAX + 1)
            if len(corps) > CORPS_MAX:
                self.message(req, resp, "Requête trop volumineuse", falcon.HTTP_413)
                return None
            valeurs = parse_qs(corps.decode("utf-8", "replace"), keep_blank_values=True)
        origine = req.get_header("Origin")
        jeton = _premier(valeurs, "jeton")
        if (origine and origine not in (self.origine, req.prefix)) or not secrets.compare_digest(
                jeton.encode(), req.context.session["jeton"].encode()):
            self.message(req, resp, "Formulaire expiré", falcon.HTTP_403, alertes=[{
                "genre": "error", "texte": "Ce formulaire a expiré ou ne vient pas de Chorus Pro : recommencez."}],
                liens=[{"href": "/creer-un-compte", "texte": "Recommencer"}])
            return None
        return valeurs

    # ------------------------------------------------------------------ step 1: identification
    def on_get_identification(self, req, resp) -> None:
        self.rendre(req, resp, "identification.html")

    def on_post_identification(self, req, resp) -> None:
        formulaire = self.formulaire(req, resp)
        if formulaire is None:
            return
        erreurs: dict[str, str] = {}
        adresse = _adresse(formulaire, "adresse", erreurs)
        saisie = _premier(formulaire, "siret")
        siret = regles.siret_normalise(saisie.strip())
        probleme = regles.siret_probleme(saisie.strip()[:64],
                                         verifier_cle=not self.faute("cle_siret_navigateur_seulement"))
        if probleme:
            erreurs["siret"] = f"Numéro de SIRET : {probleme}"
        etablissement = None
        if not erreurs:
            etablissement = interroger_sirene(self.config.sirene_url, self.config.sirene_cle, siret)
            if etablissement.statut == "inconnu":
                erreurs["siret"] = "Numéro de SIRET : l'INSEE ne connaît pas ce SIRET. Vérifiez votre saisie."
            elif etablissement.statut == "ferme":
                erreurs["siret"] = "Numéro de SIRET : cet établissement est fermé selon l'INSEE."
        if erreurs:
            valeurs = {"adresse": adresse[:254], "siret": saisie[:32]}
            self.rendre(req, resp, "identification.html", valeurs=valeurs, erreurs=erreurs)
            return
        session = req.context.session
        for cle in ("inscription", "confirmation"):
            session.pop(cle, None)
        session["etape1"] = {"adresse": adresse, "siret": siret, "etablissement": asdict(etablissement)}
        raise falcon.HTTPSeeOther("/creer-un-compte/informations")

    def on_get_sans_siret(self, req, resp) -> None:
        self.rendre(req, resp, "sans_siret.html")

    def on_get_aide(self, req, resp) -> None:
        self.rendre(req, resp, "aide.html")

    # ------------------------------------------------------------------ step 2: informations
    def _etape1(self, req) -> dict:
        etape1 = req.context.session.get("etape1")
        if not etape1:
            raise falcon.HTTPSeeOther("/creer-un-compte")
        return etape1

    def _page_informations(self, req, resp, etape1: dict, valeurs: dict, erreurs: dict, services_coches=()):
        etab = Etablissement(**etape1["etablissement"])
        structure = self.stockage.structure(etape1["siret"])
        services = self.stockage.services(structure["id"]) if structure else None
        req.context.session["captcha"] = "".join(secrets.choice(ALPHABET_CAPTCHA) for _ in range(6))
        self.rendre(req, resp, "informations.html", statut=falcon.HTTP_200, valeurs=valeurs, erreurs=erreurs,
                    siret=etape1["siret"], non_diffusible=etab.non_diffusible,
                    insee_indisponible=etab.statut == "indisponible", services=services,
                    valeurs_services=set(services_coches), captcha_version=secrets.token_hex(4))

    def on_get_informations(self, req, resp) -> None:
        etape1 = self._etape1(req)
        etab = Etablissement(**etape1["etablissement"])
        valeurs = {"contact": etape1["adresse"], "raison_sociale": etab.raison_sociale,
                   "adresse_postale": etab.adresse, "complement1": etab.complement1, "code_postal": etab.code_postal,
                   "ville": etab.ville, "pays": etab.pays}
        self._page_informations(req, resp, etape1, valeurs, {})

    def on_get_captcha(self, req, resp) -> None:
        texte = req.context.session.get("captcha") or "CHORUS"
        resp.content_type = "image/png"
        resp.data = self.image_captcha.generate(texte).getvalue()

    def _captcha_juste(self, req, reponse: str) -> bool:
        if self.config.mode_test:
            return reponse == self.config.captcha_test
        attendu = req.context.session.get("captcha") or ""
        return bool(attendu) and secrets.compare_digest(reponse.upper().encode(), attendu.encode())

    def on_post_informations(self, req, resp) -> None:
        etape1 = self._etape1(req)
        formulaire = self.formulaire(req, resp)
        if formulaire is None:
            return
        etab = Etablissement(**etape1["etablissement"])
        erreurs: dict[str, str] = {}
        contact = _adresse(formulaire, "contact", erreurs)
        resaisie = _texte(formulaire, "resaisie", erreurs, requis=True, longueur=254)
        if "resaisie" not in erreurs and "contact" not in erreurs and resaisie != contact:
            erreurs["resaisie"] = ("Résaisissez votre adresse électronique de connexion : les deux adresses "
                                   "saisies ne sont pas identiques.")
        nom = _texte(formulaire, "nom", erreurs, requis=True, longueur=100)
        prenom = _texte(formulaire, "prenom", erreurs, requis=True, longueur=100)
        consentement = _premier(formulaire, "consentement") == "oui"
        reponse = _texte(formulaire, "captcha", erreurs, requis=True, longueur=20)
        cle_captcha = etape1["adresse"].lower()
        if "captcha" not in erreurs:
            if self.echecs_captcha.bloque(cle_captcha):
                erreurs["captcha"] = ("Entrez les caractères générés par l'image : trop de tentatives, réessayez "
                                      "dans 15 minutes.")
            elif not self._captcha_juste(req, reponse):
                self.echecs_captcha.echec(cle_captcha)
                erreurs["captcha"] = ("Entrez les caractères générés par l'image : les caractères saisis ne "
                                      "correspondent pas à l'image.")
        structure_champs = {nom_champ: _texte(formulaire, nom_champ, erreurs, requis=nom_champ == "raison_sociale")
                            for nom_champ in ("raison_sociale", "libelle", "adresse_postale", "complement1",
                                              "complement2", "code_postal", "ville", "pays")}
        if etab.non_diffusible:  # never shown, never taken from the form
            for masque in ("adresse_postale", "code_postal", "ville", "pays"):
                structure_champs[masque] = ""
                erreurs.pop(masque, None)
        structure = self.stockage.structure(etape1["siret"])
        rattachement, services_coches = "structure", []
        if structure is not None:
            rattachement = _premier(formulaire, "rattachement")
            services_coches = formulaire.get("services", [])
            connus = {str(s["id"]) for s in self.stockage.services(structure["id"])}
            if rattachement not in RATTACHEMENTS:
                erreurs["rattachement"] = "Je me rattache à : choisissez la structure ou certains de ses services."
            elif rattachement == "services" and not services_coches:
                erreurs["services"] = "Services de la structure : cochez au moins un service."
            elif rattachement == "services" and not set(services_coches) <= connus:
                erreurs["services"] = "Services de la structure : ce service n'existe pas."
            if rattachement != "services":
                services_coches = []
        existant = self.stockage.utilisateur(etape1["adresse"])
        if not erreurs and existant is not None and existant["actif"]:
            erreurs["compte"] = "Un compte actif existe déjà pour cette adresse électronique de connexion."
        if erreurs:
            valeurs = {"contact": contact, "resaisie": resaisie, "nom": nom, "prenom": prenom,
                       "consentement": "oui" if consentement else "", "rattachement": rattachement,
                       **structure_champs}
            self._page_informations(req, resp, etape1, valeurs, erreurs, services_coches)
            return
        self.echecs_captcha.reussite(cle_captcha)
        if existant is not None:  # an account never activated: its sign-up starts again
            self.stockage.executer("DELETE FROM lien WHERE utilisateur_id = ?", existant["id"])
            self.stockage.executer("DELETE FROM utilisateur WHERE id = ?", existant["id"])
        gestionnaire = structure is None
        if structure is None:
            structure_id = self.stockage.executer(
                "INSERT INTO structure (siret, raison_sociale, libelle, adresse, complement1, complement2, "
                "code_postal, ville, pays, non_diffusible) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                etape1["siret"], *structure_champs.values(), int(etab.non_diffusible))
        else:
            structure_id = structure["id"]  # a user who joins never changes the structure
        utilisateur_id = self.stockage.executer(
            "INSERT INTO utilisateur (adresse_connexion, adresse_contact, nom, prenom, consentement, structure_id, "
            "gestionnaire_principal, rattachement, services, espaces) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            etape1["adresse"], contact, nom, prenom, int(consentement), structure_id, int(gestionnaire),
            rattachement, _json(services_coches), _json(PAR_DEFAUT))
        session = req.context.session
        session.pop("etape1", None)
        session["inscription"] = utilisateur_id
        raise falcon.HTTPSeeOther("/creer-un-compte/espaces")

    # ------------------------------------------------------------------ step 3: workspaces
    def _inscrit(self, req):
        ident = req.context.session.get("inscription")
        utilisateur = self.stockage.utilisateur_par_id(ident) if ident else None
        if utilisateur is None:
            raise falcon.HTTPSeeOther("/creer-un-compte")
        return utilisateur

    def on_get_espaces(self, req, resp) -> None:
        utilisateur = self._inscrit(req)
        self.rendre(req, resp, "espaces.html", prenom=utilisateur["prenom"], nom=utilisateur["nom"],
                    adresse=utilisateur["adresse_connexion"], liste=ESPACES, choix=PAR_DEFAUT)

    def on_post_espaces(self, req, resp) -> None:
        utilisateur = self._inscrit(req)
        formulaire = self.formulaire(req, resp)
        if formulaire is None:
            return
        choix = _choix_espaces(formulaire)
        if self.faute("choix_espaces_ignores"):
            choix = dict(PAR_DEFAUT)
        self.stockage.executer("UPDATE utilisateur SET espaces = ? WHERE id = ?", _json(choix), utilisateur["id"])
        try:
            self.envoyer_lien(utilisateur)
        except OSError:
            self.message(req, resp, "Courriel non envoyé", alertes=[{"genre": "error", "texte": (
                "Le courriel d'activation n'a pas pu être envoyé. Réessayez dans quelques minutes.")}])
            return
        session = req.context.session
        session.pop("inscription", None)
        session["confirmation"] = {"gestionnaire": bool(utilisateur["gestionnaire_principal"])}
        raise falcon.HTTPSeeOther("/creer-un-compte/confirmation")

    def on_get_confirmation(self, req, resp) -> None:
        confirmation = req.context.session.get("confirmation")
        if not confirmation:
            raise falcon.HTTPSeeOther("/creer-un-compte")
        self.rendre(req, resp, "confirmation.html", gestionnaire=confirmation["gestionnaire"])

    def envoyer_lien(self, utilisateur) -> None:
        jeton = secrets.token_urlsafe(32)
        self.stockage.nouveau_lien(utilisateur["id"], jeton)
        lien = f"{self.config.url_publique.rstrip('/')}/activation/{jeton}"
        envoyer_courriel(self.config.smtp_hote, self.config.smtp_port, utilisateur["adresse_connexion"],
                         "Chorus Pro : activez votre compte utilisateur",
                         f"Bonjour {utilisateur['prenom']} {utilisateur['nom']},\n\n"
                         f"Pour activer votre compte utilisateur Chorus Pro, ouvrez ce lien :\n{lien}\n\n"
                         f"Ce lien est valable {self.config.minutes_lien} minutes et ne sert qu'une fois.\n")

    # ------------------------------------------------------------------ step 4: activation
    def _lien_refuse(self, req, resp, lien, jeton: str) -> bool:
        """Shows the refused-link page when this link cannot activate; True when it was shown."""
        if lien is None:
            self.message(req, resp, "Lien d'activation inconnu", falcon.HTTP_404, alertes=[{
                "genre": "error", "texte": "Ce lien d'activation n'existe pas."}],
                liens=[{"href": "/activation/nouveau-lien",
                        "texte": "Vous n'avez pas reçu votre lien d'activation ?"}])
            return True
        utilisateur = self.stockage.utilisateur_par_id(lien["utilisateur_id"])
        expire = time.time() - lien["emis_le"] > self.config.minutes_lien * 60
        if lien["utilise"] or utilisateur["actif"]:
            texte = "Ce lien d'activation a déjà été utilisé."
        elif lien["remplace"]:
            texte = "Ce lien d'activation a expiré : un lien plus récent vous a été envoyé."
        elif expire:
            texte = "Ce lien d'activation a expiré : sa durée de validité est dépassée."
        else:
            return False
        self.message(req, resp, "Lien d'activation refusé", alertes=[{"genre": "error", "texte": texte}],
                     formulaire={"action": f"/activation/{jeton}/renvoi",
                                 "bouton": "Recevoir un nouveau lien d'activation"})
        return True

    def on_get_activation(self, req, resp, jeton: str) -> None:
        lien = self.stockage.lien(jeton)
        if self._lien_refuse(req, resp, lien, jeton):
            return
        self._page_activation(req, resp, jeton, lien, {}, {})

    def _page_activation(self, req, resp, jeton, lien, valeurs, erreurs):
        # the link's token never leaves in a Referer to another site (no-referrer would also make the browser send
        # « Origin: null » with the form, which the Origin check refuses)
        resp.set_header("Referrer-Policy", "same-origin")
        self.rendre(req, resp, "activation.html", lien=jeton, valeurs=valeurs, erreurs=erreurs, questions=QUESTIONS,
                    utilisateur=self.stockage.utilisateur_par_id(lien["utilisateur_id"]),
                    types_min=2 if self.faute("mdp_deux_types") else 3)

    def on_post_activation(self, req, resp, jeton: str) -> None:
        lien = self.stockage.lien(jeton)
        formulaire = self.formulaire(req, resp)
        if formulaire is None or self._lien_refuse(req, resp, lien, jeton):
            return
        erreurs: dict[str, str] = {}
        mot_de_passe = _premier(formulaire, "mot_de_passe")
        confirmation = _premier(formulaire, "confirmation")
        if not mot_de_passe:
            erreurs["mot_de_passe"] = f"Mot de passe : {OBLIGATOIRE}"
        elif len(mot_de_passe) > 128 or regles.caracteres_interdits(mot_de_passe):
            erreurs["mot_de_passe"] = "Mot de passe : 128 caractères au maximum, sans caractère de contrôle."
        else:
            probleme = regles.mot_de_passe_probleme(mot_de_passe, 2 if self.faute("mdp_deux_types") else 3)
            if probleme:
                erreurs["mot_de_passe"] = f"Mot de passe : {probleme}"
        if not confirmation:
            erreurs["confirmation"] = f"Confirmation : {OBLIGATOIRE}"
        elif "mot_de_passe" not in erreurs and confirmation != mot_de_passe:
            erreurs["confirmation"] = "Confirmation : elle doit être identique au mot de passe."
        question = _premier(formulaire, "question")
        if question not in dict(QUESTIONS):
            erreurs["question"] = "Question secrète : choisissez une question dans la liste."
        reponse = _texte(formulaire, "reponse", erreurs, requis=True, longueur=100)
        if erreurs:
            self._page_activation(req, resp, jeton, lien, {"question": question, "reponse": reponse}, erreurs)
            return
        self.stockage.executer("UPDATE lien SET utilise = 1 WHERE utilisateur_id = ?", lien["utilisateur_id"])
        self.stockage.executer(
            "UPDATE utilisateur SET mot_de_passe = ?, question = ?, reponse = ?, actif = 1 WHERE id = ?",
            self.hacheur.hash(mot_de_passe), question, self.hacheur.hash(reponse.casefold()), lien["utilisateur_id"])
        self.message(req, resp, "Compte activé", alertes=[{"genre": "success", "texte": (
            "Votre compte est désormais actif et vous pouvez dès à présent transmettre vos factures à votre "
            "client public.")}], liens=[{"href": "/connexion", "texte": "Se connecter à Chorus Pro"}])

    def on_post_renvoi(self, req, resp, jeton: str) -> None:
        formulaire = self.formulaire(req, resp)
        if formulaire is None:
            return
        lien = self.stockage.lien(jeton)
        utilisateur = self.stockage.utilisateur_par_id(lien["utilisateur_id"]) if lien else None
        if utilisateur is None or utilisateur["actif"]:
            self.message(req, resp, "Compte déjà actif", paragraphes=[
                "Ce compte est déjà actif : connectez-vous avec votre adresse et votre mot de passe."],
                liens=[{"href": "/connexion", "texte": "Se connecter à Chorus Pro"}])
            return
        self.envoyer_lien(utilisateur)
        self.message(req, resp, "Nouveau lien envoyé", alertes=[{"genre": "success", "texte": (
            "Un nouveau lien d'activation vous a été envoyé à votre adresse électronique de connexion.")}])

    # ------------------------------------------------------------------ a new link by address
    def on_get_nouveau_lien(self, req, resp) -> None:
        self.rendre(req, resp, "nouveau_lien.html")

    def on_post_nouveau_lien(self, req, resp) -> None:
        formulaire = self.formulaire(req, resp)
        if formulaire is None:
            return
        erreurs: dict[str, str] = {}
        adresse = _adresse(formulaire, "adresse", erreurs)
        if not erreurs:
            # the mail leaves in the background: the answer takes the same time whether the address has an account
            threading.Thread(target=self._renvoyer_par_adresse, args=(adresse,), daemon=True).start()
        self.rendre(req, resp, "nouveau_lien.html", valeurs={"adresse": adresse}, erreurs=erreurs,
                    envoye=not erreurs)

    def _renvoyer_par_adresse(self, adresse: str) -> None:
        utilisateur = self.stockage.utilisateur(adresse)
        if utilisateur is not None and not utilisateur["actif"]:
            try:
                self.envoyer_lien(utilisateur)
            except OSError:
                pass  # nothing to tell the visitor: the page says the same in every case

    # ------------------------------------------------------------------ login, account, logout
    def on_get_connexion(self, req, resp) -> None:
        self.rendre(req, resp, "connexion.html")

    def on_post_connexion(self, req, resp) -> None:
        formulaire = self.formulaire(req, resp)
        if formulaire is None:
            return
        adresse = _premier(formulaire, "adresse").strip()[:254]
        mot_de_passe = _premier(formulaire, "mot_de_passe")[:128]
        cle = adresse.lower()
        utilisateur = self.stockage.utilisateur(adresse)
        empreinte = utilisateur["mot_de_passe"] if utilisateur is not None and utilisateur["mot_de_passe"] else None
        try:
            juste = self.hacheur.verify(empreinte or self.leurre, mot_de_passe) and empreinte is not None
        except (VerificationError, InvalidHashError):
            juste = False
        bloque = self.echecs_connexion.bloque(cle)
        if bloque or not juste or not utilisateur["actif"]:
            if not bloque:
                self.echecs_connexion.echec(cle)
            refus = REFUS_CONNEXION + (" Trop de tentatives : réessayez dans 15 minutes." if bloque else "")
            self.rendre(req, resp, "connexion.html", valeurs={"adresse": adresse}, refus=refus)
            return
        self.echecs_connexion.reussite(cle)
        req.context.nouvelle_session = True  # a new session id at login (no session fixation)
        req.context.session = {"jeton": secrets.token_urlsafe(32), "compte": utilisateur["adresse_connexion"]}
        raise falcon.HTTPSeeOther("/mon-compte")

    def _connecte(self, req):
        adresse = req.context.session.get("compte")
        utilisateur = self.stockage.utilisateur(adresse) if adresse else None
        if utilisateur is None:
            raise falcon.HTTPSeeOther("/connexion")
        return utilisateur

    def _page_compte(self, req, resp, utilisateur, enregistre: bool) -> None:
        structure = self.stockage.ligne("SELECT * FROM structure WHERE id = ?", utilisateur["structure_id"])
        rattachement = RATTACHEMENTS[utilisateur["rattachement"]]
        if utilisateur["rattachement"] == "services":
            choisis = set(_charger(utilisateur["services"]))
            noms = [s["nom"] for s in self.stockage.services(structure["id"]) if str(s["id"]) in choisis]
            rattachement += " : " + ", ".join(noms)
        self.rendre(req, resp, "compte.html", utilisateur=utilisateur, structure=structure, rattachement=rattachement,
                    liste=ESPACES, choix=_charger(utilisateur["espaces"]), enregistre=enregistre)

    def on_get_compte(self, req, resp) -> None:
        self._page_compte(req, resp, self._connecte(req), False)

    def on_post_compte(self, req, resp) -> None:
        utilisateur = self._connecte(req)
        formulaire = self.formulaire(req, resp)
        if formulaire is None:
            return
        self.stockage.executer("UPDATE utilisateur SET espaces = ?, consentement = ? WHERE id = ?",
                               _json(_choix_espaces(formulaire)), int(_premier(formulaire, "consentement") == "oui"),
                               utilisateur["id"])
        self._page_compte(req, resp, self.stockage.utilisateur_par_id(utilisateur["id"]), True)

    def on_post_deconnexion(self, req, resp) -> None:
        if self.formulaire(req, resp) is None:
            return
        req.context.fin_de_session = True
        raise falcon.HTTPSeeOther("/connexion")

    # ------------------------------------------------------------------ test controls (test mode only)
    def on_post_vieillir_liens(self, req, resp) -> None:
        valeurs = parse_qs(req.bounded_stream.read(10_000).decode("utf-8", "replace"))
        utilisateur = self.stockage.utilisateur(_premier(valeurs, "adresse"))
        if utilisateur is None:
            raise falcon.HTTPNotFound()
        self.stockage.executer("UPDATE lien SET emis_le = emis_le - ? WHERE utilisateur_id = ?",
                               float(_premier(valeurs, "minutes") or 0) * 60, utilisateur["id"])
        resp.text = "ok"

    def on_post_services(self, req, resp) -> None:
        valeurs = parse_qs(req.bounded_stream.read(10_000).decode("utf-8", "replace"))
        structure = self.stockage.structure(regles.siret_normalise(_premier(valeurs, "siret")))
        if structure is None:
            raise falcon.HTTPNotFound()
        self.stockage.executer("INSERT INTO service (structure_id, nom) VALUES (?, ?)", structure["id"],
                               _premier(valeurs, "nom"))
        resp.text = "ok"

    def on_post_vieillir_sessions(self, req, resp) -> None:
        valeurs = parse_qs(req.bounded_stream.read(10_000).decode("utf-8", "replace"))
        n = self.stockage.vieillir_sessions(_premier(valeurs, "adresse"), float(_premier(valeurs, "minutes") or 0))
        resp.text = f"{n}"


def _choix_espaces(formulaire) -> dict[str, str]:
    """OUI/NON per workspace; a workspace the form does not send keeps its default."""
    choix = {}
    for cle, _, _ in ESPACES:
        valeur = _premier(formulaire, f"espace-{cle}")
        choix[cle] = valeur if valeur in ("oui", "non") else PAR_DEFAUT[cle]
    return choix


def _json(valeur) -> str:
    return json.dumps(valeur)


def _charger(texte: str):
    return json.loads(texte)


class Sessions:
    """Server-side sessions in SQLite behind an opaque cookie; security headers on every answer."""

    def __init__(self, app: Application) -> None:
        self.app = app
        self.securise = app.config.url_publique.startswith("https://")

    def process_request(self, req, resp) -> None:
        if req.path.startswith(("/dsfr/", "/statique/")):
            req.context.session = None
            return
        ident = req.cookies.get("session_chorus")
        donnees = self.app.stockage.session(ident, self.app.config.minutes_session * 60) if ident else None
        req.context.nouvelle_session = donnees is None
        req.context.ancienne_session = ident
        req.context.session = donnees if donnees is not None else {"jeton": secrets.token_urlsafe(32)}

    def process_response(self, req, resp, resource, req_succeeded) -> None:
        resp.set_header("X-Content-Type-Options", "nosniff")
        resp.set_header("X-Frame-Options", "DENY")
        if getattr(req.context, "session", None) is None:
            resp.set_header("Cache-Control", "public, max-age=3600")
            return
        resp.set_header("Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                        "img-src 'self' data:; "
                        "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'")
        resp.set_header("Cache-Control", "no-store")
        stockage = self.app.stockage
        ancienne = req.context.ancienne_session
        if getattr(req.context, "fin_de_session", False):
            if ancienne:
                stockage.supprimer_session(ancienne)
            resp.unset_cookie("session_chorus", path="/")
            return
        if req.context.nouvelle_session:
            if ancienne:
                stockage.supprimer_session(ancienne)
            ident = secrets.token_urlsafe(32)
            resp.set_cookie("session_chorus", ident, path="/", secure=self.securise, http_only=True,
                            same_site="Lax")
        else:
            ident = ancienne
        stockage.enregistrer_session(ident, req.context.session)


class _Route:
    """Binds one path to the application's methods named on_<verb>_<suffix>."""

    def __init__(self, app: Application, suffixe: str) -> None:
        for verbe in ("get", "post"):
            methode = getattr(app, f"on_{verbe}_{suffixe}", None)
            if methode is not None:
                setattr(self, f"on_{verbe}", methode)


def creer_application(config: Config) -> falcon.App:
    app = Application(config)
    wsgi = falcon.App(middleware=[Sessions(app)])
    wsgi.req_options.auto_parse_form_urlencoded = False
    routes = {
        "/creer-un-compte": "identification", "/creer-un-compte/sans-siret": "sans_siret",
        "/creer-un-compte/informations": "informations", "/creer-un-compte/captcha.png": "captcha",
        "/creer-un-compte/espaces": "espaces", "/creer-un-compte/confirmation": "confirmation",
        "/activation/nouveau-lien": "nouveau_lien", "/activation/{jeton}": "activation",
        "/activation/{jeton}/renvoi": "renvoi", "/connexion": "connexion", "/mon-compte": "compte",
        "/deconnexion": "deconnexion", "/aide": "aide",
    }
    if config.mode_test:  # absent otherwise: 404
        routes.update({"/__test__/liens/vieillir": "vieillir_liens", "/__test__/services": "services",
                       "/__test__/sessions/vieillir": "vieillir_sessions"})
    for chemin, suffixe in routes.items():
        wsgi.add_route(chemin, _Route(app, suffixe))
    wsgi.add_route("/", _Accueil())
    if DSFR.is_dir():
        wsgi.add_static_route("/dsfr", str(DSFR))
    wsgi.add_static_route("/statique", str(ICI / "statique"))
    return wsgi


class _Accueil:
    def on_get(self, req, resp) -> None:
        raise falcon.HTTPSeeOther("/creer-un-compte")
