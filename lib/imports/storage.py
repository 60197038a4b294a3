"""Object storage for imports larger than Vercel's 4.5 MB request body cap.

`create_upload` hands out a signed PUT URL (Supabase Storage through the `supabase` client when
SUPABASE_URL is set, else any S3-compatible bucket through a boto3 presigned URL); the client
uploads there directly; `run_upload` then streams the object(s) from the bucket into the import
pipeline chunk by chunk, once, into the staging table; then it stores batches until its time budget
is spent and says how far it got (call it again to continue). Objects live under `imports/<tenant hash>/<upload id>/`, so an upload id
of one tenant means nothing to another. SDKs are imported only when used.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from lib.config import settings
from lib.errors import InvalidInput, NotFound, ProviderError, Unavailable
from lib.imports.models import ImportProgress, UploadRequest, UploadTicket

__all__ = ["create_upload", "upload_progress", "run_upload"]

EXPIRES_S = 3600
_CHUNK = 1 << 20
_ID = re.compile(r"^[0-9a-f]{32}$")


def _prefix(tenant: str, upload_id: str) -> str:
    return f"imports/{hashlib.sha256(tenant.encode()).hexdigest()[:24]}/{upload_id}/"


def _safe(filename: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", filename).strip("._") or "upload"


class _S3:
    def __init__(self) -> None:
        import boto3

        cfg = settings()
        self.bucket = cfg.storage_bucket
        self.client = boto3.client("s3", endpoint_url=cfg.s3_endpoint_url)

    def upload_url(self, key: str, content_type: str) -> tuple[str, dict[str, str]]:
        url = self.client.generate_presigned_url(
            "put_object",
            Params={"Bucket": self.bucket, "Key": key, "ContentType": content_type},
            ExpiresIn=EXPIRES_S,
        )
        return url, {"content-type": content_type}

    def keys(self, prefix: str) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return [o["Key"] for o in listing.get("Contents", [])]

    def stream(self, key: str) -> Iterator[bytes]:
        body = self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
        try:
            yield from body.iter_chunks(_CHUNK)
        finally:
            body.close()


class _Supabase:
    def __init__(self) -> None:
        from supabase import create_client

        cfg = settings()
        key = cfg.supabase_service_key.get_secret_value() if cfg.supabase_service_key else ""
        if not key:
            raise Unavailable("SUPABASE_URL is set but SUPABASE_SERVICE_ROLE_KEY is not", field="storage")
        self.bucket = cfg.storage_bucket
        self.files = create_client(cfg.supabase_url or "", key).storage.from_(self.bucket)

    def upload_url(self, key: str, content_type: str) -> tuple[str, dict[str, str]]:
        signed = self.files.create_signed_upload_url(key)
        return signed["signed_url"], {"content-type": content_type}

    def keys(self, prefix: str) -> list[str]:
        return [prefix + item["name"] for item in self.files.list(prefix.rstrip("/")) if item.get("name")]

    def stream(self, key: str) -> Iterator[bytes]:
        import httpx

        url = self.files.create_signed_url(key, 300)["signedURL"]
        if not url:
            raise RuntimeError("Supabase Storage gave no signed URL for the upload")
        with httpx.stream("GET", url, timeout=60) as response:
            response.raise_for_status()
            yield from response.iter_bytes(_CHUNK)


def _backend() -> Any:
    """Supabase Storage, else S3 when an endpoint or AWS credentials are configured.

    Never lets boto3 go looking for credentials on its own (instance metadata): without
    configuration, large imports are simply unavailable and say how to enable them.
    """
    cfg = settings()
    if cfg.supabase_url:
        return _Supabase()
    if cfg.s3_endpoint_url or os.environ.get("AWS_ACCESS_KEY_ID"):
        os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
        return _S3()
    raise Unavailable(
        "large imports need object storage: set SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY, "
        "or S3_ENDPOINT_URL / AWS credentials",
        field="storage",
    )


def create_upload(tenant: str, request: UploadRequest) -> UploadTicket:
    """A signed URL to PUT one file to, valid for an hour; then POST /api/imports/{id}/run."""
    upload_id = uuid.uuid4().hex
    key = _prefix(tenant, upload_id) + _safe(request.filename)
    try:
        url, headers = _backend().upload_url(key, request.content_type)
    except (Unavailable, ProviderError):
        raise
    except Exception as exc:
        raise ProviderError(
            f"object storage refused to sign an upload: {type(exc).__name__}", field="storage"
        ) from None
    return UploadTicket(
        id=upload_id,
        upload_url=url,
        headers=headers,
        expires_at=datetime.now(UTC) + timedelta(seconds=EXPIRES_S),
    )


def _check_id(upload_id: str) -> None:
    if not _ID.match(upload_id):
        raise InvalidInput("upload id must be the 32-character id POST /api/imports returned", field="id")


def run_upload(tenant: str, upload_id: str, *, budget_s: float | None = None) -> ImportProgress:
    """Continue the import of what was uploaded under `upload_id` for about `budget_s` seconds
    (default `lib.imports.jobs.BUDGET_S`).

    The first call streams the object(s) from the bucket into the staging table; every call then
    stores batches until the budget is spent. Safe to repeat, also after it finished.
    """
    from lib.imports import jobs  # the batch importer: loaded by the routes that run it, when they do
    from lib.imports.pipeline import Source

    started = time.monotonic()
    _check_id(upload_id)
    if jobs.progress(tenant, upload_id) is None:
        backend = _backend()
        try:
            keys = backend.keys(_prefix(tenant, upload_id))
        except Exception as exc:
            raise ProviderError(
                f"object storage could not list the upload: {type(exc).__name__}", field="storage"
            ) from None
        if not keys:
            raise NotFound(
                f"nothing was uploaded for import {upload_id!r} (or the upload expired)", field="id"
            )
        jobs.stage(tenant, upload_id, [Source(key.rsplit("/", 1)[-1], backend.stream(key)) for key in keys])
    jobs.count_call(tenant, upload_id)
    budget = jobs.BUDGET_S if budget_s is None else budget_s
    result = jobs.advance(tenant, upload_id, budget_s=budget, started=started)
    if result is None:  # staged above, and jobs are never deleted by this path
        raise RuntimeError(f"import {upload_id} vanished while it ran")
    return result


def upload_progress(tenant: str, upload_id: str) -> ImportProgress:
    """How far the import of `upload_id` got (404 before its first run)."""
    from lib.imports import jobs

    _check_id(upload_id)
    result = jobs.progress(tenant, upload_id)
    if result is None:
        raise NotFound(f"import {upload_id!r} has not been run yet (or is not yours)", field="id")
    return result
