"""Third independent world: a labelled freelancer population with DPRK IT-worker fronts.

Written from the public record (docs/THIRD_INDEPENDENT_WORLD.md lists the sources per behaviour)
by an author who never read the detector's code or its other generators, so that the model can be
measured on data nobody fitted it to. Every rate is drawn per world from a wide range: one seed is
one plausible platform, not the truth.

    python scripts/third_independent_world.py -n 20000 --seed 1 -o /tmp/world-1.jsonl.gz

writes the population in INPUT.md's nested JSON Lines form (every applicant carries `label`) and a
truth file beside it (`world-1.truth.csv`: applicant_id, label, segment, tactic, cell_id).
IP addresses come from the real ranges in ../shared/data, of the right country and kind.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import functools
import gzip
import ipaddress
import json
import math
import random
import re
import socket
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import maxminddb
import phonenumbers

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

# --------------------------------------------------------------------------------------------
# Countries: time zones with cities, name culture, market-rate tier, how mobile the users are.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    zones: tuple[tuple[str, float, tuple[str, ...]], ...]
    culture: str
    rate: float  # median asked hourly rate of honest freelancers, USD
    mobile: float  # share of sessions over mobile networks for a typical user


COUNTRIES: dict[str, Country] = {
    "US": Country(
        (
            (
                "America/New_York",
                0.42,
                ("New York", "Boston", "Atlanta", "Miami", "Philadelphia", "Raleigh"),
            ),
            (
                "America/Chicago",
                0.30,
                ("Chicago", "Dallas", "Houston", "Austin", "Nashville", "Minneapolis"),
            ),
            ("America/Denver", 0.07, ("Denver", "Salt Lake City", "Boise")),
            ("America/Phoenix", 0.05, ("Phoenix", "Tucson", "Scottsdale")),
            (
                "America/Los_Angeles",
                0.16,
                ("Los Angeles", "San Francisco", "Seattle", "San Diego", "Portland"),
            ),
        ),
        "en",
        60,
        0.2,
    ),
    "CA": Country(
        (
            ("America/Toronto", 0.6, ("Toronto", "Ottawa", "Montreal")),
            ("America/Vancouver", 0.3, ("Vancouver", "Victoria")),
            ("America/Edmonton", 0.1, ("Calgary", "Edmonton")),
        ),
        "en",
        55,
        0.2,
    ),
    "GB": Country(
        (("Europe/London", 1, ("London", "Manchester", "Leeds", "Bristol", "Glasgow")),),
        "en",
        55,
        0.2,
    ),
    "AU": Country(
        (
            ("Australia/Sydney", 0.6, ("Sydney", "Melbourne", "Brisbane")),
            ("Australia/Perth", 0.4, ("Perth",)),
        ),
        "en",
        60,
        0.2,
    ),
    "DE": Country(
        (("Europe/Berlin", 1, ("Berlin", "Munich", "Hamburg", "Cologne")),), "de", 55, 0.15
    ),
    "FR": Country((("Europe/Paris", 1, ("Paris", "Lyon", "Toulouse")),), "fr", 50, 0.15),
    "ES": Country((("Europe/Madrid", 1, ("Madrid", "Barcelona", "Valencia")),), "es", 40, 0.2),
    "IT": Country((("Europe/Rome", 1, ("Rome", "Milan", "Turin", "Naples")),), "it", 40, 0.2),
    "NL": Country(
        (("Europe/Amsterdam", 1, ("Amsterdam", "Rotterdam", "Utrecht")),), "nl", 55, 0.15
    ),
    "PT": Country((("Europe/Lisbon", 1, ("Lisbon", "Porto")),), "pt", 35, 0.2),
    "PL": Country(
        (("Europe/Warsaw", 1, ("Warsaw", "Krakow", "Wroclaw", "Gdansk")),), "pl", 38, 0.2
    ),
    "RO": Country((("Europe/Bucharest", 1, ("Bucharest", "Cluj-Napoca", "Iasi")),), "ro", 32, 0.2),
    "RS": Country((("Europe/Belgrade", 1, ("Belgrade", "Novi Sad", "Nis")),), "sr", 30, 0.2),
    "SK": Country((("Europe/Bratislava", 1, ("Bratislava", "Kosice")),), "sk", 32, 0.2),
    "UA": Country(
        (("Europe/Kyiv", 1, ("Kyiv", "Lviv", "Kharkiv", "Dnipro", "Odesa")),), "uk", 30, 0.3
    ),
    "BY": Country((("Europe/Minsk", 1, ("Minsk", "Brest")),), "ru", 25, 0.3),
    "RU": Country(
        (
            ("Europe/Moscow", 0.75, ("Moscow", "Saint Petersburg", "Kazan")),
            ("Asia/Novosibirsk", 0.15, ("Novosibirsk",)),
            ("Asia/Vladivostok", 0.1, ("Vladivostok", "Khabarovsk")),
        ),
        "ru",
        28,
        0.3,
    ),
    "GE": Country((("Asia/Tbilisi", 1, ("Tbilisi", "Batumi")),), "ka", 25, 0.35),
    "AM": Country((("Asia/Yerevan", 1, ("Yerevan",)),), "hy", 25, 0.35),
    "KZ": Country((("Asia/Almaty", 1, ("Almaty", "Astana")),), "ru", 22, 0.35),
    "TR": Country((("Europe/Istanbul", 1, ("Istanbul", "Ankara", "Izmir")),), "tr", 22, 0.35),
    "AE": Country((("Asia/Dubai", 1, ("Dubai", "Abu Dhabi")),), "ar", 45, 0.35),
    "EG": Country((("Africa/Cairo", 1, ("Cairo", "Alexandria", "Giza")),), "ar", 15, 0.5),
    "NG": Country((("Africa/Lagos", 1, ("Lagos", "Abuja", "Ibadan")),), "ng", 15, 0.65),
    "KE": Country((("Africa/Nairobi", 1, ("Nairobi", "Mombasa")),), "ke", 14, 0.65),
    "ZA": Country(
        (("Africa/Johannesburg", 1, ("Johannesburg", "Cape Town", "Durban")),), "en", 25, 0.45
    ),
    "IN": Country(
        (
            (
                "Asia/Kolkata",
                1,
                ("Bengaluru", "Hyderabad", "Pune", "Chennai", "Delhi", "Mumbai", "Kolkata"),
            ),
        ),
        "in",
        18,
        0.5,
    ),
    "PK": Country(
        (("Asia/Karachi", 1, ("Karachi", "Lahore", "Islamabad", "Faisalabad")),), "pk", 15, 0.55
    ),
    "BD": Country((("Asia/Dhaka", 1, ("Dhaka", "Chittagong", "Sylhet")),), "bd", 12, 0.55),
    "LK": Country((("Asia/Colombo", 1, ("Colombo", "Kandy")),), "lk", 15, 0.5),
    "NP": Country((("Asia/Kathmandu", 1, ("Kathmandu", "Pokhara")),), "np", 12, 0.55),
    "PH": Country(
        (("Asia/Manila", 1, ("Manila", "Quezon City", "Cebu City", "Davao")),), "ph", 10, 0.55
    ),
    "VN": Country(
        (("Asia/Ho_Chi_Minh", 1, ("Ho Chi Minh City", "Hanoi", "Da Nang")),), "vn", 18, 0.5
    ),
    "ID": Country(
        (("Asia/Jakarta", 1, ("Jakarta", "Bandung", "Surabaya", "Yogyakarta")),), "id", 14, 0.6
    ),
    "MY": Country(
        (("Asia/Kuala_Lumpur", 1, ("Kuala Lumpur", "Penang", "Johor Bahru")),), "my", 22, 0.45
    ),
    "TH": Country((("Asia/Bangkok", 1, ("Bangkok", "Chiang Mai")),), "th", 20, 0.45),
    "SG": Country((("Asia/Singapore", 1, ("Singapore",)),), "sg", 55, 0.3),
    "CN": Country(
        (
            (
                "Asia/Shanghai",
                1,
                ("Shanghai", "Beijing", "Shenzhen", "Hangzhou", "Chengdu", "Shenyang", "Dalian"),
            ),
        ),
        "zh",
        30,
        0.4,
    ),
    "HK": Country((("Asia/Hong_Kong", 1, ("Hong Kong",)),), "zh", 45, 0.3),
    "TW": Country((("Asia/Taipei", 1, ("Taipei", "Taichung", "Kaohsiung")),), "zh", 35, 0.3),
    "KR": Country((("Asia/Seoul", 1, ("Seoul", "Busan", "Incheon", "Daejeon")),), "ko", 40, 0.35),
    "JP": Country((("Asia/Tokyo", 1, ("Tokyo", "Osaka", "Fukuoka", "Nagoya")),), "ja", 45, 0.3),
    "BR": Country(
        (("America/Sao_Paulo", 1, ("Sao Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba")),),
        "pt",
        25,
        0.4,
    ),
    "AR": Country(
        (("America/Argentina/Buenos_Aires", 1, ("Buenos Aires", "Cordoba", "Rosario")),),
        "es",
        25,
        0.35,
    ),
    "MX": Country(
        (("America/Mexico_City", 1, ("Mexico City", "Guadalajara", "Monterrey")),), "es", 25, 0.4
    ),
    "CO": Country((("America/Bogota", 1, ("Bogota", "Medellin", "Cali")),), "es", 22, 0.4),
    # Where fronts' operators sit (Mandiant UNC5267; DOJ indictments); nobody honest claims these here.
    "LA": Country((("Asia/Vientiane", 1, ("Vientiane",)),), "lo", 10, 0.4),
    "KP": Country((("Asia/Pyongyang", 1, ("Pyongyang",)),), "ko", 10, 0.0),
}

# A freelance marketplace's honest base (weights before per-world noise): large South-Asian,
# South-East-Asian, East-European and African communities next to the US and Western Europe.
HONEST_MIX: dict[str, float] = {
    "US": 17,
    "IN": 13,
    "PK": 7,
    "PH": 6,
    "UA": 5,
    "BD": 4,
    "GB": 4,
    "NG": 3,
    "CA": 3,
    "BR": 3,
    "EG": 2,
    "KE": 2,
    "RU": 2,
    "CN": 1.6,
    "VN": 2,
    "ID": 2,
    "DE": 2,
    "PL": 2,
    "RS": 1.5,
    "AR": 1.5,
    "MX": 1.5,
    "RO": 1,
    "TR": 1,
    "KR": 0.6,
    "JP": 0.5,
    "MY": 0.8,
    "TH": 0.6,
    "AU": 1.2,
    "FR": 1,
    "ES": 1,
    "IT": 1,
    "NL": 0.8,
    "LK": 0.8,
    "NP": 0.6,
    "BY": 0.5,
    "KZ": 0.5,
    "GE": 0.5,
    "AM": 0.4,
    "ZA": 1,
    "CO": 1,
    "PT": 0.5,
    "HK": 0.3,
    "SG": 0.4,
    "TW": 0.3,
    "AE": 0.4,
    "SK": 0.3,
}

# Countries fronts claim: mostly the US (DOJ cases), then the countries GTIG (Apr 2025) saw
# personas claim after the US crackdown.
FRONT_CLAIM_US_FIRST: dict[str, float] = {
    "US": 70,
    "CA": 5,
    "GB": 4,
    "JP": 3,
    "IT": 2,
    "UA": 3,
    "MY": 2,
    "SG": 2,
    "VN": 2,
    "PL": 2,
    "DE": 2,
    "AU": 1,
    "RS": 1,
    "PT": 1,
}
# Where the operators actually sit, and their time zone.
OPERATOR_BASES: dict[str, float] = {"CN": 70, "RU": 14, "LA": 6, "KP": 4, "NG": 3, "AE": 3}
OPERATOR_TZ = {
    "CN": "Asia/Shanghai",
    "RU": "Asia/Vladivostok",
    "LA": "Asia/Vientiane",
    "KP": "Asia/Pyongyang",
    "NG": "Africa/Lagos",
    "AE": "Asia/Dubai",
}

# --------------------------------------------------------------------------------------------
# Names per culture, with the romanisation variants people really meet.
# --------------------------------------------------------------------------------------------

NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "en": (
        (
            "James",
            "Emily",
            "Michael",
            "Sarah",
            "David",
            "Jessica",
            "Daniel",
            "Ashley",
            "Andrew",
            "Megan",
            "Ryan",
            "Laura",
            "Kevin",
            "Rachel",
            "Brian",
            "Olivia",
            "Jason",
            "Hannah",
            "Tyler",
            "Amanda",
            "Chris",
            "Nicole",
        ),
        (
            "Smith",
            "Johnson",
            "Williams",
            "Brown",
            "Jones",
            "Miller",
            "Davis",
            "Wilson",
            "Anderson",
            "Taylor",
            "Moore",
            "Jackson",
            "Martin",
            "Thompson",
            "White",
            "Harris",
            "Clark",
            "Lewis",
            "Walker",
            "Hall",
            "Young",
            "Allen",
        ),
    ),
    "de": (
        (
            "Lukas",
            "Anna",
            "Felix",
            "Laura",
            "Jonas",
            "Lea",
            "Maximilian",
            "Sophie",
            "Tobias",
            "Julia",
        ),
        (
            "Mueller",
            "Schmidt",
            "Schneider",
            "Fischer",
            "Weber",
            "Meyer",
            "Wagner",
            "Becker",
            "Hoffmann",
            "Koch",
        ),
    ),
    "fr": (
        ("Louis", "Camille", "Hugo", "Manon", "Lucas", "Chloe", "Theo", "Ines", "Antoine", "Julie"),
        (
            "Martin",
            "Bernard",
            "Dubois",
            "Thomas",
            "Robert",
            "Richard",
            "Petit",
            "Durand",
            "Leroy",
            "Moreau",
        ),
    ),
    "es": (
        (
            "Alejandro",
            "Lucia",
            "Carlos",
            "Maria",
            "Javier",
            "Sofia",
            "Diego",
            "Valentina",
            "Pablo",
            "Camila",
        ),
        (
            "Garcia",
            "Rodriguez",
            "Martinez",
            "Lopez",
            "Gonzalez",
            "Perez",
            "Sanchez",
            "Ramirez",
            "Torres",
            "Flores",
        ),
    ),
    "it": (
        (
            "Marco",
            "Giulia",
            "Luca",
            "Francesca",
            "Matteo",
            "Chiara",
            "Andrea",
            "Sara",
            "Davide",
            "Elena",
        ),
        (
            "Rossi",
            "Russo",
            "Ferrari",
            "Esposito",
            "Bianchi",
            "Romano",
            "Colombo",
            "Ricci",
            "Marino",
            "Greco",
        ),
    ),
    "nl": (
        ("Daan", "Emma", "Sem", "Julia", "Lars", "Sanne", "Bram", "Lotte", "Thijs", "Eva"),
        (
            "de Jong",
            "Jansen",
            "de Vries",
            "van den Berg",
            "Bakker",
            "Visser",
            "Smit",
            "Meijer",
            "de Boer",
            "Mulder",
        ),
    ),
    "pt": (
        (
            "Joao",
            "Ana",
            "Pedro",
            "Beatriz",
            "Lucas",
            "Mariana",
            "Gabriel",
            "Larissa",
            "Rafael",
            "Juliana",
        ),
        (
            "Silva",
            "Santos",
            "Oliveira",
            "Souza",
            "Pereira",
            "Costa",
            "Rodrigues",
            "Almeida",
            "Ferreira",
            "Lima",
        ),
    ),
    "pl": (
        (
            "Jakub",
            "Anna",
            "Piotr",
            "Katarzyna",
            "Tomasz",
            "Magdalena",
            "Krzysztof",
            "Agnieszka",
            "Michal",
            "Marta",
        ),
        (
            "Nowak",
            "Kowalski",
            "Wisniewski",
            "Wojcik",
            "Kaminski",
            "Lewandowski",
            "Zielinski",
            "Szymanski",
            "Dabrowski",
            "Kozlowski",
        ),
    ),
    "ro": (
        (
            "Andrei",
            "Elena",
            "Alexandru",
            "Ioana",
            "Mihai",
            "Andreea",
            "Stefan",
            "Maria",
            "Vlad",
            "Cristina",
        ),
        (
            "Popescu",
            "Ionescu",
            "Popa",
            "Stan",
            "Dumitru",
            "Stoica",
            "Gheorghe",
            "Matei",
            "Ciobanu",
            "Rusu",
        ),
    ),
    "sr": (
        (
            "Nikola",
            "Jelena",
            "Marko",
            "Milica",
            "Stefan",
            "Ana",
            "Luka",
            "Jovana",
            "Aleksandar",
            "Ivana",
        ),
        (
            "Jovanovic",
            "Petrovic",
            "Nikolic",
            "Markovic",
            "Djordjevic",
            "Stojanovic",
            "Ilic",
            "Pavlovic",
            "Milosevic",
            "Stankovic",
        ),
    ),
    "sk": (
        (
            "Martin",
            "Zuzana",
            "Peter",
            "Katarina",
            "Tomas",
            "Lucia",
            "Jan",
            "Maria",
            "Michal",
            "Eva",
        ),
        ("Horvath", "Kovac", "Varga", "Toth", "Nagy", "Balaz", "Szabo", "Molnar", "Baran", "Lukac"),
    ),
    "uk": (
        (
            "Oleksandr",
            "Olena",
            "Andrii",
            "Iryna",
            "Dmytro",
            "Kateryna",
            "Serhii",
            "Yuliia",
            "Yurii",
            "Nataliia",
            "Mykola",
            "Oksana",
        ),
        (
            "Shevchenko",
            "Kovalenko",
            "Bondarenko",
            "Tkachenko",
            "Kravchenko",
            "Melnyk",
            "Boyko",
            "Moroz",
            "Lysenko",
            "Savchenko",
        ),
    ),
    "ru": (
        (
            "Aleksandr",
            "Elena",
            "Dmitry",
            "Anna",
            "Sergey",
            "Olga",
            "Andrey",
            "Maria",
            "Alexey",
            "Natalia",
            "Yuri",
            "Ekaterina",
        ),
        (
            "Ivanov",
            "Smirnov",
            "Kuznetsov",
            "Popov",
            "Vasiliev",
            "Petrov",
            "Sokolov",
            "Mikhailov",
            "Fedorov",
            "Morozov",
        ),
    ),
    "ka": (
        ("Giorgi", "Nino", "Luka", "Mariam", "Davit", "Ana", "Levan", "Tamar"),
        (
            "Beridze",
            "Kapanadze",
            "Gelashvili",
            "Maisuradze",
            "Giorgadze",
            "Lomidze",
            "Tsiklauri",
            "Bolkvadze",
        ),
    ),
    "hy": (
        ("Armen", "Ani", "Davit", "Mariam", "Tigran", "Lilit", "Hayk", "Anahit"),
        (
            "Grigoryan",
            "Sargsyan",
            "Harutyunyan",
            "Hovhannisyan",
            "Karapetyan",
            "Khachatryan",
            "Petrosyan",
            "Vardanyan",
        ),
    ),
    "tr": (
        ("Mehmet", "Zeynep", "Mustafa", "Elif", "Emre", "Ayse", "Burak", "Fatma", "Can", "Merve"),
        (
            "Yilmaz",
            "Kaya",
            "Demir",
            "Sahin",
            "Celik",
            "Yildiz",
            "Yildirim",
            "Ozturk",
            "Aydin",
            "Arslan",
        ),
    ),
    "ar": (
        (
            "Ahmed",
            "Fatma",
            "Mohamed",
            "Nour",
            "Omar",
            "Aya",
            "Youssef",
            "Mariam",
            "Mahmoud",
            "Salma",
        ),
        (
            "Hassan",
            "Ali",
            "Ibrahim",
            "Mahmoud",
            "Mostafa",
            "Abdelrahman",
            "Saleh",
            "Farouk",
            "Nasser",
            "Khalil",
        ),
    ),
    "ng": (
        (
            "Chinedu",
            "Ngozi",
            "Oluwaseun",
            "Funmilayo",
            "Emeka",
            "Aisha",
            "Tunde",
            "Chioma",
            "Ibrahim",
            "Blessing",
        ),
        (
            "Okafor",
            "Adeyemi",
            "Okonkwo",
            "Balogun",
            "Eze",
            "Bello",
            "Nwosu",
            "Adebayo",
            "Ogunleye",
            "Abubakar",
        ),
    ),
    "ke": (
        (
            "Brian",
            "Faith",
            "Kevin",
            "Mercy",
            "Dennis",
            "Grace",
            "Collins",
            "Esther",
            "Victor",
            "Wanjiru",
        ),
        (
            "Otieno",
            "Kamau",
            "Mwangi",
            "Njoroge",
            "Ochieng",
            "Wambui",
            "Kiprop",
            "Mutua",
            "Odhiambo",
            "Chege",
        ),
    ),
    "in": (
        (
            "Rahul",
            "Priya",
            "Amit",
            "Sneha",
            "Vikram",
            "Ananya",
            "Arjun",
            "Pooja",
            "Karthik",
            "Divya",
            "Suresh",
            "Neha",
        ),
        (
            "Sharma",
            "Patel",
            "Singh",
            "Kumar",
            "Reddy",
            "Iyer",
            "Gupta",
            "Nair",
            "Rao",
            "Mehta",
            "Joshi",
            "Das",
        ),
    ),
    "pk": (
        ("Ali", "Ayesha", "Usman", "Fatima", "Hamza", "Zainab", "Bilal", "Sana", "Faisal", "Hira"),
        (
            "Khan",
            "Ahmed",
            "Malik",
            "Hussain",
            "Qureshi",
            "Butt",
            "Chaudhry",
            "Sheikh",
            "Raza",
            "Iqbal",
        ),
    ),
    "bd": (
        (
            "Rakib",
            "Nusrat",
            "Tanvir",
            "Farhana",
            "Arif",
            "Sadia",
            "Imran",
            "Tasnim",
            "Shakil",
            "Mim",
        ),
        (
            "Hossain",
            "Rahman",
            "Islam",
            "Ahmed",
            "Chowdhury",
            "Uddin",
            "Akter",
            "Sarkar",
            "Miah",
            "Haque",
        ),
    ),
    "lk": (
        ("Kasun", "Nadeesha", "Chamara", "Dilini", "Tharindu", "Sachini", "Nuwan", "Ishara"),
        (
            "Perera",
            "Fernando",
            "Silva",
            "Jayasinghe",
            "Wickramasinghe",
            "Bandara",
            "Dissanayake",
            "Gunawardena",
        ),
    ),
    "np": (
        ("Suman", "Sita", "Bikash", "Anjali", "Ramesh", "Sunita", "Prakash", "Gita"),
        ("Shrestha", "Thapa", "Gurung", "Tamang", "Rai", "Adhikari", "Karki", "Magar"),
    ),
    "ph": (
        (
            "Mark",
            "Kristine",
            "John Paul",
            "Mary Grace",
            "Jerome",
            "Angelica",
            "Carlo",
            "Jasmine",
            "Rey",
            "Joy",
        ),
        (
            "Santos",
            "Reyes",
            "Cruz",
            "Bautista",
            "Garcia",
            "Mendoza",
            "Villanueva",
            "Ramos",
            "Aquino",
            "Dela Cruz",
        ),
    ),
    "vn": (
        (
            "Nguyễn Văn",
            "Trần Thị",
            "Lê Minh",
            "Phạm Thu",
            "Hoàng Đức",
            "Vũ Thị",
            "Đặng Quốc",
            "Bùi Thanh",
        ),
        ("Anh", "Hương", "Tuấn", "Linh", "Dũng", "Mai", "Huy", "Trang", "Long", "Ngọc"),
    ),
    "id": (
        ("Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Ayu", "Fajar", "Indah"),
        (
            "Santoso",
            "Wijaya",
            "Saputra",
            "Hidayat",
            "Pratama",
            "Kusuma",
            "Nugroho",
            "Setiawan",
            "Gunawan",
            "Lestari",
        ),
    ),
    "my": (
        ("Muhammad", "Nur", "Ahmad", "Siti", "Wei Jie", "Mei Ling", "Arjun", "Kavitha"),
        ("Abdullah", "Ismail", "Tan", "Lim", "Wong", "Rahman", "Subramaniam", "Ong"),
    ),
    "th": (
        ("Somchai", "Malee", "Anan", "Siriporn", "Niran", "Kanya", "Prasert", "Suda"),
        (
            "Srisawat",
            "Chaiyaporn",
            "Wongsa",
            "Saetang",
            "Boonmee",
            "Kittisak",
            "Rattanakorn",
            "Sukprasert",
        ),
    ),
    "sg": (
        ("Wei Ming", "Hui Min", "Jun Jie", "Xin Yi", "Ravi", "Aisyah", "Daniel", "Rachel"),
        ("Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua"),
    ),
    "zh": (
        (
            "Wei",
            "Fang",
            "Lei",
            "Jing",
            "Hao",
            "Min",
            "Yang",
            "Li",
            "Jun",
            "Xiaoming",
            "Yu",
            "Qiang",
        ),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun"),
    ),
    "ko": (
        (
            "Minjun",
            "Seoyeon",
            "Jihoon",
            "Jiwoo",
            "Hyunwoo",
            "Soyeon",
            "Dongho",
            "Eunji",
            "Jaewon",
            "Yuna",
        ),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"),
    ),
    "ja": (
        ("Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Yuto", "Sakura", "Takumi", "Mei"),
        (
            "Sato",
            "Suzuki",
            "Takahashi",
            "Tanaka",
            "Watanabe",
            "Ito",
            "Yamamoto",
            "Nakamura",
            "Kobayashi",
            "Kato",
        ),
    ),
    "lo": (("Souk", "Noy", "Khamphone", "Vanh"), ("Phommavong", "Sisavath", "Keomany", "Vongsa")),
}

# The same person's name as another system or a payment provider spells it.
ROMANISATION = {
    "Aleksandr": ("Alexander", "Alexandr", "Oleksandr"),
    "Oleksandr": ("Alexander", "Aleksandr", "Olexandr"),
    "Dmitry": ("Dmitrii", "Dmitriy", "Dmytro"),
    "Dmytro": ("Dmitry", "Dmitriy"),
    "Sergey": ("Sergei", "Serhii", "Sergiy"),
    "Serhii": ("Sergey", "Serhiy", "Sergii"),
    "Andrey": ("Andrei", "Andrii"),
    "Andrii": ("Andriy", "Andrey"),
    "Yuri": ("Yuriy", "Iurii", "Yury"),
    "Yurii": ("Yuriy", "Yuri", "Iurii"),
    "Alexey": ("Aleksei", "Alexei", "Oleksii"),
    "Yuliia": ("Yulia", "Iuliia", "Julia"),
    "Nataliia": ("Natalia", "Nataliya"),
    "Natalia": ("Nataliya", "Natalya"),
    "Ekaterina": ("Yekaterina", "Katerina"),
    "Kateryna": ("Ekaterina", "Katerina"),
    "Iryna": ("Irina",),
    "Olena": ("Elena", "Alena"),
    "Elena": ("Yelena", "Olena"),
    "Mykola": ("Nikolai", "Mykola"),
    "Kim": ("Gim",),
    "Lee": ("Yi", "Rhee", "Ri"),
    "Park": ("Pak", "Bak"),
    "Choi": ("Choe", "Chwe"),
    "Jung": ("Jeong", "Chung"),
    "Cho": ("Jo",),
    "Yoon": ("Yun",),
    "Jang": ("Chang",),
    "Lim": ("Im", "Rim"),
    "Kang": ("Gang",),
    "Zhou": ("Chow", "Chou"),
    "Zhang": ("Chang", "Cheung"),
    "Chen": ("Chan", "Chin"),
    "Wu": ("Ng", "Woo"),
    "Huang": ("Wong", "Hwang"),
    "Xu": ("Hsu", "Tsui"),
    "Liu": ("Lau", "Lew"),
    "Yang": ("Yeung", "Young"),
    "Mohamed": ("Mohammed", "Muhammad", "Mohamad"),
    "Ahmed": ("Ahmad", "Ahmet"),
    "Youssef": ("Yousef", "Yusuf"),
    "Hussain": ("Hussein", "Husain"),
    "Chowdhury": ("Choudhury", "Chaudhary"),
    "Hossain": ("Hosen", "Hussain"),
}

WEBMAIL = {
    "default": ("gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "proton.me", "icloud.com"),
    "zh": ("qq.com", "163.com", "126.com", "gmail.com", "outlook.com"),
    "ko": ("naver.com", "gmail.com", "daum.net", "kakao.com"),
    "ru": ("mail.ru", "yandex.ru", "gmail.com", "bk.ru"),
    "uk": ("ukr.net", "gmail.com", "i.ua", "outlook.com"),
    "ja": ("gmail.com", "yahoo.co.jp", "docomo.ne.jp", "outlook.jp"),
}

# --------------------------------------------------------------------------------------------
# Real IP ranges: RIR/ASN data classified into residential, mobile and hosting per country.
# --------------------------------------------------------------------------------------------

HOSTING_WORDS = re.compile(
    r"host|cloud|server|data ?cent|datacenter|vps|colo|digitalocean|ovh|hetzner|amazon|google|"
    r"microsoft|linode|akamai|vultr|m247|leaseweb|choopa|contabo|alibaba|tencent|oracle|"
    r"cdn|hosting|dedicated|virtual|ionos|scaleway|psychz|quadranet|zenlayer|servers",
    re.I,
)
MOBILE_WORDS = re.compile(
    r"mobile|wireless|cellular|celcom|t-mobile|\bjio\b|airtel|telenor|\bjazz\b|\bzong\b|ufone|"
    r"globe telecom|smart comm|\bmtn\b|safaricom|viettel|tele2|beeline|megafon|kyivstar|lifecell|"
    r"grameenphone|\brobi\b|banglalink|vodafone|turkcell|\bdialog\b|\bncell\b|\bdtac\b|true move|"
    r"\bais\b|\bmaxis\b|\bdigi\b|indosat|telkomsel|xl axiata|\bclaro\b|\btim\b|movistar|\bentel\b|"
    r"cricket|\bglo\b",
    re.I,
)
# Networks that are neither homes nor phones: transit carriers, governments, universities, firms.
INSTITUTION_WORDS = re.compile(
    r"government|\bdod\b|department|ministry|university|school|college|educat|research|"
    r"\bbank\b|insurance|hospital|health|army|navy|air force|usaisc|information center|"
    r"cogent|level 3|hurricane electric|gtt communications|zayo|backbone|enterprises|business",
    re.I,
)
ISP_WORDS = re.compile(
    r"tele|communicat|broadband|cable|net|internet|isp|fibre|fiber|dsl|online|unicom|chinanet|"
    r"rostelecom|bharti|bsnl|ptcl|pldt|converge|verizon|at&t|charter|cox|frontier|spectrum|"
    r"kt corp|sk broadband|lg |ntt|kddi|softbank|vnpt|fpt|true internet|comcast|bell|rogers|"
    r"shaw|virgin|sky|bt |free|sfr|deutsche|swisscom|proximus|orange|kpn|ziggo|vodafone|"
    r"ufanet|mts|er-telecom|triolan|volia|link|star joint",
    re.I,
)


def _ip_int(text: str) -> int:
    family = socket.AF_INET6 if ":" in text else socket.AF_INET
    return int.from_bytes(socket.inet_pton(family, text), "big")


def _kind_of(org: str, asn: int, hosting_asns: set[int], memo: dict[str, str]) -> str:
    """hosting, mobile, residential or other, from the network's registered name."""
    if asn in hosting_asns:
        return "hosting"
    kind = memo.get(org)
    if kind is None:
        if HOSTING_WORDS.search(org):
            kind = "hosting"
        elif INSTITUTION_WORDS.search(org):
            kind = "other"
        elif MOBILE_WORDS.search(org):
            kind = "mobile"
        elif ISP_WORDS.search(org):
            kind = "residential"
        else:
            kind = "other"
        memo[org] = kind
    return kind


