"""Fields whose tool reads one object at a URL it splits into bucket and key.

JUL25's S3 tool takes the bucket from the host's first label and the key from the path, and throws
'Invalid S3 Object URL format' when the value has no scheme and host, or no key: a bucket alone
('s3://reports/') stops the run. The validators and the coverage report both ask here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# block type → the subBlock holding the object's URL
OBJECT_URL_FIELDS = {"s3": "s3Uri"}


def missing_object(value: str) -> str | None:
    """What the written URL lacks ('names bucket 'x' but no object', 'is not an object URL'), or None when the tool
    can split it. Call it on written values only: a reference or {{VAR}} is known at run time."""
    parts = urlsplit(value.strip())
    if parts.scheme and parts.netloc and parts.path.lstrip("/"):
        return None
    bucket = parts.netloc.split(".")[0] if parts.netloc else ""
    return f"names bucket '{bucket}' but no object" if bucket else "is not an object URL"


def example(value: str) -> str:
    """The URL shape the tool splits, with the bucket the value names."""
    parts = urlsplit(value.strip())
    bucket = parts.netloc.split(".")[0] if parts.netloc else "bucket"
    return f"https://{bucket}.s3.<region>.amazonaws.com/path/to/file"
