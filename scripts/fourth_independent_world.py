"""Fourth independent test world: a labelled freelance-platform population with DPRK IT-worker fronts.

Written apart from the detector (docs/FOURTH_INDEPENDENT_WORLD.md says what was read): it models
the public record (DOJ cases, FBI PSAs, Mandiant/GTIG, Microsoft, Sophos, Unit 42, KnowBe4, ...)
and the honest look-alikes of ../shared/RED_FLAGS.md section 3, on real reference data (IP ranges,
VPN/hosting lists, Tor exits, phone-number examples, a resume corpus).

    python scripts/fourth_independent_world.py -n 20000 --seed 1 -o world-1.jsonl.gz

writes the nested JSON Lines of ../shared/spec/INPUT.md (gzip when the name ends in .gz) with a
``label`` on every applicant, and ``world-1.truth.csv`` beside it
(``applicant_id,label,segment,tactic,cell_id``). Same -n and --seed give the same bytes.
Only the standard library, numpy, pandas and maxminddb are used.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import gzip
import hashlib
import io
import ipaddress
import json
import math
import random
import re
import socket
import string
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import maxminddb
import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]

HONEST_SEGMENTS = (
    "regular",
    "privacy_vpn",
    "traveller",
    "asia_night_shift",
    "declared_agency",
    "consistent_cn_kr_ru",
    "name_romanisation",
    "voip_number",
    "web3_crypto",
    "shared_household",
    "relocated",
    "remote_admin",
    "mobile_cgnat",
)
TACTICS = (
    "vpn_persona",
    "laptop_farm_rdp",
    "laptop_farm_kvm",
    "rented_identity",
    "rented_account",
    "residential_proxy",
    "front_company_agency",
    "aged_account_purchase",
    "third_country_persona",
    "direct_connect",
)

# ----------------------------------------------------------------------------------------------
# Countries: base share of the honest freelancer population, cities with their time zones,
# name culture, hourly-rate range (USD) and usual payout methods.
# ----------------------------------------------------------------------------------------------

C = {
    # code: (weight, [(city, tz)], culture, (rate lo, hi), [(method, weight)])
    "IN": (17, [("Bengaluru", "Asia/Kolkata"), ("Pune", "Asia/Kolkata"), ("Hyderabad", "Asia/Kolkata"), ("Chennai", "Asia/Kolkata"), ("Noida", "Asia/Kolkata"), ("Mumbai", "Asia/Kolkata")], "in", (8, 45), [("bank", 4), ("payoneer", 3), ("paypal", 2)]),
    "US": (11, [("New York", "America/New_York"), ("Austin", "America/Chicago"), ("Chicago", "America/Chicago"), ("Denver", "America/Denver"), ("Seattle", "America/Los_Angeles"), ("Los Angeles", "America/Los_Angeles"), ("Atlanta", "America/New_York"), ("Phoenix", "America/Phoenix"), ("Miami", "America/New_York")], "anglo", (35, 150), [("bank", 6), ("paypal", 3)]),
    "PK": (8, [("Lahore", "Asia/Karachi"), ("Karachi", "Asia/Karachi"), ("Islamabad", "Asia/Karachi"), ("Faisalabad", "Asia/Karachi")], "pk", (6, 35), [("payoneer", 5), ("bank", 3), ("wise", 1)]),
    "PH": (7, [("Manila", "Asia/Manila"), ("Cebu City", "Asia/Manila"), ("Davao", "Asia/Manila"), ("Quezon City", "Asia/Manila")], "ph", (5, 30), [("paypal", 4), ("payoneer", 2), ("bank", 2)]),
    "UA": (5, [("Kyiv", "Europe/Kyiv"), ("Lviv", "Europe/Kyiv"), ("Kharkiv", "Europe/Kyiv"), ("Dnipro", "Europe/Kyiv"), ("Odesa", "Europe/Kyiv")], "ua", (20, 70), [("payoneer", 4), ("bank", 2), ("wise", 2)]),
    "BD": (5, [("Dhaka", "Asia/Dhaka"), ("Chittagong", "Asia/Dhaka"), ("Sylhet", "Asia/Dhaka")], "bd", (5, 30), [("payoneer", 5), ("bank", 3)]),
    "GB": (3.5, [("London", "Europe/London"), ("Manchester", "Europe/London"), ("Bristol", "Europe/London"), ("Edinburgh", "Europe/London")], "anglo", (35, 120), [("bank", 5), ("paypal", 2), ("wise", 1)]),
    "NG": (4, [("Lagos", "Africa/Lagos"), ("Abuja", "Africa/Lagos"), ("Ibadan", "Africa/Lagos")], "ng", (8, 40), [("payoneer", 4), ("bank", 2), ("crypto", 0.6)]),
    "EG": (3, [("Cairo", "Africa/Cairo"), ("Alexandria", "Africa/Cairo"), ("Giza", "Africa/Cairo")], "ar", (8, 40), [("payoneer", 3), ("bank", 3)]),
    "KE": (2.5, [("Nairobi", "Africa/Nairobi"), ("Mombasa", "Africa/Nairobi")], "ke", (8, 35), [("payoneer", 3), ("paypal", 2), ("bank", 1)]),
    "BR": (3, [("Sao Paulo", "America/Sao_Paulo"), ("Rio de Janeiro", "America/Sao_Paulo"), ("Belo Horizonte", "America/Sao_Paulo"), ("Recife", "America/Recife")], "latin", (15, 60), [("bank", 3), ("payoneer", 2), ("wise", 1)]),
    "VN": (2.5, [("Ho Chi Minh City", "Asia/Ho_Chi_Minh"), ("Hanoi", "Asia/Bangkok"), ("Da Nang", "Asia/Ho_Chi_Minh")], "vn", (10, 40), [("payoneer", 3), ("bank", 2)]),
    "ID": (2.5, [("Jakarta", "Asia/Jakarta"), ("Bandung", "Asia/Jakarta"), ("Surabaya", "Asia/Jakarta"), ("Denpasar", "Asia/Makassar")], "id", (8, 35), [("payoneer", 3), ("paypal", 2), ("bank", 1)]),
    "CA": (2.5, [("Toronto", "America/Toronto"), ("Vancouver", "America/Vancouver"), ("Montreal", "America/Toronto"), ("Calgary", "America/Edmonton")], "anglo", (35, 130), [("bank", 5), ("paypal", 2)]),
    "DE": (1.5, [("Berlin", "Europe/Berlin"), ("Munich", "Europe/Berlin"), ("Hamburg", "Europe/Berlin")], "de", (40, 120), [("bank", 5), ("paypal", 1)]),
    "PL": (2, [("Warsaw", "Europe/Warsaw"), ("Krakow", "Europe/Warsaw"), ("Wroclaw", "Europe/Warsaw")], "pl", (25, 80), [("bank", 4), ("wise", 1), ("payoneer", 1)]),
    "RO": (1.2, [("Bucharest", "Europe/Bucharest"), ("Cluj-Napoca", "Europe/Bucharest"), ("Iasi", "Europe/Bucharest")], "ro", (20, 70), [("bank", 4), ("payoneer", 1)]),
    "RS": (1.5, [("Belgrade", "Europe/Belgrade"), ("Novi Sad", "Europe/Belgrade"), ("Nis", "Europe/Belgrade")], "rs", (20, 65), [("payoneer", 3), ("bank", 2)]),
    "AR": (1.5, [("Buenos Aires", "America/Argentina/Buenos_Aires"), ("Cordoba", "America/Argentina/Cordoba"), ("Rosario", "America/Argentina/Buenos_Aires")], "latin", (15, 60), [("payoneer", 3), ("crypto", 1), ("wise", 1)]),
    "MX": (1.5, [("Mexico City", "America/Mexico_City"), ("Guadalajara", "America/Mexico_City"), ("Monterrey", "America/Monterrey")], "latin", (15, 60), [("bank", 3), ("payoneer", 1), ("paypal", 1)]),
    "CO": (1.2, [("Bogota", "America/Bogota"), ("Medellin", "America/Bogota"), ("Cali", "America/Bogota")], "latin", (15, 55), [("payoneer", 3), ("bank", 1)]),
    "ZA": (1, [("Cape Town", "Africa/Johannesburg"), ("Johannesburg", "Africa/Johannesburg"), ("Durban", "Africa/Johannesburg")], "za", (15, 60), [("bank", 3), ("payoneer", 1)]),
    "LK": (1.2, [("Colombo", "Asia/Colombo"), ("Kandy", "Asia/Colombo")], "lk", (8, 35), [("payoneer", 3), ("bank", 2)]),
    "NP": (1, [("Kathmandu", "Asia/Kathmandu"), ("Pokhara", "Asia/Kathmandu")], "np", (6, 30), [("payoneer", 3), ("bank", 1)]),
    "TR": (1, [("Istanbul", "Europe/Istanbul"), ("Ankara", "Europe/Istanbul"), ("Izmir", "Europe/Istanbul")], "tr", (15, 55), [("bank", 2), ("payoneer", 2), ("wise", 1)]),
    "ES": (1, [("Madrid", "Europe/Madrid"), ("Barcelona", "Europe/Madrid"), ("Valencia", "Europe/Madrid")], "latin", (30, 90), [("bank", 4), ("paypal", 1)]),
    "FR": (1, [("Paris", "Europe/Paris"), ("Lyon", "Europe/Paris"), ("Toulouse", "Europe/Paris")], "fr", (35, 100), [("bank", 4), ("paypal", 1)]),
    "IT": (0.8, [("Milan", "Europe/Rome"), ("Rome", "Europe/Rome"), ("Turin", "Europe/Rome")], "it", (30, 90), [("bank", 4), ("paypal", 1)]),
    "AU": (1, [("Sydney", "Australia/Sydney"), ("Melbourne", "Australia/Melbourne"), ("Brisbane", "Australia/Brisbane"), ("Perth", "Australia/Perth")], "anglo", (40, 130), [("bank", 5), ("paypal", 1)]),
    "NL": (0.6, [("Amsterdam", "Europe/Amsterdam"), ("Rotterdam", "Europe/Amsterdam"), ("Utrecht", "Europe/Amsterdam")], "de", (40, 120), [("bank", 5)]),
    "GE": (0.5, [("Tbilisi", "Asia/Tbilisi"), ("Batumi", "Asia/Tbilisi")], "cau", (15, 55), [("payoneer", 2), ("bank", 2)]),
    "AM": (0.5, [("Yerevan", "Asia/Yerevan"), ("Gyumri", "Asia/Yerevan")], "cau", (15, 55), [("payoneer", 2), ("bank", 2)]),
    "UZ": (0.5, [("Tashkent", "Asia/Tashkent"), ("Samarkand", "Asia/Samarkand")], "cau", (10, 40), [("payoneer", 3), ("bank", 1)]),
    "MA": (0.6, [("Casablanca", "Africa/Casablanca"), ("Rabat", "Africa/Casablanca"), ("Marrakesh", "Africa/Casablanca")], "ar", (10, 45), [("payoneer", 3), ("bank", 2)]),
    "GH": (0.8, [("Accra", "Africa/Accra"), ("Kumasi", "Africa/Accra")], "ng", (8, 35), [("payoneer", 3), ("bank", 1)]),
    "KZ": (0.5, [("Almaty", "Asia/Almaty"), ("Astana", "Asia/Almaty")], "cau", (15, 50), [("payoneer", 2), ("bank", 2)]),
    "MY": (0.6, [("Kuala Lumpur", "Asia/Kuala_Lumpur"), ("Penang", "Asia/Kuala_Lumpur")], "id", (15, 50), [("bank", 3), ("payoneer", 2)]),
    "TH": (0.5, [("Bangkok", "Asia/Bangkok"), ("Chiang Mai", "Asia/Bangkok")], "th", (12, 45), [("bank", 3), ("payoneer", 1)]),
    "PT": (0.5, [("Lisbon", "Europe/Lisbon"), ("Porto", "Europe/Lisbon")], "latin", (30, 85), [("bank", 4), ("wise", 1)]),
    "JP": (0.3, [("Tokyo", "Asia/Tokyo"), ("Osaka", "Asia/Tokyo"), ("Fukuoka", "Asia/Tokyo")], "jp", (35, 110), [("bank", 4), ("paypal", 1)]),
    "SG": (0.3, [("Singapore", "Asia/Singapore")], "cn", (35, 110), [("bank", 4), ("paypal", 1)]),
    "AE": (0.4, [("Dubai", "Asia/Dubai"), ("Abu Dhabi", "Asia/Dubai")], "ar", (25, 90), [("bank", 3), ("payoneer", 1)]),
    # the "consistent CN/KR/RU" look-alike segment draws from these (weight 0 in the regular mix)
    "CN": (0, [("Shenzhen", "Asia/Shanghai"), ("Shanghai", "Asia/Shanghai"), ("Beijing", "Asia/Shanghai"), ("Hangzhou", "Asia/Shanghai"), ("Chengdu", "Asia/Shanghai"), ("Shenyang", "Asia/Shanghai")], "cn", (15, 60), [("payoneer", 4), ("bank", 2), ("other", 1)]),
    "HK": (0, [("Hong Kong", "Asia/Hong_Kong")], "hk", (30, 100), [("bank", 4), ("paypal", 1)]),
    "TW": (0, [("Taipei", "Asia/Taipei"), ("Taichung", "Asia/Taipei")], "tw", (25, 80), [("bank", 3), ("payoneer", 1)]),
    "KR": (0, [("Seoul", "Asia/Seoul"), ("Busan", "Asia/Seoul"), ("Incheon", "Asia/Seoul")], "kr", (30, 100), [("bank", 4), ("payoneer", 1)]),
    "RU": (0, [("Moscow", "Europe/Moscow"), ("Saint Petersburg", "Europe/Moscow"), ("Novosibirsk", "Asia/Novosibirsk"), ("Kazan", "Europe/Moscow"), ("Vladivostok", "Asia/Vladivostok")], "ru", (15, 70), [("payoneer", 2), ("crypto", 2), ("bank", 1)]),
    "BY": (0, [("Minsk", "Europe/Minsk"), ("Grodno", "Europe/Minsk")], "ru", (15, 60), [("payoneer", 2), ("bank", 2)]),
}
CONSISTENT_EAST = {"CN": 4, "RU": 3, "KR": 2, "HK": 1, "TW": 1, "BY": 1}

NAMES = {
    "in": (["Rahul", "Priya", "Amit", "Sneha", "Vikram", "Anjali", "Rohit", "Pooja", "Arjun", "Neha", "Karthik", "Divya", "Sanjay", "Kavya", "Suresh", "Meera", "Aditya", "Ishita", "Manoj", "Lakshmi", "Harish", "Swati", "Nikhil", "Ritu"],
           ["Sharma", "Patel", "Kumar", "Singh", "Reddy", "Iyer", "Nair", "Gupta", "Das", "Rao", "Mehta", "Joshi", "Verma", "Pillai", "Bhat", "Agarwal", "Menon", "Kulkarni", "Deshpande", "Mishra"]),
    "pk": (["Muhammad", "Ali", "Ayesha", "Hassan", "Fatima", "Usman", "Zainab", "Bilal", "Hira", "Imran", "Sana", "Hamza", "Saad", "Maryam", "Umar", "Iqra"],
           ["Khan", "Ahmed", "Malik", "Hussain", "Raza", "Qureshi", "Butt", "Chaudhry", "Sheikh", "Iqbal", "Abbasi", "Mirza"]),
    "bd": (["Rakib", "Nusrat", "Tanvir", "Farhana", "Shakil", "Sumaiya", "Mahmud", "Sadia", "Arif", "Tasnim", "Jahid", "Rumana"],
           ["Hossain", "Rahman", "Islam", "Akter", "Uddin", "Chowdhury", "Haque", "Sarkar", "Mia", "Alam"]),
    "lk": (["Kasun", "Nadeesha", "Chamara", "Dilani", "Tharindu", "Sachini", "Ruwan", "Ishara"],
           ["Perera", "Fernando", "Silva", "Bandara", "Jayasinghe", "Wickramasinghe", "Dissanayake"]),
    "np": (["Suman", "Anita", "Bikash", "Sabina", "Rajesh", "Puja", "Sagar", "Nisha"],
           ["Shrestha", "Thapa", "Gurung", "Adhikari", "Karki", "Tamang", "Rai", "Maharjan"]),
    "anglo": (["James", "Emily", "Michael", "Sarah", "David", "Jessica", "Daniel", "Ashley", "Matthew", "Laura", "Chris", "Megan", "Ryan", "Rachel", "Kevin", "Amanda", "Brian", "Nicole", "Jason", "Hannah", "Tyler", "Olivia", "Ethan", "Grace", "Andrew", "Lauren", "Justin", "Katie"],
              ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Roberts"]),
    "ua": (["Oleksandr", "Olena", "Andrii", "Iryna", "Dmytro", "Nataliia", "Serhii", "Tetiana", "Mykola", "Yuliia", "Vitalii", "Kateryna", "Bohdan", "Oksana"],
           ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boyko", "Moroz", "Lysenko", "Savchenko", "Rudenko", "Marchenko"]),
    "ru": (["Aleksandr", "Dmitry", "Elena", "Sergey", "Anna", "Ivan", "Olga", "Maksim", "Natalia", "Artem", "Yulia", "Pavel"],
           ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Volkov", "Orlov", "Fedorov"]),
    "pl": (["Piotr", "Anna", "Tomasz", "Katarzyna", "Michal", "Agnieszka", "Krzysztof", "Magdalena", "Pawel", "Joanna"],
           ["Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski", "Szymanski", "Dabrowski"]),
    "rs": (["Nikola", "Milica", "Marko", "Jelena", "Stefan", "Ana", "Luka", "Ivana", "Milos", "Tamara"],
           ["Jovanovic", "Petrovic", "Nikolic", "Markovic", "Djordjevic", "Stojanovic", "Ilic", "Pavlovic"]),
    "ro": (["Andrei", "Elena", "Alexandru", "Ioana", "Mihai", "Maria", "Stefan", "Cristina", "Vlad", "Raluca"],
           ["Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Stoica", "Gheorghe", "Munteanu"]),
    "latin": (["Carlos", "Maria", "Jose", "Ana", "Luis", "Camila", "Juan", "Valentina", "Diego", "Fernanda", "Mateus", "Gabriela", "Pedro", "Lucia", "Rafael", "Sofia", "Joao", "Beatriz"],
              ["Silva", "Santos", "Oliveira", "Gonzalez", "Rodriguez", "Martinez", "Lopez", "Hernandez", "Garcia", "Pereira", "Costa", "Fernandez", "Ramirez", "Torres", "Souza", "Almeida", "Castro"]),
    "ng": (["Chinedu", "Ngozi", "Emeka", "Funmilayo", "Oluwaseun", "Adaeze", "Tunde", "Chiamaka", "Kwame", "Ama", "Yaw", "Efua", "Ibrahim", "Aisha", "Segun", "Kemi"],
           ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Ogunleye", "Nwosu", "Mensah", "Boateng", "Owusu", "Abubakar", "Adebayo"]),
    "ke": (["Brian", "Faith", "Kevin", "Mercy", "Dennis", "Wanjiru", "Collins", "Achieng", "Victor", "Naomi"],
           ["Otieno", "Kamau", "Mwangi", "Wanjiku", "Ochieng", "Kiprop", "Njoroge", "Mutua", "Omondi"]),
    "za": (["Thabo", "Lerato", "Sipho", "Naledi", "Pieter", "Chantel", "Ruan", "Zanele"],
           ["Nkosi", "Dlamini", "Botha", "van der Merwe", "Naidoo", "Pillay", "Mokoena", "Jacobs"]),
    "ar": (["Ahmed", "Mohamed", "Mona", "Omar", "Nour", "Youssef", "Salma", "Karim", "Hana", "Mostafa", "Yasmine", "Khaled"],
           ["Hassan", "Ibrahim", "Mahmoud", "Abdelrahman", "Mostafa", "Saleh", "El-Sayed", "Fathy", "Benali", "Alaoui", "Mansour"]),
    "ph": (["Mark", "Kristine", "John Paul", "Maricel", "Jerome", "Angelica", "Rommel", "Joy", "Christian", "Jasmine", "Ralph", "Camille"],
           ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Villanueva", "Ramos", "Aquino", "Castillo"]),
    "vn": (["Minh", "Linh", "Hoang", "Trang", "Tuan", "Huong", "Duc", "Mai", "Quang", "Thao", "Khanh", "Phuong"],
           ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do"]),
    "id": (["Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Andi", "Ayu", "Hafiz", "Nurul", "Fajar", "Intan"],
           ["Santoso", "Wijaya", "Pratama", "Saputra", "Hidayat", "Lestari", "Rahman", "Abdullah", "Ismail", "Kurniawan"]),
    "th": (["Somchai", "Nattapong", "Siriporn", "Kittipong", "Pimchanok", "Anan", "Waraporn"],
           ["Srisuk", "Wongsawat", "Chaiyaporn", "Boonmee", "Rattanakorn", "Suksawat"]),
    "cn": (["Wei", "Jing", "Lei", "Xin", "Hao", "Yan", "Tao", "Min", "Jun", "Li", "Yu", "Chen", "Xiaoming", "Yifan"],
           ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu"]),
    "hk": (["Ka Ho", "Wing Yan", "Chun Kit", "Mei Ling", "Siu Ming", "Hoi Yan"],
           ["Chan", "Wong", "Cheung", "Lau", "Leung", "Ho", "Tsang"]),
    "tw": (["Chia-Hao", "Yu-Ting", "Chih-Wei", "Hsin-Yi", "Po-Han", "Shu-Fen"],
           ["Chang", "Lin", "Huang", "Chen", "Tsai", "Hsu", "Cheng"]),
    "kr": (["Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo", "Hyun-woo", "Soo-jin", "Jae-won", "Eun-ji", "Sung-min", "Yu-na"],
           ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim"]),
    "jp": (["Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Takumi", "Sakura", "Yuki", "Kenji"],
           ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi"]),
    "tr": (["Mehmet", "Ayse", "Emre", "Zeynep", "Burak", "Elif", "Can", "Merve"],
           ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk"]),
    "de": (["Lukas", "Anna", "Jonas", "Lea", "Felix", "Laura", "Maximilian", "Sophie", "Daan", "Emma", "Jan", "Lisa"],
           ["Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "de Vries", "Jansen", "Bakker"]),
    "fr": (["Lucas", "Camille", "Hugo", "Chloe", "Louis", "Manon", "Thomas", "Ines"],
           ["Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Laurent", "Girard"]),
    "it": (["Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo", "Sara"],
           ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Ricci"]),
    "cau": (["Giorgi", "Nino", "Davit", "Ani", "Aram", "Anna", "Bekzod", "Dilnoza", "Nurlan", "Aigerim", "Timur", "Madina"],
            ["Beridze", "Kapanadze", "Grigoryan", "Hakobyan", "Karimov", "Rakhimov", "Nurlanov", "Abdullayev", "Sargsyan"]),
}
CULTURE_OF = {"IN": "in", "PK": "pk", "BD": "bd", "LK": "lk", "NP": "np", "UA": "ua", "RU": "ru", "BY": "ru", "PL": "pl", "RS": "rs", "RO": "ro", "ZA": "za"}

# Transliteration variants (name romanisation look-alike): same person, different Latin spelling.
ROMAN_VARIANTS = [
    ("Oleksandr", "Alexander"), ("Oleksandr", "Olexandr"), ("Aleksandr", "Alexander"), ("Andrii", "Andriy"),
    ("Dmytro", "Dmitriy"), ("Dmitry", "Dmitrii"), ("Serhii", "Sergiy"), ("Sergey", "Sergei"), ("Yuliia", "Yulia"),
    ("Nataliia", "Natalia"), ("Tetiana", "Tatiana"), ("Mykola", "Nikolai"), ("Kateryna", "Ekaterina"),
    ("Shevchenko", "Shevchenco"), ("Muhammad", "Mohammad"), ("Muhammad", "Mohammed"), ("Mohamed", "Mohammed"),
    ("Abdelrahman", "Abdel Rahman"), ("El-Sayed", "Elsayed"), ("Yousef", "Youssef"), ("Lee", "Yi"), ("Lee", "Rhee"),
    ("Park", "Pak"), ("Choi", "Choe"), ("Jung", "Chung"), ("Kang", "Gang"), ("Cho", "Jo"), ("Yoon", "Yun"),
    ("Lim", "Im"), ("Kovalenko", "Kowalenko"), ("Ivanov", "Ivanoff"), ("Nguyen", "Nguyễn"), ("Tran", "Trần"),
    ("Le", "Lê"), ("Pham", "Phạm"), ("Wisniewski", "Wiśniewski"), ("Muller", "Müller"), ("Yilmaz", "Yılmaz"),
    ("Chowdhury", "Choudhury"), ("Hossain", "Hussain"), ("Zhang", "Chang"), ("Chen", "Chan"), ("Xu", "Hsu"),
]

FIRST_FALLBACK = NAMES["anglo"]

# ----------------------------------------------------------------------------------------------
# Reference data: IP pools from real ranges, Tor exits, phone examples, resume corpus.
# ----------------------------------------------------------------------------------------------

HOSTING_WORDS = re.compile(
    r"host|cloud|server|data ?cent|datacenter|vps|colo|amazon|google|microsoft|digitalocean|ovh|hetzner|"
    r"linode|akamai|vultr|choopa|leaseweb|contabo|m247|alibaba|tencent|oracle|cdn|fastly|cloudflare|"
    r"hostinger|ionos|scaleway|vpn|proxy|dedicated|internet ?services|network ?solutions|web ?services",
    re.I)
# eyeball (consumer access) networks: ISP-like names, not enterprises, universities, governments or transit
ISP_WORDS = re.compile(
    r"tele|communica|broadband|cable|mobile|wireless|cellular|fib(er|re)|internet|\bnet\b|network|dsl|online|"
    r"\bisp\b|vodafone|orange|airtel|jio|bharti|comcast|charter|verizon|at&t|spectrum|\bcox\b|frontier|"
    r"centurylink|brightspeed|windstream|rcn|wave|cablevision|unicom|chinanet|telstra|optus|bell|rogers|shaw|"
    r"virgin|\bbt\b|talktalk|sky|kyivstar|volia|ptcl|nayatel|pldt|globe|converge|viettel|vnpt|fpt|indihome|"
    r"maxis|\btrue\b|\bais\b|\bkt\b|sk broadband|kddi|softbank|megafon|\bmts\b|beeline|safaricom|\bmtn\b|"
    r"etisalat|vivo|claro|\btim\b|movistar|telmex|totalplay|izzi|fibertel|tigo|liberty|digi|\bupc\b|netia|"
    r"vectra|turk|superonline|vodacom|telenor|grameen|robi|banglalink|link3|dialog|ncell|worldlink|magti|"
    r"silknet|ucom|uztelecom|maroc|inwi|te data|\bsfr\b|bouygues|\bfree\b|proximus|kpn|ziggo|swisscom|telia|"
    r"\beir\b|\bmeo\b|\bwind\b|fastweb|iliad|play|rostelecom|er-telecom|ttk|starhub|singtel|m1|hkbn|pccw|hinet|chunghwa",
    re.I)
NOT_EYEBALL = re.compile(
    r"univ|college|school|institut|academ|government|ministry|department|federal|army|navy|air force|military|"
    r"defen[cs]e|\bdod\b|nasa|postal|bank|insurance|financ|hospital|health|pharma|cogent|level 3|zayo|\bgtt\b|"
    r"hurricane|lumen|akamai|business|enterprise|research|education|backbone|transit|ix\b|exchange",
    re.I)
MOBILE_WORDS = re.compile(r"mobile|wireless|cellular|jio|telkomsel|kyivstar|vodafone|t-mobile|airtel|"
                          r"globe telecom|smart comm|safaricom|mtn|orange|megafon|beeline|tele2|turkcell|"
                          r"grameenphone|robi|jazz|zong|telenor|viettel|claro|tigo|celcom|digi|maxis|true move",
                          re.I)


def _ip_int(s: str) -> int:
    return int(ipaddress.ip_address(s))


@dataclass
class Pool:
    """Weighted IP ranges: draw a range by weight, then an address inside it."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    cum: list[float] = field(default_factory=list)
    v6: bool = False

    def add(self, start: int, end: int, weight: float) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.cum.append((self.cum[-1] if self.cum else 0.0) + weight)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def range_index(self, rnd: random.Random) -> int:
        return bisect.bisect_right(self.cum, rnd.random() * self.cum[-1]) if self.cum else -1


