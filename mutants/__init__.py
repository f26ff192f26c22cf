"""The seeded-fault matrix: a tool of the project, beside the bench, that judges the suite (does it catch each
violation?), not an implementation; ``make mutants`` runs ``python -m mutants``."""
