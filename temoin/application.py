"""The témoin's Starlette application: the four steps of the guide, login and account page."""
from __future__ import annotations

import logging
import re
import secrets
import smtplib
import time
import traceback
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from typing import Awaitable, Callable

import jinja2
from markupsafe import escape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import regles, sirene
from .magasin import Magasin, Structure, Utilisateur
from .textes import TEXTES

journal = logging.getLogger("temoin")
ICI = Path(__file__).parent

COOKIE_SESSION = "temoin_s"
COOKIE_JETON = "temoin_j"

# Opaque field names: the harness must find fields by their labels, never by name.
N = {
    "jeton": "f_0",
    "login": "f_7a1", "siret": "f_3c9",
    "contact": "f_c01", "resaisie": "f_c02", "nom": "f_n1", "prenom": "f_p1",
    "consentement": "f_k1", "captcha": "f_x1",
    "raison": "f_s1", "libelle": "f_s2", "adresse": "f_s3", "complement1": "f_s4",
    "complement2": "f_s5", "code_postal": "f_s6", "ville": "f_s7", "pays": "f_s8",
    "non_diffusible": "f_s9", "rattachement": "f_r1", "services": "f_v1",
    "mdp": "f_m1", "confirmation": "f_m2", "question": "f_q1", "reponse": "f_q2",
    "cx_login": "f_u1", "cx_mdp": "f_u2",
}
N_ESPACE = "f_e{}"
CHAMPS_STRUCTURE = ("raison", "libelle", "adresse", "complement1", "complement2", "code_postal", "ville", "pays")
ADRESSE_MASQUEE = ("adresse", "complement1", "complement2", "code_postal", "ville", "pays")
LETTRES_CAPTCHA = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass
class Config:
    sirene_url: str
    sirene_cle: str
    smtp_hote: str
    smtp_port: int
    url_publique: str = ""
    minutes_lien: int = 60
    mode_test: bool = False
    captcha_test: str = "TEST-CAPTCHA"
    langue: str = "fr"
    fautes: frozenset[str] = field(default_factory=frozenset)
    front: str = "html"  # "html": server-rendered forms; "js": shell pages, a script and the JSON API (api.py)
    variantes: frozenset[str] = field(default_factory=frozenset)  # temoin/fautes.py VARIANTES


class Ctx:
    """One request's session (server side) and anti-forgery token (double submit)."""

    def __init__(self, app: "Temoin", request: Request) -> None:
        self.app, self.request = app, request
        self.sid = request.cookies.get(COOKIE_SESSION)
        donnees = app.magasin.session(self.sid)
        self.nouvelle = donnees is None
        if donnees is None:
            self.sid = app.magasin.nouvelle_session()
            donnees = {}
        self.s: dict = donnees
        self.jeton = request.cookies.get(COOKIE_JETON) or ""
        self.jeton_neuf = not re.fullmatch(r"[A-Za-z0-9_-]{20,64}", self.jeton)
        if self.jeton_neuf:
            self.jeton = secrets.token_urlsafe(24)

    def jeton_valide(self, form: FormData) -> bool:
        envoye = form.get(N["jeton"])
        return (not self.jeton_neuf and isinstance(envoye, str)
                and secrets.compare_digest(envoye.encode(), self.jeton.encode()))

    def finir(self, reponse: Response) -> Response:
        self.app.magasin.enregistrer_session(self.sid, self.s)
        if self.nouvelle:
            reponse.set_cookie(COOKIE_SESSION, self.sid, httponly=True, samesite="lax", path="/")
        if self.jeton_neuf:
            reponse.set_cookie(COOKIE_JETON, self.jeton, httponly=True, samesite="strict", path="/")
        reponse.headers["Cache-Control"] = "no-store"
        return reponse


RATTACHEMENT_HTML = {"a": "structure", "b": "services"}


def en_noms(erreurs: dict[str, str]) -> dict[str, str]:
    """Errors keyed by logical names, keyed by the HTML page's field names."""
    return {N[cle]: message for cle, message in erreurs.items()}


def _texte(form: FormData, cle: str) -> str:
    valeur = form.get(N[cle])
    return valeur if isinstance(valeur, str) else ""


