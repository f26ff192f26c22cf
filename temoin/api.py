"""``--front js``: shell pages without any form, a script that renders each step (``statique/app.js``) and the
JSON API it talks to.

Every rule is checked here, by the same code as the HTML routes (the ``Temoin`` methods of the section
"shared by both fronts"); the script's own checks are conveniences. The API:

* reads JSON only (``Content-Type: application/json``, else 415): a cross-site form cannot send it, which with
  the ``SameSite=Lax`` session cookie stands for the HTML variant's anti-forgery token;
* answers a refusal ``422 {"erreurs": {"<key>": "message"}}``, keys being the logical names of the fields
  (``login``, ``siret``, ``contact``…, ``espaces.<workspace>``, ``connexion``);
* answers a step reached too early with ``409 {"suite": "<page>"}`` (401 for the account page), a success that
  moves on with ``200 {"suite": "<page>"}``: the script then loads that page's shell;
* never answers 5xx for what a client sends (``400 {"erreurs": {"requete": …}}``).
"""
from __future__ import annotations

import secrets

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from .application import CHAMPS_STRUCTURE, Ctx, Temoin

# The shells: path → (key of the h1 text, step of the guide). The script picks the page from the path too.
COQUILLES = {
    "/inscription": ("e1_h1", 1),
    "/inscription/sans-siret": ("e1_h1", 1),
    "/inscription/informations": ("e2_h1", 2),
    "/inscription/espaces": ("e3_h1", 3),
    "/inscription/courriel-envoye": ("e3_h1", 3),
    "/activation/{jeton}": ("e4_h1", 4),
    "/activation/{jeton}/annulation": ("e4_h1", 4),
    "/se-connecter": ("cx_h1", None),
    "/mon-espace": ("cp_h1", None),
    "/aide": ("aide_titre", None),
}


class Refus(Exception):
    """A request the API cannot read: answered ``statut {"erreurs": {"requete": message}}``."""

    def __init__(self, statut: int) -> None:
        super().__init__(statut)
        self.statut = statut


class Lecteur:
    """Reads a JSON object's members; a member of the wrong type is an error on its own key."""

    def __init__(self, temoin: Temoin, corps: dict) -> None:
        self.t, self.corps = temoin.t, corps
        self.erreurs: dict[str, str] = {}

    def texte(self, cle: str) -> str:
        valeur = self.corps.get(cle)
        if valeur is None:
            return ""
        if isinstance(valeur, str):
            return valeur
        if isinstance(valeur, int) and not isinstance(valeur, bool):
            return str(valeur)
        self.erreurs[cle] = str(self.t["err_requete"])
        return ""

    def booleen(self, cle: str) -> bool:
        valeur = self.corps.get(cle, False)
        if isinstance(valeur, bool):
            return valeur
        self.erreurs[cle] = str(self.t["err_requete"])
        return False

    def textes(self, cle: str) -> list[str]:
        valeur = self.corps.get(cle, [])
        if isinstance(valeur, list) and all(isinstance(v, str) for v in valeur):
            return valeur
        self.erreurs[cle] = str(self.t["err_requete"])
        return []

    def espaces(self, espaces: list) -> dict[str, bool]:
        """``{"espaces": {"<key>": true|false, …}}``, every workspace given."""
        objet = self.corps.get("espaces")
        objet = objet if isinstance(objet, dict) else {}
        choix = {}
        for _, cle, _, _ in espaces:
            if isinstance(objet.get(cle), bool):
                choix[cle] = objet[cle]
            else:
                self.erreurs[f"espaces.{cle}"] = str(self.t["err_espace"])
        return choix


