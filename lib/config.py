"""One settings object, read from the environment on first use (never at import).

Every variable the service reads is declared here, so the README's configuration table and
this class are the same list. Secrets are `SecretStr`: they print as '**********'.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import SecretStr

ROOT = Path(__file__).resolve().parent.parent

_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


class _Var:
    """Where a setting comes from: its variable names (the first one set wins) and its default."""

    __slots__ = ("default", "description", "names")

    def __init__(self, names: tuple[str, ...], default: Any, description: str) -> None:
        self.names, self.default, self.description = names, default, description


def var(*, names: tuple[str, ...], default: Any, description: str = "") -> Any:
    return _Var(names, default, description)


def _parse(kind: str, text: Any, variable: str) -> Any:
    """A variable's text as the declared type (the spellings Pydantic's lax mode accepted)."""
    if not isinstance(text, str):  # a typed value passed to Settings(...) directly
        return text
    try:
        if kind == "bool":
            word = text.strip().lower()
            if word in _TRUE or word in _FALSE:
                return word in _TRUE
            raise ValueError("expected true/false, 1/0, yes/no or on/off")
        if kind == "int":
            return int(text.strip())
        if kind == "float":
            return float(text.strip())
    except ValueError as exc:
        raise ValueError(f"environment variable {variable}={text!r} is not a valid {kind}: {exc}") from None
    if kind == "Path":
        return Path(text)
    if kind == "SecretStr":
        return SecretStr(text)
    return text


class Settings:
    """Each field names its variables; `Settings()` reads them from os.environ, `Settings(NAME=…)`
    from the arguments instead (tests).

    A plain class over the environment: neither pydantic-settings (≈ 22 ms of imports) nor a
    Pydantic model (≈ 6 ms to build its validator for 40 fields, on every cold start) is needed
    for what is a dictionary lookup and a few conversions."""

    # --- database -------------------------------------------------------------------------
    database_url: SecretStr | None = var(
        default=None,
        names=("DATABASE_URL", "POSTGRES_URL", "POSTGRES_PRISMA_URL", "SUPABASE_DB_URL"),
        description="PostgreSQL URL. Supabase: the pooled (port 6543) string. Unset: embedded server.",
    )
    data_dir: Path = var(default=ROOT / ".data", names=("AGENT_FORGE_DATA_DIR",))
    db_pool_max: int = var(default=5, names=("DB_POOL_MAX",))
    db_pool_timeout_s: float = var(
        default=2.0,
        names=("DB_POOL_TIMEOUT_S",),
        description="Longest wait for a pooled connection before answering 503 (also the connect timeout).",
    )

    # --- rate limits and budgets -----------------------------------------------------------
    rate_limits: bool = var(default=True, names=("RATE_LIMITS",), description="Off switch (tests, benches).")
    rate_limit_per_minute: int = var(
        default=300, names=("RATE_LIMIT_PER_MINUTE",), description="Per key and per IP."
    )
    rate_limit_llm_per_minute: int = var(
        default=20,
        names=("RATE_LIMIT_LLM_PER_MINUTE",),
        description="Per key and per IP on the generation endpoints (they call an LLM).",
    )
    daily_token_budget: int = var(
        default=2_000_000,
        names=("DAILY_TOKEN_BUDGET",),
        description="LLM tokens (input + output + cache) a tenant may use per UTC day; 0 = no limit.",
    )
    daily_cost_budget_usd: float = var(
        default=20.0,
        names=("DAILY_COST_BUDGET_USD",),
        description="LLM spending a tenant may incur per UTC day; 0 = no limit.",
    )

    # --- web ------------------------------------------------------------------------------
    auth_required: bool | None = var(
        default=None,  # resolved below: on in every Vercel deployment
        names=("AUTH_REQUIRED",),
        description="Require API keys. Unset: on when VERCEL_ENV is production or preview (or VERCEL=1 "
        "without VERCEL_ENV), off elsewhere; AUTH_REQUIRED=false turns it off explicitly.",
    )
    default_tenant: str = var(default="default", names=("DEFAULT_TENANT",))
    max_body_bytes: int = var(default=4_500_000, names=("MAX_BODY_BYTES",))
    cors_origins: str = var(default="", names=("CORS_ORIGINS",))
    log_level: str = var(default="INFO", names=("LOG_LEVEL",))
    bootstrap_token: SecretStr | None = var(
        default=None,
        names=("AGENT_FORGE_BOOTSTRAP_TOKEN",),
        description="One-time token that POST /api/keys accepts once to create the first admin key.",
    )
    key_cache_s: float = var(
        default=30.0,
        names=("KEY_CACHE_S",),
        description="How long a warm process trusts a resolved API key before asking the database again.",
    )

    # --- which deployment this is -------------------------------------------------------------
    vercel: bool = var(default=False, names=("VERCEL",))
    vercel_env: str | None = var(default=None, names=("VERCEL_ENV",))
    git_branch: str | None = var(default=None, names=("VERCEL_GIT_COMMIT_REF",))
    git_commit: str | None = var(default=None, names=("VERCEL_GIT_COMMIT_SHA",))

    # --- schema -----------------------------------------------------------------------------
    auto_migrate: bool = var(
        default=True,
        names=("AUTO_MIGRATE",),
        description="Bring the database to the latest schema on first use (under the migrations' lock).",
    )
    migrate_wait_s: float = var(
        default=20.0,
        names=("MIGRATE_WAIT_S",),
        description="How long a cold start waits for another one's migration before answering 503.",
    )

    # --- secrets at rest ---------------------------------------------------------------------
    secrets_key: SecretStr | None = var(
        default=None,
        names=("SECRETS_KEY",),
        description="Fernet key (urlsafe base64 of 32 bytes) encrypting the secrets table. Unset: a key "
        "file under AGENT_FORGE_DATA_DIR for the embedded database; required with DATABASE_URL.",
    )
    secrets_previous_keys: SecretStr | None = var(
        default=None,
        names=("SECRETS_PREVIOUS_KEYS",),
        description="Comma-separated older keys, still accepted for decryption during a rotation.",
    )

    # --- AI providers -----------------------------------------------------------------------
    anthropic_api_key: SecretStr | None = var(default=None, names=("ANTHROPIC_API_KEY",))
    anthropic_base_url: str | None = var(default=None, names=("ANTHROPIC_BASE_URL",))
    anthropic_model: str = var(default="claude-sonnet-5-5", names=("ANTHROPIC_MODEL",))
    anthropic_timeout_s: float = var(default=60.0, names=("ANTHROPIC_TIMEOUT_S",))
    openai_api_key: SecretStr | None = var(default=None, names=("OPENAI_API_KEY",))
    openai_base_url: str | None = var(default=None, names=("OPENAI_BASE_URL",))
    embedding_model: str = var(default="text-embedding-3-small", names=("EMBEDDING_MODEL",))

    # --- semantic cache -----------------------------------------------------------------------
    cache_enabled: bool = var(default=True, names=("CACHE_ENABLED",))
    cache_ttl_days: float = var(default=30.0, names=("CACHE_TTL_DAYS",))
    cache_max_entries: int = var(default=1000, names=("CACHE_MAX_ENTRIES",))
    cache_similarity: float | None = var(
        default=None,
        names=("CACHE_SIMILARITY_THRESHOLD",),
        description="Override of the per-embedder threshold in lib/cache/thresholds.json",
    )

    # --- object storage for large imports ---------------------------------------------------
    supabase_url: str | None = var(default=None, names=("SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_URL"))
    supabase_service_key: SecretStr | None = var(
        default=None, names=("SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_SERVICE_KEY")
    )
    storage_bucket: str = var(default="agent-forge-imports", names=("STORAGE_BUCKET", "S3_BUCKET"))
    s3_endpoint_url: str | None = var(default=None, names=("S3_ENDPOINT_URL",))

    def __init__(self, **values: Any) -> None:
        # Variable names are case-insensitive, as they were with pydantic-settings.
        source = values or {k.upper(): v for k, v in os.environ.items()}
        for field, (spec, kind) in _FIELDS.items():
            variable = next((n for n in spec.names if n in source), None)
            value = spec.default if variable is None else _parse(kind, source[variable], variable)
            setattr(self, field, value)
        if self.auth_required is None:  # on in every Vercel deployment
            deployed = self.vercel_env in ("production", "preview")
            self.auth_required = deployed or (self.vercel and self.vercel_env is None)

    def as_dict(self) -> dict[str, Any]:
        """Every setting by field name (secrets stay `SecretStr`, printing as '**********')."""
        return {field: getattr(self, field) for field in _FIELDS}

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items()) + ")"

    def environment(self) -> Literal["production", "preview", "development"]:
        """production / preview / development (local runs and `vercel dev` are development)."""
        env = self.vercel_env
        return "production" if env == "production" else "preview" if env == "preview" else "development"

    def providers(self) -> dict[str, bool]:
        """Which providers are configured (never their keys)."""
        return {
            "anthropic": self.anthropic_api_key is not None,
            "openai": self.openai_api_key is not None,
            "supabase_storage": bool(self.supabase_url and self.supabase_service_key),
            "s3": bool(self.s3_endpoint_url),
        }


# field -> (its _Var, the base type named by its annotation: bool, int, float, Path, SecretStr, str)
_FIELDS: dict[str, tuple[_Var, str]] = {
    field: (spec, Settings.__annotations__[field].split(" | ")[0])
    for field, spec in vars(Settings).items()
    if isinstance(spec, _Var)
}


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings; `settings.cache_clear()` re-reads the environment (tests)."""
    return Settings()
