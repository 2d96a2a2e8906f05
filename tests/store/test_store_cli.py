"""The store commands as a user runs them: init, import, keys, users, labels, score --store."""

import pandas as pd
from click.testing import CliRunner

from detector.cli import main
from tests.store_support import EXAMPLE, TEST_HASH_KEY


def _run(args, store_file, **env):
    environment = {"DETECTOR_HASH_KEY": TEST_HASH_KEY.decode(), "DETECTOR_STORE_URL": str(store_file), **env}
    return CliRunner().invoke(main, args, env=environment, catch_exceptions=False)


def test_store_commands_end_to_end(tmp_path):
    store_file = tmp_path / "store.sqlite"
    assert _run(["store", "init"], store_file).exit_code == 0
    first = EXAMPLE.read_text().splitlines()
    (tmp_path / "old.jsonl").write_text("\n".join(first[:300]) + "\n")
    (tmp_path / "new.jsonl").write_text("\n".join(first[300:]) + "\n")
    result = _run(["store", "import", str(tmp_path / "old.jsonl")], store_file)
    assert result.exit_code == 0 and "imported 300 applicants" in result.output

    result = _run(["score", str(tmp_path / "new.jsonl"), "-o", str(tmp_path / "new.csv"), "--store",
                   str(store_file)], store_file)
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(tmp_path / "new.csv")) == 100

    result = _run(["store", "create-key", "--scopes", "score,read", "--name", "ci"], store_file)
    assert result.exit_code == 0 and result.output.startswith("dtk_")
    assert _run(["store", "create-key", "--scopes", "everything"], store_file).exit_code != 0
    result = _run(["store", "create-user", "ana", "--role", "analyst"], store_file,
                  DETECTOR_NEW_USER_PASSWORD="a long password")
    assert result.exit_code == 0

    from detector.settings import Settings
    from detector.store import queries
    from detector.store.db import open_store

    store = open_store(Settings(store_url=str(store_file), hash_key=TEST_HASH_KEY))
    with store.session() as session:
        assert queries.store_counts(session)["applicants"] == 400
        target = queries.review_queue(session, page_size=1).items[0].applicant_id
        queries.record_decision(session, target, "front", "confirmed by enforcement", "user:ana")
    store.dispose()
    result = _run(["store", "export-labels", "-o", str(tmp_path / "labels.csv")], store_file)
    assert result.exit_code == 0
    labels = pd.read_csv(tmp_path / "labels.csv")
    assert labels[["applicant_id", "label"]].values.tolist() == [[target, 1]]


def test_store_refuses_to_run_without_a_hash_key(tmp_path):
    result = CliRunner().invoke(main, ["store", "init", "--store", str(tmp_path / "s.sqlite")],
                                env={"DETECTOR_HASH_KEY": ""})
    assert result.exit_code == 4 and "DETECTOR_HASH_KEY" in result.output
