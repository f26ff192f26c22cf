"""What the reference does for security beyond the guide (OWASP ASVS 4.0.3, features/08_securite.feature):
security headers (flask-talisman), session cookie flags, forms posted from another site refused, request size
limited, nothing of a signed-in page kept in a cache."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, render_template, request
from flask_talisman import Talisman

# Scripts and images from the application itself only (the captcha is a data: image); inline styles are harmless
# to scripts and the accessibility faults draw with them.
CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "media-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# A form of the journey is a few kilobytes: anything much larger is refused (413) before it is read or hashed.
MAX_CONTENT_LENGTH = 64 * 1024


def init_app(app: Flask) -> None:
    faute = app.config.get("FAULT")
    https = urlsplit(app.config["PUBLIC_URL"]).scheme == "https"
    app.config["SESSION_COOKIE_HTTPONLY"] = faute != "sec_cookie_lisible_en_js"
    app.config["SESSION_COOKIE_SAMESITE"] = None if faute == "sec_cookie_sans_samesite" else "Lax"
    if faute != "sec_taille_illimitee":
        app.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    if faute == "sec_csrf_jeton_ignore":
        app.config["WTF_CSRF_ENABLED"] = False
    csp = {k: v for k, v in CSP.items() if k != "frame-ancestors" or faute != "sec_cadres_autorises"}
    Talisman(app, force_https=False, strict_transport_security=https,
             session_cookie_secure=https and faute != "sec_cookie_sans_secure",
             session_cookie_http_only=app.config["SESSION_COOKIE_HTTPONLY"],
             session_cookie_samesite=app.config["SESSION_COOKIE_SAMESITE"],
             frame_options=None if faute == "sec_cadres_autorises" else "DENY",
             content_security_policy=None if faute == "sec_sans_csp" else csp,
             x_content_type_options=faute != "sec_sans_nosniff", referrer_policy="same-origin")

    @app.before_request
    def refuser_les_envois_d_un_autre_site():
        """A form posted from another site (its Origin, or the browser's Sec-Fetch-Site) is refused, whatever its
        token: defence in depth beside the CSRF token."""
        if request.method != "POST" or faute == "sec_origine_ignoree":
            return None
        origine = request.headers.get("Origin")
        connues = {request.host_url.rstrip("/"), app.config["PUBLIC_URL"].rstrip("/")}
        if (origine and origine != "null" and origine.rstrip("/") not in connues) \
                or request.headers.get("Sec-Fetch-Site") == "cross-site":
            return render_template("erreur.html", titre="Envoi refusé",
                                   message="Ce formulaire a été envoyé depuis un autre site : il est refusé."), 403
        return None

    @app.after_request
    def pas_de_cache(response):
        # Pages carry personal data (the account, the activation page): never kept by a browser or a proxy.
        if response.mimetype == "text/html" and faute != "sec_cache_autorise":
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(413)
    def trop_volumineux(_error):
        return render_template("erreur.html", titre="Formulaire trop volumineux",
                               message="Les valeurs saisies sont trop longues : le formulaire est refusé."), 413
