"""One typed settings object, read from the environment on first use (never at import).

Every variable the service reads is declared here, so the README's configuration table and
this class are the same list. Secrets are `SecretStr`: they print as '**********'.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, model_validator

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseModel):
    """Each field names its variables (validation_alias); `Settings()` reads them from os.environ.

    A plain model over the environment, not pydantic-settings: that package was the largest fixed
    cost of every cold start (≈ 22 ms of imports) for what is a dictionary lookup here."""

    model_config = ConfigDict(extra="ignore")

    def __init__(self, **values: Any) -> None:
        if not values:  # variable names are case-insensitive, as they were with pydantic-settings
            values = {k.upper(): v for k, v in os.environ.items()}
        super().__init__(**values)

    # --- database -------------------------------------------------------------------------
    database_url: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices(
            "DATABASE_URL", "POSTGRES_URL", "POSTGRES_PRISMA_URL", "SUPABASE_DB_URL"
        ),
        description="PostgreSQL URL. Supabase: the pooled (port 6543) string. Unset: embedded server.",
    )
    data_dir: Path = Field(default=ROOT / ".data", validation_alias=AliasChoices("AGENT_FORGE_DATA_DIR"))
    db_pool_max: int = Field(default=5, validation_alias=AliasChoices("DB_POOL_MAX"))
    db_pool_timeout_s: float = Field(
        default=2.0,
        validation_alias=AliasChoices("DB_POOL_TIMEOUT_S"),
        description="Longest wait for a pooled connection before answering 503 (also the connect timeout).",
    )

    # --- rate limits and budgets -----------------------------------------------------------
    rate_limits: bool = Field(
        default=True, validation_alias=AliasChoices("RATE_LIMITS"), description="Off switch (tests, benches)."
    )
    rate_limit_per_minute: int = Field(
        default=300, validation_alias=AliasChoices("RATE_LIMIT_PER_MINUTE"), description="Per key and per IP."
    )
    rate_limit_llm_per_minute: int = Field(
        default=20,
        validation_alias=AliasChoices("RATE_LIMIT_LLM_PER_MINUTE"),
        description="Per key and per IP on the generation endpoints (they call an LLM).",
    )
    daily_token_budget: int = Field(
        default=2_000_000,
        validation_alias=AliasChoices("DAILY_TOKEN_BUDGET"),
        description="LLM tokens (input + output + cache) a tenant may use per UTC day; 0 = no limit.",
    )
    daily_cost_budget_usd: float = Field(
        default=20.0,
        validation_alias=AliasChoices("DAILY_COST_BUDGET_USD"),
        description="LLM spending a tenant may incur per UTC day; 0 = no limit.",
    )

    # --- web ------------------------------------------------------------------------------
    auth_required: bool | None = Field(
        default=None,  # resolved below: on in every Vercel deployment
        validation_alias=AliasChoices("AUTH_REQUIRED"),
        description="Require API keys. Unset: on when VERCEL_ENV is production or preview (or VERCEL=1 "
        "without VERCEL_ENV), off elsewhere; AUTH_REQUIRED=false turns it off explicitly.",
    )
    default_tenant: str = Field(default="default", validation_alias=AliasChoices("DEFAULT_TENANT"))
    max_body_bytes: int = Field(default=4_500_000, validation_alias=AliasChoices("MAX_BODY_BYTES"))
    cors_origins: str = Field(default="", validation_alias=AliasChoices("CORS_ORIGINS"))
    log_level: str = Field(default="INFO", validation_alias=AliasChoices("LOG_LEVEL"))
    bootstrap_token: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("AGENT_FORGE_BOOTSTRAP_TOKEN"),
        description="One-time token that POST /api/keys accepts once to create the first admin key.",
    )
    key_cache_s: float = Field(
        default=30.0,
        validation_alias=AliasChoices("KEY_CACHE_S"),
        description="How long a warm process trusts a resolved API key before asking the database again.",
    )

    # --- which deployment this is -------------------------------------------------------------
    vercel: bool = Field(default=False, validation_alias=AliasChoices("VERCEL"))
    vercel_env: str | None = Field(default=None, validation_alias=AliasChoices("VERCEL_ENV"))
    git_branch: str | None = Field(default=None, validation_alias=AliasChoices("VERCEL_GIT_COMMIT_REF"))
    git_commit: str | None = Field(default=None, validation_alias=AliasChoices("VERCEL_GIT_COMMIT_SHA"))

    # --- schema -----------------------------------------------------------------------------
    auto_migrate: bool = Field(
        default=True,
        validation_alias=AliasChoices("AUTO_MIGRATE"),
        description="Bring the database to the latest schema on first use (under the migrations' lock).",
    )
    migrate_wait_s: float = Field(
        default=20.0,
        validation_alias=AliasChoices("MIGRATE_WAIT_S"),
        description="How long a cold start waits for another one's migration before answering 503.",
    )

    # --- secrets at rest ---------------------------------------------------------------------
    secrets_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SECRETS_KEY"),
        description="Fernet key (urlsafe base64 of 32 bytes) encrypting the secrets table. Unset: a key "
        "file under AGENT_FORGE_DATA_DIR for the embedded database; required with DATABASE_URL.",
    )
    secrets_previous_keys: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SECRETS_PREVIOUS_KEYS"),
        description="Comma-separated older keys, still accepted for decryption during a rotation.",
    )

    # --- AI providers -----------------------------------------------------------------------
    anthropic_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("ANTHROPIC_API_KEY")
    )
    anthropic_base_url: str | None = Field(default=None, validation_alias=AliasChoices("ANTHROPIC_BASE_URL"))
    anthropic_model: str = Field(
        default="claude-sonnet-5-5", validation_alias=AliasChoices("ANTHROPIC_MODEL")
    )
    anthropic_timeout_s: float = Field(default=60.0, validation_alias=AliasChoices("ANTHROPIC_TIMEOUT_S"))
    openai_api_key: SecretStr | None = Field(default=None, validation_alias=AliasChoices("OPENAI_API_KEY"))
    openai_base_url: str | None = Field(default=None, validation_alias=AliasChoices("OPENAI_BASE_URL"))
    embedding_model: str = Field(
        default="text-embedding-3-small", validation_alias=AliasChoices("EMBEDDING_MODEL")
    )

    # --- semantic cache -----------------------------------------------------------------------
    cache_enabled: bool = Field(default=True, validation_alias=AliasChoices("CACHE_ENABLED"))
    cache_ttl_days: float = Field(default=30.0, validation_alias=AliasChoices("CACHE_TTL_DAYS"))
    cache_max_entries: int = Field(default=1000, validation_alias=AliasChoices("CACHE_MAX_ENTRIES"))
    cache_similarity: float | None = Field(
        default=None,
        validation_alias=AliasChoices("CACHE_SIMILARITY_THRESHOLD"),
        description="Override of the per-embedder threshold in lib/cache/thresholds.json",
    )

    # --- object storage for large imports ---------------------------------------------------
    supabase_url: str | None = Field(
        default=None, validation_alias=AliasChoices("SUPABASE_URL", "NEXT_PUBLIC_SUPABASE_URL")
    )
    supabase_service_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_SERVICE_KEY")
    )
    storage_bucket: str = Field(
        default="agent-forge-imports", validation_alias=AliasChoices("STORAGE_BUCKET", "S3_BUCKET")
    )
    s3_endpoint_url: str | None = Field(default=None, validation_alias=AliasChoices("S3_ENDPOINT_URL"))

    @model_validator(mode="after")
    def _auth_default(self) -> Settings:
        if self.auth_required is None:
            deployed = self.vercel_env in ("production", "preview")
            self.auth_required = deployed or (self.vercel and self.vercel_env is None)
        return self

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


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings; `settings.cache_clear()` re-reads the environment (tests)."""
    return Settings()
