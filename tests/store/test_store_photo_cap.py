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


def test_a_band_over_its_bound_keeps_its_lowest_keys_whatever_order_the_rows_lie_in(store, engine, monkeypatch):
    """Past ``MAX_PHOTO_CANDIDATES`` holders in a band, the lookup keeps the same profiles
    however the rows lie on disk: the first ones stored, not the first ones PostgreSQL reads.
    Here the first four holders' key rows are rewritten (new row versions, read last)."""
    from sqlalchemy import text

    import detector.store.lookup as lookup

    monkeypatch.setattr(lookup, "MAX_PHOTO_CANDIDATES", 4)
    stock = int(STOCK, 16)
    holders = [applicant(f"h{i}", photo_phash=f"{stock ^ (1 << i):016x}") for i in range(8)]  # 1 bit away each
    import_population(store, population(holders), engine)
    with store.session() as session:
        session.execute(text("UPDATE photo_keys SET value = value WHERE applicant_pk IN "
                             "(SELECT pk FROM applicants WHERE applicant_id IN ('h0', 'h1', 'h2', 'h3'))"))
    with store.session() as session:
        result = score_with_store(session, population([applicant("new", photo_phash=STOCK)]), engine)
    partners = sorted(other for _, other, kind, _ in result.links[0].pairs if kind == "photo")
    assert partners == ["h0", "h1", "h2", "h3"]
