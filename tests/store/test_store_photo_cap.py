"""The store drops stock photos (more holders than the photo cap) as batch linking does."""

import pytest

from detector.store.scoring import import_population, score_with_store
from tests.helpers import applicant, population

STOCK = "9a8b7c6d5e4f3a2b"


@pytest.mark.parametrize("holders, expected", [(9, 9.0), (10, 0.0)], ids=["under the cap", "over the cap"])
def test_a_newcomer_on_a_stock_photo_links_nobody(holders, expected, store, engine):
    assert engine.settings.photo_hub_cap == 10  # the default
    import_population(store, population([applicant(f"s{i:02d}", photo_phash=STOCK) for i in range(holders)]),
                      engine)
    with store.session() as session:
        result = score_with_store(session, population([applicant("new", photo_phash=STOCK)]), engine)
    assert result.features.loc["new", "link_photo_reused"] == expected
