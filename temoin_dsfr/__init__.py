"""Third witness of the guide « Créer un compte en quelques clics », built with the State's design system (DSFR).

Written from docs/CONTRACT.md, docs/PROFILES.md and the guide only, with the DSFR's own markup (its example pages
in the npm package): Falcon over waitress, server-rendered Jinja2 pages, SQLite, argon2 passwords, smtplib mail.
"""
