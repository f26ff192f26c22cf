"""The implementation's test-mode controls (docs/CONTRACT.md §4), over HTTP."""
from __future__ import annotations

from .drivers.http import session_http
from .profile import Implementation


class Controles:
    """The implementation's test-mode controls (docs/CONTRACT.md §4)."""

    def __init__(self, implementation: Implementation) -> None:
        self.implementation = implementation
        self.session = session_http(implementation.confiance)

    def _post(self, chemin: str, donnees: dict[str, str], capacite: str) -> None:
        url = self.implementation.url(chemin)
        reponse = self.session.post(url, data=donnees, timeout=10)
        if reponse.status_code >= 400:
            raise AssertionError(f"Contrôle de test POST {url} refusé (HTTP {reponse.status_code}) : la capacité "
                                 f"« {capacite} » est-elle offerte ? Sinon mettez capacites.{capacite} = false "
                                 f"dans le profil.")

    def vieillir_liens(self, adresse: str, minutes: int) -> None:
        self._post("/__test__/liens/vieillir", {"adresse": adresse, "minutes": str(minutes)}, "horloge")

    def vieillir_sessions(self, adresse: str, minutes: int) -> None:
        self._post("/__test__/sessions/vieillir", {"adresse": adresse, "minutes": str(minutes)}, "sessions")

    def ajouter_service(self, siret: str, nom: str) -> None:
        self._post("/__test__/services", {"siret": siret, "nom": nom}, "services")
