"""Fields whose tool reads one object at a URL it splits into bucket and key.

JUL25's S3 tool takes the bucket from the host's first label and the key from the path, and throws
'Invalid S3 Object URL format' when the value has no scheme and host, or no key: a bucket alone
('s3://reports/') stops the run. The validators and the coverage report both ask here.
"""

from __future__ import annotations

from typing import Any, TypeGuard
from urllib.parse import urlsplit

from lib.sim.names import ENV_REF, REFERENCE_RE

# block type → the subBlock holding the object's URL
OBJECT_URL_FIELDS = {"s3": "s3Uri"}


def written(value: Any) -> TypeGuard[str]:
    """A URL written out, to judge now: not empty, and no reference or {{VAR}} that is known only at run time."""
    return (
        isinstance(value, str)
        and bool(value.strip())
        and not ("<" in value and REFERENCE_RE.search(value))
        and not ("{{" in value and ENV_REF.search(value))
    )


def _bucket(value: str) -> str:
    return urlsplit(value.strip()).netloc.split(".")[0]


def missing_object(value: str) -> str | None:
    """What the written URL lacks ('names bucket 'x' but no object', 'is not an object URL'), or None when the tool
    can split it. Ask only of `written` values."""
    parts = urlsplit(value.strip())
    if parts.scheme and parts.netloc and parts.path.lstrip("/"):
        return None
    bucket = _bucket(value)
    return f"names bucket '{bucket}' but no object" if bucket else "is not an object URL"


def example(value: str) -> str:
    """The URL shape the tool splits, with the bucket the value names."""
    return f"https://{_bucket(value) or 'bucket'}.s3.<region>.amazonaws.com/path/to/file"
