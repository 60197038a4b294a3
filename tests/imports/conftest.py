"""Makes this folder's helpers (row fixtures, the Supabase Storage stand-in) importable by the tests here,
and the object-storage fixtures: S3 (moto in server mode on loopback) and Supabase Storage (stand-in)."""

import sys
from pathlib import Path

import pytest

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from _supabase_standin import StorageStandIn  # noqa: E402

FAKE_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl"


@pytest.fixture
def s3(settings_env, monkeypatch):
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0)
    server.start()
    host, port = server.get_host_and_port()
    for var, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(var, value)
    monkeypatch.delenv("SUPABASE_URL", raising=False)
    settings_env(S3_ENDPOINT_URL=f"http://{host}:{port}", STORAGE_BUCKET="imports-test")
    import boto3

    boto3.client("s3", endpoint_url=f"http://{host}:{port}").create_bucket(Bucket="imports-test")
    yield
    server.stop()


@pytest.fixture
def supabase_storage(settings_env, monkeypatch):
    with StorageStandIn() as standin:
        settings_env(SUPABASE_URL=standin.url, SUPABASE_SERVICE_ROLE_KEY=FAKE_JWT, STORAGE_BUCKET="imports")
        yield standin
