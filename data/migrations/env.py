"""Alembic's environment for the store: data.schema.metadata is the target, and the connection
is the one data.migrate opens (in a transaction holding the migration lock), or, for
`alembic` run by hand with this folder, one to the configured URL."""
from __future__ import annotations

from alembic import context

from data import schema

config = context.config


def _configure(**kwargs) -> None:
    context.configure(target_metadata=schema.metadata, compare_type=True, **kwargs)


def run_offline() -> None:
    _configure(url=config.attributes.get("url") or config.get_main_option("sqlalchemy.url"),
               literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        # SQLite alters most things by copying the table: autogenerate writes batch operations.
        _configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():  # data.migrate's transaction already holds it
            context.run_migrations()
        return
    from data import migrate

    with migrate.locked(config.attributes.get("url") or config.get_main_option("sqlalchemy.url")) as conn:
        _configure(connection=conn, render_as_batch=conn.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
