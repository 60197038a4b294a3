"""POST /api/imports — a signed upload URL for an import file too large for a request body (> 4.5 MB)."""

from mangum import Mangum

from lib.imports.models import UploadRequest, UploadTicket
from lib.imports.storage import create_upload
from lib.web import Context, Endpoint

app = Endpoint("/api/imports", tag="workflows")


@app.post(response=UploadTicket, status=201, errors=(502, 503), max_body=16_000)
def start_upload(ctx: Context, body: UploadRequest) -> UploadTicket:
    """PUT the file to `upload_url` with `headers`, then POST /api/imports/{id}/run."""
    return create_upload(ctx.tenant, body)


handler = Mangum(app, lifespan="off")
