"""POST /api/workflows/pattern-match — templates and workflows whose structure is closest."""

from mangum import Mangum

from lib.search import service
from lib.search.models import PatternIn, PatternOut
from lib.web import Context, Endpoint

app = Endpoint("/api/workflows/pattern-match", tag="search")


@app.post(response=PatternOut, role="read")
def pattern_match(ctx: Context, body: PatternIn) -> PatternOut:
    """Compare a state (or a described workflow) by trigger, blocks, operations, branches and loops."""
    return service.pattern_match(ctx.tenant, body)


handler = Mangum(app, lifespan="off")
