"""Screening applicants and payouts against the SDN list: hits for real variants, none for namesakes.

The false-match bound runs ~2,000 generated common legitimate names against the DPRK-related
subset of the real 2024-05-03 snapshot (the number quoted in NAME_MATCH_THRESHOLD's docstring).
"""

from __future__ import annotations

from itertools import product
from pathlib import Path

import pandas as pd
import pytest

from detector.sanctions import NAME_MATCH_THRESHOLD, NameIndex, load_sdn, screen
from detector.sanctions.screening import SCREEN_COLUMNS, _tokens, align_names
from detector.sanctions.sdn_formats import email_domain

SNAPSHOT = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ofac-sdn" / "sdn-2024-05-03.csv.gz"

KOREAN_SURNAMES = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
                   "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Jeon", "Hong"]
KOREAN_GIVEN = ["Min-jun", "Seo-yeon", "Ji-hoon", "Ha-eun", "Do-yun", "Ji-woo", "Seo-jun", "Min-seo",
                "Ye-jun", "Su-bin", "Hyun-woo", "Ji-min", "Jun-ho", "Eun-ji", "Sung-min", "Young-ho",
                "Dong-hyun", "Jae-won", "Soo-jin", "Sang-woo"]
CHINESE_SURNAMES = ["Li", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu",
                    "Xu", "Sun", "Hu", "Zhu", "Gao"]
CHINESE_GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Xiaoming", "Qiang", "Lei", "Jun", "Yang",
                 "Yong", "Yan", "Jie", "Tao", "Ming", "Chao", "Xiuying", "Hui", "Ping", "Gang"]
WESTERN_GIVEN = ["James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda",
                 "David", "Emma", "Thomas", "Sarah", "Daniel", "Laura", "Peter", "Anna", "Mark",
                 "Julia", "Paul", "Sophie"]
WESTERN_SURNAMES = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
                    "Taylor", "Anderson", "Thomas", "Moore", "Martin", "Clark", "Walker", "Young",
                    "King", "Wright", "Schmidt", "Muller"]
RUSSIAN_GIVEN = ["Ivan", "Dmitry", "Sergey", "Alexey", "Andrey", "Olga", "Natalia", "Elena",
                 "Maria", "Anna", "Nikolai", "Pavel", "Mikhail", "Tatiana", "Irina"]
RUSSIAN_SURNAMES = ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov",
                    "Mikhailov", "Novikov", "Fedorov", "Morozov", "Volkov", "Alekseev", "Lebedev",
                    "Semenov"]
ARABIC_GIVEN = ["Ahmed", "Omar", "Fatima", "Youssef", "Layla", "Khalid", "Mariam", "Hassan",
                "Aisha", "Karim", "Nour", "Tariq", "Samir", "Huda", "Rami"]
ARABIC_SURNAMES = ["Haddad", "Khoury", "Mansour", "Saleh", "Nasser", "Farouk", "Aziz", "Hamdan",
                   "Qasim", "Darwish", "Sabbagh", "Othman", "Rahman", "Jaber", "Halabi"]
INDIAN_GIVEN = ["Aarav", "Priya", "Rahul", "Ananya", "Vikram", "Sneha", "Arjun", "Pooja", "Rohan",
                "Kavya", "Amit", "Neha", "Suresh", "Divya", "Karan"]
INDIAN_SURNAMES = ["Sharma", "Patel", "Singh", "Kumar", "Gupta", "Reddy", "Iyer", "Nair", "Mehta",
                   "Joshi", "Rao", "Das", "Bose", "Chopra", "Malhotra"]
HISPANIC_GIVEN = ["Jose", "Maria", "Juan", "Carmen", "Luis", "Ana", "Carlos", "Lucia", "Miguel",
                  "Sofia", "Javier", "Elena", "Diego", "Isabel", "Pablo"]
HISPANIC_SURNAMES = ["Garcia", "Rodriguez", "Martinez", "Lopez", "Gonzalez", "Perez", "Sanchez",
                     "Ramirez", "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Morales", "Ortiz"]


