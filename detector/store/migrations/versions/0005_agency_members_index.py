"""An index on the declared agency, with each member's red-flag risk.

Scoring one applicant reads the risks of the other profiles that declare its agency
(``agency_others_risk``); without the index that is a scan of every applicant.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 22:00:00
"""

from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_applicants_agency', 'applicants', ['agency_id', 'rules_risk'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_applicants_agency', table_name='applicants')
