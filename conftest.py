"""Root conftest: loads the harness plugin (options, fixtures, services, verdicts)."""
pytest_plugins = ["harness.plugin"]