def _ip_text(value: int, v6: bool) -> str:
    return str(ipaddress.IPv6Address(value) if v6 else ipaddress.IPv4Address(value))


@dataclass
class RangePool:
    """Address ranges of one country and kind; sampled by size (big eyeball ISPs have big blocks)."""

    ranges: list[tuple[int, int, int, bool]] = field(default_factory=list)  # start, end, asn, is_v6
    cumulative: list[float] = field(default_factory=list)

    def add(self, start: int, end: int, asn: int, v6: bool) -> None:
        self.ranges.append((start, end, asn, v6))

    def freeze(self) -> None:
        total = 0.0
        self.cumulative = []
        for start, end, _, v6 in self.ranges:
            size = (end - start + 1) / (
                2**64 if v6 else 1
            )  # an IPv6 /64 counts like one IPv4 address
            total += min(max(size, 1.0), 2**18) ** 0.6
            self.cumulative.append(total)

    def pick_range(self, rng: random.Random) -> tuple[int, int, int, bool]:
        return self.ranges[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]

    def __bool__(self) -> bool:
        return bool(self.ranges)


class IpWorld:
    """Samples real addresses of a given country and kind, never a hosting range for a home."""

    def __init__(self, data: Path, countries: Sequence[str]) -> None:
        self.reader = maxminddb.open_database(
            str(data / "ip-location-db" / "geo-whois-asn-country.mmdb")
        )
        wanted = set(countries)
        hosting_asns = self._hosting_asns(data)
        self.no_home = self._cidr_intervals(
            [
                data / "x4bnet-lists_vpn" / "output" / "datacenter" / "ipv4.txt",
                data / "x4bnet-lists_vpn" / "output" / "vpn" / "ipv4.txt",
            ]
        )
        self.residential: dict[str, RangePool] = {c: RangePool() for c in wanted}
        self.mobile: dict[str, RangePool] = {c: RangePool() for c in wanted}
        self.mobile_v6: dict[str, RangePool] = {c: RangePool() for c in wanted}
        self.hosting: dict[str, RangePool] = {c: RangePool() for c in wanted}
        self.other: dict[str, RangePool] = {c: RangePool() for c in wanted}
        memo: dict[str, str] = {}
        for name, v6 in (("asn-ipv4.csv.gz", False), ("asn-ipv6.csv.gz", True)):
            with gzip.open(
                data / "ip-location-db" / name, "rt", encoding="utf-8", newline=""
            ) as handle:
                for start_s, end_s, asn_s, org in csv.reader(handle):
                    country = self.country(start_s)
                    if country not in wanted:
                        continue
                    start, end, asn = _ip_int(start_s), _ip_int(end_s), int(asn_s)
                    kind = _kind_of(org, asn, hosting_asns, memo)
                    if kind == "mobile":
                        (self.mobile_v6 if v6 else self.mobile)[country].add(start, end, asn, v6)
                    elif v6:
                        continue  # homes and servers are sampled over IPv4 here
                    elif kind == "hosting":
                        self.hosting[country].add(start, end, asn, v6)
                    elif kind == "residential":
                        self.residential[country].add(start, end, asn, v6)
                    else:
                        self.other[country].add(start, end, asn, v6)
        for pools in (self.residential, self.mobile, self.mobile_v6, self.hosting, self.other):
            for pool in pools.values():
                pool.freeze()
        self.vpn_by_country = self._cidrs_by_country(
            data / "x4bnet-lists_vpn" / "output" / "vpn" / "ipv4.txt"
        )
        self.dc_by_country = self._cidrs_by_country(
            data / "x4bnet-lists_vpn" / "output" / "datacenter" / "ipv4.txt"
        )
        ips = data / "x4bnet-lists_vpn" / "input" / "vpn" / "ips"
        self.privacy_vpn = [
            n
            for f in ("protonvpn.txt", "mullvadvpn.txt", "pia.txt")
            for n in self._networks(ips / f)
        ]
        self.private_relay = self._networks(ips / "apple.txt")
        tor_lines = (data / "tor-nodes" / "exit-relay-ips.txt").read_text().split()
        self.tor = [line for line in tor_lines if ":" not in line]

    def country(self, ip: str) -> str | None:
        record = self.reader.get(ip)
        return record.get("country_code") if isinstance(record, dict) else None  # type: ignore[return-value]

    @staticmethod
    def _hosting_asns(data: Path) -> set[int]:
        asns: set[int] = set()
        with open(data / "brianhama-bad-asn-list" / "bad-asn-list.csv", encoding="utf-8") as handle:
            for row in csv.reader(handle, skipinitialspace=True):
                if row and row[0].strip().isdigit():
                    asns.add(int(row[0]))
        for name in ("datacenter", "vpn"):
            for line in (
                (data / "x4bnet-lists_vpn" / "input" / name / "ASN.txt").read_text().splitlines()
            ):
                match = re.match(r"\s*AS(\d+)", line)
                if match:
                    asns.add(int(match.group(1)))
        return asns

    @staticmethod
    def _networks(path: Path) -> list[ipaddress.IPv4Network]:
        out = []
        for line in path.read_text().split():
            try:
                network = ipaddress.ip_network(line.strip(), strict=False)
            except ValueError:
                continue
            if isinstance(network, ipaddress.IPv4Network):
                out.append(network)
        return out

    def _cidr_intervals(self, paths: Sequence[Path]) -> tuple[list[int], list[int]]:
        spans = sorted(
            (int(n.network_address), int(n.broadcast_address))
            for p in paths
            for n in self._networks(p)
        )
        starts: list[int] = []
        ends: list[int] = []
        for start, end in spans:
            if ends and start <= ends[-1] + 1:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
        return starts, ends

    def _cidrs_by_country(self, path: Path) -> dict[str, list[ipaddress.IPv4Network]]:
        out: dict[str, list[ipaddress.IPv4Network]] = {}
        for network in self._networks(path):
            country = self.country(str(network.network_address))
            if country:
                out.setdefault(country, []).append(network)
        return out

    def _is_datacenter(self, value: int) -> bool:
        starts, ends = self.no_home
        i = bisect.bisect_right(starts, value) - 1
        return i >= 0 and value <= ends[i]

    def _from_range(self, rng: random.Random, span: tuple[int, int, int, bool]) -> str:
        start, end, _, v6 = span
        for _ in range(20):
            if v6:
                prefix = start + rng.randrange(max((end - start + 1) >> 64, 1)) * 2**64
                value = prefix + rng.randrange(1, 2**16)
            else:
                value = rng.randint(start, end)
                if end - start >= 2 and value & 0xFF in (0, 255):
                    continue
            if v6 or not self._is_datacenter(value):
                return _ip_text(value, v6)
        return _ip_text(start + 1 if end > start else start, v6)

    def home_line(self, rng: random.Random, country: str) -> tuple[int, int, int, bool]:
        """One subscriber's ISP range: a home keeps its provider, its address changes within it."""
        pool = self.residential.get(country) or self.other.get(country)
        if not pool:
            pool = self.residential["US"]
        for _ in range(10):
            span = pool.pick_range(rng)
            if not span[3]:
                return span
        return span

    def address_on(self, rng: random.Random, span: tuple[int, int, int, bool]) -> str:
        return self._from_range(rng, span)

    def residential_ip(self, rng: random.Random, country: str) -> str:
        return self._from_range(rng, self.home_line(rng, country))

    def mobile_ip(self, rng: random.Random, country: str, v6: bool = False) -> str:
        pool = (self.mobile_v6 if v6 else self.mobile).get(country) or self.mobile.get(country)
        if not pool:
            return self.residential_ip(rng, country)
        return self._from_range(rng, pool.pick_range(rng))

    def hosting_ip(self, rng: random.Random, country: str | None) -> str:
        networks = self.dc_by_country.get(country or "", [])
        if networks and rng.random() < 0.7:
            return self._in_network(rng, rng.choice(networks))
        pool = self.hosting.get(country or "")
        if pool:
            span = pool.pick_range(rng)
            start, end, _, _ = span
            return _ip_text(rng.randint(start, end), False)
        return self._in_network(rng, rng.choice(self.dc_by_country.get("US") or self.privacy_vpn))

    def vpn_ip(self, rng: random.Random, country: str | None) -> str:
        networks = self.vpn_by_country.get(country or "") or self.vpn_by_country.get("US", [])
        return self._in_network(rng, rng.choice(networks))

    def privacy_vpn_ip(self, rng: random.Random) -> str:
        return self._in_network(rng, rng.choice(self.privacy_vpn))

    def private_relay_ip(self, rng: random.Random) -> str:
        return self._in_network(rng, rng.choice(self.private_relay))

    def tor_ip(self, rng: random.Random) -> str:
        return rng.choice(self.tor)

    @staticmethod
    def _in_network(rng: random.Random, network: ipaddress.IPv4Network) -> str:
        if network.num_addresses <= 2:
            return str(network.network_address)
        return str(network.network_address + rng.randrange(1, network.num_addresses - 1))