class Reference:
    """Everything read from the shared reference data folder."""

    def __init__(self, data: Path) -> None:
        self.data = data
        ipdb = data / "ip-location-db"
        self.geo = maxminddb.open_database(str(ipdb / "geo-whois-asn-country.mmdb"))
        self.geo2 = maxminddb.open_database(str(ipdb / "dbip-country.mmdb"))
        hosting_asns: set[int] = set()
        bad = pd.read_csv(data / "brianhama-bad-asn-list" / "bad-asn-list.csv", skipinitialspace=True)
        hosting_asns.update(int(a) for a in bad["ASN"])
        for sub in ("datacenter", "vpn"):
            for line in (data / "x4bnet-lists_vpn" / "input" / sub / "ASN.txt").read_text().splitlines():
                m = re.match(r"AS(\d+)", line.strip())
                if m:
                    hosting_asns.add(int(m.group(1)))
        self.hosting_asns = hosting_asns
        # datacenter CIDRs (a superset of VPN ranges): residential draws must stay out of them
        dc: list[tuple[int, int]] = []
        for fam in ("ipv4", "ipv6"):
            for line in (data / "x4bnet-lists_vpn" / "output" / "datacenter" / f"{fam}.txt").read_text().split():
                net = ipaddress.ip_network(line, strict=False)
                dc.append((int(net.network_address), int(net.broadcast_address)))
        dc.sort()
        self.dc_starts = [a for a, _ in dc]
        self.dc_ends = [b for _, b in dc]
        self.dc_maxend = list(np.maximum.accumulate(np.array([float(b) for b in self.dc_ends]))) if dc else []
        self.residential: dict[str, Pool] = {}
        self.mobile: dict[str, Pool] = {}
        self.hosting: dict[str, Pool] = {}
        self.res6: dict[str, Pool] = {}
        self.unicom_cn = Pool()
        self.ru_far_east = Pool()
        self.other_access: dict[str, Pool] = {}
        self._load_asn_ranges(ipdb / "asn-ipv4.csv.gz", v6=False)
        self._load_asn_ranges(ipdb / "asn-ipv6.csv.gz", v6=True)
        for cc, pool in self.other_access.items():  # countries with too few ISP-named ranges
            if len(self.residential.get(cc, Pool()).starts) < 5:
                self.residential[cc] = pool
        self.vpn: dict[str, Pool] = {}
        self.vpn_any = Pool()
        for line in (data / "x4bnet-lists_vpn" / "output" / "vpn" / "ipv4.txt").read_text().split():
            net = ipaddress.ip_network(line, strict=False)
            a, b = int(net.network_address), int(net.broadcast_address)
            if net.num_addresses > 2:
                a, b = a + 1, b - 1
            cc = self.country(str(ipaddress.ip_address(a)))
            if cc:
                self.vpn.setdefault(cc, Pool()).add(a, b, min(net.num_addresses, 4096) ** 0.5)
                self.vpn_any.add(a, b, min(net.num_addresses, 4096) ** 0.5)
        self.tor: list[str] = []
        for line in (data / "tor-nodes" / "exit-relay-ips.txt").read_text().split():
            try:
                ip = ipaddress.ip_address(line.strip())
            except ValueError:
                continue
            if ip.is_global and self.country(str(ip)):
                self.tor.append(str(ip))
        self.phone_examples: dict[tuple[str, str], str] = {}
        with open(data / "phone-vectors" / "phonenumbers_example_numbers.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["valid"] == "True":
                    self.phone_examples[(row["region"], row["type"])] = row["e164"]
        # crypto addresses OFAC lists for DPRK IT-worker-related entries (e.g. Chinyong's CEO)
        self.sdn_wallets: list[str] = []
        with open(data / "ofac-sdn" / "dprk_it_worker_related_2024-05-03.csv", newline="") as fh:
            for row in csv.DictReader(fh):
                for item in (row.get("digital_currency_addresses") or "").split(";"):
                    kind, _, addr = item.partition(":")
                    if kind.strip() in ("ETH", "USDT") and addr.strip():
                        self.sdn_wallets.append(addr.strip())
        self.resume_chunks: dict[str, list[str]] = {}
        self.categories: list[str] = []
        self._load_resumes(data / "resume-updatedresumedataset" / "UpdatedResumeDataSet.csv")

    # -- IPs --
    def country(self, ip: str) -> str | None:
        rec = self.geo.get(ip)
        return rec.get("country_code") if isinstance(rec, dict) else None

    def in_datacenter(self, x: int) -> bool:
        i = bisect.bisect_right(self.dc_starts, x) - 1
        # any earlier range may still cover x; the running max of ends tells
        return i >= 0 and self.dc_maxend[i] >= x and self._covered(x, i)

    def _covered(self, x: int, i: int) -> bool:
        for j in range(i, max(-1, i - 64), -1):
            if self.dc_starts[j] <= x <= self.dc_ends[j]:
                return True
        return False

    def _load_asn_ranges(self, path: Path, v6: bool) -> None:
        df = pd.read_csv(path, header=None, names=["s", "e", "asn", "org"], dtype={"org": str},
                         keep_default_na=False)
        if v6:
            # keep it light: only reasonably large allocations of eyeball networks
            df = df[df["s"].str.contains(":")]
        fam = socket.AF_INET6 if v6 else socket.AF_INET
        s_list = df["s"].to_numpy(dtype=object).tolist()
        starts = [int.from_bytes(socket.inet_pton(fam, s), "big") for s in s_list]
        ends = [int.from_bytes(socket.inet_pton(fam, e), "big") for e in df["e"].to_numpy(dtype=object).tolist()]
        min_size = 2**64 if v6 else 255
        orgs = df["org"].to_numpy(dtype=object).tolist()
        kind: dict[str, tuple[bool, bool, bool]] = {}
        for org in set(orgs):
            kind[org] = (bool(HOSTING_WORDS.search(org)), bool(MOBILE_WORDS.search(org)), "unicom" in org.lower(),
                         bool(ISP_WORDS.search(org)) and not NOT_EYEBALL.search(org))
        for s_txt, s, e, asn, org in zip(s_list, starts, ends, df["asn"].tolist(), orgs, strict=True):
            if e - s < min_size:
                continue
            cc = self.country(s_txt)
            if not cc:
                continue
            asn = int(asn)
            size = e - s + 1
            is_hosting, is_mobile, is_unicom, is_eyeball = kind[org]
            hosting = asn in self.hosting_asns or is_hosting
            if hosting:
                if not v6:
                    self.hosting.setdefault(cc, Pool()).add(s + 1, e - 1, min(size, 65536) ** 0.5)
                continue
            w = min(size, 1 << 18) ** 0.6 if not v6 else 1.0
            if not is_eyeball:
                if not v6:
                    self.other_access.setdefault(cc, Pool()).add(s + 1, e - 1, w)
                continue
            if v6:
                self.res6.setdefault(cc, Pool(v6=True)).add(s, min(e, s + 2**80), w)
                continue
            self.residential.setdefault(cc, Pool()).add(s + 1, e - 1, w)
            if is_mobile:
                self.mobile.setdefault(cc, Pool()).add(s + 1, e - 1, w)
            if cc == "CN" and is_unicom:
                self.unicom_cn.add(s + 1, e - 1, w)
            if cc == "RU" and asn in (20485, 12389, 8359, 31133):
                self.ru_far_east.add(s + 1, e - 1, w)

    def draw(self, pool: Pool, rnd: random.Random, want: str | None, residential: bool) -> str | None:
        """An address from pool that the reference mmdb places in `want` (any country if None)."""
        for _ in range(40):
            i = pool.range_index(rnd)
            if i < 0:
                return None
            a, b = pool.starts[i], pool.ends[i]
            x = rnd.randint(a, b)
            if not pool.v6 and (x & 0xFF) in (0, 255):
                continue
            if residential and self.in_datacenter(x):
                continue
            ip = str(ipaddress.ip_address(x))
            cc = self.country(ip)
            if cc and (want is None or cc == want) and ipaddress.ip_address(x).is_global:
                return ip
        return None

    # -- resumes --
    def _load_resumes(self, path: Path) -> None:
        seen: set[str] = set()
        with open(path, newline="", encoding="utf-8", errors="replace") as fh:
            for row in csv.DictReader(fh):
                text = row["Resume"].strip()
                key = hashlib.sha1(text.encode()).hexdigest()
                if key in seen:
                    continue
                seen.add(key)
                cat = row["Category"].strip()
                clean = re.sub(r"[^\x20-\x7E\n]+", " ", text)
                for part in re.split(r"\n|\s[*\u2022]\s|\s{3,}|(?<=[.;])\s+(?=[A-Z])", clean):
                    part = re.sub(r"\s+", " ", part).strip(" -*?:")
                    if 35 <= len(part) <= 260 and not re.search(r"@|\d{6,}", part):
                        self.resume_chunks.setdefault(cat, []).append(part)
        for cat in sorted(self.resume_chunks):
            chunks = sorted(set(self.resume_chunks[cat]))
            if len(chunks) >= 12:
                self.resume_chunks[cat] = chunks
                self.categories.append(cat)


# ----------------------------------------------------------------------------------------------
# World parameters: everything drawn per seed.
# ----------------------------------------------------------------------------------------------

def draw_world(rnd: random.Random) -> dict:
    u = rnd.uniform
    seg_share = {
        "privacy_vpn": u(0.02, 0.08), "traveller": u(0.02, 0.06), "asia_night_shift": u(0.03, 0.10),
        "declared_agency": u(0.03, 0.10), "consistent_cn_kr_ru": u(0.01, 0.05),
        "name_romanisation": u(0.01, 0.04), "voip_number": u(0.01, 0.04), "web3_crypto": u(0.01, 0.05),
        "shared_household": u(0.02, 0.06), "relocated": u(0.005, 0.03), "remote_admin": u(0.005, 0.03),
        "mobile_cgnat": u(0.01, 0.05),
    }
    tactic_w = {t: rnd.gammavariate(1.2, 1.0) + 0.05 for t in TACTICS}
    start = datetime(2023, 1, 1, tzinfo=UTC) + timedelta(days=rnd.randint(0, 700))
    return {
        "front_rate": u(0.02, 0.10),
        "front_us_share": u(0.35, 1.0),
        "sdn_wallet_cell_rate": u(0.0, 0.05),
        "segment_share": seg_share,
        "tactic_weight": tactic_w,
        "country_jitter": {cc: math.exp(rnd.gauss(0, 0.35)) for cc in C},
        "platform_end": start + timedelta(days=rnd.randint(365, 900)),
        "platform_days": 0,
        "sessions_mean": u(6, 35),
        "front_session_mult": u(1.0, 2.5),
        "care_mean": u(0.3, 0.8),
        "care_conc": u(2.0, 8.0),
        "cell_size_median": u(3, 10),
        "single_cell_share": u(0.0, 0.15),
        "leak_scale": u(0.02, 0.25),
        "mimic_client_hours": u(0.1, 0.6),
        "ipv6_share": u(0.0, 0.15),
        "mobile_share": u(0.05, 0.35),
        "honest_remote_rate": u(0.0, 0.01),
        "honest_vpn_rate": u(0.0, 0.03),
        "missing": {
            "full_name": u(0, 0.05), "email": u(0, 0.2), "phone": u(0.05, 0.4), "claimed_city": u(0.05, 0.3),
            "claimed_timezone": u(0.2, 0.7), "resume_text": u(0, 0.15), "photo_phash": u(0.05, 0.3),
            "github_url": u(0.4, 0.9), "hourly_rate_usd": u(0, 0.1), "device_id": u(0, 0.1),
            "browser_timezone": u(0, 0.15), "remote_access": u(0, 0.2), "duration_s": u(0, 0.1),
            "payouts": u(0.05, 0.3), "account_country": u(0, 0.3), "holder_name": u(0, 0.2),
            "proposals": u(0.1, 0.4), "shipping_country": u(0.6, 0.95),
        },
        "proposals_mean": u(1, 6),
    }


# ----------------------------------------------------------------------------------------------
# The generator
# ----------------------------------------------------------------------------------------------

WEBMAIL = ["gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "proton.me", "icloud.com"]
US_AREA = ["212", "213", "312", "415", "617", "206", "305", "404", "512", "602", "615", "702", "713", "720",
           "773", "801", "818", "646", "917", "470", "984", "919", "480", "571", "703", "614", "503", "469"]
CA_AREA = ["416", "604", "514", "403", "613", "647", "778", "905", "587", "236"]
TITLES = {
    "Java Developer": "Java Developer", "Python Developer": "Python Developer", "DevOps Engineer": "DevOps Engineer",
    "Web Designing": "Web Designer / Front-end Developer", "Data Science": "Data Scientist",
    "Blockchain": "Blockchain Developer", "Testing": "QA Engineer", "Automation Testing": "Test Automation Engineer",
    "DotNet Developer": ".NET Developer", "Database": "Database Administrator", "Hadoop": "Big Data Engineer",
    "ETL Developer": "ETL Developer", "Network Security Engineer": "Network Security Engineer",
    "SAP Developer": "SAP Consultant", "Business Analyst": "Business Analyst",
}
IT_CATS = ["Java Developer", "Python Developer", "DevOps Engineer", "Web Designing", "Data Science", "Blockchain",
           "Testing", "Automation Testing", "DotNet Developer", "Database", "Hadoop", "ETL Developer",
           "Network Security Engineer", "SAP Developer"]
EMPLOYERS = ["Globex Systems", "Northwind Labs", "Brightpath Digital", "Acme Software", "Bluefin Tech", "Cobalt Apps",
             "Pinecrest IT", "Vertex Solutions", "Helix Data", "Orbit Studio", "Lumen Works", "Quartz Interactive",
             "Sable Analytics", "Tidewater Tech", "Nimbus Web", "Redwood Logic"]
PROPOSAL_OPEN = ["Hi,", "Hello,", "Dear hiring manager,", "Hi there,", "Good day,", "Hello there!", "Greetings,"]
PROPOSAL_HOOK = [
    "I read your job post about {topic} and I am confident I can deliver it.",
    "Your project on {topic} matches what I have been doing for the last {y} years.",
    "I have built several {topic} solutions and would love to help here.",
    "I can start on the {topic} work right away.",
    "This {topic} task is exactly my area.",
    "I noticed you need help with {topic}; I have done very similar work recently.",
]
PROPOSAL_BODY = [
    "In my last role I {verb} a {thing} used by thousands of users.",
    "Recently I {verb} a {thing} for a client in {place}.",
    "I usually start by clarifying requirements, then share a short plan and daily updates.",
    "I am comfortable with {skill} and {skill2}.",
    "You can check my portfolio for a similar {thing}.",
    "My approach is test-first and I document everything I hand over.",
    "I have {y} years of hands-on experience with {skill}.",
    "I can overlap with your working hours for calls.",
]
PROPOSAL_CLOSE = ["Looking forward to hearing from you.", "Best regards,", "Thanks for your time.", "Happy to jump on a call.",
                  "Kind regards,", "Let me know if you have any questions."]
TOPICS = ["React dashboard", "REST API", "Django backend", "Node.js service", "data pipeline", "Shopify store",
          "mobile app", "smart contract", "AWS migration", "WordPress site", "ETL job", "test automation",
          "Kubernetes setup", "landing page", "Chrome extension", "machine learning model"]
VERBS = ["built", "shipped", "designed", "maintained", "migrated", "refactored", "led the build of"]
THINGS = ["web platform", "payments module", "admin panel", "microservice", "analytics dashboard", "mobile app",
          "CI/CD pipeline", "NFT marketplace", "booking system", "CRM integration"]
SKILLS = ["React", "Node.js", "Python", "Django", "TypeScript", "AWS", "Docker", "PostgreSQL", "Solidity", "Vue",
          "Go", "Java", "Spring", "Kubernetes", "Flutter", "Next.js", "GraphQL", "Rust"]
PLACES = ["the US", "Germany", "Canada", "Australia", "the UK", "Singapore", "the Netherlands"]
AGENCY_WORDS = ["Tech", "Soft", "Digital", "Code", "Web", "Dev", "Labs", "Solutions", "Systems", "Studio", "Works"]
AGENCY_NAMES = ["Blue", "Bright", "Nova", "Apex", "Silver", "Peak", "Zen", "Pixel", "Quantum", "Cedar", "Lotus",
                "Falcon", "Orion", "Summit", "Coral", "Indigo"]


def wchoice(rnd: random.Random, items: list, weights: list[float]):
    return rnd.choices(items, weights=weights, k=1)[0]


def hexid(rnd: random.Random, n: int) -> str:
    return "".join(rnd.choice("0123456789abcdef") for _ in range(n))


class World:
    def __init__(self, ref: Reference, n: int, seed: int) -> None:
        self.ref = ref
        self.n = n
        self.rnd = random.Random(f"fourth-world:{seed}")
        self.p = draw_world(self.rnd)
        self.end = self.p["platform_end"]
        self.start = self.end - timedelta(days=1000)
        self.tz_cache: dict[str, ZoneInfo] = {}
        self.applicants: list[dict] = []
        self.truth: list[tuple[str, int, str, str, str]] = []
        self.countries = [cc for cc in C if C[cc][0] > 0 and cc in ref.residential]
        self.country_w = [C[cc][0] * self.p["country_jitter"][cc] for cc in self.countries]
        self.cgnat: dict[str, list[str]] = {}
        self._seq = 0

    # -- small helpers --
    def tz(self, name: str) -> ZoneInfo:
        z = self.tz_cache.get(name)
        if z is None:
            z = self.tz_cache[name] = ZoneInfo(name)
        return z

    def new_id(self) -> str:
        self._seq += 1
        return f"fw-{self._seq:06d}-{hexid(self.rnd, 6)}"

    def miss(self, fld: str) -> bool:
        return self.rnd.random() < self.p["missing"][fld]

    def name(self, cc: str) -> tuple[str, str]:
        cult = CULTURE_OF.get(cc) or C.get(cc, (0, [], "anglo"))[2]
        first, last = NAMES.get(cult, FIRST_FALLBACK)
        return self.rnd.choice(first), self.rnd.choice(last)

    def full_name(self, cult_cc: str, first: str, last: str) -> str:
        cult = CULTURE_OF.get(cult_cc) or C.get(cult_cc, (0, [], "anglo"))[2]
        if cult in ("cn", "kr") and self.rnd.random() < 0.5:
            return f"{last} {first}"
        return f"{first} {last}"

    def email(self, first: str, last: str, digits: str | None = None, domain: str | None = None) -> str:
        r = self.rnd
        f, l_ = re.sub(r"[^a-z]", "", first.lower()), re.sub(r"[^a-z]", "", last.lower())
        dom = domain or r.choice(WEBMAIL)
        if digits is not None:
            return f"{f}{r.choice(['', '.'])}{l_}{digits}@{dom}"
        form = r.random()
        if form < 0.35:
            local = f"{f}.{l_}"
        elif form < 0.6:
            local = f"{f}{l_}{r.randint(1, 99)}"
        elif form < 0.75:
            local = f"{f[0]}{l_}"
        elif form < 0.9:
            local = f"{f}_{l_}{r.choice(['', str(r.randint(80, 2005))])}"
        else:
            local = f"{l_}.{f}{r.randint(1, 9)}"
        return f"{local}@{dom}"

    def phone(self, cc: str, kind: str = "MOBILE") -> str | None:
        r = self.rnd
        if cc in ("US", "CA") and kind == "MOBILE":
            area = r.choice(US_AREA if cc == "US" else CA_AREA)
            return f"+1{area}{r.randint(2, 9)}{r.randint(0, 99):02d}{r.randint(0, 9999):04d}"
        ex = self.ref.phone_examples.get((cc, kind)) or self.ref.phone_examples.get((cc, "FIXED_LINE_OR_MOBILE"))
        if not ex:
            return None
        return ex[:-5] + "".join(r.choice(string.digits) for _ in range(5))

    def photo(self) -> str:
        return f"{self.rnd.getrandbits(64):016x}"

    def flip_bits(self, h: str, k: int) -> str:
        v = int(h, 16)
        for _ in range(k):
            v ^= 1 << self.rnd.randrange(64)
        return f"{v:016x}"

    def payout_ref(self, method: str, cc: str, email: str | None = None) -> str:
        r = self.rnd
        if method == "bank":
            if cc in ("DE", "FR", "IT", "ES", "NL", "PL", "RO", "PT", "GB", "UA", "RS", "TR", "GE", "AE", "PK"):
                return cc + f"{r.randint(10, 99):02d}" + "".join(r.choice(string.digits) for _ in range(r.randint(14, 22)))
            return "ACCT-" + "".join(r.choice(string.digits) for _ in range(r.randint(9, 16)))
        if method == "paypal":
            return "paypal:" + (email or f"pp{hexid(r, 10)}@gmail.com")
        if method == "payoneer":
            return f"PYN-{r.randint(0, 99999999):08d}"
        if method == "wise":
            return f"WISE-{r.randint(0, 999999999):09d}"
        if method == "crypto":
            if r.random() < 0.6:
                return "0x" + hexid(r, 40)
            return "T" + "".join(r.choice("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(33))
        return "OTHER-" + hexid(r, 12)

    def resume(self, cat: str, name: str, city: str | None, title: str | None = None, n_chunks: int | None = None) -> str:
        r = self.rnd
        chunks = self.ref.resume_chunks[cat]
        k = n_chunks or r.randint(5, 11)
        picked = r.sample(chunks, min(k, len(chunks)))
        years = r.randint(2, 14)
        skills = ", ".join(r.sample(SKILLS, r.randint(4, 8)))
        head = f"{name} - {title or TITLES.get(cat, cat)}" + (f", {city}" if city else "")
        summary = r.choice([
            f"{years}+ years of experience delivering software for clients worldwide.",
            f"Experienced {TITLES.get(cat, cat).lower()} with {years} years in the field.",
            f"Self-driven professional with {years} years of experience; reliable and detail oriented.",
            f"Freelancer since {self.end.year - years}, focused on quality and clear communication.",
        ])
        y1 = self.end.year - r.randint(1, years)
        job = f"Experience: {TITLES.get(cat, cat)} at {r.choice(EMPLOYERS)} ({y1} - present)"
        return f"{head}\n{summary}\nSkills: {skills}\n{job}\n" + "\n".join(picked)

    def proposal_text(self, name: str) -> str:
        r = self.rnd
        parts = [r.choice(PROPOSAL_OPEN),
                 r.choice(PROPOSAL_HOOK).format(topic=r.choice(TOPICS), y=r.randint(2, 12))]
        for b in r.sample(PROPOSAL_BODY, r.randint(2, 4)):
            s1, s2 = r.sample(SKILLS, 2)
            parts.append(b.format(verb=r.choice(VERBS), thing=r.choice(THINGS), place=r.choice(PLACES),
                                  skill=s1, skill2=s2, y=r.randint(2, 12)))
        parts.append(r.choice(PROPOSAL_CLOSE))
        parts.append(name.split(" ")[0] if r.random() < 0.7 else name)
        return " ".join(parts)

    def ip_res(self, cc: str, mobile: bool = False) -> str:
        r = self.rnd
        if not mobile and r.random() < self.p["ipv6_share"] and cc in self.ref.res6:
            ip = self.ref.draw(self.ref.res6[cc], r, cc, residential=True)
            if ip:
                return ip
        pool = (self.ref.mobile.get(cc) if mobile else None) or self.ref.residential.get(cc)
        ip = self.ref.draw(pool, r, cc, residential=True) if pool else None
        return ip or self.ip_any_res()

    def ip_any_res(self) -> str:
        cc = wchoice(self.rnd, self.countries, self.country_w)
        ip = self.ref.draw(self.ref.residential[cc], self.rnd, cc, residential=True)
        return ip or "81.2.69.142"

    def ip_vpn(self, cc: str | None) -> str:
        r = self.rnd
        pool = self.ref.vpn.get(cc) if cc else None
        if pool and r.random() < 0.85:
            ip = self.ref.draw(pool, r, cc, residential=False)
            if ip:
                return ip
        if cc and cc in self.ref.hosting and r.random() < 0.6:
            ip = self.ref.draw(self.ref.hosting[cc], r, cc, residential=False)
            if ip:
                return ip
        return self.ref.draw(self.ref.vpn_any, r, None, residential=False) or "81.2.69.142"

    def ip_hosting(self, cc: str) -> str:
        pool = self.ref.hosting.get(cc)
        ip = self.ref.draw(pool, self.rnd, cc, residential=False) if pool else None
        return ip or self.ip_vpn(cc)

    def ip_leak(self, where: str) -> str:
        r = self.rnd
        if where == "CN" and self.ref.unicom_cn:
            return self.ref.draw(self.ref.unicom_cn, r, "CN", residential=True) or self.ip_res("CN")
        if where == "RU" and self.ref.ru_far_east:
            return self.ref.draw(self.ref.ru_far_east, r, "RU", residential=True) or self.ip_res("RU")
        if where == "KP":
            return f"175.45.{r.randint(176, 179)}.{r.randint(1, 254)}"
        return self.ip_res(where)

    def cgnat_ip(self, cc: str) -> str:
        pool = self.cgnat.setdefault(cc, [])
        if len(pool) < 6 or self.rnd.random() < 0.1:
            pool.append(self.ip_res(cc, mobile=True))
        return self.rnd.choice(pool)

    # -- time --
    def ts(self, dt: datetime) -> str:
        return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def session_times(self, created: datetime, n: int, tzname: str, center: float, spread: float,
                      weekend: float, until: datetime | None = None, after: datetime | None = None) -> list[datetime]:
        """n start times on active days after created, hours ~ N(center, spread) on the local clock of tzname."""
        r = self.rnd
        lo = after or created
        hi = until or self.end
        span = max(1.0, (hi - lo).total_seconds() / 86400)
        z = self.tz(tzname)
        out = []
        for _ in range(n):
            for _try in range(6):
                day = lo + timedelta(days=r.random() * span)
                local = day.astimezone(z)
                if local.weekday() >= 5 and r.random() > weekend:
                    continue
                break
            h = (r.gauss(center, spread)) % 24
            local = local.replace(hour=int(h), minute=int((h % 1) * 60), second=r.randint(0, 59), microsecond=0)
            dt = local.astimezone(UTC)
            dt = min(max(dt, created + timedelta(minutes=5)), self.end)
            out.append(dt)
        out.sort()
        return out

    def n_sessions(self, mult: float = 1.0) -> int:
        m = self.p["sessions_mean"] * mult * math.exp(self.rnd.gauss(0, 0.6))
        return max(1, min(220, int(self.rnd.expovariate(1 / m)) + 1))

    def created_at(self, min_days: int = 20, max_days: int = 900) -> datetime:
        return self.end - timedelta(days=self.rnd.uniform(min_days, max_days), seconds=self.rnd.randint(0, 86399))

    # -- honest people --
    def base_person(self, cc: str, segment: str) -> dict:
        r = self.rnd
        first, last = self.name(cc)
        city, tzname = r.choice(C[cc][1])
        cat = r.choice(IT_CATS if r.random() < 0.85 else self.ref.categories)
        if cat not in self.ref.resume_chunks:
            cat = r.choice(self.ref.categories)
        return {
            "cc": cc, "first": first, "last": last, "name": self.full_name(cc, first, last), "city": city,
            "tz": tzname, "cat": cat, "segment": segment, "created": self.created_at(),
            # most work office hours; side-gig freelancers and night owls work evenings
            "center": r.uniform(9.5, 16) if r.random() > 0.15 else r.uniform(18, 23),
            "spread": r.uniform(1.5, 3.5), "weekend": r.uniform(0.1, 0.6),
            "devices": ["dv-" + hexid(r, 14) for _ in range(r.choice([1, 1, 2, 2, 3]))],
            "home": [self.ip_res(cc) for _ in range(r.choice([1, 1, 2, 3]))],
        }

    def honest_sessions(self, pp: dict, n: int | None = None, mobile_share: float | None = None) -> list[dict]:
        r = self.rnd
        n = n or self.n_sessions()
        times = self.session_times(pp["created"], n, pp["tz"], pp["center"], pp["spread"], pp["weekend"])
        ms = self.p["mobile_share"] if mobile_share is None else mobile_share
        out = []
        home = list(pp["home"])
        for t in times:
            if r.random() < 0.04:  # dynamic residential address renewed
                home[r.randrange(len(home))] = self.ip_res(pp["cc"])
            if r.random() < ms:
                ip = self.ip_res(pp["cc"], mobile=True)
            else:
                ip = r.choice(home)
            if r.random() < self.p["honest_vpn_rate"]:
                ip = self.ip_vpn(r.choice([pp["cc"], "US", "NL", "DE", "GB", "SG"]))
            out.append(self.session(t, ip, r.choice(pp["devices"]), pp["tz"],
                                    r.random() < self.p["honest_remote_rate"], r.lognormvariate(7.6, 1.0)))
        return out

    def session(self, t: datetime, ip: str, device: str, btz: str | None, remote: bool, dur: float) -> dict:
        s = {"started_at": self.ts(t), "ip": ip}
        if not self.miss("device_id"):
            s["device_id"] = device
        if btz and not self.miss("browser_timezone"):
            s["browser_timezone"] = btz
        if not self.miss("remote_access"):
            s["remote_access"] = bool(remote)
        if not self.miss("duration_s"):
            s["duration_s"] = int(max(30, min(dur, 16 * 3600)))
        return s

    def honest_payouts(self, pp: dict, email: str | None) -> list[dict]:
        r = self.rnd
        methods = C[pp["cc"]][4]
        k = 1 if r.random() < 0.75 else 2
        out = []
        for m in dict.fromkeys(r.choices([m for m, _ in methods], weights=[w for _, w in methods], k=k)):
            acc_cc = pp["cc"]
            if m in ("payoneer", "wise") and r.random() < 0.3:
                acc_cc = r.choice(["US", "US", "GB", "BE", "DE"])  # receiving accounts issued abroad
            holder = pp["name"]
            if r.random() < 0.02:  # paid into a relative's account
                holder = f"{self.name(pp['cc'])[0]} {pp['last']}"
            out.append(self.payout(m, self.payout_ref(m, pp["cc"], email), acc_cc, holder))
        return out

    def payout(self, method: str, ref: str, cc: str | None, holder: str | None) -> dict:
        p = {"method": method, "account_ref": ref}
        if cc and not self.miss("account_country"):
            p["account_country"] = cc
        if holder and not self.miss("holder_name"):
            p["holder_name"] = holder
        return p

    def proposals(self, name: str, times: list[str], mult: float = 1.0, template: str | None = None,
                  swap: tuple[str, str] | None = None) -> list[dict]:
        r = self.rnd
        if self.miss("proposals") or not times:
            return []
        k = max(1, int(r.expovariate(1 / (self.p["proposals_mean"] * mult))))
        out = []
        for _ in range(min(k, 25)):
            if template and r.random() < 0.8:
                text = template.replace(swap[0], swap[1]) if swap else template
                if r.random() < 0.5:
                    text = text.replace(r.choice(TOPICS), r.choice(TOPICS))
            else:
                text = self.proposal_text(name)
            out.append({"submitted_at": r.choice(times), "text": text})
        out.sort(key=lambda x: x["submitted_at"])
        return out

    def finish(self, pp: dict, sessions: list[dict], payouts: list[dict], label: int, segment: str,
               tactic: str = "", cell: str = "", extra: dict | None = None, email: str | None = None,
               phone: str | None = None, resume: str | None = None, photo: str | None = None,
               proposals: list[dict] | None = None, claimed_tz: str | None = None) -> None:
        r = self.rnd
        aid = self.new_id()
        a: dict = {"applicant_id": aid, "created_at": self.ts(pp["created"])}
        if not self.miss("full_name"):
            a["full_name"] = pp["name"]
        if email and not self.miss("email"):
            a["email"] = email
        if phone and not self.miss("phone"):
            a["phone"] = phone
        a["claimed_country"] = pp["cc"]
        if pp.get("city") and not self.miss("claimed_city"):
            a["claimed_city"] = pp["city"]
        if not self.miss("claimed_timezone"):
            a["claimed_timezone"] = claimed_tz or pp["tz"]
        if resume and not self.miss("resume_text"):
            a["resume_text"] = resume
        if photo and not self.miss("photo_phash"):
            a["photo_phash"] = photo
        if not self.miss("github_url"):
            a["github_url"] = "https://github.com/" + re.sub(r"[^a-z0-9]", "", (pp["first"] + pp["last"]).lower()) + r.choice(["", str(r.randint(1, 999)), "-dev"])
        if not self.miss("hourly_rate_usd"):
            lo, hi = C.get(pp["cc"], C["US"])[3]
            a["hourly_rate_usd"] = round(r.uniform(lo, hi), 0)
        if extra:
            a.update(extra)
        sessions.sort(key=lambda s: s["started_at"])
        a["sessions"] = sessions
        no_payout = self.rnd.random() < self.p["missing"]["payouts"] * (1.0 if label == 0 else 0.4)
        a["payouts"] = [] if (no_payout and segment not in ("declared_agency", "web3_crypto")) else payouts
        if proposals is None:
            proposals = self.proposals(pp["name"], [s["started_at"] for s in sessions])
        a["proposals"] = proposals
        a["label"] = label
        self.applicants.append(a)
        self.truth.append((aid, label, segment, tactic, cell))

    def honest(self, segment: str, cc: str | None = None) -> None:
        r = self.rnd
        cc = cc or wchoice(r, self.countries, self.country_w)
        pp = self.base_person(cc, segment)
        email = self.email(pp["first"], pp["last"])
        phone = self.phone(cc)
        sessions = self.honest_sessions(pp)
        payouts = self.honest_payouts(pp, email)
        extra = {}
        if not self.miss("shipping_country"):
            extra["shipping_country"] = cc
        self.finish(pp, sessions, payouts, 0, segment, email=email, phone=phone,
                    resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo(), extra=extra)

    # -- look-alike segments --
    def seg_privacy_vpn(self) -> None:
        r = self.rnd
        cc = wchoice(r, self.countries, self.country_w)
        pp = self.base_person(cc, "privacy_vpn")
        email = self.email(pp["first"], pp["last"], domain=r.choice(["proton.me", "protonmail.com", "tutanota.com", "gmail.com"]))
        share = r.uniform(0.3, 1.0)
        exit_cc = r.choice([cc, cc, "US", "NL", "CH", "SE", "DE", "GB", "SG", "JP"])
        sessions = self.honest_sessions(pp)
        tor = r.random() < 0.1 and bool(self.ref.tor)
        for s in sessions:
            if r.random() < share:
                s["ip"] = self.ip_vpn(exit_cc if r.random() < 0.8 else None)
                if tor and r.random() < 0.3:
                    s["ip"] = r.choice(self.ref.tor)
        self.finish(pp, sessions, self.honest_payouts(pp, email), 0, "privacy_vpn", email=email,
                    phone=self.phone(cc), resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo())

    def seg_traveller(self) -> None:
        r = self.rnd
        cc = wchoice(r, self.countries, self.country_w)
        pp = self.base_person(cc, "traveller")
        email = self.email(pp["first"], pp["last"])
        sessions = self.honest_sessions(pp, n=max(8, self.n_sessions()))
        for _trip in range(r.randint(1, 3)):
            dest = r.choice([c for c in self.countries if c != cc])
            dcity, dtz = r.choice(C[dest][1])
            i0 = r.randrange(len(sessions))
            i1 = min(len(sessions), i0 + r.randint(2, max(2, min(12, len(sessions) // 3))))
            hotel = self.ip_res(dest) if r.random() < 0.7 else self.ip_hosting(dest)
            for s in sessions[i0:i1]:
                s["ip"] = hotel if r.random() < 0.6 else self.ip_res(dest, mobile=True)
                if "browser_timezone" in s and r.random() < 0.8:
                    s["browser_timezone"] = dtz
        self.finish(pp, sessions, self.honest_payouts(pp, email), 0, "traveller", email=email,
                    phone=self.phone(cc), resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo())

    def seg_asia_night(self) -> None:
        r = self.rnd
        cc = wchoice(r, ["PH", "IN", "VN", "PK", "ID", "LK", "BD", "MY", "TH"], [5, 5, 2, 3, 2, 1, 2, 1, 1])
        if cc not in self.ref.residential:
            cc = "IN"
        pp = self.base_person(cc, "asia_night_shift")
        client_tz = r.choice(["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Australia/Sydney"])
        # hours of the client's working day, i.e. the freelancer's night
        pp["center"], pp["spread"] = r.uniform(10, 15), r.uniform(1.5, 3)
        tz_home = pp["tz"]
        pp["tz"] = client_tz
        sessions = self.honest_sessions(pp, n=self.n_sessions(1.3))
        for s in sessions:
            if "browser_timezone" in s:
                s["browser_timezone"] = tz_home
            if "duration_s" in s:
                s["duration_s"] = int(s["duration_s"] * r.uniform(1, 3))
        pp["tz"] = tz_home
        email = self.email(pp["first"], pp["last"])
        self.finish(pp, sessions, self.honest_payouts(pp, email), 0, "asia_night_shift", email=email,
                    phone=self.phone(cc), resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo())

    def seg_agency(self, budget: int) -> int:
        """A declared agency: shared office IP, shared payout, template resume and proposals."""
        r = self.rnd
        size = min(budget, 25, max(2, int(r.lognormvariate(math.log(6), 0.6))))
        cc = wchoice(r, ["IN", "PK", "UA", "BD", "PH", "EG", "NG", "VN", "RS", "PL", "BR", "AR", "KE", "RO", "US", "GB"],
                     [6, 5, 4, 4, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1])
        if cc not in self.ref.residential:
            cc = "IN"
        aname = f"{r.choice(AGENCY_NAMES)} {r.choice(AGENCY_WORDS)} {r.choice(['LLC', 'Ltd', 'Pvt Ltd', 'Agency', 'Studio'])}"
        agency_id = "agency-" + hexid(r, 8)
        office = [self.ip_res(cc) for _ in range(r.randint(1, 2))]
        office_devices = ["dv-" + hexid(r, 14) for _ in range(r.randint(0, 3))]
        pay_method = wchoice(r, ["payoneer", "bank", "wise", "paypal"], [4, 3, 1, 1])
        pay = self.payout_ref(pay_method, cc)
        cat = r.choice(IT_CATS)
        tpl_name = "__NAME__"
        template = self.resume(cat, tpl_name, None, n_chunks=r.randint(6, 10))
        ptpl = self.proposal_text(tpl_name)
        shared_pay = r.uniform(0.4, 1.0)
        city, tzname = r.choice(C[cc][1])
        for _ in range(size):
            pp = self.base_person(cc, "declared_agency")
            pp["city"], pp["tz"] = city, tzname
            email = self.email(pp["first"], pp["last"])
            sessions = self.honest_sessions(pp)
            office_share = r.uniform(0.4, 0.95)
            for s in sessions:
                if r.random() < office_share:
                    s["ip"] = r.choice(office)
                    if office_devices and "device_id" in s and r.random() < 0.3:
                        s["device_id"] = r.choice(office_devices)
            payouts = []
            if r.random() < shared_pay:
                payouts.append(self.payout(pay_method, pay, cc, aname))
            if not payouts or r.random() < 0.3:
                payouts += self.honest_payouts(pp, email)
            resume = template.replace(tpl_name, pp["name"]) if r.random() < 0.8 else self.resume(cat, pp["name"], city)
            times = [s["started_at"] for s in sessions]
            props = self.proposals(pp["name"], times, template=ptpl, swap=(tpl_name, pp["first"]))
            self.finish(pp, sessions, payouts, 0, "declared_agency", email=email, phone=self.phone(cc),
                        resume=resume, photo=self.photo(), extra={"agency_id": agency_id}, proposals=props)
        return size

    def seg_consistent_east(self) -> None:
        r = self.rnd
        cc = wchoice(r, list(CONSISTENT_EAST), list(CONSISTENT_EAST.values()))
        if cc not in self.ref.residential:
            cc = "RU"
        pp = self.base_person(cc, "consistent_cn_kr_ru")
        dom = {"CN": ["qq.com", "163.com", "gmail.com"], "RU": ["yandex.ru", "mail.ru", "gmail.com"],
               "KR": ["naver.com", "gmail.com"], "BY": ["mail.ru", "gmail.com"]}.get(cc, ["gmail.com", "outlook.com"])
        email = self.email(pp["first"], pp["last"], domain=r.choice(dom))
        sessions = self.honest_sessions(pp)
        if cc == "CN":  # reaching a foreign platform from the mainland commonly takes a VPN
            vshare = r.uniform(0.0, 0.8)
            for s in sessions:
                if r.random() < vshare:
                    s["ip"] = self.ip_vpn(r.choice(["HK", "JP", "SG", "US"]))
        self.finish(pp, sessions, self.honest_payouts(pp, email), 0, "consistent_cn_kr_ru", email=email,
                    phone=self.phone(cc), resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo())

    def seg_romanisation(self) -> None:
        r = self.rnd
        a, b = r.choice(ROMAN_VARIANTS)
        # pick a country whose names contain the spelling
        ccs = [cc for cc in C if a in sum(NAMES[CULTURE_OF.get(cc) or C[cc][2]], []) and cc in self.ref.residential]
        cc = r.choice(ccs) if ccs else "UA"
        pp = self.base_person(cc, "name_romanisation")
        first_names, _ = NAMES[CULTURE_OF.get(cc) or C[cc][2]]
        if a in first_names:
            pp["first"] = a
        else:
            pp["last"] = a
        pp["name"] = self.full_name(cc, pp["first"], pp["last"])
        variant = pp["name"].replace(a, b)
        if r.random() < 0.3:
            variant = " ".join(reversed(variant.split(" ", 1)))
        email = self.email(pp["first"].replace(a, b), pp["last"].replace(a, b))
        payouts = self.honest_payouts(pp, email)
        for p in payouts:
            if "holder_name" in p:
                p["holder_name"] = variant
        resume = self.resume(pp["cat"], variant if r.random() < 0.5 else pp["name"], pp["city"])
        self.finish(pp, self.honest_sessions(pp), payouts, 0, "name_romanisation", email=email,
                    phone=self.phone(cc), resume=resume, photo=self.photo())

    def seg_voip(self) -> None:
        r = self.rnd
        voip_cc = [cc for cc in self.countries if (cc, "VOIP") in self.ref.phone_examples]
        cc = r.choice(voip_cc + ["US", "CA", "IN", "PK", "NG"])
        pp = self.base_person(cc, "voip_number")
        if (cc, "VOIP") in self.ref.phone_examples and r.random() < 0.7:
            phone = self.phone(cc, "VOIP")
        else:  # a US virtual number (Google Voice-like) held by a non-US freelancer or a US one
            phone = self.phone("US")
        email = self.email(pp["first"], pp["last"])
        self.finish(pp, self.honest_sessions(pp), self.honest_payouts(pp, email), 0, "voip_number", email=email,
                    phone=phone, resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo())

    def seg_web3(self) -> None:
        r = self.rnd
        cc = wchoice(r, self.countries, self.country_w)
        pp = self.base_person(cc, "web3_crypto")
        pp["cat"] = "Blockchain" if "Blockchain" in self.ref.resume_chunks else pp["cat"]
        email = self.email(pp["first"], pp["last"])
        payouts = [self.payout("crypto", self.payout_ref("crypto", cc), None, None) for _ in range(r.randint(1, 2))]
        if r.random() < 0.5:
            payouts += self.honest_payouts(pp, email)
        sessions = self.honest_sessions(pp)
        if r.random() < 0.3:
            for s in sessions:
                if r.random() < 0.4:
                    s["ip"] = self.ip_vpn(None)
        self.finish(pp, sessions, payouts, 0, "web3_crypto", email=email, phone=self.phone(cc),
                    resume=self.resume(pp["cat"], pp["name"], pp["city"], title="Web3 / Solidity Developer"),
                    photo=self.photo())

    def seg_household(self, budget: int) -> int:
        r = self.rnd
        size = min(budget, r.choice([2, 2, 2, 3, 3, 4, 5]))
        cc = wchoice(r, self.countries, self.country_w)
        family = r.random() < 0.6
        home = self.ip_res(cc)
        shared_dev = "dv-" + hexid(r, 14)
        city, tzname = r.choice(C[cc][1])
        surname = self.name(cc)[1]
        family_account = None
        if family and r.random() < 0.3:
            m = C[cc][4][0][0]
            family_account = (m, self.payout_ref(m, cc), f"{self.name(cc)[0]} {surname}")
        for _ in range(size):
            pp = self.base_person(cc, "shared_household")
            pp["city"], pp["tz"], pp["home"] = city, tzname, [home]
            if family:
                pp["last"] = surname
                pp["name"] = self.full_name(cc, pp["first"], surname)
            if r.random() < 0.25:
                pp["devices"].append(shared_dev)
            email = self.email(pp["first"], pp["last"])
            payouts = self.honest_payouts(pp, email)
            if family_account and r.random() < 0.7:
                payouts = [self.payout(family_account[0], family_account[1], cc, family_account[2])]
            self.finish(pp, self.honest_sessions(pp), payouts, 0, "shared_household",
                        email=email, phone=self.phone(cc), resume=self.resume(pp["cat"], pp["name"], city),
                        photo=self.photo())
        return size

    def seg_relocated(self) -> None:
        """Moved country (e.g. Ukrainians to Poland/Germany): early sessions from the old country."""
        r = self.rnd
        old, new = r.choice([("UA", "PL"), ("UA", "DE"), ("RU", "GE"), ("RU", "AM"), ("RU", "RS"), ("BY", "PL"),
                             ("IN", "AE"), ("PK", "AE"), ("NG", "GB"), ("BR", "PT"), ("VN", "JP"), ("RU", "KZ")])
        if old not in self.ref.residential or new not in self.ref.residential:
            old, new = "UA", "PL"
        pp = self.base_person(new, "relocated")
        first, last = self.name(old)
        pp["first"], pp["last"], pp["name"] = first, last, f"{first} {last}"
        sessions = self.honest_sessions(pp, n=max(6, self.n_sessions()))
        cut = r.randint(1, max(1, len(sessions) // 3))
        old_tz = C[old][1][0][1]
        for s in sessions[:cut]:
            s["ip"] = self.ip_res(old)
            if "browser_timezone" in s:
                s["browser_timezone"] = old_tz
        email = self.email(first, last)
        payouts = self.honest_payouts(pp, email)
        if r.random() < 0.4:
            m = C[old][4][0][0]
            payouts.append(self.payout(m, self.payout_ref(m, old), old, pp["name"]))
        self.finish(pp, sessions, payouts, 0, "relocated", email=email, phone=self.phone(old if r.random() < 0.4 else new),
                    resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo())

    def seg_remote_admin(self) -> None:
        """Sysadmins and support engineers who work through AnyDesk/RDP on their own machines."""
        r = self.rnd
        cc = wchoice(r, self.countries, self.country_w)
        pp = self.base_person(cc, "remote_admin")
        pp["cat"] = r.choice([c for c in ("DevOps Engineer", "Network Security Engineer", "Database") if c in self.ref.resume_chunks] or [pp["cat"]])
        sessions = self.honest_sessions(pp)
        share = r.uniform(0.2, 0.9)
        for s in sessions:
            if "remote_access" in s:
                s["remote_access"] = r.random() < share
        email = self.email(pp["first"], pp["last"])
        self.finish(pp, sessions, self.honest_payouts(pp, email), 0, "remote_admin", email=email,
                    phone=self.phone(cc), resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo())

    def seg_cgnat(self) -> None:
        """Mobile-only users behind carrier-grade NAT: unrelated people share few public addresses."""
        r = self.rnd
        cc = wchoice(r, ["NG", "KE", "PK", "IN", "PH", "BD", "EG", "ID", "GH", "VN"], [3, 2, 3, 3, 2, 2, 2, 1, 1, 1])
        if cc not in self.ref.residential:
            cc = "IN"
        pp = self.base_person(cc, "mobile_cgnat")
        sessions = self.honest_sessions(pp, mobile_share=0.0)
        for s in sessions:
            s["ip"] = self.cgnat_ip(cc)
        email = self.email(pp["first"], pp["last"])
        self.finish(pp, sessions, self.honest_payouts(pp, email), 0, "mobile_cgnat", email=email,
                    phone=self.phone(cc), resume=self.resume(pp["cat"], pp["name"], pp["city"]), photo=self.photo())

    # -- front cells --
    def front_cell(self, cell_id: str, tactic: str, size: int) -> None:
        r = self.rnd
        p = self.p
        a_, b_ = p["care_mean"] * p["care_conc"], (1 - p["care_mean"]) * p["care_conc"]
        care = r.betavariate(max(a_, 0.2), max(b_, 0.2))
        op_tz = wchoice(r, ["Asia/Shanghai", "Asia/Pyongyang", "Asia/Vladivostok", "Asia/Vientiane", "Europe/Moscow"],
                        [5, 2, 2, 1, 0.4])
        leak_cc = {"Asia/Shanghai": "CN", "Asia/Pyongyang": r.choice(["CN", "CN", "KP"]), "Asia/Vladivostok": "RU",
                   "Asia/Vientiane": "LA", "Europe/Moscow": "RU"}[op_tz]
        if leak_cc not in ("CN", "RU", "KP") and leak_cc not in self.ref.residential:
            leak_cc = "CN"
        if tactic == "third_country_persona":
            targets = ["JP", "VN", "SG", "PL", "RS", "UA", "DE", "PT", "IT", "GB", "NL", "MY"]
            tw = [3, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]
        else:
            targets = ["US", "CA", "GB", "AU", "DE", "NL", "PL", "UA", "JP", "SG"]
            us = p["front_us_share"]
            tw = [us * 12, 2, 2, 1, 1, 1, 1, 1, 1, 1]
            if tactic in ("laptop_farm_rdp", "laptop_farm_kvm"):  # farms host US personas' laptops
                targets, tw = ["US", "CA", "GB"], [18, 1, 1]
        main_cc = wchoice(r, targets, tw)
        leak_p = (1 - care) * p["leak_scale"] * (3 if tactic == "direct_connect" else 1)
        mimic = r.random() < p["mimic_client_hours"] * (0.5 + care)
        long_days = r.random() < 0.8 - 0.5 * care
        # shared infrastructure of the cell
        n_accounts = max(1, int(round(size * (0.15 + 0.85 * care * r.random()))))
        facilitator = self.name("US")
        fac_name = f"{facilitator[0]} {facilitator[1]}"
        fac_home = [self.ip_res("US") for _ in range(r.randint(1, 2))]
        fac_bank = self.payout_ref("bank", "US")
        fac_state = r.choice(C["US"][1])
        acct_method = wchoice(r, ["payoneer", "bank", "wise", "crypto", "paypal"], [4, 3, 2, 2, 1])
        acct_cc = wchoice(r, ["HK", "CN", "US", main_cc, "SG", "AE"], [3, 2, 3, 3, 1, 1])
        accounts = [(acct_method if r.random() < 0.7 else wchoice(r, ["payoneer", "bank", "wise", "crypto"], [3, 2, 2, 2]),
                     None) for _ in range(n_accounts)]
        accounts = [(m, self.payout_ref(m, acct_cc)) for m, _ in accounts]
        if self.ref.sdn_wallets and r.random() < p["sdn_wallet_cell_rate"] * (1 - care) * 2:
            accounts[0] = ("crypto", r.choice(self.ref.sdn_wallets))  # a wallet already on OFAC's list
        holders = [fac_name] + [f"{a} {b}" for a, b in (self.name(acct_cc if acct_cc in C else "CN") for _ in range(2))]
        photos = [self.photo() for _ in range(max(1, int(size * care) or 1))]
        devices = ["dv-" + hexid(r, 14) for _ in range(max(1, int(size * (0.3 + 0.7 * care))))]
        phones = [self.phone("US") for _ in range(max(1, size // 3))]
        email_suffix = str(r.randint(10, 99)) if r.random() < 0.6 - 0.4 * care else None
        cat = r.choice(IT_CATS[:8])
        template = self.resume(cat, "__NAME__", "__CITY__", n_chunks=r.randint(6, 10))
        ptpl = self.proposal_text("__NAME__")
        agency_id = None
        agency_cc = None
        if tactic == "front_company_agency":
            agency_id = "agency-" + hexid(r, 8)
            agency_cc = r.choice(["SG", "MY", "AE", "US", "GB", "HK", "VN"])
            if agency_cc not in C:
                agency_cc = "SG"
            acct_cc = agency_cc if agency_cc in C else "SG"
            if r.random() < 0.5:  # an "offshore team" whose members all claim the company's country
                main_cc, targets, tw = acct_cc, [acct_cc], [1.0]
            holders = [f"{r.choice(AGENCY_NAMES)} {r.choice(AGENCY_WORDS)} {r.choice(['Ltd', 'Pte Ltd', 'LLC', 'Co., Ltd'])}"]
        for _k in range(size):
            cc = main_cc if r.random() < 0.7 else wchoice(r, targets, tw)
            if cc not in self.ref.residential:
                cc = "US"
            self.front_persona(cell_id, tactic, cc, care, op_tz, leak_cc, leak_p, mimic, long_days, accounts,
                               acct_cc, holders, fac_name, fac_home, fac_state, photos, devices, phones,
                               email_suffix, cat, template, ptpl, agency_id, fac_bank)

    def front_persona(self, cell_id, tactic, cc, care, op_tz, leak_cc, leak_p, mimic, long_days, accounts,
                      acct_cc, holders, fac_name, fac_home, fac_state, photos, devices, phones, email_suffix, cat,
                      template, ptpl, agency_id, fac_bank) -> None:
        r = self.rnd
        first, last = self.name(cc)
        city, tzname = r.choice(C[cc][1])
        pp = {"cc": cc, "first": first, "last": last, "name": f"{first} {last}", "city": city, "tz": tzname,
              "cat": cat, "created": self.created_at(10, 600)}
        if tactic in ("laptop_farm_rdp", "laptop_farm_kvm") and cc == "US":
            pp["city"], pp["tz"] = (fac_state if r.random() < 0.5 else (city, tzname))
        # working hours: operator clock unless the cell mimics the client's day
        if mimic:
            h_tz, center, spread = pp["tz"], r.uniform(10, 15), r.uniform(2, 3.5)
        else:
            h_tz, center, spread = op_tz, r.uniform(12, 16), r.uniform(3, 5) if long_days else r.uniform(2, 3)
        weekend = r.uniform(0.6, 0.95) if long_days else r.uniform(0.1, 0.5)
        n = self.n_sessions(self.p["front_session_mult"])
        created = pp["created"]
        after = None
        orig_sessions: list[dict] = []
        extra: dict = {}
        if tactic == "aged_account_purchase":
            # the original owner's honest history, then dormancy, then the buyer takes over
            owner_cc = r.choice(["UA", "PK", "KE", "NG", "PH", "IN", "US", "VN", "RS", "BD"])
            if owner_cc not in self.ref.residential:
                owner_cc = "UA"
            cc = owner_cc
            first, last = self.name(cc)
            city, tzname = r.choice(C[cc][1])
            pp.update(cc=cc, first=first, last=last, name=f"{first} {last}", city=city, tz=tzname,
                      created=self.end - timedelta(days=r.uniform(900, 2400)))
            created = pp["created"]
            owner = self.base_person(cc, "x")
            owner.update(created=created, tz=tzname)
            sale = self.end - timedelta(days=r.uniform(30, 300))
            otimes = self.session_times(created, r.randint(5, 40), tzname, 13, 3, 0.3, until=sale - timedelta(days=r.uniform(30, 400)))
            for t in otimes:
                orig_sessions.append(self.session(t, r.choice(owner["home"]), owner["devices"][0], tzname, False,
                                                  r.lognormvariate(7.5, 1)))
            after = sale
        if tactic == "rented_account":
            # a real person's long-standing account, driven by the cell; the owner still logs in at times
            created = pp["created"] = self.end - timedelta(days=r.uniform(200, 1500))
            owner = self.base_person(cc, "x")
            owner.update(created=created, tz=pp["tz"])
            fac_home = owner["home"]
            for t in self.session_times(created, r.randint(3, 15), pp["tz"], 13, 3, 0.3):
                orig_sessions.append(self.session(t, r.choice(owner["home"]), owner["devices"][0], pp["tz"], False,
                                                  r.lognormvariate(7, 1)))
            after = self.end - timedelta(days=r.uniform(40, 200))
        times = self.session_times(created, n, h_tz, center, spread, weekend, after=after)
        my_devices = [r.choice(devices)] if r.random() > care else ["dv-" + hexid(r, 14)]
        if r.random() < 0.3:
            my_devices.append(r.choice(devices))
        sessions = list(orig_sessions)
        btz_wrong = r.random() < (1 - care) * 0.6
        proxy_home = self.ip_res(cc)
        vpn_cc = cc if r.random() < 0.7 else r.choice(["US", "NL", "SG", "JP", "GB"])
        for t in times:
            remote = False
            dur = r.lognormvariate(8.6 if long_days else 7.8, 0.8)
            if r.random() < leak_p:
                ip = self.ip_leak(leak_cc)
                btz = op_tz if r.random() < 0.7 else pp["tz"]
                sessions.append(self.session(t, ip, r.choice(my_devices), btz, False, dur))
                continue
            if tactic in ("vpn_persona", "third_country_persona", "front_company_agency"):
                ip = self.ip_vpn(vpn_cc) if r.random() < 0.85 else self.ip_hosting(vpn_cc if vpn_cc in self.ref.hosting else "US")
                if tactic == "front_company_agency" and r.random() < 0.3 * (1 - care):
                    ip = self.ip_hosting(r.choice(["CN", "RU", "HK"]))
            elif tactic == "laptop_farm_rdp":
                ip = r.choice(fac_home)
                remote = r.random() < 0.6 + 0.35 * (1 - care)
            elif tactic == "laptop_farm_kvm":
                ip = r.choice(fac_home)
                remote = r.random() < 0.03
            elif tactic in ("rented_identity", "residential_proxy"):
                sticky = 0.2 + 0.6 * care if tactic == "residential_proxy" else 0.5
                ip = proxy_home if r.random() < sticky else self.ip_res(cc, mobile=r.random() < 0.2)
                if tactic == "rented_identity" and r.random() < 0.3 * (1 - care):
                    ip = self.ip_vpn(cc)
            elif tactic == "aged_account_purchase":
                ip = self.ip_vpn(cc) if r.random() < 0.5 else self.ip_res(cc)
            elif tactic == "rented_account":
                ip = r.choice(fac_home) if r.random() < 0.6 else self.ip_vpn(cc)
                remote = ip in fac_home and r.random() < 0.7
            elif tactic == "direct_connect":
                ip = self.ip_leak(leak_cc) if r.random() < 0.5 else self.ip_vpn(r.choice([cc, "US", "HK", "SG"]))
            else:
                ip = self.ip_vpn(cc)
            if r.random() < 0.01 * (1 - care) and self.ref.tor:
                ip = r.choice(self.ref.tor)
            btz = op_tz if btz_wrong and r.random() < 0.7 else pp["tz"]
            sessions.append(self.session(t, ip, r.choice(my_devices), btz, remote, dur))
        # identity, contact, content
        name = pp["name"]
        if tactic in ("rented_identity", "rented_account", "aged_account_purchase"):
            phone = self.phone(cc)
            email = self.email(first, last)
        else:
            phone = r.choice(phones) if r.random() < 0.5 * (1 - care) else self.phone(cc if r.random() < 0.5 else "US")
            email = self.email(first, last, digits=email_suffix, domain=r.choice(["gmail.com", "outlook.com", "proton.me"])) \
                if email_suffix else self.email(first, last)
        if r.random() < care * 0.8:
            resume = self.resume(cat, name, pp["city"])  # AI-polished rewrite: unique text
        else:
            resume = template.replace("__NAME__", name).replace("__CITY__", pp["city"])
            if r.random() < 0.5:
                resume = resume.replace(r.choice(EMPLOYERS), r.choice(EMPLOYERS))
        photo = self.flip_bits(r.choice(photos), r.randint(0, 3)) if r.random() > care * 0.7 else self.photo()
        # payouts
        payouts = []
        if tactic in ("rented_identity", "rented_account"):
            m = r.choice(["bank", "payoneer", "paypal"])
            payouts.append(self.payout(m, self.payout_ref(m, cc, email), cc, name))
            if r.random() < 0.5 * (1 - care):
                m, ref = r.choice(accounts)
                payouts.append(self.payout(m, ref, acct_cc, r.choice(holders)))
        elif tactic == "aged_account_purchase":
            payouts.append(self.payout(C[cc][4][0][0], self.payout_ref(C[cc][4][0][0], cc), cc, name))
            m, ref = r.choice(accounts)
            payouts.append(self.payout(m, ref, acct_cc, r.choice(holders) if r.random() < 0.6 else name))
        elif tactic in ("laptop_farm_rdp", "laptop_farm_kvm"):
            m, ref = r.choice(accounts)
            if r.random() < 0.6:  # the facilitator's own US bank account
                m, ref = "bank", fac_bank
            payouts.append(self.payout(m, ref, "US" if m == "bank" else acct_cc, fac_name if r.random() < 0.6 else name))
        else:
            for _ in range(1 if r.random() < 0.6 else r.randint(2, 4)):  # frequent payout changes
                m, ref = r.choice(accounts)
                holder = name if r.random() < care else r.choice(holders)
                payouts.append(self.payout(m, ref, acct_cc, holder))
        if tactic == "front_company_agency":
            extra["agency_id"] = agency_id
        if tactic in ("laptop_farm_rdp", "laptop_farm_kvm", "rented_identity"):
            # hired more often, so asked for equipment more often; still often not recorded
            if r.random() > 0.6 * self.p["missing"]["shipping_country"]:
                extra["shipping_country"] = "US" if tactic != "rented_identity" else cc
        elif r.random() < 0.15 * (1 - care):
            extra["shipping_country"] = r.choice(["US", "CN", "HK"])
        ftimes = [s["started_at"] for s in sessions[len(orig_sessions):]] or [s["started_at"] for s in sessions]
        props = self.proposals(name, ftimes, mult=1.5, template=ptpl if r.random() > care * 0.6 else None,
                               swap=("__NAME__", first))
        self.finish(pp, sessions, payouts, 1, "front", tactic, cell_id, extra=extra, email=email, phone=phone,
                    resume=resume, photo=photo, proposals=props)

    # -- the whole population --
    def build(self) -> None:
        r = self.rnd
        n = self.n
        n_front = max(1, int(round(n * self.p["front_rate"])))
        tw = self.p["tactic_weight"]
        tactics = list(TACTICS)
        made = 0
        cell_no = 0
        # make sure every tactic gets a cell when there is room, then draw by weight
        order = tactics[:] if n_front >= 2 * len(tactics) else []
        r.shuffle(order)
        while made < n_front:
            tactic = order.pop() if order else wchoice(r, tactics, [tw[t] for t in tactics])
            if r.random() < self.p["single_cell_share"]:
                size = 1
            else:
                size = max(2, min(30, int(round(r.lognormvariate(math.log(self.p["cell_size_median"]), 0.6)))))
            if order:  # leave room for the tactics still owed a cell
                size = min(size, max(1, (n_front - made) // (len(order) + 2)))
            size = min(size, n_front - made)
            cell_no += 1
            self.front_cell(f"cell-{cell_no:03d}-{hexid(r, 4)}", tactic, size)
            made += size
        n_honest = n - made
        shares = self.p["segment_share"]
        counts = {s: int(round(n_honest * shares[s])) for s in shares}
        if n_honest >= 4 * len(HONEST_SEGMENTS):
            for s in counts:
                counts[s] = max(counts[s], 2)
        total = sum(counts.values())
        if total > n_honest:
            for s in counts:
                counts[s] = int(counts[s] * n_honest / total)
        plan = []
        for s, k in counts.items():
            plan += [s] * k
        plan += ["regular"] * (n_honest - len(plan))
        r.shuffle(plan)
        i = 0
        pending = {"declared_agency": 0, "shared_household": 0}
        for s in plan:
            pending.setdefault(s, 0)
            pending[s] += 1
        done = {s: 0 for s in pending}
        simple = {"privacy_vpn": self.seg_privacy_vpn, "traveller": self.seg_traveller,
                  "asia_night_shift": self.seg_asia_night, "consistent_cn_kr_ru": self.seg_consistent_east,
                  "name_romanisation": self.seg_romanisation, "voip_number": self.seg_voip,
                  "web3_crypto": self.seg_web3, "relocated": self.seg_relocated,
                  "remote_admin": self.seg_remote_admin, "mobile_cgnat": self.seg_cgnat}
        for s in plan:
            i += 1
            if done[s] >= pending[s]:
                continue
            if s == "declared_agency":
                done[s] += self.seg_agency(pending[s] - done[s])
            elif s == "shared_household":
                done[s] += self.seg_household(pending[s] - done[s])
            elif s == "regular":
                self.honest("regular")
                done[s] += 1
            else:
                simple[s]()
                done[s] += 1
        # interleave fronts with honest profiles as a platform export would
        order_idx = list(range(len(self.applicants)))
        r.shuffle(order_idx)
        self.applicants = [self.applicants[k] for k in order_idx]
        self.truth = [self.truth[k] for k in order_idx]


def write_world(world: World, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(json.dumps(a, ensure_ascii=False, separators=(",", ":")) + "\n" for a in world.applicants).encode()
    with open(out, "wb") as fh:
        if out.name.endswith(".gz"):
            with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=6) as gz:
                gz.write(body)
        else:
            fh.write(body)
    stem = out.name
    for suffix in (".gz", ".jsonl", ".json"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    truth = out.with_name(stem + ".truth.csv")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["applicant_id", "label", "segment", "tactic", "cell_id"])
    w.writerows(world.truth)
    truth.write_text(buf.getvalue())
    return truth


def default_data() -> Path:
    for cand in (REPO.parent / "shared" / "data", REPO.parent.parent / "shared" / "data"):
        if (cand / "ip-location-db").is_dir():
            return cand
    return REPO.parent / "shared" / "data"


_REFERENCES: dict[Path, Reference] = {}


def reference(data: Path) -> Reference:
    """The reference data, read once per folder per process (~10 s; worlds only read it)."""
    key = data.resolve()
    if key not in _REFERENCES:
        _REFERENCES[key] = Reference(data)
    return _REFERENCES[key]


def generate(n: int, seed: int, out: Path, data: Path | None = None) -> tuple[World, Path]:
    ref = reference(data or default_data())
    world = World(ref, n, seed)
    world.build()
    truth = write_world(world, out)
    return world, truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=20000, help="number of applicants")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", type=Path, required=True, help="world.jsonl.gz (or .jsonl)")
    ap.add_argument("--data", type=Path, default=None, help="shared reference data (default ../shared/data)")
    args = ap.parse_args(argv)
    data = args.data or default_data()
    if not (data / "ip-location-db").is_dir():
        print(f"reference data not found at {data}; pass --data", file=sys.stderr)
        return 2
    world, truth = generate(args.n, args.seed, args.output, data)
    fronts = sum(t[1] for t in world.truth)
    print(f"wrote {len(world.applicants)} applicants ({fronts} fronts) to {args.output} and {truth}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