def legitimate_names() -> list[str]:
    """About 2,000 common names; Korean in both orders, Chinese surname first."""
    names = [f"{s} {g}" if i % 2 else f"{g} {s}"
             for i, (s, g) in enumerate(product(KOREAN_SURNAMES, KOREAN_GIVEN))]
    names += [f"{s} {g}" for s, g in product(CHINESE_SURNAMES, CHINESE_GIVEN)]
    for given, surnames in ((WESTERN_GIVEN, WESTERN_SURNAMES), (RUSSIAN_GIVEN, RUSSIAN_SURNAMES),
                            (ARABIC_GIVEN, ARABIC_SURNAMES), (INDIAN_GIVEN, INDIAN_SURNAMES),
                            (HISPANIC_GIVEN, HISPANIC_SURNAMES)):
        names += [f"{g} {s}" for g, s in product(given, surnames)]
    return names


@pytest.fixture(scope="module")
def dprk():
    if not SNAPSHOT.is_file():
        pytest.skip(f"OFAC snapshot not found at {SNAPSHOT} (CI places ../shared beside the checkout)")
    return load_sdn(SNAPSHOT).dprk_related()


def _applicants(**columns) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    return pd.DataFrame({"applicant_id": [f"a{i}" for i in range(n)], **columns})


NO_PAYOUTS = pd.DataFrame(columns=["applicant_id", "method", "account_ref", "holder_name"])


def test_legitimate_names_are_about_two_thousand_and_distinct():
    names = legitimate_names()
    assert len(names) == len(set(names)) == 2000


def test_false_match_rate_on_common_legitimate_names_is_below_one_percent(dprk):
    names = legitimate_names()
    hits = screen(_applicants(full_name=names), NO_PAYOUTS, dprk)
    rate = hits["applicant_id"].nunique() / len(names)
    assert rate < 0.01, hits.head(10).to_string()


@pytest.mark.parametrize("variant, ent_num", [
    ("Sang Man Kim", 43377),
    ("Kim Sang-man", 43377),
    ("KIM Sangman", 43377),
    ("Yun-Gun Jeon", 48262),
    ("J. Y. Gun", 48262),
    ("Huihui Wu", 42496),
    ("Hung-man Cheng", 42497),
])
def test_reordered_romanised_or_initialled_variants_hit(dprk, variant, ent_num):
    hits = screen(_applicants(full_name=[variant]), NO_PAYOUTS, dprk)
    assert ent_num in set(hits["ent_num"]), variant
    assert (hits["score"] >= NAME_MATCH_THRESHOLD).all()


@pytest.mark.parametrize("namesake", ["Kim Sang-woo", "Sang Kim", "Kim Man", "Jon Gun", "Kim Min-jun",
                                      "Park Ji-hoon", "Li Wei", "Wu Hui"])
def test_short_korean_and_chinese_namesakes_do_not_hit(dprk, namesake):
    assert screen(_applicants(full_name=[namesake]), NO_PAYOUTS, dprk).empty


def test_wallet_email_and_holder_hits_on_the_real_list(dprk):
    applicants = _applicants(full_name=["Alex Carter", "Maria Lopez"],
                             email=["kdb@CO.CHESIN.COM", "maria@gmail.com"],
                             github_url=[None, "https://github.com/marialopez"])
    payouts = pd.DataFrame({
        "applicant_id": ["a0", "a1", "a1"],
        "method": ["crypto", "crypto", "bank"],
        "account_ref": ["0x97B1043ABD9E6FC31681635166D430A458D14F9C", "1d6gg9ikehpittcwrjiniuj1jym2hneafj",
                        "DE89370400440532013000"],
        "holder_name": [None, "Maria Lopez", "Yanbian Silverstar Network Technology Co Ltd"],
    })
    hits = screen(applicants, payouts, dprk)
    assert list(hits.columns) == SCREEN_COLUMNS
    got = {(a, f, e, k) for a, f, e, k in zip(hits["applicant_id"], hits["field"], hits["ent_num"],
                                               hits["match_kind"], strict=True)}
    assert got == {
        ("a0", "email", 12312, "email"),
        ("a0", "email", 12312, "email_domain"),
        ("a0", "email", 12313, "email_domain"),
        ("a0", "account_ref", 43377, "crypto"),  # 0x addresses compare case-insensitively
        ("a1", "holder_name", 24977, "name"),  # holder names are checked against entities too
    }  # a1's lower-cased bitcoin address is not KIM Sang Man's (base58 is case-sensitive)
    assert hits.loc[hits["match_kind"] == "crypto", "programs"].iloc[0] == ["DPRK4"]


