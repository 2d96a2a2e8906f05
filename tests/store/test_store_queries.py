"""The queries the console and API use, over the example population in a real store."""

import pytest

from detector.errors import InputError
from detector.store import accounts, queries
from detector.store.scoring import import_population


@pytest.fixture
def filled(store, engine, example_population):
    import_population(store, example_population, engine)
    return store


def test_review_queue_ranks_by_score_and_filters(filled):
    with filled.session() as session:
        page = queries.review_queue(session, page_size=20)
        assert page.total == 400 and len(page.items) == 20
        scores = [item.score for item in page.items]
        assert scores == sorted(scores, reverse=True)
        high = queries.review_queue(session, queries.QueueFilters(band="high"), page_size=500)
        assert high.total == len(high.items) > 0 and {i.band for i in high.items} == {"high"}
        top = page.items[0]
        assert top.top_reasons and top.component_size >= 1
        second = queries.review_queue(session, page=2, page_size=20)
        assert not {i.applicant_id for i in page.items} & {i.applicant_id for i in second.items}


def test_applicant_page_data(filled, example_batch):
    features = example_batch.table.features
    target = features.index[features["link_resume_near_duplicates"] >= 1][0]
    with filled.session() as session:
        detail = queries.applicant_detail(session, target)
        graph = queries.network(session, target)
        history = queries.score_history(session, target)
    assert len(detail.activity_hours) == 24 and sum(detail.activity_hours) > 0
    assert sum(g.sessions for g in detail.sessions_by_network) == sum(detail.session_countries.values()) > 0
    assert detail.nearest_duplicate is not None and detail.nearest_duplicate.resume_text
    assert detail.nearest_duplicate.similarity >= 0.5 and detail.resume_text
    assert any(node["is_focus"] and node["id"] == target for node in graph.nodes)
    assert len(graph.nodes) == detail.component_size and graph.edges
    assert len(history) == 1 and history[0].source == "import"


def test_decisions_assignments_and_the_audit_log(filled):
    with filled.session() as session:
        accounts.create_user(session, "ana", "a long password 1", "analyst")
        accounts.create_user(session, "lee", "a long password 2", "lead")
        target = queries.review_queue(session, page_size=1).items[0].applicant_id
        queries.assign(session, target, "ana", "user:lee")
        assert queries.review_queue(session, queries.QueueFilters(assignee="ana")).total == 1
        with pytest.raises(InputError, match="note"):
            queries.record_decision(session, target, "front", "", "user:ana")
        queries.record_decision(session, target, "front", "shares a payout account with 3 fronts", "user:ana")
    with filled.session() as session:
        assert queries.applicant_detail(session, target).status == "decided"
        assert queries.review_queue(session, queries.QueueFilters(status="open")).total == 399
        entries = queries.audit_log(session, applicant_id=target)
        assert [e.action for e in entries] == ["decision", "assign"]
        assert entries[0].actor == "user:ana" and entries[1].detail == {"from": None, "to": "ana"}
        labels = queries.labels_table(session, "user:lee")
        assert labels.to_dict("records")[0]["applicant_id"] == target
        assert queries.audit_log(session, actor="user:lee")[0].action == "labels.export"


def test_passwords_are_argon2_and_sessions_expire_on_logout(store):
    with store.session() as session:
        user = accounts.create_user(session, "ana", "correct horse battery", "analyst")
        assert user.password_hash.startswith("$argon2id$")
        assert accounts.authenticate_user(session, "ana", "wrong password") is None
        assert accounts.authenticate_user(session, "ana", "correct horse battery") is not None
        token, csrf = accounts.start_console_session(session, user)
        assert accounts.console_session_user(session, token)[0].username == "ana"
        accounts.end_console_session(session, token)
        assert accounts.console_session_user(session, token) is None
        with pytest.raises(InputError, match="at least 10"):
            accounts.create_user(session, "bob", "short", "analyst")
