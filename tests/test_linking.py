"""Cross-applicant links: shared identifiers, agencies, hubs, laptop farms, components, evidence."""

import numpy as np
import pandas as pd

from detector.linking.components import known_front_counts
from detector.linking.population_links import build_links
from detector.settings import Settings
from detector.training.known_fronts import cross_fitted_known_fronts
from tests.helpers import applicant, population

SETTINGS = Settings(hash_key=b"test-key", hub_cap=5)
TEMPLATE = ("Senior full-stack engineer with {years} years of experience building React and Node.js "
            "applications on AWS. At {employer} I led the migration of a monolith to microservices, "
            "cut page load times by half and mentored junior developers. Strong in TypeScript, "
            "PostgreSQL, Docker, Kubernetes, CI/CD pipelines and test automation. I communicate "
            "clearly, document my work and deliver on time. Contact {name} at {email}.")


def _links(pop, labels=None):
    sessions = pop.sessions.copy()
    sessions["anonymised"] = False
    return build_links(pop.applicants, sessions, pop.payouts, pop.proposals, SETTINGS, labels)


def _payout(aid, ref, holder="x"):
    return {"applicant_id": aid, "method": "bank", "account_ref": ref, "account_country": "US",
            "holder_name": holder}


def _session(aid, ip, day, device=None):
    return {"applicant_id": aid, "started_at": f"2026-03-{day:02d}T15:00:00Z", "ip": ip, "device_id": device}


def test_shared_payout_links_profiles_but_not_inside_a_declared_agency():
    pop = population(
        [applicant("a"), applicant("b"), applicant("c"),
         applicant("d", agency_id="ag1"), applicant("e", agency_id="ag1")],
        payouts=[_payout("a", "US-001 234"), _payout("b", "us001234"), _payout("c", "US-999"),
                 _payout("d", "AG-ACC"), _payout("e", "AG-ACC")],
    )
    links = _links(pop)
    f = links.features
    assert f.loc["a", "link_payout_shared"] == 1  # spaces and case do not hide the account
    assert f.loc["b", "link_payout_shared"] == 1
    assert f.loc["c", "link_payout_shared"] == 0
    assert f.loc["d", "link_payout_shared"] == 0  # same declared agency: not concealed
    assert f.loc["a", "link_component_size"] == 2
    assert f.loc["d", "link_component_size"] == 1


def test_an_agency_members_own_account_is_not_a_concealed_link_for_one_who_did_not_declare():
    pop = population(
        [applicant("d", agency_id="ag1"), applicant("e", agency_id="ag1"), applicant("f"),
         applicant("g")],
        payouts=[_payout("d", "AG-ACC"), _payout("e", "AG-ACC"), _payout("f", "AG-ACC"),
                 _payout("d", "D-OWN"), _payout("g", "D-OWN")],
    )
    f = _links(pop).features
    assert f.loc["f", "link_payout_shared"] == 0  # the agency's account: f is a member
    assert f.loc["d", "link_payout_shared"] == 1  # only g, through d's personal account
    assert f.loc["g", "link_payout_shared"] == 1


def test_hub_identifiers_are_ignored():
    # Seven profiles behind one carrier-grade NAT address exceed the hub cap of 5.
    apps = [applicant(f"m{i}") for i in range(7)]
    sessions = [_session(f"m{i}", "100.64.0.1", 3) for i in range(7)]
    f = _links(population(apps, sessions)).features
    assert (f["link_residential_ip_shared"] == 0).all()


def test_laptop_farm_ip_counts_only_within_the_period():
    apps = [applicant(x) for x in ("f1", "f2", "f3", "late")]
    sessions = [_session("f1", "73.1.2.3", 1, "dev-1"), _session("f2", "73.1.2.3", 2),
                _session("f3", "73.1.2.3", 3), _session("late", "73.1.2.3", 1)]
    sessions[-1]["started_at"] = "2026-09-01T15:00:00Z"
    f = _links(population(apps, sessions)).features
    assert f.loc["f1", "link_residential_ip_shared"] == 2
    assert f.loc["late", "link_residential_ip_shared"] == 0


def _sessions_on(aid, ips):
    return [_session(aid, ip, day + 1) for day, ip in enumerate(ips)]


def test_an_ip_links_only_profiles_whose_main_connection_it_is():
    # A farm's line carries most of each persona's sessions; a mobile carrier's NAT address is
    # one of many that a commuter passes through, shared by strangers at the same time.
    farm = "73.1.2.3"
    sessions = (_sessions_on("persona1", [farm] * 5) + _sessions_on("persona2", [farm] * 4 + ["24.0.0.9"])
                + _sessions_on("commuter", [farm, "98.0.0.1", "98.0.0.1", "98.0.0.1", "98.0.0.2"]))
    apps = [applicant(x) for x in ("persona1", "persona2", "commuter")]
    f = _links(population(apps, sessions)).features
    assert f.loc["persona1", "link_residential_ip_shared"] == 1
    assert f.loc["persona2", "link_residential_ip_shared"] == 1
    assert f.loc["commuter", "link_residential_ip_shared"] == 0
    assert f.loc["commuter", "link_component_size"] == 1


