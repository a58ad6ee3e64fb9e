"""Baseline: the schema as it was when migrations began (December 2026).

Revision ID: 0001
Revises:
Create Date: 2026-12-02

The tables are written out here, frozen (data/schema.py moves on; this must not). On an empty
store it creates them all. On a store made before migrations (its tables made by create_all at
each start, no alembic_version) it does what every start used to do: it creates the tables
that store lacks, adds the users columns added later, and fills in the scope of batches written
before batch_scope existed. So it is safe on either.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Boolean, Column, DateTime, Float, ForeignKey, Index, Integer, String, Table, Text

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

baseline = sa.MetaData()
Table("divisions", baseline,
      Column("code", String(6), primary_key=True),
      Column("name", String(40), nullable=False),
      Column("name_en", String(80), nullable=False),
      Column("kind", String(30), nullable=False),
      Column("level", String(10), nullable=False),
      Column("parent_code", String(6), nullable=True))
Table("import_batches", baseline,
      Column("id", Integer, primary_key=True, autoincrement=True),
      Column("kind", String(10), nullable=False),
      Column("source", Text, nullable=False),
      Column("file_name", String(255), nullable=True),
      Column("sha256", String(64), nullable=False),
      Column("created_at", DateTime(timezone=True), nullable=False),
      Column("created_by", String(80), nullable=True),
      Column("row_count", Integer, nullable=False),
      Column("is_simulated", Boolean, nullable=False),
      Column("status", String(12), nullable=False),
      Column("dedupe_key", String(80), nullable=True, unique=True))
Table("batch_scope", baseline,
      Column("batch_id", Integer, ForeignKey("import_batches.id"), primary_key=True),
      Column("county_code", String(6), ForeignKey("divisions.code"), primary_key=True),
      Column("year", Integer, primary_key=True),
      Index("ix_batch_scope_county_year", "county_code", "year"))
Table("units", baseline,
      Column("id", String(20), primary_key=True),
      Column("kind", String(5), nullable=False),
      Column("name", String(60), nullable=False),
      Column("name_en", String(120), nullable=True),
      Column("county_code", String(6), ForeignKey("divisions.code"), nullable=False, index=True),
      Column("batch_id", Integer, ForeignKey("import_batches.id"), nullable=False))
Table("unit_year_records", baseline,
      Column("unit_id", String(20), ForeignKey("units.id"), primary_key=True),
      Column("year", Integer, primary_key=True),
      Column("batch_id", Integer, ForeignKey("import_batches.id"), primary_key=True),
      *(Column(name, kind, nullable=True) for name, kind in [
          ("households", Integer), ("residents", Integer), ("has_facility", Boolean),
          ("facility_area_m2", Float), ("square_area_m2", Float), ("barrier_free", Boolean),
          ("broadband", Boolean), ("social_workers", Integer), ("social_organisations", Integer),
          ("volunteer_teams", Integer), ("registered_volunteers", Integer), ("resident_volunteers", Integer),
          ("party_members", Integer), ("party_member_volunteers", Integer), ("election_type", String(10)),
          ("resident_units", Integer), ("co_building_units", Integer), ("staff", Integer),
          ("staff_trained", Integer), ("e_records", Boolean)]),
      Index("ix_unit_year_records_year", "year"))
Table("county_year_records", baseline,
      Column("county_code", String(6), ForeignKey("divisions.code"), primary_key=True),
      Column("year", Integer, primary_key=True),
      Column("batch_id", Integer, ForeignKey("import_batches.id"), primary_key=True),
      Column("rural_centers_built", Integer, nullable=True),
      Column("urban_stations_built", Integer, nullable=True),
      Column("info_platform", Boolean, nullable=True),
      Column("unified_hotline", Boolean, nullable=True))
Table("province_year_records", baseline,
      Column("year", Integer, primary_key=True),
      Column("batch_id", Integer, ForeignKey("import_batches.id"), primary_key=True),
      Column("training_base_established", Boolean, nullable=True))
Table("indicator_counts", baseline,
      Column("division_code", String(6), ForeignKey("divisions.code"), primary_key=True),
      Column("year", Integer, primary_key=True),
      Column("indicator_id", String(40), primary_key=True),
      Column("numerator", Float, nullable=True),
      Column("denominator", Float, nullable=True))
Table("users", baseline,
      Column("id", Integer, primary_key=True, autoincrement=True),
      Column("username", String(80), nullable=False, unique=True),
      Column("password_hash", String(255), nullable=False),
      Column("role", String(10), nullable=False),
      Column("active", Boolean, nullable=False),
      Column("created_at", DateTime(timezone=True), nullable=False),
      Column("session_gen", Integer, nullable=False, server_default="0"),
      Column("must_change", Boolean, nullable=False, server_default="0"))
Table("login_failures", baseline,
      Column("id", Integer, primary_key=True, autoincrement=True),
      Column("username", String(80), nullable=False, index=True),
      Column("address", String(64), nullable=False),
      Column("at", DateTime(timezone=True), nullable=False, index=True))
Table("audit_events", baseline,
      Column("id", Integer, primary_key=True, autoincrement=True),
      Column("at", DateTime(timezone=True), nullable=False, index=True),
      Column("username", String(80), nullable=True),
      Column("address", String(64), nullable=True),
      Column("action", String(40), nullable=False),
      Column("object", Text, nullable=True),
      Column("result", String(200), nullable=True),
      Column("prev_hash", String(64), nullable=False),
      Column("hash", String(64), nullable=False))
Table("audit_head", baseline,
      Column("id", Integer, primary_key=True),
      Column("last_hash", String(64), nullable=False),
      Column("appended", Integer, nullable=False))
Table("store_meta", baseline,
      Column("key", String(40), primary_key=True),
      Column("value", Integer, nullable=False))
Table("rate_limit_counters", baseline,
      Column("key", String(255), primary_key=True),
      Column("count", Integer, nullable=False),
      Column("expires_at", Float, nullable=False, index=True))

# Columns added to users after stores were first made (older stores lack them).
USER_COLUMNS_ADDED = ("session_gen", "must_change")


def upgrade() -> None:
    bind = op.get_bind()
    baseline.create_all(bind, checkfirst=True)  # every table a store lacks, with its indexes
    have = {c["name"] for c in sa.inspect(bind).get_columns("users")}
    for name in USER_COLUMNS_ADDED:
        if name not in have:
            column = baseline.tables["users"].c[name]
            op.add_column("users", Column(name, column.type, nullable=False,
                                          server_default=column.server_default.arg))
    _backfill_scope(bind)


def _backfill_scope(bind) -> None:
    """Batches written before batch_scope existed: their scope is the county-years their records touch."""
    t = baseline.tables
    b, sc, u, r, c = (t["import_batches"], t["batch_scope"], t["units"], t["unit_year_records"],
                      t["county_year_records"])
    missing = bind.execute(sa.select(b.c.id).where(~sa.exists().where(sc.c.batch_id == b.c.id))).scalars().all()
    for batch_id in missing:
        touched = sa.union(
            sa.select(sa.literal(batch_id), u.c.county_code, r.c.year).join(u, u.c.id == r.c.unit_id)
            .where(r.c.batch_id == batch_id),
            sa.select(sa.literal(batch_id), c.c.county_code, c.c.year).where(c.c.batch_id == batch_id))
        bind.execute(sc.insert().from_select(["batch_id", "county_code", "year"], touched))


def downgrade() -> None:
    baseline.drop_all(op.get_bind())