# --------------------------------------------------------------------------------------------
# Text: resumes and proposals from the real resume corpus, cut into fragments and recombined.
# --------------------------------------------------------------------------------------------

TECH_CATEGORIES = (
    "Java Developer",
    "Testing",
    "DevOps Engineer",
    "Python Developer",
    "Web Designing",
    "Hadoop",
    "Data Science",
    "ETL Developer",
    "Blockchain",
    "Database",
    "DotNet Developer",
    "Automation Testing",
    "Network Security Engineer",
    "SAP Developer",
    "Business Analyst",
)
FRONT_CATEGORIES = (
    "Java Developer",
    "Python Developer",
    "Web Designing",
    "Blockchain",
    "DevOps Engineer",
    "DotNet Developer",
    "Data Science",
)


class TextBank:
    def __init__(self, data: Path) -> None:
        self.fragments: dict[str, list[str]] = {}
        path = data / "resume-updatedresumedataset" / "UpdatedResumeDataSet.csv"
        seen: set[str] = set()
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            reader = csv.reader(handle)
            next(reader)
            for category, text in reader:
                for piece in re.split(r"[\r\n]+|(?<=[.!?])\s+|\s\*\s|\u2022|\s-\s", text):
                    piece = re.sub(r"\s+", " ", piece).strip(" *-\u2022\t")
                    piece = re.sub(r"^[^\w(]+", "", piece.replace("\ufffd", "")).strip()
                    if 25 <= len(piece) <= 220 and piece.lower() not in seen:
                        seen.add(piece.lower())
                        self.fragments.setdefault(category, []).append(piece)
        self.all_fragments = [f for pieces in self.fragments.values() for f in pieces]

    def resume_fragments(self, rng: random.Random, category: str, k: int) -> list[str]:
        own = self.fragments.get(category) or self.all_fragments
        picks = rng.sample(own, min(k, len(own)))
        picks += rng.sample(self.all_fragments, max(1, k // 4))
        rng.shuffle(picks)
        return picks


def resume_text(
    name: str, category: str, years: int, fragments: Sequence[str], employer: str
) -> str:
    intro = f"{name} - {category} with {years} years of experience. Most recently at {employer}."
    return intro + "\n" + "\n".join(fragments)


EMPLOYERS = (
    "Acme Digital",
    "Brightline Labs",
    "Northwind Systems",
    "Bluepeak Software",
    "Cobalt Apps",
    "Lumen Data",
    "Redwood Tech",
    "Silverline Solutions",
    "Orbit Commerce",
    "Pinnacle IT",
    "Harbor Analytics",
    "Vertex Studio",
    "Greenfield Health IT",
    "Nimbus Retail",
    "Quantum Fintech",
    "Atlas Logistics",
)

PROPOSAL_OPENINGS = (
    "Hi, I read your job post carefully and",
    "Hello! I am confident that I",
    "Dear client, I have",
    "Hi there, this is exactly the kind of project I",
    "Good day! I",
    "Hey, I noticed you need someone who",
    "Hello, I am a {cat} and I",
    "Hi, I have delivered similar projects and I",
)
PROPOSAL_BODIES = (
    "can start right away and deliver within {days} days",
    "have {years} years of experience with this stack",
    "built a very similar system for {employer}",
    "would love to discuss your requirements on a call",
    "can share my portfolio and GitHub with relevant samples",
    "work with clean, tested code and clear communication",
    "am available during your business hours",
    "suggest we begin with a small milestone to build trust",
    "have fixed this exact issue before",
    "can propose an architecture after a short review",
)


@functools.cache
def load_reference(data: Path) -> tuple[IpWorld, TextBank]:
    """The real IP ranges and resume corpus, read once per process (they do not depend on the seed)."""
    return IpWorld(data, list(COUNTRIES)), TextBank(data)


def proposal_text(rng: random.Random, category: str, years: int, employer: str) -> str:
    parts = [rng.choice(PROPOSAL_OPENINGS)] + rng.sample(PROPOSAL_BODIES, rng.randint(2, 4))
    text = " ".join(parts).format(
        cat=category.lower(), days=rng.randint(2, 30), years=years, employer=employer
    )
    return text + rng.choice((".", "!", ". Thanks.", ". Best regards.", ""))


# --------------------------------------------------------------------------------------------
# Per-world parameters: every rate is drawn, so worlds differ as much as platforms do.
# --------------------------------------------------------------------------------------------

SEGMENTS = (
    "privacy_vpn",
    "traveller",
    "relocated_expat",
    "asia_night_shift",
    "agency",
    "declared_cn_ru_kr",
    "name_romanisation",
    "voip_number",
    "web3_crypto",
    "shared_household",
    "coworking",
    "remote_desktop_user",
    "mobile_carrier_nat",
)
TACTICS = (
    "vpn_persona",
    "laptop_farm",
    "rented_identity",
    "careful_operator",
    "bought_account",
    "evolving_cell",
    "sham_agency",
    "global_pivot",
)


@dataclass
class WorldParams:
    front_share: float
    segment_share: dict[str, float]
    tactic_mix: dict[str, float]
    country_mix: dict[str, float]
    end: datetime
    missing: dict[str, float]
    sessions_median: float
    mobile_scale: float
    casual_vpn_people: float
    casual_remote_people: float
    device_churn_people: float
    rfp_utc_people: float
    diaspora_name: float
    discipline_a: float
    discipline_b: float
    leak_scale: float
    farm_kvm_hidden: float
    operator_personas_max: int
    cgnat_per_user: float  # public NAT addresses per mobile user of the platform
    payout_none: float
    mobile_v6_people: float
    popular_template_people: float
    default_avatar_people: float


def draw_world(rng: random.Random) -> WorldParams:
    def u(lo: float, hi: float) -> float:
        return rng.uniform(lo, hi)

    mix = {c: w * math.exp(rng.gauss(0, 0.45)) for c, w in HONEST_MIX.items()}
    raw_tactics = {
        t: 0.3 + rng.gammavariate(1.3, 1.0) for t in TACTICS
    }  # every tactic present, in varying amounts
    total = sum(raw_tactics.values())
    return WorldParams(
        front_share=u(0.03, 0.08),
        segment_share={s: u(0.012, 0.04) for s in SEGMENTS},
        tactic_mix={t: w / total for t, w in raw_tactics.items()},
        country_mix=mix,
        end=datetime(2026, 9, 1, tzinfo=UTC)
        + timedelta(days=rng.randint(0, 80), hours=rng.randint(0, 23)),
        missing={
            "full_name": u(0.0, 0.04),
            "email": u(0.01, 0.1),
            "phone": u(0.1, 0.4),
            "claimed_city": u(0.05, 0.35),
            "claimed_timezone": u(0.15, 0.65),
            "resume_text": u(0.03, 0.2),
            "photo_phash": u(0.1, 0.45),
            "github_url": u(0.35, 0.85),
            "hourly_rate_usd": u(0.03, 0.2),
            "shipping_country": u(0.8, 0.97),
            "device_id": u(0.0, 0.12),
            "browser_timezone": u(0.0, 0.15),
            "remote_access": u(0.0, 0.3),
            "duration_s": u(0.0, 0.3),
            "holder_name": u(0.05, 0.4),
            "account_country": u(0.05, 0.3),
            "null_instead": u(0.0, 0.5),
        },
        sessions_median=u(6, 25),
        mobile_scale=u(0.5, 1.6),
        casual_vpn_people=u(0.02, 0.1),
        casual_remote_people=u(0.01, 0.05),
        device_churn_people=u(0.02, 0.12),
        rfp_utc_people=u(0.0, 0.03),
        diaspora_name=u(0.05, 0.25),
        discipline_a=u(0.8, 3.0),
        discipline_b=u(0.8, 3.0),
        leak_scale=u(0.3, 1.5),
        farm_kvm_hidden=u(0.1, 0.7),
        operator_personas_max=rng.randint(2, 6),
        cgnat_per_user=u(0.3, 3.0),
        payout_none=u(0.08, 0.35),
        mobile_v6_people=u(0.0, 0.4),
        popular_template_people=u(0.0, 0.05),
        default_avatar_people=u(0.0, 0.02),
    )


# --------------------------------------------------------------------------------------------
# People, schedules and sessions.
# --------------------------------------------------------------------------------------------

IpSource = Callable[[random.Random], str]


@dataclass
class Schedule:
    """When someone works, in the wall clock of the place they really are."""

    tz: str
    start_hour: float  # usual local start of the working day
    spread: float  # day-to-day jitter of the start, hours
    day_length: float  # hours over which sessions of one day fall
    weekend: float  # chance of working on a Saturday or Sunday


@dataclass
class Phase:
    """A stretch of time with its own networks, devices and clocks (travel, relocation, hand-over)."""

    until: datetime | None
    sources: list[tuple[float, IpSource]]
    schedule: Schedule
    browser_tz: list[tuple[float, str | None]]
    devices: list[str]
    remote_access: float
    long_sessions: float = 0.0


@dataclass
class Person:
    applicant_id: str
    label: int
    segment: str
    tactic: str
    cell_id: str
    profile: dict[str, object]
    created_at: datetime
    phases: list[Phase]
    n_sessions: int
    payouts: list[dict[str, object]]
    proposals: list[dict[str, object]] = field(default_factory=list)
    fresh_device_each_session: bool = False


@dataclass
class Operator:
    """One worker behind several personas at once (Mandiant: several jobs concurrently)."""

    device: str
    start: float
    personas: int = 0


def weighted(rng: random.Random, items: Sequence[tuple[float, object]]) -> object:
    total = sum(w for w, _ in items)
    x = rng.random() * total
    for w, item in items:
        x -= w
        if x <= 0:
            return item
    return items[-1][1]


def pick_map(rng: random.Random, mapping: dict[str, float]) -> str:
    return str(weighted(rng, [(w, k) for k, w in mapping.items()]))


def rfc3339(moment: datetime, rng: random.Random, style: float) -> str:
    """Mostly `Z`; some exporters write a numeric offset or fractional seconds (all RFC 3339)."""
    moment = moment.astimezone(UTC).replace(microsecond=0)
    if style < 0.08:
        return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    if style < 0.14:
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{rng.randint(0, 999):03d}Z"
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def session_times(
    rng: random.Random, schedule: Schedule, start: datetime, end: datetime, n: int
) -> list[datetime]:
    zone = ZoneInfo(schedule.tz)
    out: list[datetime] = []
    span_days = max((end - start).days, 1)
    attempts = 0
    while len(out) < n and attempts < n * 6:
        attempts += 1
        day = (start + timedelta(days=rng.randrange(span_days + 1))).astimezone(zone).date()
        if day.weekday() >= 5 and rng.random() > schedule.weekend:
            continue
        hour = (
            schedule.start_hour + rng.gauss(0, schedule.spread) + rng.random() * schedule.day_length
        )
        local = datetime(day.year, day.month, day.day, tzinfo=zone) + timedelta(hours=hour)
        moment = local.astimezone(UTC)
        if start <= moment <= end:
            out.append(moment)
    out.sort()
    return out


class Builder:
    """Draws one world: honest segments, front cells, then writes records."""

    def __init__(self, n: int, seed: int, data: Path) -> None:
        self.rng = random.Random(seed)
        self.n = n
        self.world = draw_world(self.rng)
        self.ips, self.text = load_reference(data)
        self.people: list[Person] = []
        self.used_ids: set[str] = set()
        self.ts_style = self.rng.uniform(0.0, 0.3)
        self.cgnat: dict[str, list[str]] = {}
        self.vpn_exits: dict[str, list[str]] = {}
        # Resume builders and bootcamps hand the same text to strangers; some photos are stock avatars.
        self.popular_templates = [
            self.text.resume_fragments(self.rng, self.rng.choice(TECH_CATEGORIES), 8)
            for _ in range(12)
        ]
        self.stock_avatars = [self.phash() for _ in range(4)]

    # ---- small helpers ------------------------------------------------------------------
    def stamp(self, moment: datetime) -> str:
        style = self.rng.random()
        return rfc3339(moment, self.rng, style if style < self.ts_style else 1.0)

    def new_id(self) -> str:
        while True:
            value = f"{self.rng.getrandbits(48):012x}"
            if value not in self.used_ids:
                self.used_ids.add(value)
                return value

    def zone_city(self, country: str) -> tuple[str, str]:
        zones = COUNTRIES[country].zones
        tz, _, cities = weighted(self.rng, [(z[1], z) for z in zones])  # type: ignore[misc]
        return tz, self.rng.choice(cities)

    def name(self, culture: str) -> tuple[str, str]:
        firsts, lasts = NAMES.get(culture, NAMES["en"])
        return self.rng.choice(firsts), self.rng.choice(lasts)

    def full_name(self, first: str, last: str, culture: str) -> str:
        if culture in ("zh", "ko", "vn") and self.rng.random() < 0.5:
            return f"{last} {first}" if culture != "vn" else f"{first} {last}"
        return f"{first} {last}"

    def romanised(self, full: str) -> str:
        parts = full.split()
        changed = [
            self.rng.choice(ROMANISATION[p]) if p in ROMANISATION and self.rng.random() < 0.8 else p
            for p in parts
        ]
        if changed == parts:
            if len(parts) == 2:
                changed = [parts[1], parts[0]]
            else:
                changed = [p.upper() for p in parts]
        text = " ".join(changed)
        text = text.replace("đ", "d").replace("Đ", "D")
        return "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )

    def email(self, first: str, last: str, culture: str, digits: str | None = None) -> str:
        local = re.sub(r"[^a-z0-9.]", "", f"{first}.{last}".lower().replace(" ", "")) or "user"
        style = self.rng.random()
        if digits is not None:
            local = re.sub(r"[^a-z0-9]", "", (first + last).lower()) + digits
        elif style < 0.3:
            local = local + str(self.rng.randint(1, 99))
        elif style < 0.45:
            local = (
                local.split(".")[0][:1] + local.split(".")[-1] + str(self.rng.randint(1970, 2005))
            )
        elif style < 0.55:
            local = local + ".dev"
        domains = WEBMAIL.get(culture, WEBMAIL["default"])
        if self.rng.random() < 0.06:
            return f"{local.split('.')[0]}@{re.sub(r'[^a-z]', '', last.lower()) or 'mail'}studio.io"
        return f"{local}@{self.rng.choice(domains)}"

    def phone(self, country: str, kind: str = "mobile") -> str:
        region = country if country not in ("KP",) else "CN"
        number_type = {
            "mobile": phonenumbers.PhoneNumberType.MOBILE,
            "fixed": phonenumbers.PhoneNumberType.FIXED_LINE,
            "voip": phonenumbers.PhoneNumberType.VOIP,
        }[kind]
        example = phonenumbers.example_number_for_type(
            region, number_type
        ) or phonenumbers.example_number(region)
        if example is None:
            example = phonenumbers.example_number("US")
            region = "US"
        national = str(example.national_number)
        for _ in range(30):
            keep = max(2, len(national) - 7)
            candidate = national[:keep] + "".join(
                str(self.rng.randint(0, 9)) for _ in range(len(national) - keep)
            )
            parsed = phonenumbers.parse("+" + str(example.country_code) + candidate)
            if phonenumbers.is_valid_number(parsed):
                break
        else:
            parsed = example
        style = self.rng.random()
        if style < 0.55:
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if style < 0.85 or region != country:
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)

    def phash(self) -> str:
        return f"{self.rng.getrandbits(64):016x}"

    def near_phash(self, base: str, bits: int) -> str:
        value = int(base, 16)
        for _ in range(bits):
            value ^= 1 << self.rng.randrange(64)
        return f"{value:016x}"

    def account(self, method: str, country: str, seed_text: str = "") -> str:
        r = self.rng
        if method == "bank":
            if country in (
                "DE",
                "FR",
                "ES",
                "IT",
                "NL",
                "PT",
                "PL",
                "RO",
                "GB",
                "SK",
                "RS",
                "UA",
                "TR",
                "GE",
                "AE",
                "KZ",
                "PK",
                "EG",
            ):
                return f"{country}{r.randint(10, 99)}{''.join(str(r.randint(0, 9)) for _ in range(r.randint(14, 24)))}"
            return f"{country}-{r.randint(100, 999)}-{r.getrandbits(40):012d}"
        if method == "paypal":
            return f"pp-{seed_text or r.getrandbits(32)}-{r.getrandbits(20):x}"
        if method == "payoneer":
            return f"PAYONEER-{r.randint(10**7, 10**9)}"
        if method == "wise":
            return f"WISE-{r.randint(10**7, 10**9)}"
        if method == "crypto":
            if r.random() < 0.55:
                return "0x" + f"{r.getrandbits(160):040x}"
            alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
            return "T" + "".join(r.choice(alphabet) for _ in range(33))
        return f"OTHER-{r.getrandbits(36):x}"

    def rate(self, country: str, factor: float = 1.0) -> float:
        return round(
            max(3.0, COUNTRIES[country].rate * factor * math.exp(self.rng.gauss(0, 0.45))),
            self.rng.choice((0, 0, 2)),
        )

    def n_sessions(self, scale: float = 1.0) -> int:
        return max(0, int(self.world.sessions_median * scale * math.exp(self.rng.gauss(0, 0.9))))

    def cgnat_ip(self, country: str) -> IpSource:
        """Carrier-grade NAT: many unrelated subscribers share a small set of public addresses."""
        pool = self.cgnat.setdefault(country, [])
        if not pool:
            w = self.world
            users = self.n * w.country_mix.get(country, 0.2) / sum(w.country_mix.values())
            size = max(5, int(w.cgnat_per_user * users * COUNTRIES[country].mobile))
            while len(pool) < size:
                ip = self.ips.mobile_ip(self.rng, country)
                if ":" not in ip:  # IPv6 is not shared behind NAT
                    pool.append(ip)
        return lambda rng: rng.choice(pool)

    def shared_vpn_exit(self, country: str, fleet: int = 40) -> IpSource:
        """A commercial VPN's exits for one country: a modest set of addresses shared by all its users."""
        pool = self.vpn_exits.setdefault(country, [])
        if not pool:
            pool.extend(self.ips.vpn_ip(self.rng, country) for _ in range(fleet))
        return lambda rng: rng.choice(pool)

    def hosting_in(self, country: str) -> IpSource:
        return lambda rng: self.ips.hosting_ip(rng, country)

    def residential_in(self, country: str) -> IpSource:
        """A residential proxy service: a different subscriber's line each time."""
        return lambda rng: self.ips.residential_ip(rng, country)

    def home(self, country: str) -> IpSource:
        span = self.ips.home_line(self.rng, country)
        addresses = [self.ips.address_on(self.rng, span) for _ in range(self.rng.randint(1, 4))]
        return lambda rng: rng.choice(addresses)

    def honest_schedule(self, tz: str) -> Schedule:
        return Schedule(
            tz,
            self.rng.gauss(9.5, 1.8),
            self.rng.uniform(0.5, 2.5),
            self.rng.uniform(6, 12),
            self.rng.uniform(0.05, 0.5),
        )

    def devices(self, k: int) -> list[str]:
        return [f"d{self.rng.getrandbits(40):010x}" for _ in range(k)]

    # ---- honest people ---------------------------------------------------------------------
    def base_honest(
        self,
        segment: str,
        country: str | None = None,
        culture: str | None = None,
        last_name: str | None = None,
    ) -> tuple[Person, dict[str, str]]:
        """An ordinary honest freelancer; segments then change what makes them look odd."""
        w = self.world
        country = country or pick_map(self.rng, w.country_mix)
        if culture is None:
            culture = COUNTRIES[country].culture
            if self.rng.random() < w.diaspora_name and country in (
                "US",
                "CA",
                "GB",
                "AU",
                "DE",
                "NL",
                "SG",
                "AE",
                "FR",
            ):
                culture = self.rng.choice(
                    ("in", "zh", "ko", "vn", "ar", "pk", "ng", "es", "uk", "ph", "ru")
                )
        first, last = self.name(culture)
        last = last_name or last
        full = self.full_name(first, last, culture)
        tz, city = self.zone_city(country)
        category = (
            self.rng.choice(TECH_CATEGORIES)
            if self.rng.random() < 0.8
            else self.rng.choice(list(self.text.fragments))
        )
        years = self.rng.randint(1, 18)
        employer = self.rng.choice(EMPLOYERS)
        created = w.end - timedelta(
            days=min(1500.0, self.rng.expovariate(1 / 260)), seconds=self.rng.randint(0, 86399)
        )
        profile: dict[str, object] = {
            "full_name": full,
            "email": self.email(first, last, culture),
            "phone": self.phone(country, "mobile" if self.rng.random() < 0.85 else "fixed"),
            "claimed_country": country,
            "claimed_city": city,
            "claimed_timezone": tz,
            "resume_text": resume_text(
                full,
                category,
                years,
                self.text.resume_fragments(self.rng, category, self.rng.randint(4, 12)),
                employer,
            ),
            "photo_phash": self.phash(),
            "github_url": f"https://github.com/{re.sub(r'[^a-z0-9]', '', (first + last).lower())}{self.rng.randint(0, 999)}",
            "hourly_rate_usd": self.rate(country),
            "shipping_country": country,
        }
        mobile = min(0.95, COUNTRIES[country].mobile * w.mobile_scale)
        home = self.home(country)
        sources: list[tuple[float, IpSource]] = [
            (1 - mobile, home),
            (mobile, self.cgnat_ip(country)),
        ]
        if self.rng.random() < w.mobile_v6_people and self.ips.mobile_v6.get(country):
            phone_addresses = [
                self.ips.mobile_ip(self.rng, country, v6=True)
                for _ in range(self.rng.randint(1, 5))
            ]
            sources.append((mobile, lambda rng: rng.choice(phone_addresses)))
        if self.rng.random() < w.popular_template_people:
            fragments = list(self.rng.choice(self.popular_templates))
            self.rng.shuffle(fragments)
            profile["resume_text"] = resume_text(
                full, category, years, fragments[: self.rng.randint(5, 8)], employer
            )
        if self.rng.random() < w.default_avatar_people:
            profile["photo_phash"] = self.rng.choice(self.stock_avatars)
        if self.rng.random() < w.casual_vpn_people:
            sources.append(
                (
                    self.rng.uniform(0.05, 0.3),
                    self.shared_vpn_exit(self.rng.choice(("US", "NL", "DE", "GB", "SG", "CH"))),
                )
            )
        n_dev = 1 + int(self.rng.random() < 0.6) + int(self.rng.random() < 0.15)
        phase = Phase(
            None,
            sources,
            self.honest_schedule(tz),
            [(1.0, tz)],
            self.devices(n_dev),
            self.rng.uniform(0.05, 0.4) if self.rng.random() < w.casual_remote_people else 0.0,
        )
        if self.rng.random() < w.rfp_utc_people:
            phase.browser_tz = [(0.7, "UTC"), (0.3, tz)]
        payouts = []
        if self.rng.random() > w.payout_none:
            method = weighted(
                self.rng,
                [
                    (0.45, "bank"),
                    (0.2, "paypal"),
                    (
                        0.2
                        if culture in ("pk", "bd", "ph", "ng", "in", "ke", "eg", "uk")
                        else 0.05,
                        "payoneer",
                    ),
                    (0.12, "wise"),
                    (0.02, "other"),
                ],
            )
            payouts.append(
                {
                    "method": method,
                    "account_ref": self.account(str(method), country),
                    "account_country": country,
                    "holder_name": full,
                }
            )
            if self.rng.random() < 0.12:
                second = self.rng.choice(("paypal", "wise", "payoneer", "bank"))
                payouts.append(
                    {
                        "method": second,
                        "account_ref": self.account(second, country),
                        "account_country": country,
                        "holder_name": full,
                    }
                )
        person = Person(
            self.new_id(),
            0,
            segment,
            "",
            "",
            profile,
            created,
            [phase],
            self.n_sessions(),
            payouts,
            fresh_device_each_session=self.rng.random() < w.device_churn_people,
        )
        if self.rng.random() < self.rng.uniform(0.1, 0.5):
            for _ in range(self.rng.randint(1, 8)):
                when = created + timedelta(
                    seconds=self.rng.randint(0, max(1, int((w.end - created).total_seconds())))
                )
                person.proposals.append(
                    {
                        "submitted_at": when,
                        "text": proposal_text(self.rng, category, years, employer),
                    }
                )
        return person, {
            "first": first,
            "last": last,
            "culture": culture,
            "tz": tz,
            "category": category,
        }

    def add_honest(self, segment: str) -> list[Person]:
        rng = self.rng
        if segment == "regular":
            return [self.base_honest("regular")[0]]
        if segment == "privacy_vpn":
            person, info = self.base_honest(segment)
            phase = person.phases[0]
            share = rng.uniform(0.4, 0.95)
            relay = rng.random() < 0.3
            exit_country = rng.choice(("US", "NL", "CH", "SE", "DE", "GB", "SG", "JP", "CA"))
            source: IpSource = (
                self.ips.private_relay_ip
                if relay
                else (
                    self.shared_vpn_exit(exit_country)
                    if rng.random() < 0.5
                    else self.ips.privacy_vpn_ip
                )
            )
            phase.sources = [(1 - share, phase.sources[0][1]), (share, source)]
            if rng.random() < 0.1:
                phase.sources.append((0.05, self.ips.tor_ip))
            if rng.random() < 0.25:
                phase.browser_tz = [(0.8, "UTC"), (0.2, info["tz"])]
            return [person]
        if segment == "traveller":
            person, info = self.base_honest(segment)
            home_phase = person.phases[0]
            dest = rng.choice([c for c in HONEST_MIX if c != person.profile["claimed_country"]])
            dest_tz, _ = self.zone_city(dest)
            start = person.created_at + (self.world.end - person.created_at) * rng.uniform(0.2, 0.8)
            back = start + timedelta(days=rng.randint(5, 60))
            roaming = home_phase.sources[1][1]  # roaming data exits through the home carrier
            away = Phase(
                back,
                [(0.55, self.home(dest)), (0.2, roaming), (0.25, self.cgnat_ip(dest))],
                Schedule(dest_tz, home_phase.schedule.start_hour + rng.uniform(-3, 3), 2.5, 9, 0.5),
                [(0.6, dest_tz), (0.4, info["tz"])],
                home_phase.devices[:1],
                home_phase.remote_access,
            )
            before = Phase(
                start,
                home_phase.sources,
                home_phase.schedule,
                home_phase.browser_tz,
                home_phase.devices,
                home_phase.remote_access,
            )
            person.phases = [before, away, home_phase]
            person.n_sessions = max(person.n_sessions, 6)
            if rng.random() < 0.3:
                person.profile["shipping_country"] = dest
            return [person]
        if segment == "relocated_expat":
            origin = rng.choice(("RU", "UA", "BY", "RU", "UA"))
            new = rng.choice(("GE", "AM", "RS", "TR", "KZ", "AE", "PT", "PL", "DE", "SK"))
            person, info = self.base_honest(segment, new, culture=COUNTRIES[origin].culture)
            full = str(person.profile["full_name"])
            if rng.random() < 0.6:
                person.profile["phone"] = self.phone(origin)
            origin_tz, _ = self.zone_city(origin)
            moved = person.created_at + (self.world.end - person.created_at) * rng.uniform(
                0.05, 0.5
            )
            person.created_at -= timedelta(days=rng.randint(0, 400))
            early = Phase(
                moved,
                [(0.7, self.home(origin)), (0.3, self.cgnat_ip(origin))],
                self.honest_schedule(origin_tz),
                [(1.0, origin_tz)],
                person.phases[0].devices,
                0.0,
            )
            person.phases.insert(0, early)
            person.phases[-1].browser_tz = [(0.85, info["tz"]), (0.15, origin_tz)]
            for payout in person.payouts:
                payout["holder_name"] = full
                if rng.random() < 0.5:
                    payout["account_country"] = (
                        origin if rng.random() < 0.5 else rng.choice(("KZ", "GE", "AM", "TR"))
                    )
            person.n_sessions = max(person.n_sessions, 5)
            return [person]
        if segment == "asia_night_shift":
            country = rng.choice(("PH", "IN", "PK", "VN", "ID", "BD", "LK", "CN", "MY", "TH", "NP"))
            person, info = self.base_honest(segment, country)
            client_start = rng.choice(
                (8.5, 9, 10, 13)
            )  # client's morning in US Eastern/Pacific or afternoon Europe
            client_offset = rng.choice((-5, -8, 1))
            local_offset = (
                ZoneInfo(info["tz"]).utcoffset(datetime(2026, 1, 1)).total_seconds() / 3600
            )  # type: ignore[union-attr]
            person.phases[0].schedule = Schedule(
                info["tz"],
                (client_start - client_offset + local_offset) % 24,
                1.0,
                rng.uniform(7, 11),
                rng.uniform(0.05, 0.3),
            )
            person.phases[0].long_sessions = rng.uniform(0.0, 0.2)
            person.n_sessions = max(person.n_sessions, 8)
            return [person]
        if segment == "agency":
            return self.add_agency()
        if segment == "declared_cn_ru_kr":
            country = weighted(rng, [(0.45, "CN"), (0.3, "RU"), (0.25, "KR")])
            person, info = self.base_honest(segment, str(country))
            phase = person.phases[0]
            if (
                country == "CN" and rng.random() < 0.7
            ):  # reaching foreign sites from China needs a VPN
                phase.sources.append(
                    (
                        rng.uniform(0.2, 0.8),
                        self.shared_vpn_exit(rng.choice(("US", "JP", "SG", "HK"))),
                    )
                )
            if country == "CN" and person.payouts and rng.random() < 0.4:
                person.payouts[0].update(
                    method="payoneer",
                    account_ref=self.account("payoneer", "HK"),
                    account_country="HK",
                )
            if country == "RU" and person.payouts and rng.random() < 0.6:  # cards abroad since 2022
                person.payouts[0]["account_country"] = rng.choice(("KZ", "GE", "AM", "TR", "RS"))
            if rng.random() < 0.35:
                phase.schedule.start_hour = rng.uniform(17, 23)
            return [person]
        if segment == "name_romanisation":
            country = rng.choice(
                (
                    "CN",
                    "TW",
                    "HK",
                    "KR",
                    "RU",
                    "UA",
                    "BY",
                    "KZ",
                    "EG",
                    "PK",
                    "BD",
                    "VN",
                    "US",
                    "GB",
                    "CA",
                )
            )
            own = COUNTRIES[country].culture
            culture = (
                own
                if own in ("zh", "ko", "ru", "uk", "ar", "pk", "bd", "vn")
                else rng.choice(("zh", "ko", "ru", "uk", "vn"))
            )
            person, info = self.base_honest(segment, country, culture=culture)
            variant = self.romanised(str(person.profile["full_name"]))
            if not person.payouts:
                person.payouts.append(
                    {
                        "method": "bank",
                        "account_ref": self.account("bank", country),
                        "account_country": country,
                    }
                )
            for payout in person.payouts:
                payout["holder_name"] = variant
            return [person]
        if segment == "voip_number":
            person, info = self.base_honest(segment)
            country = str(person.profile["claimed_country"])
            where = country if rng.random() < 0.4 else rng.choice(("US", "GB", "CA"))
            person.profile["phone"] = self.phone(where, "voip" if rng.random() < 0.7 else "fixed")
            return [person]
        if segment == "web3_crypto":
            person, info = self.base_honest(segment)
            person.profile["resume_text"] = resume_text(
                str(person.profile["full_name"]),
                "Blockchain",
                rng.randint(1, 8),
                self.text.resume_fragments(rng, "Blockchain", rng.randint(4, 10)),
                rng.choice(EMPLOYERS),
            )
            person.payouts = [
                {"method": "crypto", "account_ref": self.account("crypto", "")}
            ] + person.payouts[: int(rng.random() < 0.4)]
            if rng.random() < 0.4:
                person.phases[0].sources.append(
                    (0.3, self.shared_vpn_exit(rng.choice(("US", "DE", "SG", "NL"))))
                )
            if rng.random() < 0.3:
                person.phases[0].schedule.start_hour = rng.uniform(14, 22)
            return [person]
        if segment == "shared_household":
            return self.add_household()
        if segment == "coworking":
            return self.add_coworking()
        if segment == "remote_desktop_user":
            person, info = self.base_honest(segment)
            phase = person.phases[0]
            phase.remote_access = rng.uniform(0.5, 1.0)
            if (
                rng.random() < 0.3
            ):  # working inside a client's cloud desktop: the session exits in the client's cloud
                phase.sources.append(
                    (rng.uniform(0.2, 0.7), self.hosting_in(rng.choice(("US", "DE", "GB", "NL"))))
                )
            return [person]
        if segment == "mobile_carrier_nat":
            country = rng.choice(
                ("IN", "NG", "KE", "PH", "ID", "PK", "BD", "EG", "VN", "US", "BR", "MX")
            )
            person, info = self.base_honest(segment, country)
            person.phases[0].sources = [
                (0.1, person.phases[0].sources[0][1]),
                (0.9, self.cgnat_ip(country)),
            ]
            if rng.random() < 0.5:
                person.phases[0].sources.append((0.3, self.cgnat_ip(country)))
            return [person]
        raise ValueError(segment)

    def add_agency(self) -> list[Person]:
        rng = self.rng
        country = pick_map(
            rng,
            {
                c: w
                for c, w in self.world.country_mix.items()
                if c
                in (
                    "IN",
                    "PK",
                    "UA",
                    "PH",
                    "BD",
                    "VN",
                    "EG",
                    "NG",
                    "PL",
                    "RS",
                    "US",
                    "GB",
                    "AR",
                    "BR",
                )
            },
        )
        agency_id = f"ag-{rng.getrandbits(24):06x}"
        office = self.home(country)
        size = min(25, 2 + int(rng.expovariate(1 / 5)))
        account = {
            "method": rng.choice(("bank", "payoneer", "wise")),
            "account_country": country,
            "holder_name": f"{rng.choice(EMPLOYERS).split()[0]} {rng.choice(('Technologies', 'Solutions', 'Labs', 'Soft'))} {rng.choice(('Pvt Ltd', 'LLC', 'Ltd', ''))}".strip(),
        }
        account["account_ref"] = self.account(str(account["method"]), country)
        template = self.text.resume_fragments(rng, rng.choice(TECH_CATEGORIES), 8)
        office_devices = self.devices(rng.randint(2, 6))
        members = []
        for _ in range(size):
            remote_member = rng.random() < 0.15
            person, info = self.base_honest(
                "agency", rng.choice(("UA", "PL", "IN", "PH")) if remote_member else country
            )
            declared = (
                rng.random() < 0.93
            )  # an occasional member forgot to link the profile to the agency
            if declared:
                person.profile["agency_id"] = agency_id
            phase = person.phases[0]
            phase.sources = (
                [(0.6, office), (0.4, phase.sources[0][1])] if not remote_member else phase.sources
            )
            if rng.random() < 0.5:
                phase.devices = [rng.choice(office_devices)] + phase.devices[:1]
            if rng.random() < 0.7:
                person.payouts = [dict(account)]
            if rng.random() < 0.6:
                frags = list(template)
                rng.shuffle(frags)
                person.profile["resume_text"] = resume_text(
                    str(person.profile["full_name"]),
                    info["category"],
                    rng.randint(1, 12),
                    frags[:6],
                    "our agency",
                )
            members.append(person)
        return members

    def add_household(self) -> list[Person]:
        rng = self.rng
        first_person, info = self.base_honest("shared_household")
        country = str(first_person.profile["claimed_country"])
        home = first_person.phases[0].sources[0][1]
        shared_device = first_person.phases[0].devices[0]
        family = [first_person]
        for _ in range(rng.randint(1, 3)):
            relative = rng.random() < 0.7
            person, other = self.base_honest(
                "shared_household",
                country,
                culture=info["culture"] if relative else None,
                last_name=info["last"] if relative else None,
            )
            person.phases[0].sources = [(0.75, home), (0.25, person.phases[0].sources[1][1])]
            person.phases[0].schedule.tz = first_person.phases[0].schedule.tz
            person.phases[0].browser_tz = first_person.phases[0].browser_tz
            person.profile["claimed_timezone"] = first_person.profile["claimed_timezone"]
            if rng.random() < 0.5:
                person.phases[0].devices = [shared_device] + person.phases[0].devices[:1]
            if first_person.payouts and rng.random() < 0.45:
                person.payouts = [
                    dict(first_person.payouts[0])
                ]  # paid into the spouse's or parent's account
            if rng.random() < 0.15:
                person.profile["phone"] = first_person.profile["phone"]
            family.append(person)
        return family

    def add_coworking(self) -> list[Person]:
        rng = self.rng
        country = pick_map(rng, self.world.country_mix)
        office = self.home(country)
        group = []
        for _ in range(rng.randint(3, 12)):
            person, _ = self.base_honest("coworking", country)
            person.phases[0].sources = [(rng.uniform(0.3, 0.8), office)] + person.phases[0].sources
            group.append(person)
        return group

    # ---- fronts ----------------------------------------------------------------------------
    def add_cell(self, tactic: str, cell_no: int) -> list[Person]:
        rng, w = self.rng, self.world
        cell_id = f"cell-{cell_no:03d}"
        discipline = rng.betavariate(w.discipline_a, w.discipline_b)
        if tactic == "careful_operator":
            discipline = max(discipline, rng.uniform(0.8, 1.0))
        leak = w.leak_scale * (1 - discipline)
        size = {
            "careful_operator": rng.randint(1, 6),
            "rented_identity": rng.randint(2, 12),
            "laptop_farm": rng.randint(3, 20),
            "sham_agency": rng.randint(3, 12),
            "bought_account": rng.randint(1, 8),
        }.get(tactic, min(30, 2 + int(rng.expovariate(1 / 6))))
        base = pick_map(rng, OPERATOR_BASES)
        op_tz = OPERATOR_TZ[base]
        claim_mix = (
            FRONT_CLAIM_US_FIRST
            if tactic != "global_pivot"
            else {c: v for c, v in FRONT_CLAIM_US_FIRST.items() if c != "US"}
        )
        cell_country = pick_map(rng, claim_mix)
        office_leak_ip = self.ips.residential_ip(rng, base)
        email_digits = str(rng.randint(1, 999))
        template = self.text.resume_fragments(rng, rng.choice(FRONT_CATEGORIES), rng.randint(6, 12))
        cover = proposal_text(rng, "developer", rng.randint(5, 12), rng.choice(EMPLOYERS))
        photo_base = self.phash()
        vpn_exit_country = cell_country
        phone_pool = [
            self.phone("US" if rng.random() < 0.7 else cell_country, rng.choice(("mobile", "voip")))
            for _ in range(max(1, size // 3))
        ]
        facilitator_first, facilitator_last = self.name("en" if rng.random() < 0.6 else "zh")
        facilitator = f"{facilitator_first} {facilitator_last}"
        fac_country = weighted(
            rng,
            [(0.5, cell_country), (0.3, "HK"), (0.2, "CN")]
            if tactic != "global_pivot"
            else [(0.6, "GB"), (0.4, "US")],
        )
        pooled_accounts = []
        for _ in range(max(1, size // rng.randint(2, 6))):
            method = weighted(
                rng,
                [
                    (0.35, "payoneer"),
                    (0.2, "wise"),
                    (0.2, "bank"),
                    (0.15, "crypto"),
                    (0.1, "paypal"),
                ],
            )
            pooled_accounts.append(
                {
                    "method": method,
                    "account_ref": self.account(str(method), str(fac_country)),
                    "account_country": fac_country if method != "crypto" else None,
                    "holder_name": facilitator,
                }
            )
        # The facilitator's house for a laptop farm (Chapman: Arizona; Knoot: Nashville).
        farm_country = cell_country if tactic == "laptop_farm" else "US"
        farm_tz, _ = self.zone_city(farm_country)
        farm_line = self.home(farm_country)
        farm_hidden_kvm = rng.random() < w.farm_kvm_hidden
        agency_id = f"ag-{rng.getrandbits(24):06x}" if tactic == "sham_agency" else None
        switch_at = w.end - timedelta(days=rng.randint(30, 300))
        cell_created = w.end - timedelta(days=min(1200.0, rng.expovariate(1 / 200)))
        members: list[Person] = []
        operators: list[Operator] = []
        for _ in range(size):
            if not operators or operators[-1].personas >= rng.randint(1, w.operator_personas_max):
                start = rng.gauss(9.0, 1.0) if rng.random() < 0.7 else rng.gauss(20, 1.5)
                operators.append(Operator(self.devices(1)[0], start))
            operator = operators[-1]
            operator.personas += 1
            country = cell_country if rng.random() < 0.8 else pick_map(rng, claim_mix)
            culture = COUNTRIES[country].culture
            first, last = self.name(culture)
            full = f"{first} {last}"
            tz, city = self.zone_city(country)
            category = rng.choice(FRONT_CATEGORIES)
            years = rng.randint(4, 12)
            employer = rng.choice(EMPLOYERS)
            # Resume: the cell's template with name and employer swapped; careful cells rewrite it.
            if rng.random() < discipline * 0.9:
                fragments = self.text.resume_fragments(rng, category, rng.randint(5, 11))
            else:
                fragments = list(template)
                for _ in range(rng.randint(0, 2)):
                    fragments[rng.randrange(len(fragments))] = rng.choice(self.text.all_fragments)
                if rng.random() < 0.5:
                    rng.shuffle(fragments)
            created = cell_created + timedelta(
                days=rng.uniform(0, 40), seconds=rng.randint(0, 86399)
            )
            if tactic == "bought_account":
                created = w.end - timedelta(days=rng.uniform(400, 1800))
            created = min(created, w.end - timedelta(days=2))
            photo = (
                self.near_phash(photo_base, rng.randint(0, 6))
                if rng.random() < leak * 0.8
                else self.phash()
            )
            profile: dict[str, object] = {
                "full_name": full,
                "email": self.email(first, last, "en", email_digits)
                if rng.random() < leak
                else self.email(first, last, culture),
                "phone": rng.choice(phone_pool)
                if rng.random() < leak * 1.2
                else self.phone(country, rng.choice(("mobile", "voip"))),
                "claimed_country": country,
                "claimed_city": city,
                "claimed_timezone": tz,
                "resume_text": resume_text(full, category, years, fragments, employer),
                "photo_phash": photo,
                "github_url": f"https://github.com/{re.sub(r'[^a-z0-9]', '', (first + last).lower())}-dev{rng.randint(0, 99)}",
                "hourly_rate_usd": self.rate(country, rng.uniform(0.6, 1.05)),
                "shipping_country": country,
            }
            if agency_id:
                profile["agency_id"] = agency_id
            if (
                rng.random() < leak * 0.3
            ):  # laptops freight-forwarded abroad (Chapman: China, UAE, Nigeria, Pakistan)
                profile["shipping_country"] = rng.choice(("CN", "AE", "NG", "PK", "HK"))
            # Working clock: the operator's day, or the claimed zone's day for careful cells (their night).
            if rng.random() < discipline * 0.8:
                schedule = Schedule(
                    tz, rng.gauss(9.5, 1.0), 1.0, rng.uniform(8, 12), rng.uniform(0.2, 0.6)
                )
            else:
                schedule = Schedule(
                    op_tz, operator.start, 1.2, rng.uniform(10, 15), rng.uniform(0.4, 0.9)
                )
            operator_device = operator.device
            own_device = self.devices(1)[0]
            leak_source: list[tuple[float, IpSource]] = (
                [(leak * 0.12, lambda r, ip=office_leak_ip: ip)] if leak > 0 else []
            )
            tz_choices: list[tuple[float, str | None]] = [
                (1 - min(0.9, leak * 0.4), tz),
                (min(0.9, leak * 0.4), op_tz),
            ]
            payout_list: list[dict[str, object]] = []
            remote = 0.0
            fresh = False
            sources: list[tuple[float, IpSource]]
            devices = [operator_device if rng.random() < leak * 1.5 else own_device]
            # -- tactic-specific networks, devices and payouts
            if tactic in ("vpn_persona", "global_pivot", "sham_agency"):
                exit_ip = self.shared_vpn_exit(
                    vpn_exit_country if rng.random() < 0.85 else country, fleet=rng.randint(5, 40)
                )
                sources = [(0.7, exit_ip), (0.3, self.hosting_in(country))] + leak_source
                if rng.random() < 0.2:
                    sources.append((0.1, self.residential_in(country)))  # residential proxy
                remote = rng.uniform(0.0, 0.3) * leak
                fresh = rng.random() < discipline * 0.5
                payout_list = [dict(rng.choice(pooled_accounts))]
                if tactic == "global_pivot" and rng.random() < 0.6:
                    payout_list[0]["method"] = rng.choice(("wise", "payoneer"))
            elif tactic == "laptop_farm":
                sources = [(0.95, farm_line)] + leak_source
                tz_choices = [(0.85, farm_tz), (0.15, tz)]
                devices = self.devices(1)  # every company laptop is its own machine
                remote = 0.0 if farm_hidden_kvm else rng.uniform(0.5, 1.0)
                payout_list = [
                    {
                        "method": "bank",
                        "account_ref": pooled_accounts[0]["account_ref"]
                        if rng.random() < 0.6
                        else self.account("bank", farm_country),
                        "account_country": farm_country,
                        "holder_name": facilitator if rng.random() < 0.5 else full,
                    }
                ]
                profile["shipping_country"] = farm_country
            elif tactic == "rented_identity":
                # A real resident lends name, phone, bank and home line; the operator drives their machine.
                renter_home = self.home(country)
                sources = [(0.9, renter_home), (0.1, self.cgnat_ip(country))] + leak_source
                profile["phone"] = self.phone(country)
                profile["email"] = self.email(first, last, culture)
                tz_choices = [(0.95, tz), (0.05, op_tz)]
                devices = self.devices(1)
                remote = rng.uniform(0.2, 0.9) if rng.random() > w.farm_kvm_hidden else 0.0
                payout_list = [
                    {
                        "method": rng.choice(("bank", "paypal", "bank")),
                        "account_ref": self.account("bank", country),
                        "account_country": country,
                        "holder_name": full,
                    }
                ]
            elif tactic == "careful_operator":
                proxy_lines = [
                    self.home(country) for _ in range(rng.randint(3, 12))
                ]  # rotating residential proxy exits
                sources = [(1.0 / len(proxy_lines), line) for line in proxy_lines] + leak_source
                fresh = rng.random() < 0.5
                devices = self.devices(1)
                remote = 0.0
                payout_list = [
                    {
                        "method": rng.choice(("payoneer", "wise", "bank")),
                        "account_ref": self.account("wise", country),
                        "account_country": country,
                        "holder_name": full,
                    }
                ]
            elif tactic == "bought_account":
                # An aged account bought from a real freelancer: honest history, then a new driver.
                seller_country = country
                seller_tz = tz
                seller = Phase(
                    switch_at,
                    [(0.7, self.home(seller_country)), (0.3, self.cgnat_ip(seller_country))],
                    self.honest_schedule(seller_tz),
                    [(1.0, seller_tz)],
                    self.devices(2),
                    0.0,
                )
                buyer_sources: list[tuple[float, IpSource]] = [
                    (0.6, self.shared_vpn_exit(country)),
                    (0.4, self.residential_in(country)),
                ] + leak_source
                buyer = Phase(
                    None, buyer_sources, schedule, tz_choices, devices, rng.uniform(0.0, 0.6)
                )
                seller_payout = {
                    "method": "payoneer",
                    "account_ref": self.account("payoneer", country),
                    "account_country": country,
                    "holder_name": full,
                }
                new_payout = dict(rng.choice(pooled_accounts))
                person = Person(
                    self.new_id(),
                    1,
                    "front",
                    tactic,
                    cell_id,
                    profile,
                    created,
                    [seller, buyer],
                    max(8, self.n_sessions(1.5)),
                    [seller_payout, new_payout],
                )
                members.append(person)
                continue
            else:  # evolving_cell: VPN and leaks first, laptop farm or residential proxies after the crackdown
                early_sources: list[tuple[float, IpSource]] = [
                    (0.6, self.shared_vpn_exit(country)),
                    (0.25, self.hosting_in(country)),
                    (0.15 * max(leak, 0.3), lambda r, ip=office_leak_ip: ip),
                ]
                early = Phase(
                    switch_at,
                    early_sources,
                    Schedule(op_tz, operator.start, 1.2, 13, 0.7),
                    [(0.5, op_tz), (0.5, tz)],
                    [operator_device],
                    rng.uniform(0.0, 0.4),
                )
                later_sources: list[tuple[float, IpSource]] = (
                    [(1.0, farm_line)]
                    if rng.random() < 0.5
                    else [(1.0, self.home(country)), (1.0, self.home(country))]
                )
                later = Phase(
                    None,
                    later_sources,
                    Schedule(tz, rng.gauss(9.5, 1), 1, 10, 0.4),
                    [(0.9, tz), (0.1, farm_tz)],
                    self.devices(1),
                    0.0 if farm_hidden_kvm else rng.uniform(0.2, 0.8),
                )
                payouts = [dict(rng.choice(pooled_accounts))]
                if rng.random() < 0.6:
                    payouts.append(
                        {
                            "method": "bank",
                            "account_ref": self.account("bank", country),
                            "account_country": country,
                            "holder_name": full,
                        }
                    )
                created = min(created, switch_at - timedelta(days=rng.randint(10, 200)))
                members.append(
                    Person(
                        self.new_id(),
                        1,
                        "front",
                        tactic,
                        cell_id,
                        profile,
                        created,
                        [early, later],
                        max(6, self.n_sessions(1.5)),
                        payouts,
                    )
                )
                continue
            if rng.random() < 0.3:
                payout_list.append({"method": "crypto", "account_ref": self.account("crypto", "")})
            phase = Phase(
                None,
                sources,
                schedule,
                tz_choices,
                devices,
                remote,
                long_sessions=rng.uniform(0.0, 0.3) * (1 - discipline),
            )
            person = Person(
                self.new_id(),
                1,
                "front",
                tactic,
                cell_id,
                profile,
                created,
                [phase],
                max(1, self.n_sessions(1.4)),
                payout_list,
                fresh_device_each_session=fresh,
            )
            if rng.random() < 0.7:
                for _ in range(rng.randint(2, 20)):
                    when = created + timedelta(
                        seconds=rng.randint(0, max(1, int((w.end - created).total_seconds())))
                    )
                    text = (
                        cover
                        if rng.random() < leak * 1.5
                        else proposal_text(rng, category, years, employer)
                    )
                    person.proposals.append({"submitted_at": when, "text": text})
            members.append(person)
        return members

    # ---- assembly --------------------------------------------------------------------------
    def build(self) -> list[Person]:
        w, rng = self.world, self.rng
        n_fronts = max(1, round(self.n * w.front_share))
        cell_no = 0
        fronts: list[Person] = []
        while len(fronts) < n_fronts:
            cell_no += 1
            fronts.extend(self.add_cell(pick_map(rng, w.tactic_mix), cell_no))
        fronts = fronts[:n_fronts]
        honest_target = self.n - len(fronts)
        honest: list[Person] = []
        for segment, share in w.segment_share.items():
            target = round(honest_target * share)
            got = 0
            while got < target:
                group = self.add_honest(segment)
                honest.extend(group)
                got += len(group)
        while len(honest) < honest_target:
            honest.extend(self.add_honest("regular"))
        honest = honest[:honest_target]
        people = honest + fronts
        rng.shuffle(people)
        return people

    def sessions_of(self, person: Person) -> list[dict[str, object]]:
        rng, w = self.rng, self.world
        out: list[dict[str, object]] = []
        start = person.created_at - timedelta(minutes=rng.randint(0, 30))
        bounds: list[tuple[datetime, Phase]] = []
        cursor = start
        for phase in person.phases:
            until = phase.until if phase.until is not None else w.end
            until = min(max(until, cursor), w.end)
            bounds.append((until, phase))
        spans = []
        for until, phase in bounds:
            if until > cursor:
                spans.append((cursor, until, phase))
                cursor = until
        if not spans:
            spans = [(start, w.end, person.phases[-1])]
        total = sum((b - a).total_seconds() for a, b, _ in spans) or 1.0
        for a, b, phase in spans:
            k = round(person.n_sessions * (b - a).total_seconds() / total)
            if len(spans) > 1:
                k = max(k, 2)
            for moment in session_times(rng, phase.schedule, a, b, k):
                source = weighted(rng, [(wt, src) for wt, src in phase.sources if wt > 0])
                session: dict[str, object] = {"started_at": moment, "ip": source(rng)}  # type: ignore[operator]
                if rng.random() >= w.missing["device_id"]:
                    session["device_id"] = (
                        self.devices(1)[0]
                        if person.fresh_device_each_session
                        else rng.choice(phase.devices)
                    )
                if rng.random() >= w.missing["browser_timezone"]:
                    zone = weighted(rng, phase.browser_tz)
                    if zone:
                        session["browser_timezone"] = zone
                if rng.random() >= w.missing["remote_access"]:
                    session["remote_access"] = rng.random() < phase.remote_access
                if rng.random() >= w.missing["duration_s"]:
                    hours = min(rng.lognormvariate(math.log(1.5), 0.7), 14.0)
                    if rng.random() < phase.long_sessions:
                        hours = rng.uniform(12, 40)
                    session["duration_s"] = int(min(hours, 48) * 3600)
                out.append(session)
        return out

    def record(self, person: Person) -> dict[str, object]:
        rng, w = self.rng, self.world
        record: dict[str, object] = {
            "applicant_id": person.applicant_id,
            "created_at": self.stamp(person.created_at),
        }
        for key, value in person.profile.items():
            if key == "claimed_country":
                record[key] = value
                continue
            drop = w.missing.get(key, 0.0)
            if person.label == 1 and key in ("resume_text", "github_url", "photo_phash"):
                drop *= 0.5  # fronts curate complete profiles (Jasper Sleet)
            if value is None or rng.random() < drop:
                if rng.random() < w.missing["null_instead"]:
                    record[key] = None
                continue
            record[key] = value
        sessions = self.sessions_of(person)
        record["sessions"] = [{**s, "started_at": self.stamp(s["started_at"])} for s in sessions]  # type: ignore[arg-type]
        payouts = []
        for payout in person.payouts:
            clean = {k: v for k, v in payout.items() if v is not None}
            for key in ("holder_name", "account_country"):
                if key in clean and rng.random() < w.missing[key]:
                    clean.pop(key)
            payouts.append(clean)
        record["payouts"] = payouts
        if person.proposals:
            record["proposals"] = [
                {"submitted_at": self.stamp(p["submitted_at"]), "text": p["text"]}
                for p in person.proposals
            ]  # type: ignore[arg-type]
        record["label"] = person.label
        return record


def write_world(n: int, seed: int, out: Path, data: Path) -> tuple[Path, Path]:
    builder = Builder(n, seed, data)
    people = builder.build()
    out.parent.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if out.suffix == ".gz" else open
    with opener(out, "wt", encoding="utf-8") as handle:  # type: ignore[operator]
        for person in people:
            handle.write(json.dumps(builder.record(person), ensure_ascii=False) + "\n")
    stem = out.name.removesuffix(".gz").removesuffix(".jsonl")
    truth = out.with_name(stem + ".truth.csv")
    with open(truth, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["applicant_id", "label", "segment", "tactic", "cell_id"])
        for person in people:
            writer.writerow(
                [person.applicant_id, person.label, person.segment, person.tactic, person.cell_id]
            )
    return out, truth


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=20000, help="number of applicants")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="output .jsonl or .jsonl.gz"
    )
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the shared reference data folder"
    )
    args = parser.parse_args(argv)
    out, truth = write_world(args.n, args.seed, args.output, args.data)
    print(f"wrote {out} and {truth}")


if __name__ == "__main__":
    main()
