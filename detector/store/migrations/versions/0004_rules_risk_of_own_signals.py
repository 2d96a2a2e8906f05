"""Each applicant's stored red-flag risk scores its own signals only.

``rules_risk`` feeds ``link_component_others_risk`` (the red flags a profile's network members
show). It was the whole scorecard, links included, so the link that joined two profiles (a
shared payout account, say) was counted again as each one's red flag. It is now the scorecard
over the profile's own signals (``rules_baseline.own_red_flags``), recomputed here from each
applicant's stored features, as the store does for members it refreshes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 20:00:00
"""

import numpy as np
import pandas as pd
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_BATCH = 20_000


def upgrade() -> None:
    from detector.model.rules_baseline import OWN_RULES, own_red_flags

    _rescore_risks(OWN_RULES, own_red_flags)


def downgrade() -> None:
    from detector.model.rules_baseline import RULES, rules_score

    _rescore_risks(RULES, rules_score)  # the whole scorecard, as revision 0003 stored it


def _rescore_risks(rules, score) -> None:
    """Each applicant's ``rules_risk`` as ``score`` gives it from its stored features."""
    applicants = sa.table('applicants', sa.column('pk', sa.Integer), sa.column('features', sa.JSON),
                          sa.column('rules_risk', sa.Float))
    bind = op.get_bind()
    columns = [rule.feature for rule in rules]
    last = 0
    while True:
        rows = bind.execute(sa.select(applicants.c.pk, applicants.c.features)
                            .where(applicants.c.pk > last, applicants.c.features.is_not(None))
                            .order_by(applicants.c.pk).limit(_BATCH)).all()
        if not rows:
            return
        last = rows[-1].pk
        frame = pd.DataFrame([{c: r.features.get(c) for c in columns} for r in rows],
                             columns=columns).astype(float)
        risks = np.asarray(score(frame), dtype=float)
        bind.execute(sa.update(applicants).where(applicants.c.pk == sa.bindparam('p'))
                     .values(rules_risk=sa.bindparam('r')),
                     [{'p': r.pk, 'r': float(k)} for r, k in zip(rows, risks, strict=True)])
