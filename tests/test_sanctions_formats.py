"""OFAC SDN readers: the real legacy CSV snapshot, and small fixtures in each OFAC format."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from detector.errors import InputError
from detector.sanctions import load_sdn
from detector.sanctions.sdn_formats import (
    email_domain,
    normalise_crypto,
    normalise_phone,
    normalise_website,
    parse_remarks,
)

OFAC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ofac-sdn"
SNAPSHOT = OFAC / "sdn-2024-05-03.csv.gz"


@pytest.fixture(scope="module")
def snapshot():
    if not SNAPSHOT.is_file():
        pytest.skip(f"OFAC snapshot not found at {SNAPSHOT} (CI places ../shared beside the checkout)")
    return load_sdn(SNAPSHOT)


def _values(sdn, ent_num: int, kind: str) -> set[str]:
    ids = sdn.identifiers
    return set(ids.loc[(ids["ent_num"] == ent_num) & (ids["kind"] == kind), "value"])


# ---------------------------------------------------------------------------- real snapshot
def test_snapshot_has_every_row_and_types(snapshot):
    assert len(snapshot) == 14965
    assert set(snapshot.entries["sdn_type"]) == {"individual", "entity", "vessel", "aircraft"}
    kim = snapshot.entries.set_index("ent_num").loc[43377]
    assert (kim["name"], kim["sdn_type"], kim["programs"]) == ("KIM, Sang Man", "individual", ["DPRK4"])


def test_snapshot_kim_sang_man_crypto_addresses(snapshot):
    assert _values(snapshot, 43377, "crypto") == {
        "1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ", "1FCNgfZWpYMeYhy9t18AAkTBu8AsdoAc1Z",
        "0x97b1043abd9e6fc31681635166d430a458d14f9c", "0xb6f5ec1a0a9cd1526536d3f0426c429529471f40",
    }


def test_snapshot_dprk_subset_holds_the_it_worker_designations(snapshot):
    dprk = snapshot.dprk_related()
    it_workers = pd.read_csv(OFAC / "dprk_it_worker_related_2024-05-03.csv")
    # SIM, Hyon Sop is NPWMD-only and linked to an NPWMD bank: the reference file adds him by hand.
    assert set(it_workers["ent_num"]) - set(dprk.entries["ent_num"]) == {42498}
    assert 24977 in set(dprk.entries["ent_num"])
    assert dprk.entries["programs"].map(lambda ps: any(p.startswith("DPRK") for p in ps)).sum() == 484


def test_snapshot_identifiers_agree_with_the_dprk_extract(snapshot):
    reference = pd.read_csv(OFAC / "dprk_sdn_entries_2024-05-03.csv")
    wallets = {a.split(":", 1)[1] for x in reference["digital_currency_addresses"].dropna() for a in x.split(";")}
    emails = {e.lower() for x in reference["emails"].dropna() for e in x.split(";")}
    ids = snapshot.identifiers
    assert {normalise_crypto(w) for w in wallets} <= set(ids.loc[ids["kind"] == "crypto", "value"])
    assert emails <= set(ids.loc[ids["kind"] == "email", "value"])
    assert "silibank.net.kp" in set(ids.loc[ids["kind"] == "email_domain", "value"])


# ---------------------------------------------------------------------------- legacy CSV fixture
SDN_CSV = (
    '100,"KIM, Chol Su","individual","DPRK3] [DPRK4",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"a.k.a. \'KIM, Cheol-su\'; Email Address cs.kim@frontco.example; alt. Email Address kcs@gmail.com; '
    'Website https://www.frontco.example/about; Phone +850 2 381 8221; '
    'Digital Currency Address - ETH 0xAbC0000000000000000000000000000000000001; '
    'Digital Currency Address - XBT 1AbcDEFghijKLMnopQRstuVWxyz12345"\n'
    '200,"FRONT TECH CO., LTD.",-0- ,"DPRK2",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Linked To: KIM, Chol Su."\n'
    '300,"ACME TRADING",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Website acme.example"\n'
    '400,"VESSEL ONE",vessel,"DPRK",-0- ,-0- ,"Cargo",-0- ,-0- ,-0- ,-0- ,-0- \n'
    "\x1a\n"
)
ALT_CSV = '200,1,"aka","FRONTTECH",-0- \n300,2,"fka","ACME GENERAL TRADING",-0- \n'
COMMENTS_CSV = '300,"; Linked To: FRONT TECH CO., LTD.; Digital Currency Address - XBT bc1qoverflow."\n'


@pytest.fixture
def csv_folder(tmp_path: Path) -> Path:
    (tmp_path / "sdn.csv").write_text(SDN_CSV, encoding="utf-8")
    (tmp_path / "alt.csv").write_text(ALT_CSV, encoding="utf-8")
    (tmp_path / "sdn_comments.csv").write_text(COMMENTS_CSV, encoding="utf-8")
    return tmp_path


def test_csv_fixture_entries_and_identifiers(csv_folder):
    sdn = load_sdn(csv_folder)
    entries = sdn.entries.set_index("ent_num")
    assert entries.loc[100, "programs"] == ["DPRK3", "DPRK4"]
    assert entries.loc[200, "sdn_type"] == "entity"
    assert entries.loc[200, "linked_to"] == ["KIM, Chol Su"]
    assert _values(sdn, 100, "email") == {"cs.kim@frontco.example", "kcs@gmail.com"}
    assert _values(sdn, 100, "email_domain") == {"frontco.example"}  # gmail.com is not listed
    assert _values(sdn, 100, "website") == {"frontco.example"}
    assert _values(sdn, 100, "phone") == {"85023818221"}
    assert _values(sdn, 100, "crypto") == {"0xabc0000000000000000000000000000000000001",
                                           "1AbcDEFghijKLMnopQRstuVWxyz12345"}
    assert _values(sdn, 100, "alias") == {"cheolsu kim"}
    assert _values(sdn, 200, "alias") == {"fronttech"}


def test_csv_fixture_remarks_continue_in_sdn_comments(csv_folder):
    sdn = load_sdn(csv_folder / "sdn.csv")
    assert _values(sdn, 300, "crypto") == {"bc1qoverflow"}
    assert sdn.entries.set_index("ent_num").loc[300, "linked_to"] == ["FRONT TECH CO., LTD."]


def test_csv_fixture_dprk_related_adds_one_hop_links(csv_folder):
    dprk = load_sdn(csv_folder).dprk_related()
    # 300 (SDGT) is linked to 200 only through its sdn_comments.csv overflow: one hop still counts.
    assert set(dprk.entries["ent_num"]) == {100, 200, 300, 400}
    sdn_without_comments = load_sdn(_copy(csv_folder, ["sdn.csv"]))
    assert set(sdn_without_comments.dprk_related().entries["ent_num"]) == {100, 200, 400}


def _copy(folder: Path, names: list[str]) -> Path:
    target = folder / "only"
    target.mkdir()
    for name in names:
        (target / name).write_bytes((folder / name).read_bytes())
    return target


def test_gzipped_csv_reads_like_plain(csv_folder, tmp_path):
    gz = tmp_path / "snap.csv.gz"
    gz.write_bytes(gzip.compress(SDN_CSV.encode()))
    assert load_sdn(gz).entries["ent_num"].tolist() == [100, 200, 300, 400]


# ---------------------------------------------------------------------------- advanced XML fixture
NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"
ADVANCED_XML = f"""<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="{NS}">
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1403">Name</AliasType></AliasTypeValues>
    <FeatureTypeValues>
      <FeatureType ID="14">Email Address</FeatureType><FeatureType ID="15">Website</FeatureType>
      <FeatureType ID="344">Digital Currency Address - XBT</FeatureType>
      <FeatureType ID="345">Digital Currency Address - ETH</FeatureType>
      <FeatureType ID="8">Birthdate</FeatureType>
    </FeatureTypeValues>
    <PartySubTypeValues><PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType>
      <PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType></PartySubTypeValues>
    <PartyTypeValues><PartyType ID="1">Individual</PartyType><PartyType ID="2">Entity</PartyType></PartyTypeValues>
    <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType><SanctionsType ID="2">Block</SanctionsType></SanctionsTypeValues>
  </ReferenceValueSets>
  <DistinctParties>
    <DistinctParty FixedRef="43377"><Profile ID="43377" PartySubTypeID="4">
      <Identity ID="1" Primary="true">
        <Alias AliasTypeID="1403" Primary="true"><DocumentedName>
          <DocumentedNamePart><NamePartValue>KIM</NamePartValue></DocumentedNamePart>
          <DocumentedNamePart><NamePartValue>Sang Man</NamePartValue></DocumentedNamePart>
        </DocumentedName></Alias>
        <Alias AliasTypeID="1400" Primary="false"><DocumentedName>
          <DocumentedNamePart><NamePartValue>KIM Sang-man</NamePartValue></DocumentedNamePart>
        </DocumentedName></Alias>
      </Identity>
      <Feature FeatureTypeID="344"><FeatureVersion><VersionDetail DetailTypeID="1432">1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ</VersionDetail></FeatureVersion></Feature>
      <Feature FeatureTypeID="345"><FeatureVersion><VersionDetail>0x97B1043abd9e6fc31681635166d430a458d14f9c</VersionDetail></FeatureVersion></Feature>
      <Feature FeatureTypeID="8"><FeatureVersion><DatePeriod/></FeatureVersion></Feature>
    </Profile></DistinctParty>
    <DistinctParty FixedRef="24977"><Profile ID="24977" PartySubTypeID="3">
      <Identity><Alias Primary="true"><DocumentedName>
        <DocumentedNamePart><NamePartValue>YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD.</NamePartValue></DocumentedNamePart>
      </DocumentedName></Alias></Identity>
      <Feature FeatureTypeID="14"><FeatureVersion><VersionDetail>sales@silverstar.example</VersionDetail></FeatureVersion></Feature>
      <Feature FeatureTypeID="15"><FeatureVersion><VersionDetail>www.silverstar.example</VersionDetail></FeatureVersion></Feature>
    </Profile></DistinctParty>
    <DistinctParty FixedRef="500"><Profile ID="500" PartySubTypeID="3">
      <Identity><Alias Primary="true"><DocumentedName>
        <DocumentedNamePart><NamePartValue>HELPER LLC</NamePartValue></DocumentedNamePart>
      </DocumentedName></Alias></Identity>
    </Profile></DistinctParty>
    <DistinctParty FixedRef="600"><Profile ID="600"/></DistinctParty>
  </DistinctParties>
  <ProfileRelationships><ProfileRelationship From-ProfileID="500" To-ProfileID="24977" RelationTypeID="1555"/></ProfileRelationships>
  <SanctionsEntries>
    <SanctionsEntry ProfileID="43377"><SanctionsMeasure SanctionsTypeID="1"><Comment>DPRK4</Comment></SanctionsMeasure>
      <SanctionsMeasure SanctionsTypeID="2"><Comment/></SanctionsMeasure></SanctionsEntry>
    <SanctionsEntry ProfileID="24977"><SanctionsMeasure SanctionsTypeID="1"><Comment>DPRK3</Comment></SanctionsMeasure>
      <SanctionsMeasure SanctionsTypeID="1"><Comment>DPRK4</Comment></SanctionsMeasure></SanctionsEntry>
    <SanctionsEntry ProfileID="500"><SanctionsMeasure SanctionsTypeID="1"><Comment>SDGT</Comment></SanctionsMeasure></SanctionsEntry>
  </SanctionsEntries>