def test_profiles_of_the_same_name_are_not_concealed_links():
    # One person's second account (or two John Smiths whose webmail address was derived from
    # the name) is not a network of personas; the same phone under another name is.
    apps = [applicant("first", full_name="John Smith", phone="+1 415 555 0100", email="john.smith@gmail.com"),
            applicant("second", full_name="john  SMITH", phone="+1 415 555 0100", email="john.smith@gmail.com"),
            applicant("persona", full_name="Maria Lopez", phone="+1 415 555 0100")]
    f = _links(population(apps)).features
    assert f.loc["first", "link_phone_shared"] == 1  # the persona only
    assert f.loc["first", "link_email_shared"] == 0
    assert f.loc["persona", "link_phone_shared"] == 2
    assert f.loc["first", "link_component_size"] == 3  # both join through the persona


def test_template_resume_with_swapped_names_links_different_identities():
    people = [("Daniel Brooks", "Acme Corp", 8), ("Maria Lopez", "Globex", 7), ("Tom Becker", "Initech", 9)]
    apps = [applicant(f"r{i}", full_name=n, resume_text=TEMPLATE.format(
        years=y, employer=e, name=n, email=n.split()[0].lower() + "@mail.com"))
        for i, (n, e, y) in enumerate(people)]
    apps.append(applicant("other", full_name="Lee Wong",
                          resume_text="Data analyst skilled in Excel, Tableau and SQL reporting for retail "
                                      "chains; built weekly dashboards and forecasting models in R."))
    links = _links(population(apps))
    f = links.features
    assert f.loc["r0", "link_resume_near_duplicates"] == 2
    assert f.loc["r0", "link_resume_max_similarity"] >= 0.6
    assert f.loc["other", "link_resume_near_duplicates"] == 0
    # near-duplicate texts are evidence for both profiles but do not join them into a network:
    # honest people write alike too, and chains of chance matches would join strangers
    assert f.loc["r1", "link_component_size"] == 1
    assert f.loc["r1", "link_evidence_kinds"] == 1
    resume_pairs = links.pairs[links.pairs["kind"] == "resume"]
    assert len(resume_pairs) == 3


def test_photo_reuse_under_different_names():
    apps = [applicant("p1", full_name="Ann Lee", photo_phash="c3d4e5f60718293a"),
            applicant("p2", full_name="Bo Kim", photo_phash="c3d4e5f60718293b"),  # 1 bit apart
            applicant("p3", full_name="Cy Ode", photo_phash="0000000000000000")]
    f = _links(population(apps)).features
    assert f.loc["p1", "link_photo_reused"] == 1
    assert f.loc["p3", "link_photo_reused"] == 0


def test_a_photo_on_more_profiles_than_the_photo_cap_is_a_stock_image():
    stock = [applicant(f"s{i:02d}", photo_phash="9a8b7c6d5e4f3a2b") for i in range(11)]
    reused = [applicant(f"r{i}", photo_phash="c3d4e5f60718293a") for i in range(3)]
    settings = Settings(hash_key=b"test-key", hub_cap=40, photo_hub_cap=10)
    pop = population(stock + reused)
    sessions = pop.sessions.copy()
    sessions["anonymised"] = False
    f = build_links(pop.applicants, sessions, pop.payouts, pop.proposals, settings).features
    assert f.loc[[a["applicant_id"] for a in stock], "link_photo_reused"].eq(0).all()
    assert f.loc[[a["applicant_id"] for a in reused], "link_photo_reused"].eq(2).all()
    assert f.loc["s00", "link_component_size"] == 1


def test_known_fronts_never_count_the_own_label():
    components = np.array([0, 0, 0, 1])
    labels = np.array([1.0, 1.0, np.nan, 1.0])
    counts = known_front_counts(components, labels)
    assert counts.tolist() == [1, 1, 2, 0]


def test_cross_fitted_known_fronts_hide_some_networks_entirely():
    components = np.repeat(np.arange(200), 10)
    labels = np.ones(len(components))
    counts = cross_fitted_known_fronts(components, labels, random_state=1)
    per_component = pd.Series(counts).groupby(components).max()
    assert (per_component == 0).mean() > 0.3  # networks nobody has confirmed yet
    assert (per_component > 0).mean() > 0.3
    assert counts.max() <= 9  # never the own label
