"""CSRF, test mode and faults switched off by default, isolation from the harness."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import reference_impl
from reference_impl import ConfigError, create_app
from reference_impl.faults import FAULTS

from .conftest import make_app
from .helpers import CAPTCHA, identification, informations, page_text


def test_post_without_csrf_token_is_refused(client):
    response = client.post("/", data={"adresse_connexion": "a@exemple.fr", "siret": "35600000009075"})
    assert response.status_code == 400 and "jeton de sécurité" in page_text(response)


def test_every_form_carries_a_csrf_token(client):
    for path in ("/", "/connexion"):
        html = client.get(path).get_data(as_text=True)
        assert html.count('name="csrf_token"') == html.count("<form")


@pytest.fixture
def production(config):
    return make_app({**config, "TEST_MODE": False})


def test_test_controls_absent_outside_test_mode(production):
    client = production.test_client()
    assert client.post("/__test__/liens/vieillir", data={"adresse": "a@b.fr", "minutes": "5"}).status_code == 404
    assert client.post("/__test__/services", data={"siret": "35600000009075", "nom": "X"}).status_code == 404


def test_test_controls_need_no_csrf_in_test_mode(client):
    assert client.post("/__test__/services", data={"siret": "35600000009075", "nom": "X"}).status_code == 404
    assert client.post("/__test__/liens/vieillir", data={"adresse": "a@b.fr", "minutes": "x"}).status_code == 400


def test_test_captcha_answer_refused_outside_test_mode(production):
    client = production.test_client()
    identification(client, "a@exemple.fr")
    response = informations(client, "a@exemple.fr", captcha=CAPTCHA)
    assert response.request.path == "/informations" and "ne correspondent pas" in page_text(response)


def test_wrong_captcha_refused_in_test_mode(client):
    identification(client, "a@exemple.fr")
    assert informations(client, "a@exemple.fr", captcha="PAS-CA").request.path == "/informations"


def test_fault_refused_without_test_mode(config):
    with pytest.raises(ConfigError):
        create_app({**config, "TEST_MODE": False, "FAULT": "captcha_ignore"})
    with pytest.raises(ConfigError):
        create_app({**config, "FAULT": "pas_un_defaut"})


def test_faults_are_described_in_french():
    assert len(FAULTS) >= 28
    assert all(description.endswith(".") for description in FAULTS.values())


def test_never_imports_the_harness():
    forbidden = {"harness", "steps", "features", "fixtures"}
    for path in Path(reference_impl.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            assert not {name.split(".")[0] for name in names} & forbidden, f"{path}: {names}"


def test_unknown_page_is_a_french_404(client):
    response = client.get("/nulle-part")
    assert response.status_code == 404 and "n'existe pas" in page_text(response)