def test_full_names_are_not_checked_against_entities(dprk):
    hits = screen(_applicants(full_name=["Volasys Silver Star"]), NO_PAYOUTS, dprk)
    assert hits.empty


def test_webmail_domain_phone_and_website_rules(tmp_path):
    (tmp_path / "sdn.csv").write_text(
        '1,"PAK, Il Nam","individual","DPRK2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '"Email Address pak.front@gmail.com; Phone +850 2 381 8221; Website https://github.com/PakDev"\n',
        encoding="utf-8")
    sdn = load_sdn(tmp_path / "sdn.csv")
    applicants = _applicants(full_name=["Nam Il Park", "Someone Else"],
                             email=["PAK.front@gmail.com", "other@gmail.com"],
                             phone=["00850-2-381-8221", "+1 202 555 0100"],
                             github_url=["github.com/pakdev/", "https://github.com/other"])
    hits = screen(applicants, NO_PAYOUTS, sdn)
    assert set(hits["applicant_id"]) == {"a0"}
    assert set(hits["match_kind"]) == {"name", "email", "phone", "website"}


def test_name_index_blocks_candidates_before_scoring(dprk):
    index = NameIndex.build(dprk, frozenset({"individual", "entity"}))
    candidates = {row for key in ["kim", "^kim", "man", "^man", "sang", "^san"]
                  for row in index.postings.get(key, ())}
    assert 0 < len(candidates) < len(index.rows) / 4


@pytest.mark.parametrize("a, b, expect_hit", [
    ("Jon Yun Gun", "J Y Gun", True),
    ("Jon Yun Gun", "J Y", False),  # initials alone never match
    ("Kim Sang Man", "Kim Sang", False),  # every token must be covered
    ("Kim Sang Man", "Kim Sang Man Lee", False),
    ("Alexandrov Konstantin", "Aleksandrov Konstantin", True),  # one letter off in long tokens
])
def test_align_names_covers_every_token(a, b, expect_hit):
    score, _ = align_names(_tokens(a), _tokens(b))
    assert (score >= NAME_MATCH_THRESHOLD) is expect_hit


def test_missing_values_and_empty_tables_give_no_hits(dprk):
    applicants = _applicants(full_name=[None, float("nan")], email=[None, ""], phone=[None, "n/a"])
    payouts = pd.DataFrame({"applicant_id": ["a0", "a1"], "method": [None, "crypto"],
                            "account_ref": [None, None], "holder_name": [float("nan"), ""]})
    assert screen(applicants, payouts, dprk).empty
    assert list(screen(pd.DataFrame(), pd.DataFrame(), dprk).columns) == SCREEN_COLUMNS


def test_webmail_country_domains_match_only_the_exact_listed_address(dprk):
    applicants = _applicants(full_name=["Ji-ho Seo", "Mina Lee", "Oleh Marchenko"],
                             email=["bing2020@outlook.kr", "mina.lee@outlook.kr", "oleh@ukr.net"])
    hits = screen(applicants, NO_PAYOUTS, dprk)
    assert set(zip(hits["applicant_id"], hits["match_kind"], hits["ent_num"], strict=True)) == {("a0", "email", 45430)}
    assert email_domain("x@outlook.kr") == email_domain("x@yahoo.co.jp") == email_domain("x@ukr.net") == ""
    assert email_domain("x@silibank.net.kp") == "silibank.net.kp"


def test_synthetic_generator_names_rarely_hit_the_dprk_list(dprk):
    """The generator's legitimate and front names (20 countries' naming patterns) are not SDN names."""
    from detector.io import load_population_from_records
    from detector.synth import generate_population

    records, _truth = generate_population(3000, seed=5)
    population = load_population_from_records(records).population
    hits = screen(population.applicants, population.payouts, dprk)
    assert set(hits["match_kind"]) <= {"name", "alias", "name_initials"}  # no identifier is ever listed
    assert hits["applicant_id"].nunique() / len(population.applicants) < 0.002, hits.to_string()