</Sanctions>
"""


@pytest.fixture
def xml_path(tmp_path: Path) -> Path:
    path = tmp_path / "sdn_advanced.xml"
    path.write_text(ADVANCED_XML, encoding="utf-8")
    return path


def test_advanced_xml_names_programs_and_features(xml_path):
    sdn = load_sdn(xml_path.parent)
    entries = sdn.entries.set_index("ent_num")
    assert entries.loc[43377, "name"] == "KIM Sang Man"
    assert entries.loc[43377, "sdn_type"] == "individual"
    assert entries.loc[24977, "sdn_type"] == "entity"
    assert entries.loc[24977, "programs"] == ["DPRK3", "DPRK4"]
    assert entries.loc[43377, "programs"] == ["DPRK4"]
    assert _values(sdn, 43377, "alias") == {"kim sangman"}
    assert _values(sdn, 43377, "crypto") == {"1D6gG9iKEhPitTcWRJiniuj1jYM2hNeAfJ",
                                             "0x97b1043abd9e6fc31681635166d430a458d14f9c"}
    assert _values(sdn, 24977, "email") == {"sales@silverstar.example"}
    assert _values(sdn, 24977, "website") == {"silverstar.example"}
    assert entries.loc[600, "name"] == ""  # a profile without names is kept, tolerantly


def test_advanced_xml_relationships_give_one_hop_dprk_links(xml_path):
    dprk = load_sdn(xml_path).dprk_related()
    assert set(dprk.entries["ent_num"]) == {43377, 24977, 500}


# ---------------------------------------------------------------------------- errors
@pytest.mark.parametrize("name, content, message", [
    ("sdn.csv", "", "is empty"),
    ("sdn.csv", '100,"KIM, Chol Su","individual","DPRK3",-0- \n', "expected 12 OFAC columns"),
    ("sdn.csv", 'name,type\n"KIM",x\n', "expected 12 OFAC columns"),
    ("sdn_advanced.xml", ADVANCED_XML[: len(ADVANCED_XML) // 2], "not well-formed XML"),
    ("sdn_advanced.xml", f'<Sanctions xmlns="{NS}"/>', "no DistinctParty"),
    ("sdn.txt", "x", "unknown SDN format"),
])
def test_bad_files_raise_input_error_naming_file(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_sdn(path)
    assert name in str(info.value)


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_sdn(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="neither sdn_advanced.xml nor sdn.csv"):
        load_sdn(tmp_path)


def test_truncated_gzip_raises_input_error(tmp_path):
    path = tmp_path / "sdn.csv.gz"
    path.write_bytes(gzip.compress(SDN_CSV.encode())[:40])
    with pytest.raises(InputError, match="sdn.csv.gz"):
        load_sdn(path)


# ---------------------------------------------------------------------------- normalisers
def test_normalisers():
    assert email_domain("X@GMAIL.com") == ""
    assert email_domain("a@Front.example.") == "front.example"
    assert normalise_website("https://github.com/Kim-Dev/repo") == "github.com/kim-dev"
    assert normalise_website("http://www.Example.com/path") == "example.com"
    assert normalise_phone("+850 (2) 381-8221") == normalise_phone("00850 2 381 8221") == "85023818221"
    assert normalise_crypto("0xAB12") == "0xab12"
    assert normalise_crypto("1AbC") == "1AbC"


def test_parse_remarks_items():
    found = parse_remarks("a.k.a. 'X Y'; alt. Website www.x.example.; EMAIL a@b.example; "
                          "Telephone No. 009613679153; Linked To: SOME CO., LTD..")
    assert found["alias"] == ["X Y"]
    assert found["website"] == ["www.x.example."]
    assert found["email"] == ["a@b.example"]
    assert found["phone"] == ["009613679153"]
    assert found["linked_to"] == ["SOME CO., LTD."]


@given(st.text(max_size=200))
def test_parse_remarks_never_fails(text):
    found = parse_remarks(text)
    assert all(isinstance(v, list) for v in found.values())
