"""`python -m lib <command>`: serve, migrate, keys, import, reembed.

Each command lives in the room it belongs to; this file only dispatches, importing the room
when its command runs.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

# command → "module:function"; the function takes argv (list[str]) and returns an exit code.
COMMANDS = {
    "serve": ("lib.__main__:_serve", "run the API and dashboard locally (uvicorn)"),
    "migrate": ("lib.__main__:_migrate", "apply pending SQL migrations"),
    "keys": ("lib.__main__:_keys", "create, list or revoke API keys"),
    "secrets": ("lib.__main__:_secrets", "sweep stored workflows for clear secrets, or rotate the key"),
    "import": ("lib.imports.cli:main", "import Sim CSV/JSON/YAML files"),
    "reembed": ("lib.search.cli:main", "re-index workflows and templates for search (resumable)"),
}


def _serve(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib serve")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    from lib.web.server import run

    run(args.host, args.port)
    return 0


def _migrate(argv: list[str]) -> int:
    argparse.ArgumentParser(prog="python -m lib migrate").parse_args(argv)
    from lib.store import migrations, secrets

    applied = migrations.migrate()
    print("applied: " + (", ".join(applied) if applied else "nothing (up to date)"))
    print(f"schema version: {migrations.current_version()}")
    moved = secrets.sweep_if_behind()  # rows stored before detection last widened
    if moved is not None:
        print(f"secrets moved out of {moved} stored workflow(s)")
    return 0


def _secrets(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib secrets")
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("sweep", help="move clear secrets out of workflows stored before they were moved on write")
    sub.add_parser("rotate", help="re-encrypt every stored secret under SECRETS_KEY")
    args = parser.parse_args(argv)
    from lib.store import migrations, secrets

    migrations.migrate()
    if args.action == "sweep":
        print(f"secrets moved out of {secrets.sweep()} stored workflow(s)")
    else:
        print(f"re-encrypted {secrets.rotate()} secret(s) under the current key")
    return 0


def _keys(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib keys")
    sub = parser.add_subparsers(dest="action", required=True)
    create = sub.add_parser("create", help="create a key (printed once)")
    create.add_argument("--tenant", required=True)
    create.add_argument("--role", choices=["read", "write", "admin"], default="read")
    create.add_argument("--name")
    listing = sub.add_parser("list", help="list keys (never the secret)")
    listing.add_argument("--tenant")
    revoke = sub.add_parser("revoke", help="revoke a key by id or prefix")
    revoke.add_argument("key")
    args = parser.parse_args(argv)

    from lib.store import keys, migrations

    migrations.migrate()
    if args.action == "create":
        record, clear = keys.create(args.tenant, role=args.role, name=args.name)
        print(clear)
        print(
            f"id {record.id}  tenant {record.tenant_id}  role {record.role}  (shown once; store it now)",
            file=sys.stderr,
        )
    elif args.action == "list":
        for k in keys.list_keys(args.tenant):
            state = "revoked" if k.revoked_at else "active"
            print(
                f"{k.id}  {k.prefix}…  tenant={k.tenant_id}  role={k.role}  {state}  created={k.created_at:%Y-%m-%d}"
            )
    else:
        k = keys.revoke(args.key)
        print(f"revoked {k.id} ({k.prefix}…) of tenant {k.tenant_id}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO").upper(), format="%(levelname)s %(name)s: %(message)s"
    )
    if not argv or argv[0] in ("-h", "--help") or argv[0] not in COMMANDS:
        print("usage: python -m lib <command> [options]\n\ncommands:")
        for name, (_, help_text) in COMMANDS.items():
            print(f"  {name:<9} {help_text}")
        return 0 if not argv or argv[0] in ("-h", "--help") else 2
    target, _ = COMMANDS[argv[0]]
    module_name, func_name = target.split(":")
    module = sys.modules[__name__] if module_name == "lib.__main__" else importlib.import_module(module_name)
    from lib.errors import AgentForgeError

    try:
        return int(getattr(module, func_name)(argv[1:]) or 0)
    except AgentForgeError as exc:
        print(f"error: {exc.message}" + (f" ({exc.field})" if exc.field else ""), file=sys.stderr)
        return 1
    finally:
        from lib.store import db

        db.close()


if __name__ == "__main__":
    sys.exit(main())
