"""The user's description is data: cleaned, length-limited, and never trusted as instructions."""

from __future__ import annotations

import unicodedata

from lib.errors import InvalidInput
from lib.generation import rx as re

MAX_DESCRIPTION_CHARS = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_description(text: object, *, field: str = "body.description") -> str:
    """NFC-normalised, control/bidi characters removed, whitespace tidied; 422 when empty or too long."""
    if not isinstance(text, str):
        raise InvalidInput("description must be a string", field=field)
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise InvalidInput("description is empty; describe what the workflow should do", field=field)
    if len(text) > MAX_DESCRIPTION_CHARS:
        raise InvalidInput(
            f"description is {len(text)} characters; the limit is {MAX_DESCRIPTION_CHARS}", field=field
        )
    # Our prompt delimits the request with these tags; a request must not be able to close them.
    return re.sub(r"</?\s*user_request\s*>", " ", text, flags=re.I)
