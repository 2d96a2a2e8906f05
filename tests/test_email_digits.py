"""Shared webmail digit runs link profiles only when chance does not explain the sharing."""

import numpy as np
import pandas as pd

from detector.linking.email_digits import beyond_chance, digit_run_kind, linkable_digit_run
from detector.linking.population_links import build_links
from detector.settings import Settings
from tests.helpers import applicant, population

SETTINGS = Settings(hash_key=b"test-key", hub_cap=40)


def _suffix_links(apps):
    pop = population(apps)
    sessions = pop.sessions.copy()
    sessions["anonymised"] = False
    links = build_links(pop.applicants, sessions, pop.payouts, pop.proposals, SETTINGS)
    return links.features["link_email_suffix_shared"]


def test_which_digit_runs_may_link():
    assert linkable_digit_run("ana.smith8734@gmail.com") == "8734"
    assert linkable_digit_run("ana.smith493@gmail.com") == "493"
    assert linkable_digit_run("ana.smith44@gmail.com") is None  # two digits: everyone's
    assert linkable_digit_run("ana.smith1989@gmail.com") is None  # a year
    assert linkable_digit_run("ana.smith8734@smith-studio.dev") is None  # not webmail
    assert [digit_run_kind(r) for r in ("493", "8734", "87341", "8734123")] == [
        "email_suffix3", "email_suffix4", "email_suffix5", "email_suffix6"]


def test_chance_threshold_follows_the_population_of_runs():
    four = np.full(4, 4)
    # two holders of a four-digit run: telling among 50 holders of such runs, chance among
    # 20,000; six holders: telling among 5,000, chance among 50,000 (five others expected)
    assert beyond_chance(np.array([2, 2, 6, 6]), np.array([50, 20_000, 5_000, 50_000]), four).tolist() == [
        True, False, True, False]


def test_runs_shared_by_chance_do_not_link_but_a_cell_does():
    rng = np.random.default_rng(7)
    # 1,000 honest holders of three-digit runs: about one other holder each by chance
    honest = [applicant(f"h{i:04d}", email=f"user.h{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}"
                        f"{rng.integers(0, 1000):03d}@gmail.com") for i in range(1000)]
    cell = [applicant(f"f{i}", email=f"agent.{name}5717@gmail.com")
            for i, name in enumerate(["james", "oliver", "ethan", "tyler", "grace", "nicole"])]
    linked = _suffix_links(honest + cell)
    honest_ids = [a["applicant_id"] for a in honest]
    shared_by_chance = pd.Series([a["email"][-13:-10] for a in honest]).duplicated(keep=False)
    assert shared_by_chance.sum() > 300  # the case the rule is for: chance pairs abound
    assert (linked[honest_ids] > 0).mean() < 0.01
    assert linked[[a["applicant_id"] for a in cell]].tolist() == [5.0] * 6


def test_in_a_small_population_a_pair_still_links():
    apps = [applicant("a", email="ann.lee731@gmail.com"), applicant("b", email="bo.kim731@gmail.com"),
            applicant("c", email="cy.ray284@gmail.com")]
    assert _suffix_links(apps).tolist() == [1.0, 1.0, 0.0]
