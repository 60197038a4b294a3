"""Settings: read from the environment lazily; secrets never print; auth on in every Vercel deployment."""

import pytest

from lib.config import Settings


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, False),
        ({"VERCEL_ENV": "preview"}, True),
        ({"VERCEL_ENV": "preview", "AUTH_REQUIRED": "false"}, False),
        ({"VERCEL_ENV": "production"}, True),
        ({"VERCEL_ENV": "production", "AUTH_REQUIRED": "false"}, False),
        ({"VERCEL_ENV": "development"}, False),
        ({"VERCEL": "1"}, True),  # on Vercel without VERCEL_ENV exposed: fail closed
        ({"AUTH_REQUIRED": "true"}, True),
    ],
)
def test_auth_required_defaults_on_in_every_vercel_deployment(monkeypatch, env, expected):
    for k in ("VERCEL", "VERCEL_ENV", "AUTH_REQUIRED"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert Settings().auth_required is expected


def test_database_url_aliases_and_secret_masking(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("POSTGRES_URL", "postgresql://u:hunter2@db.example:6543/postgres")
    s = Settings()
    assert s.database_url.get_secret_value().endswith(":6543/postgres")
    assert "hunter2" not in repr(s) and "hunter2" not in str(s.as_dict())


def test_providers_report_presence_never_values(monkeypatch):
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-secret")
    providers = Settings().providers()
    assert providers["anthropic"] is True and "sk-ant-secret" not in str(providers)
