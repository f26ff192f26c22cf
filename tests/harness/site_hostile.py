"""A hostile implementation, for the harness's own safety: links, redirects and form actions to another origin,
scripts that try to reach it, bodies without end, lying charsets, ANSI escapes and NULs in its texts.

``Ailleurs`` is that other origin: it records every request it receives, so that a test proves the harness sent
none there."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _Serveur:
    def __init__(self, gestionnaire) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), gestionnaire)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


class Ailleurs(_Serveur):
    """Another origin: answers 200 to anything and keeps the paths it was asked for."""

    def __init__(self) -> None:
        self.recues: list[str] = []
        recues = self.recues

        class Gestionnaire(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _repondre(self):
                recues.append(self.path)
                corps = b"<!doctype html><title>Ailleurs</title><h1>Ailleurs</h1>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(corps)))
                self.end_headers()
                self.wfile.write(corps)

            do_GET = do_POST = _repondre

        super().__init__(Gestionnaire)


def pages(ailleurs: str) -> dict[str, tuple[str, bytes]]:
    """path -> (content type, body) of the hostile site's ordinary pages."""
    def html(titre: str, corps: str) -> bytes:
        return (f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{titre}</title></head>'
                f"<body><h1>{titre}</h1>{corps}</body></html>").encode("utf-8")
    script = (f"<script>document.title = 'SCRIPT EXÉCUTÉ'; fetch('{ailleurs}/fuite-fetch');"
              f"new Image().src = '{ailleurs}/fuite-image';</script>")
    return {
        "/liens": ("text/html; charset=utf-8", html("Liens", f'<a href="{ailleurs}/lien">Ailleurs</a>'
                                                             f'<a href="/redirige">Redirigé</a>'
                                                             f'<a href="/accueil">Chez moi</a>')),
        "/accueil": ("text/html; charset=utf-8", html("Accueil", "<p>Bienvenue</p>")),
        "/formulaire": ("text/html; charset=utf-8", html("Formulaire", (
            f'<form method="post" action="{ailleurs}/recoit"><label>Nom <input name="nom"></label>'
            f'<button>Valider</button></form>'))),
        "/scripts": ("text/html; charset=utf-8", html("Scripts", (
            f'{script}<img src="{ailleurs}/pixel" alt="pixel"><p onclick="x()">Texte</p>'
            f'<iframe src="{ailleurs}/cadre" title="cadre"></iframe>'
            f'<meta http-equiv="refresh" content="0;url={ailleurs}/rafraichi">'))),
        # declared UTF-8, written in Latin-1: « Numéro » with a lone 0xE9
        "/latin1": ("text/html; charset=utf-8", "<!doctype html><title>Numéro</title><h1>Numéro de SIRET</h1>"
                                                .encode("latin-1")),
        # a charset that is not one, and bytes no charset decodes
        "/charset-faux": ("text/html; charset=base64", b"<h1>Titre \xff\xfe\x80 fin</h1>"),
        "/charset-inconnu": ("text/html; charset=x-klingon", b"<h1>Titre \xc3\xa9</h1>"),
        "/controles": ("text/html; charset=utf-8", html("Contr\x1b[31môles\x1b[0m", (
            "<p>Efface\x1b[2J\x1b[Hl'écran</p><p>NUL\x00ici, cloche\x07</p><label>Nom <input name=n></label>"))),
    }


class SiteHostile(_Serveur):
    """The hostile implementation; ``ailleurs``: the other origin its pages lead to."""

    def __init__(self, ailleurs: str) -> None:
        contenu = pages(ailleurs)

        class Gestionnaire(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _envoyer(self, statut: int, type_: str, corps: bytes, entetes: dict | None = None) -> None:
                self.send_response(statut)
                self.send_header("Content-Type", type_)
                self.send_header("Content-Length", str(len(corps)))
                for k, v in (entetes or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(corps)

            def do_GET(self):
                chemin = self.path.split("?")[0]
                if chemin in contenu:
                    return self._envoyer(200, *contenu[chemin])
                if chemin == "/redirige":
                    return self._envoyer(302, "text/plain", b"", {"Location": f"{ailleurs}/redirection"})
                if chemin == "/redirige-deux-fois":  # within the origin first, then out
                    return self._envoyer(303, "text/plain", b"", {"Location": "/redirige"})
                if chemin == "/boucle":
                    return self._envoyer(302, "text/plain", b"", {"Location": "/boucle"})
                if chemin in ("/enorme", "/sans-fin"):  # 6 MB, or a body that never ends (chunked)
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    if chemin == "/enorme":
                        self.send_header("Content-Length", str(6 * 1024 * 1024))
                    else:
                        self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    bloc = b"<p>" + b"x" * 65530 + b"</p>"
                    try:
                        for _ in range(96 if chemin == "/enorme" else 10**9):
                            if chemin == "/enorme":
                                self.wfile.write(bloc[:65536])
                            else:
                                self.wfile.write(b"%x\r\n%s\r\n" % (len(bloc), bloc))
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    self.close_connection = True
                    return None
                return self._envoyer(404, "text/plain", b"introuvable")

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                return self._envoyer(307, "text/plain", b"", {"Location": f"{ailleurs}/repost"})

        super().__init__(Gestionnaire)
