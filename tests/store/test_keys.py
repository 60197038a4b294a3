"""API keys: shown once, stored as a hash, bound to tenant and role, revocable."""

import hashlib

import pytest

from lib.errors import InvalidInput
from lib.store import db, keys


def test_key_is_stored_only_as_a_hash(tenant):
    record, clear = keys.create(tenant, role="write", name="ci")
    assert clear.startswith("af_") and len(clear) > 40
    with db.transaction() as c:
        row = c.execute("select * from api_keys where id::text = %s", (record.id,)).fetchone()
    assert row["key_hash"] == hashlib.sha256(clear.encode()).hexdigest()
    assert clear not in str(row)
    assert keys.resolve(clear).tenant_id == tenant


def test_roles_are_ordered():
    assert keys.role_allows("admin", "write") and keys.role_allows("write", "read")
    assert not keys.role_allows("read", "write") and not keys.role_allows("write", "admin")
    with pytest.raises(InvalidInput):
        keys.create("t", role="owner")


def test_revoked_key_no_longer_resolves(tenant):
    record, clear = keys.create(tenant, role="read")
    keys.revoke(record.prefix)
    assert keys.resolve(clear) is None
    assert keys.resolve("af_unknown") is None and keys.resolve("not-a-key") is None
    assert [k.revoked_at is not None for k in keys.list_keys(tenant)] == [True]


def test_cli_creates_lists_and_revokes(tenant, capsys):
    from lib.__main__ import main

    assert main(["keys", "create", "--tenant", tenant, "--role", "admin"]) == 0
    clear = capsys.readouterr().out.strip()
    assert keys.resolve(clear).role == "admin"
    assert main(["keys", "list", "--tenant", tenant]) == 0
    listing = capsys.readouterr().out
    assert clear not in listing and clear[:10] in listing
    key_id = listing.split()[0]
    assert main(["keys", "revoke", key_id]) == 0
    assert keys.resolve(clear) is None