class Temoin:
    def __init__(self, config: Config) -> None:
        self.c = config
        self.t = TEXTES[config.langue]
        self.magasin = Magasin(scrypt_n=2 ** 8 if config.mode_test else 2 ** 14)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(ICI / "gabarits"),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    def faute(self, nom: str) -> bool:
        return nom in self.c.fautes

    def controle_adresse(self, saisie: str):
        """An address's check; with ``adresse_format_script_seulement``, only that it is not empty."""
        if self.faute("adresse_format_script_seulement"):
            return None if saisie else ("err_vide", {})
        return regles.controle_adresse(saisie)

    # ------------------------------------------------------------------ helpers
    def msg(self, refus) -> str:
        cle, params = refus
        return str(self.t[cle]).format(**params)

    def rendre(self, ctx: Ctx, gabarit: str, statut: int = 200, **valeurs) -> Response:
        valeurs.setdefault("erreurs", {})
        valeurs.setdefault("etape", None)
        html = self.env.get_template(gabarit).render(
            t=self.t, n=N, jeton=ctx.jeton, fautes=self.c.fautes, variantes=self.c.variantes, **valeurs)
        return ctx.finir(HTMLResponse(html, status_code=statut))

    def rediriger(self, ctx: Ctx, chemin: str) -> Response:
        return ctx.finir(RedirectResponse(chemin, status_code=303))

    def url_publique(self, chemin: str) -> str:
        return self.c.url_publique.rstrip("/") + chemin

    def envoyer(self, destinataire: str, sujet: str, corps: str) -> None:
        m = EmailMessage()
        m["From"] = formataddr(("Chorus Pro", "ne-pas-repondre@chorus-pro.invalid"))
        m["To"] = destinataire
        m["Subject"] = sujet
        m["Message-ID"] = make_msgid(domain="temoin.invalid")
        m.set_content(corps)
        try:
            with smtplib.SMTP(self.c.smtp_hote, self.c.smtp_port, timeout=15) as smtp:
                smtp.send_message(m)
        except (OSError, smtplib.SMTPException):
            journal.error("courriel non envoyé à %s :\n%s", destinataire, traceback.format_exc())

    def courriel_activation(self, u: Utilisateur) -> None:
        lien = self.magasin.nouveau_lien(u.login)
        corps = str(self.t["mail_corps"]).format(
            prenom=u.prenom, nom=u.nom, login=u.login, minutes=self.c.minutes_lien,
            lien=self.url_publique(f"/activation/{lien.jeton}"))
        self.envoyer(u.login, str(self.t["mail_sujet"]), corps)

    def code_captcha(self, ctx: Ctx) -> str:
        if self.c.mode_test:
            return self.c.captcha_test
        if not ctx.s.get("captcha"):
            ctx.s["captcha"] = "".join(secrets.choice(LETTRES_CAPTCHA) for _ in range(6))
        return ctx.s["captcha"]

    def espaces(self) -> list[tuple[int, str, str, str]]:
        return [(i, cle, nom, desc) for i, (cle, nom, desc) in enumerate(self.t["espaces"], start=1)]

    def espaces_par_defaut(self) -> dict[str, bool]:
        defauts = {cle: False for cle, _, _ in self.t["espaces"]}
        defauts["emises"] = not self.faute("factures_emises_non")
        return defauts

    def lire_espaces(self, form: FormData, erreurs: dict) -> dict[str, bool]:
        choix = {}
        for i, cle, _, _ in self.espaces():
            valeur = form.get(N_ESPACE.format(i))
            if valeur in ("1", "0"):
                choix[cle] = valeur == "1"
            else:
                erreurs[N_ESPACE.format(i)] = self.t["err_espace"]
        return choix

    # ------------------------------------------------------------------ shared by both fronts
    # The rules of each step on plain values keyed by logical names ("login", "siret", "contact"…): the HTML
    # routes below map the keys to their field names (en_noms), the JSON API (api.py, --front js) answers
    # them as they are. One copy of every server check.

    async def regle_identification(self, login: str, saisie_siret: str) -> tuple[dict[str, str], dict | None]:
        """Step 1: (errors, None) or ({}, the session of step 2)."""
        erreurs: dict[str, str] = {}
        refus = self.controle_adresse(login)
        if refus:
            erreurs["login"] = self.msg(refus)
        verifier_cle = not (self.faute("siret_cle_ignoree") or self.faute("siret_cle_script_seulement"))
        refus = regles.controle_siret(saisie_siret, verifier_cle=verifier_cle)
        if refus:
            erreurs["siret"] = self.msg(refus)
        if erreurs:
            return erreurs, None
        siret = regles.compacte_siret(saisie_siret)
        lu = await run_in_threadpool(sirene.lire, self.c.sirene_url, self.c.sirene_cle, siret)
        if lu.etat == "inconnu":
            erreurs["siret"] = self.t["err_siret_inconnu"]
        elif lu.ferme and not self.faute("siret_ferme_accepte"):
            erreurs["siret"] = self.t["err_siret_ferme"]
        if erreurs:
            return erreurs, None
        return {}, {"etape": 2, "login": login, "siret": siret,
                    "sirene": {"etat": lu.etat, "non_diffusible": lu.non_diffusible, "champs": lu.champs}}

    def contexte_informations(self, ctx: Ctx) -> dict | None:
        """What step 2 needs from the session and the store; None when step 1 was not passed."""
        if ctx.s.get("etape") not in (2, 3) or "sirene" not in ctx.s:
            return None
        lu = ctx.s["sirene"]
        prerempli = self._prerempli(ctx)
        return {"siret": ctx.s["siret"], "sirene": lu, "structure": self.magasin.structure(ctx.s["siret"]),
                "prerempli": prerempli, "indisponible": lu["etat"] == "indisponible",
                "raison_figee": self.faute("raison_sociale_figee") and bool(prerempli["raison"])}

    def valeurs_initiales_informations(self, ctx: Ctx, ci: dict) -> dict:
        return dict(ci["prerempli"], contact=ctx.s["login"], resaisie="", nom="", prenom="", captcha="",
                    consentement=self.faute("consentement_coche"), non_diffusible=ci["sirene"]["non_diffusible"],
                    rattachement="", services=[])

    def normaliser_informations(self, ci: dict, valeurs: dict) -> dict:
        """The values of step 2 as the server takes them (trimmed; what the page cannot change, reset)."""
        valeurs = dict(valeurs)
        for cle in ("contact", "resaisie", "captcha"):
            valeurs[cle] = valeurs[cle].strip()
        if not ci["indisponible"]:
            valeurs["non_diffusible"] = ci["sirene"]["non_diffusible"]
        if ci["raison_figee"]:
            valeurs["raison"] = ci["prerempli"]["raison"]
        if valeurs["non_diffusible"] and not ci["indisponible"]:
            for cle in ADRESSE_MASQUEE:
                valeurs[cle] = ""
        return valeurs

    def adresse_a_resaisir(self, ctx: Ctx, valeurs: dict) -> str:
        """The address the re-typed field must repeat: the contact one above it, or (variant) the login one."""
        return ctx.s["login"] if "resaisie_connexion" in self.c.variantes else valeurs["contact"]

    def regle_informations(self, ctx: Ctx, ci: dict, valeurs: dict) -> tuple[dict[str, str], tuple[str, list]]:
        """Step 2 on normalised values; ``rattachement`` is "", "structure", "services" or anything else.

        Answers (errors, (rattachement, services)). On errors, outside test mode, a new captcha is drawn.
        """
        erreurs: dict[str, str] = {}
        refus = self.controle_adresse(valeurs["contact"])
        if refus:
            erreurs["contact"] = self.msg(refus)
        if not valeurs["resaisie"]:
            erreurs["resaisie"] = self.t["err_vide"]
        elif valeurs["resaisie"] != self.adresse_a_resaisir(ctx, valeurs) and not (
                self.faute("resaisie_ignoree") or self.faute("resaisie_script_seulement")):
            erreurs["resaisie"] = self.t["err_resaisie"]
        for cle in ("nom", "prenom"):
            requis = not self.faute("nom_prenom_script_seulement")
            refus = regles.controle_texte(valeurs[cle], requis=requis, maximum=100)
            if refus:
                erreurs[cle] = self.msg(refus)
        if not self.faute("captcha_controle_navigateur_seulement"):
            if not valeurs["captcha"]:
                erreurs["captcha"] = self.t["err_vide"]
            elif valeurs["captcha"] != self.code_captcha(ctx):
                erreurs["captcha"] = self.t["err_captcha"]
        for cle in CHAMPS_STRUCTURE:
            refus = regles.controle_texte(valeurs[cle], requis=cle == "raison", maximum=200)
            if refus:
                erreurs[cle] = self.msg(refus)
        rattachement, services = "structure", []
        structure = ci["structure"]
        if structure is not None:
            if valeurs["rattachement"] == "":
                erreurs["rattachement"] = self.t["err_ratt_choix"]
            elif valeurs["rattachement"] not in ("structure", "services"):
                erreurs["rattachement"] = self.t["err_choix"]
            elif valeurs["rattachement"] == "services":
                rattachement = "services"
                services = [s for s in structure.services if s in valeurs["services"]]
                if not services and not self.faute("services_script_seulement"):
                    erreurs["services"] = self.t["err_services"]
        if erreurs and not self.c.mode_test:
            ctx.s.pop("captcha", None)
        return erreurs, (rattachement, services)

    def enregistrer_informations(self, ctx: Ctx, ci: dict, valeurs: dict, rattachement: tuple[str, list]) -> None:
        nouvelle = Structure(ci["siret"], **{cle: valeurs[cle].strip() for cle in CHAMPS_STRUCTURE},
                             non_diffusible=valeurs["non_diffusible"])
        u = Utilisateur(login=ctx.s["login"], contact=valeurs["contact"], nom=valeurs["nom"].strip(),
                        prenom=valeurs["prenom"].strip(), siret=ci["siret"], role="utilisateur",
                        rattachement=rattachement[0], services=rattachement[1],
                        consentement=valeurs["consentement"], espaces=self.espaces_par_defaut())
        u = self.magasin.inscrire(u, nouvelle)
        if self.faute("gestionnaire_pour_tous") and u.role != "gestionnaire":
            self.magasin.modifier(u.login, role="gestionnaire")
        ctx.s.pop("captcha", None)
        ctx.s.update(etape=3, inscrit=u.login)

    def inscrit(self, ctx: Ctx) -> Utilisateur | None:
        """The user being signed up, during step 3."""
        return self.magasin.utilisateur(ctx.s.get("inscrit", "")) if ctx.s.get("etape") == 3 else None

    async def enregistrer_espaces(self, ctx: Ctx, u: Utilisateur, choix: dict[str, bool]) -> None:
        """Step 3 accepted: the choices recorded, the activation mail sent, the announcement kept."""
        self.magasin.modifier(u.login, espaces=choix, espaces_valides=True)
        await run_in_threadpool(self.courriel_activation, u)
        structure = self.magasin.structure(u.siret)
        ctx.s["annonce"] = {"gestionnaire": u.role == "gestionnaire",
                            "raison": structure.raison if structure else ""}

    def longueur_min_mdp(self) -> int:
        if self.faute("mdp_longueur_10"):
            return 10
        if self.faute("mdp_longueur_script_seulement"):
            return 8
        return 12

    def regle_activation(self, mdp: str, confirmation: str, question: str, reponse: str) -> dict[str, str]:
        erreurs: dict[str, str] = {}
        refus = regles.controle_mot_de_passe(mdp, longueur_min=self.longueur_min_mdp())
        if refus:
            erreurs["mdp"] = self.msg(refus)
        if not confirmation:
            erreurs["confirmation"] = self.t["err_vide"]
        elif confirmation != mdp and not (self.faute("confirmation_ignoree")
                                          or self.faute("confirmation_script_seulement")):
            erreurs["confirmation"] = self.t["err_confirmation"]
        if question not in {cle for cle, _ in self.t["questions"]}:
            erreurs["question"] = self.t["err_question"]
        refus = regles.controle_texte(reponse, requis=True, maximum=200)
        if refus:
            erreurs["reponse"] = self.msg(refus)
        return erreurs

    async def finir_activation(self, jeton: str, mdp: str, question: str, reponse: str) -> bool:
        """False when the link was used meanwhile (single use, decided by the store)."""
        empreinte = await run_in_threadpool(self.magasin.empreinte, mdp)
        empreinte_reponse = await run_in_threadpool(self.magasin.empreinte, reponse.strip().casefold())
        return self.magasin.activer(jeton, empreinte, question, empreinte_reponse)

    async def renvoyer_lien(self, lien) -> None:
        """A refused link's button: a new activation link, or, for an active account, where to log in."""
        u = self.magasin.utilisateur(lien.login)
        if u.actif:
            corps = str(self.t["mail_actif_corps"]).format(login=u.login, lien=self.url_publique("/se-connecter"))
            await run_in_threadpool(self.envoyer, u.login, str(self.t["mail_actif_sujet"]), corps)
        else:
            await run_in_threadpool(self.courriel_activation, u)

    async def authentifier(self, login: str, mdp: str) -> Utilisateur | None:
        """The user when the address, the password and the account's state allow it; one answer for any failure."""
        u = self.magasin.utilisateur(login)
        if u is not None and u.actif and mdp and await run_in_threadpool(self.magasin.verifie, mdp, u.empreinte):
            return u
        return None

    def ouvrir_session(self, ctx: Ctx, u: Utilisateur) -> None:
        ctx.s = {"connecte": u.login}
        ctx.sid = self.magasin.nouvelle_session()  # a fresh session id after login
        ctx.nouvelle = True

    def connecte(self, ctx: Ctx) -> Utilisateur | None:
        u = self.magasin.utilisateur(ctx.s.get("connecte", ""))
        return u if u is not None and u.actif else None

    # ------------------------------------------------------------------ step 1
    async def identification(self, request: Request, ctx: Ctx) -> Response:
        valeurs = {"login": "", "siret": ""}
        if request.method == "GET":
            return self.rendre(ctx, "identification.html", valeurs=valeurs, etape=1)
        form = await request.form()
        valeurs = {"login": _texte(form, "login").strip(), "siret": _texte(form, "siret")}
        if not ctx.jeton_valide(form):
            return self.rendre(ctx, "identification.html", 403, valeurs=valeurs, etape=1,
                               alerte=self.t["err_formulaire"])
        erreurs, session = await self.regle_identification(valeurs["login"], valeurs["siret"])
        if erreurs:
            return self.rendre(ctx, "identification.html", 422, valeurs=valeurs, erreurs=en_noms(erreurs), etape=1)
        ctx.s = session
        return self.rediriger(ctx, "/inscription/informations")

    async def sans_siret(self, request: Request, ctx: Ctx) -> Response:
        return self.rendre(ctx, "sans_siret.html", etape=1)

    # ------------------------------------------------------------------ step 2
    def _prerempli(self, ctx: Ctx) -> dict[str, str]:
        lu = ctx.s["sirene"]
        valeurs = {cle: lu["champs"].get(cle, "") for cle in CHAMPS_STRUCTURE}
        if lu["etat"] == "trouve" and not lu["non_diffusible"] and not valeurs["pays"]:
            valeurs["pays"] = str(self.t["pays_defaut"])
        return valeurs

    def _motif_captcha(self, ctx: Ctx) -> str:
        """Fault captcha_controle_navigateur_seulement: the page alone checks the answer (pattern)."""
        if not self.faute("captcha_controle_navigateur_seulement"):
            return ""
        motif = re.sub(r"([\\^$.|?*+()\[\]{}/])", r"\\\1", self.code_captcha(ctx))
        return f' pattern="{escape(motif)}"'  # joined to the field's other attributes, shown |safe

    async def informations(self, request: Request, ctx: Ctx) -> Response:
        ci = self.contexte_informations(ctx)
        if ci is None:
            return self.rediriger(ctx, "/inscription")
        page = dict(siret=ci["siret"], indisponible=ci["indisponible"], structure=ci["structure"],
                    captcha=self.code_captcha(ctx), etape=2, nonce=secrets.token_hex(4),
                    raison_figee=ci["raison_figee"], motif_captcha=self._motif_captcha(ctx))
        if request.method == "GET":
            valeurs = self.valeurs_initiales_informations(ctx, ci)
            valeurs["rattachement"] = ""
            return self.rendre(ctx, "informations.html", valeurs=valeurs, **page)

        form = await request.form()
        valeurs = {cle: _texte(form, cle) for cle in (
            "contact", "resaisie", "nom", "prenom", "captcha", *CHAMPS_STRUCTURE)}
        valeurs["consentement"] = form.get(N["consentement"]) is not None
        valeurs["non_diffusible"] = form.get(N["non_diffusible"]) is not None
        valeurs["services"] = [v for v in form.getlist(N["services"]) if isinstance(v, str)]
        brut = _texte(form, "rattachement")  # "a" | "b" in the page
        valeurs["rattachement"] = RATTACHEMENT_HTML.get(brut, "?") if brut else ""
        valeurs = self.normaliser_informations(ci, valeurs)
        valeurs["rattachement"] = brut
        if not ctx.jeton_valide(form):
            return self.rendre(ctx, "informations.html", 403, valeurs=valeurs, alerte=self.t["err_formulaire"],
                               **page)
        erreurs, rattachement = self.regle_informations(
            ctx, ci, dict(valeurs, rattachement=RATTACHEMENT_HTML.get(brut, "?") if brut else ""))
        if erreurs:
            page["captcha"] = self.code_captcha(ctx)
            valeurs["captcha"] = ""
            return self.rendre(ctx, "informations.html", 422, valeurs=valeurs, erreurs=en_noms(erreurs), **page)
        self.enregistrer_informations(ctx, ci, valeurs, rattachement)
        return self.rediriger(ctx, "/inscription/espaces")

    async def captcha(self, request: Request, ctx: Ctx) -> Response:
        code = self.code_captcha(ctx)
        lettres = "".join(
            f'<text x="{14 + i * 22}" y="{34 + (i % 3) * 4}" transform="rotate({(i * 7) % 17 - 8} '
            f'{14 + i * 22} 30)">{jinja2.utils.markupsafe.escape(c)}</text>' for i, c in enumerate(code))
        largeur = 28 + 22 * len(code)
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{largeur}" height="52" '
               f'viewBox="0 0 {largeur} 52"><rect width="100%" height="100%" fill="#eef2f7"/>'
               f'<path d="M0 30 Q {largeur / 2} 5 {largeur} 40" stroke="#8a9bb5" fill="none"/>'
               f'<g font-family="monospace" font-size="22" fill="#1d2d50">{lettres}</g></svg>')
        return ctx.finir(Response(svg, media_type="image/svg+xml"))

    # ------------------------------------------------------------------ step 3
    async def espaces_travail(self, request: Request, ctx: Ctx) -> Response:
        u = self.inscrit(ctx)
        if u is None:
            return self.rediriger(ctx, "/inscription")
        page = dict(u=u, espaces=self.espaces(), etape=3)
        if request.method == "GET":
            return self.rendre(ctx, "espaces.html", choix=u.espaces, **page)
        form = await request.form()
        erreurs: dict[str, str] = {}
        choix = self.lire_espaces(form, erreurs)
        if not ctx.jeton_valide(form):
            return self.rendre(ctx, "espaces.html", 403, choix=dict(u.espaces, **choix),
                               alerte=self.t["err_formulaire"], **page)
        if erreurs:
            return self.rendre(ctx, "espaces.html", 422, choix=dict(u.espaces, **choix), erreurs=erreurs, **page)
        await self.enregistrer_espaces(ctx, u, choix)
        return self.rediriger(ctx, "/inscription/courriel-envoye")

    async def courriel_envoye(self, request: Request, ctx: Ctx) -> Response:
        annonce = ctx.s.get("annonce")
        if annonce is None:
            return self.rediriger(ctx, "/inscription")
        return self.rendre(ctx, "courriel_envoye.html", annonce=annonce, etape=3)

    # ------------------------------------------------------------------ step 4
    def _etat_lien(self, jeton: str):
        lien = self.magasin.lien(jeton)
        if lien is None:
            return None, "inconnu"
        if lien.utilise:
            return lien, "utilise"
        if not self.faute("lien_sans_expiration") and time.time() - lien.emis_le > self.c.minutes_lien * 60:
            return lien, "expire"
        return lien, "valide"

    def _lien_refuse(self, ctx: Ctx, jeton: str, etat: str) -> Response:
        statut = 404 if etat == "inconnu" else 410
        return self.rendre(ctx, "lien.html", statut, etat=etat, jeton_lien=jeton, etape=4,
                           minutes=self.c.minutes_lien, envoye=False)

    async def activation(self, request: Request, ctx: Ctx) -> Response:
        jeton = request.path_params["jeton"]
        lien, etat = self._etat_lien(jeton)
        if etat != "valide":
            return self._lien_refuse(ctx, jeton, etat)
        u = self.magasin.utilisateur(lien.login)
        page = dict(u=u, lien=jeton, etape=4)
        if request.method == "GET":
            return self.rendre(ctx, "activation.html", valeurs={"question": "", "reponse": ""}, force=0, **page)
        form = await request.form()
        mdp = _texte(form, "mdp")
        confirmation = _texte(form, "confirmation")
        valeurs = {"question": _texte(form, "question"), "reponse": _texte(form, "reponse")}
        if not ctx.jeton_valide(form):
            return self.rendre(ctx, "activation.html", 403, valeurs=valeurs, force=0,
                               alerte=self.t["err_formulaire"], **page)
        erreurs = self.regle_activation(mdp, confirmation, valeurs["question"], valeurs["reponse"])
        if erreurs:
            return self.rendre(ctx, "activation.html", 422, valeurs=valeurs, erreurs=en_noms(erreurs),
                               force=regles.force(mdp), **page)
        if not await self.finir_activation(jeton, mdp, valeurs["question"], valeurs["reponse"]):
            return self._lien_refuse(ctx, jeton, "utilise")
        return self.rendre(ctx, "active.html", etape=4)

    async def annulation(self, request: Request, ctx: Ctx) -> Response:
        jeton = request.path_params["jeton"]
        return self.rendre(ctx, "annule.html", lien=jeton, etape=4)

    async def nouveau_lien(self, request: Request, ctx: Ctx) -> Response:
        jeton = request.path_params["jeton"]
        form = await request.form()
        lien = self.magasin.lien(jeton)
        if lien is None:
            return self._lien_refuse(ctx, jeton, "inconnu")
        _, etat = self._etat_lien(jeton)
        if not ctx.jeton_valide(form):
            return self.rendre(ctx, "lien.html", 403, etat=etat, jeton_lien=jeton, etape=4, minutes=self.c.minutes_lien,
                               envoye=False, alerte=self.t["err_formulaire"])
        await self.renvoyer_lien(lien)
        return self.rendre(ctx, "lien.html", etat=etat, jeton_lien=jeton, etape=4, minutes=self.c.minutes_lien,
                           envoye=True)

    # ------------------------------------------------------------------ after activation
    async def connexion(self, request: Request, ctx: Ctx) -> Response:
        if request.method == "GET":
            return self.rendre(ctx, "connexion.html", login="", refus=False)
        form = await request.form()
        login, mdp = _texte(form, "cx_login").strip(), _texte(form, "cx_mdp")
        if not ctx.jeton_valide(form):
            return self.rendre(ctx, "connexion.html", 403, login=login, refus=False, alerte=self.t["err_formulaire"])
        u = await self.authentifier(login, mdp)
        if u is None:
            return self.rendre(ctx, "connexion.html", 422, login=login, refus=True)
        self.ouvrir_session(ctx, u)
        return self.rediriger(ctx, "/mon-espace")

    async def deconnexion(self, request: Request, ctx: Ctx) -> Response:
        form = await request.form()
        if ctx.jeton_valide(form):
            ctx.s = {}
        return self.rediriger(ctx, "/se-connecter")

    async def compte(self, request: Request, ctx: Ctx) -> Response:
        u = self.connecte(ctx)
        if u is None:
            return self.rediriger(ctx, "/se-connecter")
        structure = self.magasin.structure(u.siret)
        page = dict(u=u, structure=structure, espaces=self.espaces())
        if request.method == "GET":
            return self.rendre(ctx, "compte.html", choix=u.espaces, consentement=u.consentement,
                               enregistre=request.query_params.get("ok") == "1", **page)
        form = await request.form()
        erreurs: dict[str, str] = {}
        choix = self.lire_espaces(form, erreurs)
        consentement = form.get(N["consentement"]) is not None
        if not ctx.jeton_valide(form):
            return self.rendre(ctx, "compte.html", 403, choix=dict(u.espaces, **choix), consentement=consentement,
                               enregistre=False, alerte=self.t["err_formulaire"], **page)
        if erreurs:
            return self.rendre(ctx, "compte.html", 422, choix=dict(u.espaces, **choix), consentement=consentement,
                               enregistre=False, erreurs=erreurs, **page)
        self.magasin.modifier(u.login, espaces=choix, consentement=consentement)
        return self.rediriger(ctx, "/mon-espace?ok=1")

    async def aide(self, request: Request, ctx: Ctx) -> Response:
        return self.rendre(ctx, "aide.html")

    # ------------------------------------------------------------------ test controls
    async def test_vieillir(self, request: Request) -> Response:
        form = await request.form()
        adresse = str(form.get("adresse") or "").strip()
        try:
            minutes = float(str(form.get("minutes") or ""))
        except ValueError:
            return PlainTextResponse("minutes : nombre attendu\n", status_code=400)
        n = self.magasin.vieillir(adresse, minutes)
        return PlainTextResponse(f"{n} lien(s) vieilli(s) de {minutes:g} minute(s) pour {adresse}\n")

    async def test_services(self, request: Request) -> Response:
        form = await request.form()
        siret = regles.compacte_siret(str(form.get("siret") or ""))
        nom = str(form.get("nom") or "").strip()
        if not nom:
            return PlainTextResponse("nom : texte attendu\n", status_code=400)
        if not self.magasin.ajouter_service(siret, nom):
            return PlainTextResponse(f"aucune structure pour le SIRET {siret}\n", status_code=404)
        return PlainTextResponse(f"service « {nom} » ajouté à {siret}\n")

    # ------------------------------------------------------------------ errors
    def page_erreur(self, statut: int, message: str) -> Response:
        html = self.env.get_template("erreur.html").render(
            t=self.t, n=N, jeton="", fautes=self.c.fautes, variantes=self.c.variantes, erreurs={}, etape=None,
            message=message)
        return HTMLResponse(html, status_code=statut)


