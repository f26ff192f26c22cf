"""verdict.json's JSON Schema (harness/schemas/verdict.schema.json), shipped with the harness for the programs that
read the verdict, and the check the project's tests run on every verdict.json they read."""
from __future__ import annotations

import functools
import json
from pathlib import Path

SCHEMA_DU_VERDICT = Path(__file__).resolve().parent / "schemas" / "verdict.schema.json"


@functools.lru_cache(maxsize=1)
def _validateur():
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_DU_VERDICT.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def ecarts_au_schema(donnees: dict) -> list[str]:
    """Where ``donnees`` (a verdict.json) departs from the schema, one line each (path: message); [] when valid."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(racine)'} : {e.message}"
            for e in sorted(_validateur().iter_errors(donnees), key=lambda e: list(map(str, e.absolute_path)))]
