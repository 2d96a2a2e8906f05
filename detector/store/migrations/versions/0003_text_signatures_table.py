"""Text signatures in a narrow table keyed by (applicant, field).

A near-duplicate check compares the signatures of about a hundred candidates per text at a
million profiles; read from the wide applicant rows, each one walked past the stored texts.
The applicant columns stay (the record); the new table is filled from them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 16:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('text_signatures',
                    sa.Column('applicant_pk', sa.Integer(), nullable=False),
                    sa.Column('field', sa.String(length=16), nullable=False),
                    sa.Column('signature', sa.LargeBinary(), nullable=False),
                    sa.ForeignKeyConstraint(['applicant_pk'], ['applicants.pk'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('applicant_pk', 'field'),
                    sqlite_with_rowid=False)
    for field in ('resume', 'proposal'):
        op.execute(f"INSERT INTO text_signatures (applicant_pk, field, signature) "
                   f"SELECT pk, '{field}', {field}_signature FROM applicants "
                   f"WHERE {field}_signature IS NOT NULL ORDER BY pk")


def downgrade() -> None:
    op.drop_table('text_signatures')
