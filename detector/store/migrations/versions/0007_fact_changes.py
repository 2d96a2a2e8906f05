"""A log of applicants whose linking facts were written, for in-memory lookups.

A server process may hold the text band keys, signatures and photo keys in memory
(``detector.store.working_set``); to see what other processes write it reads this log from
the last sequence number it has seen. Existing rows need no entry: a working set is loaded
from the tables themselves.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28 05:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fact_changes',
                    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('applicant_pk', sa.Integer(), nullable=False),
                    sa.ForeignKeyConstraint(['applicant_pk'], ['applicants.pk'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('seq'))


def downgrade() -> None:
    op.drop_table('fact_changes')
