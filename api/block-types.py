"""GET /api/block-types — the block registry: every type Agent Forge knows, with its fields."""

from mangum import Mangum

from lib.sim.export import BlockTypes, block_types
from lib.web import Context, Endpoint

app = Endpoint("/api/block-types", tag="registry")


@app.get(response=BlockTypes, public=True, cache="public")
async def list_block_types(ctx: Context) -> BlockTypes:
    """Type, name, category, era and a subBlock summary of each registry entry."""
    return block_types()


handler = Mangum(app, lifespan="off")
