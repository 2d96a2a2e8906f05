"""Photo keys carry the whole photo hash, in their lookup index.

Comparing the candidates of a photo band then reads only that index: at a million profiles
the candidates' wide applicant rows (texts, signatures) cost hundreds of random reads per
scored applicant. Existing keys are filled from their applicants.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 14:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('photo_keys', schema=None) as batch_op:
        batch_op.add_column(sa.Column('photo_hash', sa.BigInteger(), nullable=True))
    op.execute("UPDATE photo_keys SET photo_hash = "
               "(SELECT applicants.photo_hash FROM applicants WHERE applicants.pk = photo_keys.applicant_pk)")
    op.drop_index('ix_photo_keys_lookup', table_name='photo_keys')
    op.create_index('ix_photo_keys_lookup', 'photo_keys', ['band', 'value', 'applicant_pk', 'photo_hash'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_photo_keys_lookup', table_name='photo_keys')
    op.create_index('ix_photo_keys_lookup', 'photo_keys', ['band', 'value', 'applicant_pk'], unique=False)
    with op.batch_alter_table('photo_keys', schema=None) as batch_op:
        batch_op.drop_column('photo_hash')
