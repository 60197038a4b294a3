"""Encryption of secret values at rest (Fernet: AES-128-CBC + HMAC-SHA256, from `cryptography`).

The key comes from `SECRETS_KEY`; older keys listed in `SECRETS_PREVIOUS_KEYS` still decrypt, so a
rotation is: set the new key, move the old one to the previous list, run
`python -m lib secrets rotate` (re-encrypts every row and recomputes lookup hashes), then drop
the old key. With the embedded database and no `SECRETS_KEY`, a key file is generated once under
the data directory (mode 0600). With an external database a missing key refuses to store or
reveal a secret (503) rather than invent a key that the next function instance would not know.

A value's lookup hash is an HMAC keyed from the current key, so "same value → same name" works
without decrypting, and the table holds nothing a dictionary attack on plain SHA-256 could use.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from lib.config import settings
from lib.errors import Unavailable

__all__ = ["decrypt", "encrypt", "key_id", "lookup_hash", "reset", "rotate_token"]

KEY_FILE = "secrets.key"


def _key_file() -> Path:
    path = settings().data_dir / KEY_FILE
    if not path.exists():
        from cryptography.fernet import Fernet

        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, Fernet.generate_key())
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    return path


@lru_cache(maxsize=1)
def _keys() -> tuple[bytes, ...]:
    """(current key, previous keys…) as Fernet keys."""
    cfg = settings()
    if cfg.secrets_key is not None:
        current = cfg.secrets_key.get_secret_value().strip().encode()
    elif cfg.database_url is None:
        try:
            current = _key_file().read_bytes().strip()
        except FileExistsError:  # another process created it between exists() and open()
            current = (cfg.data_dir / KEY_FILE).read_bytes().strip()
    else:
        raise Unavailable(
            "secret storage is not configured: set SECRETS_KEY (python -c 'from cryptography.fernet "
            "import Fernet; print(Fernet.generate_key().decode())')",
            field="SECRETS_KEY",
        )
    previous = []
    if cfg.secrets_previous_keys is not None:
        previous = [
            k.strip().encode() for k in cfg.secrets_previous_keys.get_secret_value().split(",") if k.strip()
        ]
    for key in (current, *previous):
        try:
            if len(base64.urlsafe_b64decode(key)) != 32:
                raise ValueError
        except ValueError:
            raise Unavailable(
                "SECRETS_KEY (or a previous key) is not a Fernet key (urlsafe base64 of 32 bytes)",
                field="SECRETS_KEY",
            ) from None
    return (current, *previous)


@lru_cache(maxsize=1)
def _fernet() -> Any:
    from cryptography.fernet import Fernet, MultiFernet

    return MultiFernet([Fernet(k) for k in _keys()])


def reset() -> None:
    """Forget loaded keys (tests, and after the environment changed)."""
    _keys.cache_clear()
    _fernet.cache_clear()


def key_id() -> str:
    """A short public fingerprint of the current key, stored beside each row."""
    return hashlib.sha256(b"agent-forge key id:" + _keys()[0]).hexdigest()[:12]


def lookup_hash(tenant: str, value: str) -> str:
    """HMAC of the value for equality lookups within a tenant."""
    mac_key = hashlib.sha256(b"agent-forge lookup:" + _keys()[0]).digest()
    return hmac.new(mac_key, f"{tenant}\x00{value}".encode(), hashlib.sha256).hexdigest()


def encrypt(value: str) -> bytes:
    return _fernet().encrypt(value.encode())


def decrypt(token: bytes) -> str:
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().decrypt(bytes(token)).decode()
    except InvalidToken:
        raise Unavailable(
            "a stored secret cannot be decrypted with SECRETS_KEY or SECRETS_PREVIOUS_KEYS",
            field="SECRETS_KEY",
        ) from None


def rotate_token(token: bytes) -> bytes:
    """The same plaintext encrypted under the current key."""
    return _fernet().rotate(bytes(token))
