"""Web plumbing, the only room that knows HTTP (and the only one outside api/ importing Starlette).

Route files in api/ build an `Endpoint` (a Starlette app serving one path), declare their
operations with Pydantic models, and call into the domain rooms. Errors, request ids, body
limits, auth → tenant, caching headers and the OpenAPI document all live here, once.
"""

from lib.web.context import Context
from lib.web.endpoint import Endpoint, RawBody

__all__ = ["Context", "Endpoint", "RawBody"]
