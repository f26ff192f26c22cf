"""Reference implementation of Chorus Pro's "Créer un compte en quelques clics".

A plain Flask application: ``create_app(config)`` builds it; ``python -m
reference_impl`` serves it (see README.md).
"""
from __future__ import annotations

import secrets
from typing import Any

from argon2 import PasswordHasher
from flask import Flask, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect

from . import db, securite, sessions
from .choices import CONSENTEMENT, ESPACES, RATTACHEMENTS, ROLES
from .faults import FAULTS, fault
from .limites import limiter

DEFAULTS: dict[str, Any] = {
    "DATABASE": None,
    "SIRENE_URL": "https://api.insee.fr/api-sirene/3.11",
    "SIRENE_KEY": "chorus-reference",
    "SIRENE_TIMEOUT": 5.0,
    "SMTP_HOST": "localhost",
    "SMTP_PORT": 25,
    "MAIL_FROM": "Chorus Pro <ne-pas-repondre@chorus-reference.invalid>",
    "PUBLIC_URL": "http://127.0.0.1:8000",
    "LINK_VALIDITY_MINUTES": 60,
    # A session unused for this long is gone (ASVS 4.0.3 3.3.2, level 2: 30 minutes of inactivity).
    "SESSION_IDLE_MINUTES": 30,
    "TEST_MODE": False,
    "CAPTCHA_ANSWER": "TEST-CAPTCHA",
    "FAULT": None,
    # A CSRF token lives as long as the session: a user may stay long on a step.
    "WTF_CSRF_TIME_LIMIT": None,
}

csrf = CSRFProtect()


class ConfigError(ValueError):
    """The configuration asks for something the application refuses."""


def check_config(config: dict[str, Any]) -> None:
    if not config.get("DATABASE"):
        raise ConfigError("DATABASE (--database) est obligatoire")
    name = config.get("FAULT")
    if name:
        if not config.get("TEST_MODE"):
            raise ConfigError("--fault n'est accepté qu'en mode test (--test-mode)")
        if name not in FAULTS:
            raise ConfigError(f"défaut inconnu : {name} (voir --list-faults)")
    if int(config["LINK_VALIDITY_MINUTES"]) <= 0:
        raise ConfigError("--link-validity-minutes doit être positif")
    if float(config["SESSION_IDLE_MINUTES"]) <= 0:
        raise ConfigError("--session-idle-minutes doit être positif")


def password_hasher(test_mode: bool) -> PasswordHasher:
    # Test mode: still argon2id, with the cheapest parameters, so that a test
    # suite creating hundreds of accounts is not slowed by ~100 ms per hash.
    if test_mode:
        return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return PasswordHasher()


def create_app(config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config["SECRET_KEY"] = secrets.token_hex(32)
    app.config.update(config or {})
    check_config(app.config)
    app.extensions["argon2"] = password_hasher(app.config["TEST_MODE"])

    db.init_app(app)
    sessions.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    securite.init_app(app)  # headers, cookie flags, posts from another site, request size (OWASP ASVS)

    app.jinja_env.globals.update(
        fault=fault, ESPACES=ESPACES, CONSENTEMENT=CONSENTEMENT, RATTACHEMENTS=RATTACHEMENTS, ROLES=ROLES,
    )

    from . import activation, compte, controles, inscription

    app.register_blueprint(inscription.bp)
    app.register_blueprint(activation.bp)
    app.register_blueprint(compte.bp)
    if app.config["TEST_MODE"]:
        # Only registered in test mode: otherwise these URLs simply do not exist (404).
        csrf.exempt(controles.bp)
        app.register_blueprint(controles.bp)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_template("erreur.html", titre="Formulaire expiré",
                               message="Le formulaire a expiré ou n'est pas valide (jeton de sécurité). "
                                       "Revenez à la page précédente, rechargez-la et recommencez."), 400

    @app.errorhandler(404)
    def not_found(_error):
        return render_template("erreur.html", titre="Page introuvable",
                               message="La page demandée n'existe pas."), 404

    @app.errorhandler(405)
    def method_not_allowed(_error):
        return render_template("erreur.html", titre="Action impossible",
                               message="Cette action n'est pas possible sur cette page."), 405

    @app.errorhandler(500)
    def server_error(_error):
        return render_template("erreur.html", titre="Erreur du service",
                               message="Une erreur inattendue est survenue. Veuillez réessayer plus tard."), 500

    return app
