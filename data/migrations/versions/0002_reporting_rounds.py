"""Reporting rounds: a deadline per year, and the plausibility warnings kept with each batch.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02

Two new tables, written out here (data/schema.py moves on; this must not): reporting_deadlines
(the day by which a year's reports are due, set by an editor on /reports) and batch_warnings (the
warnings the import's check showed, stored with the batch, each markable as checked with a note).
Nothing existing changes, so the downgrade drops the two tables and loses only what they hold.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reporting_deadlines",
        sa.Column("year", sa.Integer(), primary_key=True),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("set_by", sa.String(80), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "batch_warnings",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("batch_id", sa.Integer(), sa.ForeignKey("import_batches.id"), nullable=False),
        sa.Column("county_code", sa.String(6), sa.ForeignKey("divisions.code"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("check", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(40), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("reference", sa.Float(), nullable=True),
        sa.Column("threshold", sa.Float(), nullable=True),
        sa.Column("checked_by", sa.String(80), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_batch_warnings_county_year", "batch_warnings", ["county_code", "year"])
    op.create_index("ix_batch_warnings_batch", "batch_warnings", ["batch_id"])


def downgrade() -> None:
    op.drop_index("ix_batch_warnings_batch", table_name="batch_warnings")
    op.drop_index("ix_batch_warnings_county_year", table_name="batch_warnings")
    op.drop_table("batch_warnings")
    op.drop_table("reporting_deadlines")
