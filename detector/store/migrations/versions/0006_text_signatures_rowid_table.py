"""Text signatures in an ordinary (rowid) table on SQLite, found through its primary-key index.

Revision 0003 made ``text_signatures`` a WITHOUT ROWID table: the rows sit in the primary
key's b-tree, and in that kind of b-tree the interior pages hold whole rows, 512-byte
signatures included, so a page fans out to only ~7 children and a million-profile store's
table is 8 levels deep. Each of the ~115 signatures a near-duplicate check reads per
applicant then cost ~8 microseconds; in a rowid table the (applicant, field) index is
narrow and the rows are reached by rowid (3 levels), half the time per applicant. The
rows are copied in key order. PostgreSQL tables are heaps with a separate primary-key
index already: nothing changes there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def _rebuild(with_rowid: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_table('text_signatures_rebuilt',
                    sa.Column('applicant_pk', sa.Integer(), nullable=False),
                    sa.Column('field', sa.String(length=16), nullable=False),
                    sa.Column('signature', sa.LargeBinary(), nullable=False),
                    sa.ForeignKeyConstraint(['applicant_pk'], ['applicants.pk'], ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('applicant_pk', 'field'),
                    sqlite_with_rowid=with_rowid)
    op.execute("INSERT INTO text_signatures_rebuilt (applicant_pk, field, signature) "
               "SELECT applicant_pk, field, signature FROM text_signatures ORDER BY applicant_pk, field")
    op.drop_table('text_signatures')
    op.rename_table('text_signatures_rebuilt', 'text_signatures')


def upgrade() -> None:
    _rebuild(with_rowid=True)


def downgrade() -> None:
    _rebuild(with_rowid=False)