class Api:
    def __init__(self, temoin: Temoin) -> None:
        self.tm = temoin
        self.t = temoin.t

    # ------------------------------------------------------------------ helpers
    def json(self, ctx: Ctx, donnees: dict, statut: int = 200) -> Response:
        return ctx.finir(JSONResponse(donnees, status_code=statut))

    def refus(self, ctx: Ctx, erreurs: dict[str, str], **autres) -> Response:
        return self.json(ctx, {"erreurs": erreurs, **autres}, 422)

    async def corps(self, request: Request) -> dict:
        type_ = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if type_ != "application/json":
            raise Refus(415)
        try:
            corps = await request.json()
        except ValueError:  # also UnicodeDecodeError
            raise Refus(400) from None
        if not isinstance(corps, dict):
            raise Refus(400)
        return corps

    def erreur_requete(self, statut: int) -> JSONResponse:
        return JSONResponse({"erreurs": {"requete": str(self.t["err_requete"])}}, status_code=statut,
                            headers={"Cache-Control": "no-store"})

    def coquille(self, cle_titre: str, etape: int | None):
        async def servir(request: Request, ctx: Ctx) -> Response:
            titre = str(self.t[cle_titre])
            if etape:
                titre += f" ({str(self.t['etape']).format(n=etape)})"
            html = self.tm.env.get_template("coquille.html").render(t=self.t, titre=f"{titre} · {self.t['site']}")
            return ctx.finir(HTMLResponse(html))
        return servir

    # ------------------------------------------------------------------ texts
    async def textes(self, request: Request, ctx: Ctx) -> Response:
        """Every text of the page's language (textes.py), and the link validity: the script words nothing itself."""
        return self.json(ctx, {"textes": self.t, "minutes_lien": self.tm.c.minutes_lien})

    # ------------------------------------------------------------------ step 1
    async def identification(self, request: Request, ctx: Ctx) -> Response:
        lire = Lecteur(self.tm, await self.corps(request))
        login, siret = lire.texte("login").strip(), lire.texte("siret")
        if lire.erreurs:
            return self.refus(ctx, lire.erreurs)
        erreurs, session = await self.tm.regle_identification(login, siret)
        if erreurs:
            return self.refus(ctx, erreurs)
        ctx.s = session
        return self.json(ctx, {"suite": "/inscription/informations"})

    # ------------------------------------------------------------------ step 2
    def url_captcha(self) -> str:
        return f"/inscription/captcha/{secrets.token_hex(4)}.svg"

    async def informations(self, request: Request, ctx: Ctx) -> Response:
        ci = self.tm.contexte_informations(ctx)
        if ci is None:
            return self.json(ctx, {"suite": "/inscription"}, 409)
        structure = ci["structure"]
        if request.method == "GET":
            valeurs = self.tm.valeurs_initiales_informations(ctx, ci)
            return self.json(ctx, {
                "siret": ci["siret"], "indisponible": ci["indisponible"],
                "non_diffusible": ci["sirene"]["non_diffusible"], "raison_figee": ci["raison_figee"],
                "captcha": self.url_captcha(), "structure_existante": structure is not None,
                "services": structure.services if structure else [], "valeurs": valeurs})
        lire = Lecteur(self.tm, await self.corps(request))
        valeurs = {cle: lire.texte(cle) for cle in ("contact", "resaisie", "nom", "prenom", "captcha",
                                                    "rattachement", *CHAMPS_STRUCTURE)}
        valeurs["consentement"] = lire.booleen("consentement")
        valeurs["non_diffusible"] = lire.booleen("non_diffusible")
        valeurs["services"] = lire.textes("services")
        valeurs = self.tm.normaliser_informations(ci, valeurs)
        erreurs, rattachement = self.tm.regle_informations(ctx, ci, valeurs)
        erreurs = {**lire.erreurs, **erreurs}
        if erreurs:
            self.tm.code_captcha(ctx)  # outside test mode, a new one was drawn: the script reloads the image
            return self.refus(ctx, erreurs, captcha=self.url_captcha())
        self.tm.enregistrer_informations(ctx, ci, valeurs, rattachement)
        return self.json(ctx, {"suite": "/inscription/espaces"})

    # ------------------------------------------------------------------ step 3
    def liste_espaces(self, choix: dict[str, bool]) -> list[dict]:
        return [{"cle": cle, "nom": nom, "descriptif": desc, "actif": choix.get(cle)}
                for _, cle, nom, desc in self.tm.espaces()]

    async def espaces(self, request: Request, ctx: Ctx) -> Response:
        u = self.tm.inscrit(ctx)
        if u is None:
            return self.json(ctx, {"suite": "/inscription"}, 409)
        if request.method == "GET":
            return self.json(ctx, {"login": u.login, "nom": u.nom, "prenom": u.prenom,
                                   "espaces": self.liste_espaces(u.espaces)})
        lire = Lecteur(self.tm, await self.corps(request))
        choix = lire.espaces(self.tm.espaces())
        if lire.erreurs:
            return self.refus(ctx, lire.erreurs)
        await self.tm.enregistrer_espaces(ctx, u, choix)
        return self.json(ctx, {"suite": "/inscription/courriel-envoye"})

    async def courriel_envoye(self, request: Request, ctx: Ctx) -> Response:
        annonce = ctx.s.get("annonce")
        if annonce is None:
            return self.json(ctx, {"suite": "/inscription"}, 409)
        return self.json(ctx, annonce)

    # ------------------------------------------------------------------ step 4
    def lien_refuse(self, ctx: Ctx, etat: str) -> Response:
        return self.json(ctx, {"etat": etat, "minutes": self.tm.c.minutes_lien}, 404 if etat == "inconnu" else 410)

    async def activation(self, request: Request, ctx: Ctx) -> Response:
        jeton = request.path_params["jeton"]
        lien, etat = self.tm._etat_lien(jeton)
        if request.method == "POST":
            lire = Lecteur(self.tm, await self.corps(request))  # a body that cannot be read is refused first
        if etat != "valide":
            return self.lien_refuse(ctx, etat)
        u = self.tm.magasin.utilisateur(lien.login)
        if request.method == "GET":
            return self.json(ctx, {"etat": etat, "login": u.login, "contact": u.contact, "nom": u.nom,
                                   "prenom": u.prenom})
        mdp, confirmation = lire.texte("mdp"), lire.texte("confirmation")
        question, reponse = lire.texte("question"), lire.texte("reponse")
        erreurs = {**lire.erreurs, **self.tm.regle_activation(mdp, confirmation, question, reponse)}
        if erreurs:
            return self.refus(ctx, erreurs)
        if not await self.tm.finir_activation(jeton, mdp, question, reponse):
            return self.lien_refuse(ctx, "utilise")
        return self.json(ctx, {"actif": True})

    async def nouveau_lien(self, request: Request, ctx: Ctx) -> Response:
        lire = Lecteur(self.tm, await self.corps(request))
        jeton = lire.texte("jeton")
        lien, etat = self.tm._etat_lien(jeton) if jeton else (None, "inconnu")
        if lien is None:
            return self.lien_refuse(ctx, "inconnu")
        await self.tm.renvoyer_lien(lien)
        return self.json(ctx, {"envoye": True, "etat": etat})

    # ------------------------------------------------------------------ after activation
    async def connexion(self, request: Request, ctx: Ctx) -> Response:
        lire = Lecteur(self.tm, await self.corps(request))
        u = await self.tm.authentifier(lire.texte("login").strip(), lire.texte("mdp"))
        if u is None:
            return self.refus(ctx, {"connexion": str(self.t["cx_erreur"])})
        self.tm.ouvrir_session(ctx, u)
        return self.json(ctx, {"suite": "/mon-espace"})

    async def deconnexion(self, request: Request, ctx: Ctx) -> Response:
        await self.corps(request)
        ctx.s = {}
        return self.json(ctx, {"suite": "/se-connecter"})

    async def compte(self, request: Request, ctx: Ctx) -> Response:
        u = self.tm.connecte(ctx)
        if u is None:
            return self.json(ctx, {"suite": "/se-connecter"}, 401)
        if request.method == "POST":
            lire = Lecteur(self.tm, await self.corps(request))
            choix = lire.espaces(self.tm.espaces())
            consentement = lire.booleen("consentement")
            if lire.erreurs:
                return self.refus(ctx, lire.erreurs)
            self.tm.magasin.modifier(u.login, espaces=choix, consentement=consentement)
            u = self.tm.connecte(ctx)
        structure = self.tm.magasin.structure(u.siret)
        return self.json(ctx, {
            "login": u.login, "raison": structure.raison if structure else "", "siret": u.siret,
            "role": u.role, "rattachement": u.rattachement, "services": u.services,
            "espaces": self.liste_espaces(u.espaces), "consentement": u.consentement,
            "enregistre": request.method == "POST"})


