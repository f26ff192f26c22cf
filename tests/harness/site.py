"""A tiny static site served over HTTP, the same pages for both drivers' tests."""
from __future__ import annotations

import html
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

FORMULAIRE = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Identification – Test</title></head>
<body>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="République française"> Chorus Pro</p>
<h1>Vous êtes nouveau sur Chorus Pro ?</h1>
<h2>Informations personnelles</h2>
<form method="post" action="envoyer?etape=1">
  <input type="hidden" name="csrf_token" value="jeton-123">
  <p><label for="email">Adresse électronique de connexion <span aria-hidden="true">*</span> :</label>
     <input id="email" name="email" type="email" required aria-describedby="email-ok">
     <span id="email-ok">Adresse valide</span></p>
  <p><label for="email2">Résaisissez votre adresse électronique de connexion * :</label>
     <input id="email2" name="email2" type="email" aria-invalid="true" aria-describedby="email2-err">
     <span id="email2-err">Résaisissez votre adresse électronique de connexion : les deux adresses diffèrent</span></p>
  <p><label>Numéro de SIRET <span class="req">*</span> : <input name="siret" required value="130"></label></p>
  <p><input aria-label="Nom" name="nom" required></p>
  <p><span id="lp">Prénom</span> <input aria-labelledby="lp" name="prenom" aria-required="true"></p>
  <p><input type="checkbox" id="consent" name="consentement" value="oui">
     <label for="consent">J’accepte que mon nom, prénom et adresse électronique soient utilisés par le Ministère</label></p>
  <p><input type="checkbox" id="nd" name="non_diffusible" checked><label for="nd">Non diffusible INSEE</label></p>
  <fieldset><legend>Je me rattache à</legend>
    <input type="radio" name="rattachement" id="r1" value="structure"><label for="r1">La structure (y compris l'ensemble des services de ma structure)</label>
    <input type="radio" name="rattachement" id="r2" value="services" checked><label for="r2">Uniquement certains services</label>
  </fieldset>
  <table><tr><th>Espaces</th><th>Activation</th></tr>
    <tr><td>Factures émises</td><td><div role="radiogroup" aria-label="Factures émises">
      <label><input type="radio" name="factures_emises" value="oui" checked> OUI</label>
      <label><input type="radio" name="factures_emises" value="non"> NON</label></div></td></tr>
    <tr><td id="eng">Engagements</td><td><div role="group" aria-labelledby="eng">
      <label><input type="radio" name="engagements" value="oui"> OUI</label>
      <label><input type="radio" name="engagements" value="non" checked> NON</label></div></td></tr>
  </table>
  <p><label for="q">Question secrète * :</label>
     <select id="q" name="question"><option value="">-- Choisissez --</option>
       <option value="animal">Nom de votre premier animal</option><option value="ville">Ville de naissance</option></select></p>
  <p><label>Pays de naissance <abbr title="obligatoire">*</abbr> :
     <select name="pays_naissance"><option value="">Choisissez…</option><option>France</option></select></label></p>
  <p><label for="ident">Identifiant :</label><input id="ident" name="identifiant" readonly value="13001971000018"></p>
  <p><label for="off">Champ désactivé</label><input id="off" name="desactive" disabled value="x"></p>
  <p><label for="t">Commentaire</label><textarea id="t" name="commentaire">bonjour</textarea></p>
  <p><label for="cache">Champ caché</label><input id="cache" name="cache" hidden value="y"></p>
  <meter aria-label="Complexité du mot de passe" value="0.2"></meter>
  <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Captcha : recopiez les caractères">
  <button type="submit" name="action" value="valider">Valider</button>
  <button type="submit" formaction="/annuler">Annuler</button>
  <button type="button">Aide</button>
</form>
<dl><dt>Nom :</dt><dd>Dupont</dd><dt>Adresse électronique de contact</dt><dd>jean@example.org</dd></dl>
<table><tr><th>Raison Sociale</th><td>AGENCE INFORMATIQUE</td></tr></table>
<a href="sans-siret">Je n’ai pas de numéro de SIRET</a>
<form method="get" action="/recherche"><label>Recherche <input name="q" value="a b"></label>
  <input type="submit" value="Chercher"></form>
</body></html>
"""

# Labels as design systems write them: a hint inside the label (the DSFR's fr-hint-text, a class of its own,
# what aria-describedby points to), required and optional markers; beside labels that only start alike.
LIBELLES = """<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Libellés – Test</title>
<style>.fr-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.fr-hint-text { display: block; font-size: .75rem; }</style></head>
<body><h1>Libellés</h1>
<form method="post" action="envoyer">
  <p><label class="fr-label" for="siret">Numéro de SIRET <span class="fr-hint-text">14 chiffres, sans espace</span>
     </label><input id="siret" name="siret"></p>
  <p><label for="nom">Nom <span id="nom-aide">tel qu'il figure sur votre pièce d'identité</span></label>
     <input id="nom" name="nom" aria-describedby="nom-aide"></p>
  <p><label for="naissance">Nom de naissance</label><input id="naissance" name="naissance"></p>
  <p><label for="c1">Complément adresse 1 (optionnel)</label><input id="c1" name="c1"></p>
  <p><label for="prenom">Prénom (obligatoire)</label><input id="prenom" name="prenom" required></p>
  <p><label for="cp">Code postal<span class="fr-required">*</span> <span class="govuk-hint">Format attendu : 5
     chiffres</span></label><input id="cp" name="cp" required aria-invalid="true" aria-describedby="cp-err">
     <span id="cp-err">Le code postal compte 5 chiffres</span></p>
  <p><label for="ville">Ville <span class="fr-sr-only">obligatoire</span></label><input id="ville" name="ville"></p>
  <p><label for="adr">Adresse électronique de connexion</label><input id="adr" name="adr"></p>
  <p><span id="pays-l">Pays <span class="help-text">France par défaut</span></span>
     <input aria-labelledby="pays-l" name="pays"></p>
  <fieldset><legend>Je me rattache à <span class="fr-hint-text">Choisissez une option</span></legend>
    <input type="radio" id="r1" name="r" value="structure"><label for="r1">La structure (y compris l'ensemble des
      services de ma structure) <span class="fr-hint-text">tous les services, présents et à venir</span></label>
    <input type="radio" id="r2" name="r" value="services"><label for="r2">Uniquement certains services</label>
  </fieldset>
  <button type="submit">Valider</button>
</form>
</body></html>
"""

SIMPLE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{titre}</title></head>
<body><h1>{titre}</h1>{corps}</body></html>"""


class Site:
    """Serves the pages; ``posts`` keeps every request received (method, path, content type, fields)."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _send(self, status: int, body: str, headers: dict | None = None) -> None:
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def _record(self, body: bytes) -> dict:
                parts = urlsplit(self.path)
                entry = {"method": self.command, "path": parts.path, "query": parse_qsl(parts.query, keep_blank_values=True),
                         "content_type": self.headers.get("Content-Type", ""),
                         "fields": parse_qsl(body.decode("utf-8"), keep_blank_values=True)}
                site.requests.append(entry)
                return entry

            def do_GET(self):
                path = urlsplit(self.path).path
                if path == "/formulaire":
                    return self._send(200, FORMULAIRE)
                if path == "/libelles":
                    return self._send(200, LIBELLES)
                if path == "/sans-siret":
                    return self._send(200, SIMPLE.format(titre="Autres identifiants", corps="<p>RIDET, Tahiti</p>"))
                if path == "/recherche":
                    entry = self._record(b"")
                    return self._send(200, SIMPLE.format(titre="Recherche", corps=_dl(entry["query"])))
                if path == "/session/ouvrir":  # a journey that keeps its state in cookies
                    return self._send(303, "", {"Location": "/session/etat", "Set-Cookie": "etape=2; Path=/; HttpOnly"})
                if path == "/session/theme":  # a second cookie, on a narrower path
                    return self._send(303, "", {"Location": "/session/etat", "Set-Cookie": "theme=clair; Path=/session"})
                if path == "/session/ancien":
                    return self._send(303, "", {"Location": "/session/etat", "Set-Cookie": "ancien=1; Path=/"})
                if path == "/session/etat":
                    recus = [tuple(c.strip().split("=", 1)) for c in (self.headers.get("Cookie") or "").split(";") if "=" in c]
                    return self._send(200, SIMPLE.format(titre="État de la session", corps=_dl(sorted(recus))))
                if path == "/resultat":
                    last = next(r for r in reversed(site.requests) if r["method"] == "POST")
                    return self._send(200, SIMPLE.format(titre="Résultat", corps=_dl(last["fields"])))
                return self._send(404, SIMPLE.format(titre="Page introuvable", corps=""))

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                entry = self._record(body)
                if entry["path"] == "/envoyer":
                    return self._send(303, "", {"Location": "/resultat"})
                if entry["path"] == "/annuler":
                    return self._send(200, SIMPLE.format(titre="Annulé", corps=_dl(entry["fields"])))
                return self._send(404, SIMPLE.format(titre="Page introuvable", corps=""))

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "Site":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def last_post(self) -> dict:
        return next(r for r in reversed(self.requests) if r["method"] == "POST")


def _dl(pairs) -> str:
    return "<dl>" + "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in pairs) + "</dl>"
