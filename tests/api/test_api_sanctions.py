"""The API screens against the loaded OFAC SDN list, as `detector score` does.

A team that loads the list with `detector intel update --sdn` expects sign-ups scored through the
API to be screened too: an exact hit on a listed crypto address is at least `high`, with the SDN
entry in the reasons and in `sanctions_hits`, and the response names the feed version used.
"""

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from detector.api.app import create_app
from detector.intel.feed_store import FeedStore
from detector.settings import Settings
from detector.store import accounts
from tests.store_support import TEST_HASH_KEY

KIM_WALLET = "0x97B1043ABD9E6FC31681635166D430A458D14F9C"  # SDN entry 43377, program DPRK4


def _applicant(aid: str, wallet: str | None) -> dict:
    record = {"applicant_id": aid, "created_at": "2026-02-01T09:00:00Z", "claimed_country": "US",
              "full_name": "Alex Carter", "email": f"{aid}@example.com"}
    if wallet:
        record["payouts"] = [{"method": "crypto", "account_ref": wallet, "holder_name": "Alex Carter"}]
    return record


def _client(tmp_path, data_dir) -> TestClient:
    app = create_app(Settings.from_env(store_url=f"sqlite:///{tmp_path / 'store.sqlite'}",
                                       hash_key=TEST_HASH_KEY, data_dir=data_dir))
    return TestClient(app, raise_server_exceptions=False)


def _score(client: TestClient, record: dict) -> dict:
    with client.app.state.store.session() as session:  # type: ignore[attr-defined]
        key = accounts.create_api_key(session, "t", "score", "test")
    response = client.post("/v1/score", json=record, headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200, response.text
    return response.json()["results"][0]


@pytest.fixture(scope="module")
def sdn_data_dir(tmp_path_factory, shared_data):
    data_dir = tmp_path_factory.mktemp("data")
    FeedStore(data_dir).update({"sdn": shared_data / "ofac-sdn" / "sdn-2024-05-03.csv.gz"},
                                         published=dt.date(2024, 5, 3))
    return data_dir


def test_a_listed_wallet_scored_through_the_api_is_high_with_the_sdn_entry(tmp_path, sdn_data_dir):
    with _client(tmp_path, sdn_data_dir) as client:
        result = _score(client, _applicant("wallet-1", KIM_WALLET))
    assert result["band"] == "high"
    assert [(h["ent_num"], h["match_kind"]) for h in result["sanctions_hits"]] == [(43377, "crypto")]
    assert result["reasons"][0]["code"] == "SANCTIONS_MATCH"
    assert "43377" in result["reasons"][0]["evidence"]
    assert "sdn" in result["feed_versions"]


def test_without_a_loaded_list_the_api_says_it_did_not_screen(tmp_path):
    with _client(tmp_path, tmp_path / "empty-data") as client:
        result = _score(client, _applicant("wallet-2", KIM_WALLET))
    assert result["sanctions_hits"] is None
    assert "sdn" not in result["feed_versions"]