def creer_application(config: Config) -> Starlette:
    temoin = Temoin(config)
    if not config.url_publique:
        config.url_publique = "http://127.0.0.1"

    def page(fn: Callable[[Request, Ctx], Awaitable[Response]]):
        async def point_d_entree(request: Request) -> Response:
            ctx = Ctx(temoin, request)
            return await fn(request, ctx)
        return point_d_entree

    async def accueil(request: Request) -> Response:
        return RedirectResponse("/inscription", status_code=303)

    if config.front == "js":
        from . import api  # shells, the script's JSON API
        routes = [Route("/", accueil), *api.routes(temoin, page)]
    else:
        routes = [
            Route("/", accueil),
            Route("/inscription", page(temoin.identification), methods=["GET", "POST"]),
            Route("/inscription/sans-siret", page(temoin.sans_siret)),
            Route("/inscription/informations", page(temoin.informations), methods=["GET", "POST"]),
            Route("/inscription/espaces", page(temoin.espaces_travail), methods=["GET", "POST"]),
            Route("/inscription/courriel-envoye", page(temoin.courriel_envoye)),
            Route("/activation/{jeton}", page(temoin.activation), methods=["GET", "POST"]),
            Route("/activation/{jeton}/annulation", page(temoin.annulation)),
            Route("/activation/{jeton}/nouveau-lien", page(temoin.nouveau_lien), methods=["POST"]),
            Route("/se-connecter", page(temoin.connexion), methods=["GET", "POST"]),
            Route("/se-deconnecter", page(temoin.deconnexion), methods=["POST"]),
            Route("/mon-espace", page(temoin.compte), methods=["GET", "POST"]),
            Route("/aide", page(temoin.aide)),
        ]
    routes += [
        Route("/inscription/captcha/{nonce}.svg", page(temoin.captcha)),
        Mount("/statique", StaticFiles(directory=ICI / "statique"), name="statique"),
    ]
    if config.mode_test:
        routes += [
            Route("/__test__/liens/vieillir", temoin.test_vieillir, methods=["POST"]),
            Route("/__test__/services", temoin.test_services, methods=["POST"]),
        ]

    def pour_api(request: Request) -> bool:
        return config.front == "js" and request.url.path.startswith("/api/")

    async def http_erreur(request: Request, exc: HTTPException) -> Response:
        if pour_api(request):
            return JSONResponse({"erreurs": {"requete": str(temoin.t["page_introuvable"] if exc.status_code == 404
                                                              else temoin.t["err_requete"])}},
                                status_code=exc.status_code)
        return temoin.page_erreur(exc.status_code, temoin.t["page_introuvable"] if exc.status_code == 404
                                  else temoin.t["err_requete"])

    async def panne(request: Request, exc: Exception) -> Response:
        # Never a 5xx for what a user sends: log the bug, answer "request not understood".
        journal.error("erreur sur %s %s :\n%s", request.method, request.url.path, traceback.format_exc())
        if pour_api(request):
            return JSONResponse({"erreurs": {"requete": str(temoin.t["err_requete"])}}, status_code=400)
        return temoin.page_erreur(400, temoin.t["err_requete"])

    app = Starlette(routes=routes, exception_handlers={HTTPException: http_erreur, Exception: panne})
    app.state.temoin = temoin
    return app

