"""The local server: every api/ function at the path Vercel gives it, plus public/ at `/`.

`python -m lib serve` runs this under uvicorn. Each request is handed, untouched, to the
route file's own `app`, so what runs locally is what runs on Vercel. The exact-path rewrites
of `vercel.json` (`/docs`, `/redoc`, `/openapi.json`) are read from that file and applied
first, so both places answer the same URLs from one declaration.
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse
from starlette.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

from lib.config import ROOT
from lib.web import guard, routes
from lib.web.errors import respond

log = logging.getLogger("agent_forge.web")

PUBLIC_DIR = ROOT / "public"
STATIC_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'",
    ),
]


def load_rewrites() -> dict[str, str]:
    """vercel.json's exact-path rewrites (source → destination); patterns are not used here."""
    try:
        config = json.loads((ROOT / "vercel.json").read_text())
    except (OSError, ValueError):
        return {}
    return {
        r["source"]: r["destination"]
        for r in config.get("rewrites", [])
        if ":" not in r["source"] and "(" not in r["source"]
    }


class LocalServer:
    """ASGI app: api/ route files first (static paths before dynamic ones), then public/."""

    def __init__(self) -> None:
        self.static = StaticFiles(directory=PUBLIC_DIR, html=True, check_dir=False)
        self.apps: dict[str, Any] = {}
        self.rewrites = load_rewrites()

    def _app_for(self, route: routes.ApiRoute) -> Any:
        key = str(route.file)
        if key not in self.apps:
            self.apps[key] = route.load().app
        return self.apps[key]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        path = scope.get("path", "/")
        if path in self.rewrites:
            path = self.rewrites[path]
            scope = {**scope, "path": path, "raw_path": path.encode()}
        found = routes.match(path)
        if found is not None:
            await self._app_for(found[0])(scope, receive, send)
            return
        if path == "/api" or path.startswith("/api/"):

            async def unknown(scope: Scope, receive: Receive, send: Send) -> None:
                rid = scope["state"]["request_id"]
                await respond(404, "not_found", f"no route for {path}", rid)(scope, receive, send)

            await guard.guarded(unknown, scope, receive, send, route="(unknown)", kind="api")
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + STATIC_HEADERS
            await send(message)

        try:
            await self.static(scope, receive, send_with_headers)
        except HTTPException as exc:  # StaticFiles raises before sending anything
            await PlainTextResponse(
                str(exc.detail),
                status_code=exc.status_code,
                headers={k.decode(): v.decode() for k, v in STATIC_HEADERS},
            )(scope, receive, send)


class TypesOnly(logging.Filter):
    """Keeps a logged exception's type and drops its text and traceback (they can quote user data)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            record.msg = f"{record.getMessage()} [{type(record.exc_info[1]).__name__}; details withheld]"
            record.args = None
            record.exc_info = None
            record.exc_text = None
        return True


def create_app() -> LocalServer:
    return LocalServer()


def watch_embedded(stop: threading.Event, every_s: float = 1.0) -> None:
    """Restart the embedded PostgreSQL whenever it dies (killed, crashed) while the server runs."""
    from lib.store import db

    while not stop.wait(every_s):
        try:
            db.restart_embedded()
        except Exception as exc:  # keep watching; the next round tries again
            log.error("embedded PostgreSQL could not be restarted: %s", type(exc).__name__)


def run(host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    from lib.config import settings
    from lib.store import db, migrations, secrets
    from lib.web import logs

    logs.configure(settings().log_level, force=True)
    applied = migrations.migrate()
    log.info("migrations applied: %s", applied or "none pending")
    moved = secrets.sweep_if_behind()  # rows stored before detection last widened
    if moved:
        log.info("secrets moved out of %d stored workflow(s)", moved)
    for name in ("uvicorn.error", "uvicorn.asgi"):  # anything that escapes a route still logs no text
        logging.getLogger(name).addFilter(TypesOnly())
    stop = threading.Event()
    if db.embedded_alive() is not None:
        threading.Thread(target=watch_embedded, args=(stop,), name="pg-watchdog", daemon=True).start()
    print(f"Agent Forge on http://{host}:{port}  (API under /api, docs at /docs and /redoc)", flush=True)
    # uvicorn re-raises SIGTERM after its graceful shutdown; by default that kills the process before
    # `finally` runs. As an exception it unwinds, and the embedded server is stopped below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        uvicorn.run(
            create_app(), host=host, port=port, log_level="warning", log_config=None, access_log=False
        )
    finally:
        stop.set()
        db.stop_embedded()  # the embedded server goes with us (unless another live process uses it)
