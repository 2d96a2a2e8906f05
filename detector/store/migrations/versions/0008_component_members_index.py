"""The component index covers what a network's statistics read of each member.

Scoring an applicant that joins a large network (more than ``MAX_REFRESH`` members) counts
the members, their confirmed fronts, their red-flag risks and their claimed countries. With
an index on ``component_id`` alone each member was a row read from the table: ~60 ms for a
network of 5,500 at a million profiles, the slowest requests of the scoring API. This index
(component id, then pk: the order the others' risks are added up in, as before) holds those
columns, so the counts are read from the index alone (~2 ms).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 20:50:00
"""

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

COLUMNS = ['component_id', 'pk', 'label', 'rules_risk', 'claimed_country']


def upgrade() -> None:
    op.create_index('ix_applicants_component_members', 'applicants', COLUMNS, unique=False)
    op.drop_index('ix_applicants_component_id', table_name='applicants')


def downgrade() -> None:
    op.create_index('ix_applicants_component_id', 'applicants', ['component_id'], unique=False)
    op.drop_index('ix_applicants_component_members', table_name='applicants')
