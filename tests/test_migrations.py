"""Schema migrations (data.migrate, data/migrations) on the database the run selects (tests/stores.py):
an empty store upgraded to head is data/schema.py exactly; a store made before migrations is
brought to head with its data; a new migration applies; the rule at start; the command line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.pool import NullPool

from data import migrate, schema
from data.store import Store
from settings import ROOT, Settings
from tests import stores

# The newest migration in data/migrations/versions.
HEAD = "0002"

SECOND = '''"""A test migration: a note on each division."""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("divisions", sa.Column("note", sa.String(40), nullable=True))


def downgrade():
    with op.batch_alter_table("divisions") as batch:
        batch.drop_column("note")
'''


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(url, poolclass=NullPool)


def schema_differences(url: str) -> list:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), schema.metadata)
    finally:
        engine.dispose()


def columns(url: str, table: str) -> set[str]:
    engine = _engine(url)
    try:
        return {c["name"] for c in sa.inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def run(conn_url: str, sql: str) -> None:
    engine = _engine(conn_url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(sql)
    finally:
        engine.dispose()


@pytest.fixture
def second_migration(tmp_path) -> list[Path]:
    """The version locations of a code base one migration ahead (0003 in a folder of the test's)."""
    folder = tmp_path / "versions"
    folder.mkdir()
    (folder / "0003_division_note.py").write_text(SECOND, encoding="utf-8")
    return [migrate.VERSIONS, folder]


def test_an_empty_store_upgraded_to_head_is_the_schema_exactly():
    url = stores.new_url("mig_empty")
    assert migrate.main(["--url", url, "upgrade"]) == 0
    assert migrate.state(url) == (HEAD, "head")
    assert schema_differences(url) == []


def test_the_first_start_of_an_empty_store_builds_it_at_head():
    store = stores.new_store("mig_first_start")
    store.create_schema()
    assert migrate.state(store.url) == (HEAD, "head")
    assert schema_differences(store.url) == []
    assert store.data_version() == 0


@pytest.mark.slow
def test_a_store_made_before_migrations_is_brought_to_head_with_its_data():
    """A demo store as today's code made it (create_all at each start, no alembic_version),
    and older still: without the users' later columns, three later tables and the batches' scope."""
    store = stores.demo_copy("mig_pre_alembic")
    from data import users
    users.create_user(store, "keeper", "Tulip-Garden-2026!", "editor")
    digest = store.content_digest()
    scope = store.batch_history()[["id", "county_years"]].to_dict("records")
    run(store.url, "DROP TABLE alembic_version")
    run(store.url, "ALTER TABLE users DROP COLUMN session_gen")
    run(store.url, "ALTER TABLE users DROP COLUMN must_change")
    for table in ("audit_head", "audit_events", "rate_limit_counters", "batch_warnings", "reporting_deadlines"):
        run(store.url, f"DROP TABLE {table}")
    run(store.url, "DELETE FROM batch_scope")
    assert migrate.state(store.url) == (None, "made before migrations")
    store.engine.dispose()

    store = Store(store.url)
    # A start brings it to the baseline; the migrations after it are a deliberate step (the rule at start).
    with pytest.raises(migrate.SchemaNotCurrent, match="run python -m data.migrate upgrade"):
        store.create_schema()
    assert migrate.state(store.url) == ("0001", "needs an upgrade")
    assert migrate.upgrade(store.url) == HEAD
    store.create_schema()
    assert migrate.state(store.url) == (HEAD, "head")
    assert schema_differences(store.url) == []
    assert {"session_gen", "must_change"} <= columns(store.url, "users")
    assert store.batch_history()[["id", "county_years"]].to_dict("records") == scope
    assert store.content_digest() == digest
    assert users.get_user(store, "keeper").role == "editor"


def baseline_metadata() -> sa.MetaData:
    """The tables as create_all made them before migrations began (0001's frozen copy)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("baseline_0001", migrate.VERSIONS / "0001_baseline.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.baseline


def test_a_store_from_create_all_alone_is_stamped_without_losing_a_row():
    url = stores.new_url("mig_create_all")
    engine = _engine(url)
    baseline_metadata().create_all(engine)
    with engine.begin() as conn:
        conn.execute(schema.store_meta.insert(), {"key": "data_version", "value": 7})
    engine.dispose()
    migrate.prepare(url, auto_migrate=True)  # stamped at the baseline, then the migrations after it
    store = Store(url)
    store.create_schema()
    assert migrate.state(url) == (HEAD, "head")
    assert schema_differences(url) == []
    assert store.data_version() == 7


def test_a_new_migration_applies_and_current_reports_it(second_migration, capsys):
    url = stores.new_url("mig_second")
    migrate.upgrade(url)
    assert migrate.state(url, second_migration) == (HEAD, "needs an upgrade")
    assert migrate.upgrade(url, version_locations=second_migration) == "0003"
    assert "note" in columns(url, "divisions")
    assert migrate.state(url, second_migration) == ("0003", "head")
    # The code without 0002 sees a revision it does not know.
    assert migrate.main(["--url", url, "current"]) == 0
    assert capsys.readouterr().out.strip() == "0003 (unknown to this version)"
    assert migrate.main(["--url", url, "check"]) == 1


def test_at_start_an_older_store_is_refused_unless_auto_migrate(second_migration):
    url = stores.new_url("mig_rule")
    migrate.upgrade(url)
    with pytest.raises(migrate.SchemaNotCurrent, match="run python -m data.migrate upgrade"):
        migrate.prepare(url, auto_migrate=False, version_locations=second_migration)
    assert migrate.state(url) == (HEAD, "head")  # nothing changed
    migrate.prepare(url, auto_migrate=True, version_locations=second_migration)
    assert migrate.state(url, second_migration) == ("0003", "head")
    # The older code on the newer store: refused whatever AUTO_MIGRATE says.
    with pytest.raises(migrate.SchemaNotCurrent, match="does not know"):
        migrate.prepare(url, auto_migrate=True)


def test_the_app_refuses_to_start_on_a_store_it_cannot_serve(second_migration):
    from app import RefusedToStart, create_app

    url = stores.new_url("mig_app")
    migrate.upgrade(url, version_locations=second_migration)
    with pytest.raises(RefusedToStart, match="revision 0003"):
        create_app(Settings(database_url=url))


def test_servers_starting_at_once_on_an_empty_store_build_it_once():
    url = stores.new_url("mig_race")
    errors = stores.start_at_once(url, Store.create_schema, 3)
    assert errors == []
    assert migrate.state(url) == (HEAD, "head")
    engine = _engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(schema.store_meta)).scalar() == 1
    engine.dispose()


@pytest.mark.slow
def test_the_command_line_works_from_any_folder_and_says_errors_in_one_line(tmp_path):
    url = stores.new_url("mig_cli")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "data.migrate", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=120)

    done = cli("check")
    assert (done.returncode, done.stdout.strip()) == (1, "- (empty store)")
    assert "run python -m data.migrate upgrade" in done.stderr
    done = cli("upgrade")
    assert (done.returncode, done.stdout.strip()) == (0, HEAD)
    assert cli("check").returncode == 0
    assert f"{HEAD} (head)" in cli("history").stdout
    done = cli("stamp", "0999")
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and len(done.stderr.strip().splitlines()) == 1
    assert "Traceback" not in done.stderr
    assert cli("no-such-command").returncode == 2
    assert not (tmp_path / "alembic.ini").exists() and not list(tmp_path.iterdir())


def test_an_unreachable_store_is_one_line_and_exit_1(tmp_path, capsys):
    unwritable = tmp_path / "file-not-folder"
    unwritable.write_text("")
    assert migrate.main(["--url", f"sqlite:///{unwritable}/store.sqlite", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1


def test_a_start_on_a_store_at_head_reads_the_heads_as_alembic_does_without_importing_it():
    assert migrate._declared_heads() == frozenset(migrate._heads(None)) == {HEAD}
    store = stores.new_store("mig_no_alembic")
    store.create_schema()
    store.engine.dispose()
    code = ("import sys; from data.store import Store; Store(sys.argv[1]).create_schema(); "
            "print(sorted(m for m in sys.modules if m.startswith('alembic')))")
    done = subprocess.run([sys.executable, "-c", code, store.url], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_migration_0002_adds_the_reporting_tables_and_its_downgrade_keeps_every_other_row():
    """0002 (reporting rounds): up on a store at 0001 with data, down again, up again."""
    from alembic import command

    from data import reporting
    from tests.test_reporting import copy_batch, warning_rows

    store = stores.demo_copy("mig_0002")
    copy_batch(store, "210102", 2014, warning_rows("210102", 2014, "urban_facility_coverage"))
    reporting.set_deadline(store, 2014, "2015-03-31", "ed")
    history = store.batch_history()[["id", "county_years", "shown"]].to_dict("records")
    assert len(reporting.stored_warnings(store)) == 1
    store.engine.dispose()
    cfg = migrate.config(store.url)
    with migrate.locked(store.url) as conn:
        migrate._run(cfg, conn, command.downgrade, "0001")
    assert migrate.state(store.url) == ("0001", "needs an upgrade")
    engine = _engine(store.url)
    names = set(sa.inspect(engine).get_table_names())
    engine.dispose()
    assert not {"reporting_deadlines", "batch_warnings"} & names and "import_batches" in names
    assert Store(store.url).batch_history()[["id", "county_years", "shown"]].to_dict("records") == history
    assert migrate.upgrade(store.url) == HEAD
    assert schema_differences(store.url) == []
    again = Store(store.url)
    assert reporting.deadlines(again) == {} and reporting.stored_warnings(again).empty
    assert again.batch_history()[["id", "county_years", "shown"]].to_dict("records") == history