def routes(temoin: Temoin, page) -> list[Route]:
    """The shells and the API; ``page`` wraps a handler ``(request, ctx)`` into an endpoint (session cookie)."""
    api = Api(temoin)

    def point(fn):
        entree = page(fn)

        async def lu(request: Request) -> Response:
            try:
                return await entree(request)
            except Refus as refus:
                return api.erreur_requete(refus.statut)
        return lu

    coquilles = [Route(chemin, page(api.coquille(*titre))) for chemin, titre in COQUILLES.items()]
    return coquilles + [
        Route("/api/textes", point(api.textes)),
        Route("/api/identification", point(api.identification), methods=["POST"]),
        Route("/api/informations", point(api.informations), methods=["GET", "POST"]),
        Route("/api/espaces", point(api.espaces), methods=["GET", "POST"]),
        Route("/api/courriel-envoye", point(api.courriel_envoye)),
        Route("/api/activation/{jeton}", point(api.activation), methods=["GET", "POST"]),
        Route("/api/nouveau-lien", point(api.nouveau_lien), methods=["POST"]),
        Route("/api/connexion", point(api.connexion), methods=["POST"]),
        Route("/api/deconnexion", point(api.deconnexion), methods=["POST"]),
        Route("/api/compte", point(api.compte), methods=["GET", "POST"]),
    ]
