"""The store's tables (SQLAlchemy Core, portable: SQLite by default, PostgreSQL by URL).

Every record points at the import batch it came from. The demonstration data is one batch
with is_simulated set; imports add batches, and a later batch for the same county-year
supersedes an earlier one without deleting it.

A change here is a migration too: `python -m data.migrate revision -m "what" --autogenerate`
writes it into data/migrations/versions (check it, then commit both); tests/test_migrations.py
fails while the two differ.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, DateTime, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

divisions = Table(
    "divisions", metadata,
    Column("code", String(6), primary_key=True),
    Column("name", String(40), nullable=False),
    Column("name_en", String(80), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("level", String(10), nullable=False),
    Column("parent_code", String(6), nullable=True),
)

import_batches = Table(
    "import_batches", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(10), nullable=False),            # "demo" or "import"
    Column("source", Text, nullable=False),                # what it was made from, in words
    Column("file_name", String(255), nullable=True),
    Column("sha256", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(80), nullable=True),
    Column("row_count", Integer, nullable=False),
    Column("is_simulated", Boolean, nullable=False),
    Column("status", String(12), nullable=False, default="active"),  # active, superseded, reverted
    # Set for batches that must exist once only (the demo data); NULL for imports.
    Column("dedupe_key", String(80), nullable=True, unique=True),
)

# Which county-years a batch reports. For each county-year the newest active batch that
# covers it is the one shown; an earlier one stays, superseded, in the history.
batch_scope = Table(
    "batch_scope", metadata,
    Column("batch_id", Integer, ForeignKey("import_batches.id"), primary_key=True),
    Column("county_code", String(6), ForeignKey("divisions.code"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Index("ix_batch_scope_county_year", "county_code", "year"),
)

units = Table(
    "units", metadata,
    Column("id", String(20), primary_key=True),
    Column("kind", String(5), nullable=False),             # "urban" or "rural"
    Column("name", String(60), nullable=False),
    Column("name_en", String(120), nullable=True),
    Column("county_code", String(6), ForeignKey("divisions.code"), nullable=False, index=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id"), nullable=False),
)

# One row per unit per year per batch. Names match data.catalogue's computations.
unit_year_records = Table(
    "unit_year_records", metadata,
    Column("unit_id", String(20), ForeignKey("units.id"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id"), primary_key=True),
    Column("households", Integer, nullable=True),
    Column("residents", Integer, nullable=True),
    Column("has_facility", Boolean, nullable=True),
    Column("facility_area_m2", Float, nullable=True),
    Column("square_area_m2", Float, nullable=True),
    Column("barrier_free", Boolean, nullable=True),
    Column("broadband", Boolean, nullable=True),
    Column("social_workers", Integer, nullable=True),
    Column("social_organisations", Integer, nullable=True),
    Column("volunteer_teams", Integer, nullable=True),
    Column("registered_volunteers", Integer, nullable=True),
    Column("resident_volunteers", Integer, nullable=True),
    Column("party_members", Integer, nullable=True),
    Column("party_member_volunteers", Integer, nullable=True),
    Column("election_type", String(10), nullable=True),    # "direct", "indirect"; NULL for villages
    Column("resident_units", Integer, nullable=True),
    Column("co_building_units", Integer, nullable=True),
    Column("staff", Integer, nullable=True),
    Column("staff_trained", Integer, nullable=True),
    Column("e_records", Boolean, nullable=True),
    Index("ix_unit_year_records_year", "year"),
)
UNIT_YEAR_COLUMNS = [c.name for c in unit_year_records.columns if c.name not in ("unit_id", "year", "batch_id")]

county_year_records = Table(
    "county_year_records", metadata,
    Column("county_code", String(6), ForeignKey("divisions.code"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id"), primary_key=True),
    Column("rural_centers_built", Integer, nullable=True),   # in that year
    Column("urban_stations_built", Integer, nullable=True),  # in that year
    Column("info_platform", Boolean, nullable=True),
    Column("unified_hotline", Boolean, nullable=True),
)

province_year_records = Table(
    "province_year_records", metadata,
    Column("year", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id"), primary_key=True),
    Column("training_base_established", Boolean, nullable=True),
)

# The canonical preprocessed data: per division (a county; the province for province-only
# items), year and indicator, a numerator and a denominator (NULL for counts). Derived from
# the active records, rebuilt in the same transaction as every batch change.
indicator_counts = Table(
    "indicator_counts", metadata,
    Column("division_code", String(6), ForeignKey("divisions.code"), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("indicator_id", String(40), primary_key=True),
    Column("numerator", Float, nullable=True),
    Column("denominator", Float, nullable=True),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(80), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),  # salted (werkzeug scrypt)
    Column("role", String(10), nullable=False),            # viewer, editor, admin
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Part of every session's user id: bumped by a sign-out, a password, role or status
    # change, it ends every session of the user at once (data.users, routes.auth).
    Column("session_gen", Integer, nullable=False, default=0, server_default="0"),
    # A one-time password (the first admin's): it must be changed at the next sign-in.
    Column("must_change", Boolean, nullable=False, default=False, server_default="0"),
)

# Failed sign-ins, for rate limiting across every server process.
login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(80), nullable=False, index=True),
    Column("address", String(64), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
)

# The audit trail (data.audit): appended to, never updated; each row's hash covers its fields
# and the previous row's hash, so a changed or deleted row breaks the chain.
audit_events = Table(
    "audit_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),  # UTC
    Column("username", String(80), nullable=True),
    Column("address", String(64), nullable=True),
    Column("action", String(40), nullable=False),
    Column("object", Text, nullable=True),
    Column("result", String(200), nullable=True),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# One row: the chain's head (the last row's hash). Every append updates it first, which
# serialises appenders on every database (a write lock on SQLite, a row lock on PostgreSQL),
# and it lets verify see that the newest rows were deleted.
audit_head = Table(
    "audit_head", metadata,
    Column("id", Integer, primary_key=True),
    Column("last_hash", String(64), nullable=False),
    Column("appended", Integer, nullable=False),
)

# Reporting rounds (data/reporting.py, /reports): the day by which the counties' reports of a
# year are due, set by an editor. Past it, a county-year without a report is late.
reporting_deadlines = Table(
    "reporting_deadlines", metadata,
    Column("year", Integer, primary_key=True),
    Column("deadline", Date, nullable=False),           # the last day (Beijing) a report is on time
    Column("set_by", String(80), nullable=True),
    Column("set_at", DateTime(timezone=True), nullable=False),
)

# The plausibility warnings (data/quality.py) the import's check showed, kept with the batch they
# were imported in; an editor marks one checked with a note, which stays with it.
batch_warnings = Table(
    "batch_warnings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id"), nullable=False),
    Column("county_code", String(6), ForeignKey("divisions.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("check", String(20), nullable=False),        # one of data.quality.CHECKS
    Column("subject", String(40), nullable=False),      # an indicator's id, or what was measured
    Column("value", Float, nullable=True),
    Column("reference", Float, nullable=True),
    Column("threshold", Float, nullable=True),
    Column("checked_by", String(80), nullable=True),    # NULL until an editor marks it checked
    Column("checked_at", DateTime(timezone=True), nullable=True),
    Column("note", Text, nullable=True),
    Index("ix_batch_warnings_county_year", "county_code", "year"),
    Index("ix_batch_warnings_batch", "batch_id"),
)

# Bumped in every transaction that changes data, so every process knows when to reload.
store_meta = Table(
    "store_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Integer, nullable=False),
)

# The rate limits' counters (routes/limits.py), shared by every worker that uses this store:
# one row per limit, address and window, dropped once its window has passed.
rate_limit_counters = Table(
    "rate_limit_counters", metadata,
    Column("key", String(255), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("expires_at", Float, nullable=False, index=True),  # seconds since the epoch
)
