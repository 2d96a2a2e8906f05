"""Seventh independent world: a synthetic freelance marketplace with DPRK IT-worker fronts.

Written from the public record (industry threat intelligence and practitioner write-ups, see
docs/SEVENTH_INDEPENDENT_WORLD.md) without reading the detector. Fronts are modelled as cells of
personas with an account lifecycle (new, aged-and-bought, rented), shared tooling (VPNs, laptop
farms, cloud workstations, remote-access tools), schedules and payouts; each cell has a *care*
level, so careless cells leak a lot and careful ones very little. Honest people include the groups
practitioners warn produce false positives, often with several look-alike traits at once.

    python scripts/seventh_independent_world.py -n 20000 --seed 1 -o world.jsonl.gz [--data DIR]

Writes the nested JSON Lines world (gzip, mtime 0) and ``world.truth.csv`` beside it.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import ipaddress
import json
import math
import random
import re
import socket
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import maxminddb
import phonenumbers

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------------------------
# Countries: marketplace weight, resident culture mix, zones (zone, city, weight), payout habits
# (method weights), typical hourly rate (USD) and share of sessions from mobile networks.
# --------------------------------------------------------------------------------------------
COUNTRIES = {
    "US": (
        13,
        {
            "anglo": 62,
            "hispanic": 15,
            "south_asian": 7,
            "chinese": 4,
            "korean": 2,
            "slavic": 3,
            "west_african": 3,
            "vietnamese": 2,
            "arabic": 2,
        },
        [
            ("America/New_York", "New York", 30),
            ("America/New_York", "Atlanta", 8),
            ("America/Chicago", "Chicago", 15),
            ("America/Chicago", "Dallas", 10),
            ("America/Denver", "Denver", 6),
            ("America/Phoenix", "Phoenix", 4),
            ("America/Los_Angeles", "Los Angeles", 14),
            ("America/Los_Angeles", "Seattle", 8),
            ("America/New_York", "Miami", 5),
        ],
        {"bank": 50, "paypal": 35, "wise": 5, "payoneer": 4, "crypto": 3, "other": 3},
        55,
        0.15,
    ),
    "IN": (
        12,
        {"south_asian": 90, "tamil": 10},
        [
            ("Asia/Kolkata", "Bengaluru", 25),
            ("Asia/Kolkata", "Pune", 12),
            ("Asia/Kolkata", "Hyderabad", 15),
            ("Asia/Kolkata", "Delhi", 18),
            ("Asia/Kolkata", "Chennai", 12),
            ("Asia/Kolkata", "Kolkata", 8),
        ],
        {"bank": 35, "payoneer": 30, "paypal": 15, "wise": 10, "other": 10},
        18,
        0.4,
    ),
    "PK": (
        6,
        {"pakistani": 100},
        [
            ("Asia/Karachi", "Lahore", 40),
            ("Asia/Karachi", "Karachi", 35),
            ("Asia/Karachi", "Islamabad", 25),
        ],
        {"payoneer": 55, "bank": 25, "wise": 8, "other": 12},
        14,
        0.45,
    ),
    "BD": (
        4,
        {"bangla": 100},
        [("Asia/Dhaka", "Dhaka", 80), ("Asia/Dhaka", "Chattogram", 20)],
        {"payoneer": 55, "bank": 25, "other": 20},
        12,
        0.45,
    ),
    "PH": (
        7,
        {"filipino": 100},
        [
            ("Asia/Manila", "Manila", 50),
            ("Asia/Manila", "Cebu City", 25),
            ("Asia/Manila", "Davao City", 25),
        ],
        {"paypal": 45, "payoneer": 25, "bank": 15, "wise": 5, "other": 10},
        10,
        0.45,
    ),
    "UA": (
        4,
        {"slavic": 100},
        [
            ("Europe/Kyiv", "Kyiv", 45),
            ("Europe/Kyiv", "Lviv", 25),
            ("Europe/Kyiv", "Kharkiv", 15),
            ("Europe/Kyiv", "Odesa", 15),
        ],
        {"payoneer": 40, "bank": 25, "wise": 20, "crypto": 8, "paypal": 7},
        30,
        0.25,
    ),
    "GB": (
        4,
        {"anglo": 75, "south_asian": 10, "west_african": 5, "polish": 5, "arabic": 5},
        [
            ("Europe/London", "London", 55),
            ("Europe/London", "Manchester", 25),
            ("Europe/London", "Edinburgh", 20),
        ],
        {"bank": 55, "paypal": 30, "wise": 10, "crypto": 5},
        50,
        0.15,
    ),
    "NG": (
        3,
        {"west_african": 100},
        [("Africa/Lagos", "Lagos", 60), ("Africa/Lagos", "Abuja", 40)],
        {"payoneer": 50, "bank": 20, "crypto": 15, "other": 15},
        15,
        0.55,
    ),
    "KE": (
        2,
        {"east_african": 100},
        [("Africa/Nairobi", "Nairobi", 80), ("Africa/Nairobi", "Mombasa", 20)],
        {"payoneer": 40, "paypal": 20, "bank": 20, "other": 20},
        14,
        0.6,
    ),
    "EG": (
        2,
        {"arabic": 100},
        [("Africa/Cairo", "Cairo", 70), ("Africa/Cairo", "Alexandria", 30)],
        {"payoneer": 50, "bank": 35, "other": 15},
        16,
        0.4,
    ),
    "BR": (
        3,
        {"lusophone": 100},
        [
            ("America/Sao_Paulo", "Sao Paulo", 55),
            ("America/Sao_Paulo", "Rio de Janeiro", 25),
            ("America/Sao_Paulo", "Belo Horizonte", 20),
        ],
        {"payoneer": 35, "bank": 30, "wise": 15, "paypal": 15, "crypto": 5},
        28,
        0.3,
    ),
    "AR": (
        2,
        {"hispanic": 100},
        [
            ("America/Argentina/Buenos_Aires", "Buenos Aires", 75),
            ("America/Argentina/Cordoba", "Cordoba", 25),
        ],
        {"payoneer": 40, "crypto": 20, "wise": 15, "bank": 15, "paypal": 10},
        30,
        0.3,
    ),
    "MX": (
        2,
        {"hispanic": 100},
        [
            ("America/Mexico_City", "Mexico City", 60),
            ("America/Mexico_City", "Guadalajara", 25),
            ("America/Tijuana", "Tijuana", 15),
        ],
        {"bank": 40, "paypal": 30, "payoneer": 20, "wise": 10},
        30,
        0.3,
    ),
    "CO": (
        1.5,
        {"hispanic": 100},
        [("America/Bogota", "Bogota", 60), ("America/Bogota", "Medellin", 40)],
        {"payoneer": 40, "bank": 30, "paypal": 20, "crypto": 10},
        25,
        0.3,
    ),
    "DE": (
        2,
        {"german": 80, "turkish": 10, "slavic": 5, "arabic": 5},
        [
            ("Europe/Berlin", "Berlin", 40),
            ("Europe/Berlin", "Munich", 30),
            ("Europe/Berlin", "Hamburg", 30),
        ],
        {"bank": 65, "paypal": 25, "wise": 10},
        60,
        0.1,
    ),
    "PL": (
        2,
        {"polish": 100},
        [
            ("Europe/Warsaw", "Warsaw", 50),
            ("Europe/Warsaw", "Krakow", 30),
            ("Europe/Warsaw", "Wroclaw", 20),
        ],
        {"bank": 50, "wise": 25, "payoneer": 15, "paypal": 10},
        40,
        0.2,
    ),
    "RO": (
        1.5,
        {"romanian": 100},
        [("Europe/Bucharest", "Bucharest", 60), ("Europe/Bucharest", "Cluj-Napoca", 40)],
        {"bank": 45, "payoneer": 25, "wise": 20, "paypal": 10},
        35,
        0.2,
    ),
    "RS": (
        1.5,
        {"balkan": 100},
        [("Europe/Belgrade", "Belgrade", 70), ("Europe/Belgrade", "Novi Sad", 30)],
        {"payoneer": 45, "bank": 35, "wise": 20},
        32,
        0.25,
    ),
    "VN": (
        2,
        {"vietnamese": 100},
        [("Asia/Ho_Chi_Minh", "Ho Chi Minh City", 60), ("Asia/Bangkok", "Hanoi", 40)],
        {"payoneer": 40, "bank": 35, "paypal": 10, "crypto": 15},
        18,
        0.4,
    ),
    "ID": (
        2,
        {"indonesian": 100},
        [
            ("Asia/Jakarta", "Jakarta", 60),
            ("Asia/Jakarta", "Bandung", 25),
            ("Asia/Makassar", "Denpasar", 15),
        ],
        {"payoneer": 35, "bank": 30, "paypal": 25, "other": 10},
        15,
        0.55,
    ),
    "CN": (
        1.5,
        {"chinese": 100},
        [
            ("Asia/Shanghai", "Shanghai", 35),
            ("Asia/Shanghai", "Shenzhen", 30),
            ("Asia/Shanghai", "Beijing", 20),
            ("Asia/Shanghai", "Chengdu", 15),
        ],
        {"bank": 45, "payoneer": 30, "crypto": 15, "wise": 10},
        30,
        0.35,
    ),
    "KR": (
        0.7,
        {"korean": 100},
        [("Asia/Seoul", "Seoul", 70), ("Asia/Seoul", "Busan", 30)],
        {"bank": 60, "paypal": 20, "wise": 10, "crypto": 10},
        45,
        0.3,
    ),
    "JP": (
        0.8,
        {"japanese": 100},
        [("Asia/Tokyo", "Tokyo", 65), ("Asia/Tokyo", "Osaka", 35)],
        {"bank": 65, "paypal": 25, "wise": 10},
        50,
        0.25,
    ),
    "RU": (
        2,
        {"slavic": 90, "central_asian": 10},
        [
            ("Europe/Moscow", "Moscow", 45),
            ("Europe/Moscow", "Saint Petersburg", 25),
            ("Asia/Yekaterinburg", "Yekaterinburg", 10),
            ("Asia/Novosibirsk", "Novosibirsk", 10),
            ("Asia/Vladivostok", "Vladivostok", 10),
        ],
        {"crypto": 40, "bank": 30, "other": 30},
        30,
        0.3,
    ),
    "CA": (
        2,
        {"anglo": 60, "french": 15, "south_asian": 10, "chinese": 10, "filipino": 5},
        [
            ("America/Toronto", "Toronto", 45),
            ("America/Vancouver", "Vancouver", 25),
            ("America/Toronto", "Montreal", 20),
            ("America/Edmonton", "Calgary", 10),
        ],
        {"bank": 50, "paypal": 30, "wise": 15, "crypto": 5},
        55,
        0.15,
    ),
    "AU": (
        1.5,
        {"anglo": 75, "chinese": 10, "south_asian": 10, "vietnamese": 5},
        [
            ("Australia/Sydney", "Sydney", 50),
            ("Australia/Melbourne", "Melbourne", 35),
            ("Australia/Perth", "Perth", 15),
        ],
        {"bank": 60, "paypal": 30, "wise": 10},
        55,
        0.15,
    ),
    "FR": (
        1.2,
        {"french": 85, "arabic": 10, "west_african": 5},
        [("Europe/Paris", "Paris", 60), ("Europe/Paris", "Lyon", 40)],
        {"bank": 70, "paypal": 20, "wise": 10},
        50,
        0.15,
    ),
    "ES": (
        1.2,
        {"hispanic": 100},
        [("Europe/Madrid", "Madrid", 55), ("Europe/Madrid", "Barcelona", 45)],
        {"bank": 65, "paypal": 25, "wise": 10},
        40,
        0.15,
    ),
    "IT": (
        1,
        {"italian": 100},
        [("Europe/Rome", "Milan", 55), ("Europe/Rome", "Rome", 45)],
        {"bank": 65, "paypal": 25, "wise": 10},
        42,
        0.2,
    ),
    "PT": (
        0.8,
        {"lusophone": 100},
        [("Europe/Lisbon", "Lisbon", 65), ("Europe/Lisbon", "Porto", 35)],
        {"bank": 60, "wise": 25, "paypal": 15},
        38,
        0.2,
    ),
    "TR": (
        1,
        {"turkish": 100},
        [("Europe/Istanbul", "Istanbul", 70), ("Europe/Istanbul", "Ankara", 30)],
        {"payoneer": 40, "bank": 30, "wise": 15, "crypto": 15},
        25,
        0.3,
    ),
    "MY": (
        0.8,
        {"malay": 60, "chinese": 30, "tamil": 10},
        [("Asia/Kuala_Lumpur", "Kuala Lumpur", 100)],
        {"bank": 50, "paypal": 25, "payoneer": 25},
        25,
        0.35,
    ),
    "SG": (
        0.5,
        {"chinese": 70, "malay": 15, "tamil": 15},
        [("Asia/Singapore", "Singapore", 100)],
        {"bank": 70, "paypal": 20, "wise": 10},
        55,
        0.2,
    ),
    "LK": (
        1,
        {"sinhala": 100},
        [("Asia/Colombo", "Colombo", 100)],
        {"payoneer": 55, "bank": 35, "other": 10},
        15,
        0.4,
    ),
    "NP": (
        0.7,
        {"nepali": 100},
        [("Asia/Kathmandu", "Kathmandu", 100)],
        {"payoneer": 50, "bank": 40, "other": 10},
        12,
        0.45,
    ),
    "GE": (
        0.5,
        {"caucasus": 100},
        [("Asia/Tbilisi", "Tbilisi", 100)],
        {"bank": 50, "payoneer": 30, "crypto": 20},
        25,
        0.3,
    ),
    "AM": (
        0.5,
        {"caucasus": 100},
        [("Asia/Yerevan", "Yerevan", 100)],
        {"bank": 45, "payoneer": 35, "crypto": 20},
        25,
        0.3,
    ),
    "KZ": (
        0.6,
        {"central_asian": 60, "slavic": 40},
        [("Asia/Almaty", "Almaty", 70), ("Asia/Almaty", "Astana", 30)],
        {"bank": 40, "payoneer": 30, "crypto": 30},
        22,
        0.4,
    ),
    "ZA": (
        1,
        {"southern_african": 70, "anglo": 30},
        [("Africa/Johannesburg", "Johannesburg", 55), ("Africa/Johannesburg", "Cape Town", 45)],
        {"bank": 50, "payoneer": 30, "paypal": 20},
        25,
        0.4,
    ),
    "GH": (
        0.8,
        {"west_african": 100},
        [("Africa/Accra", "Accra", 100)],
        {"payoneer": 45, "bank": 25, "other": 30},
        14,
        0.55,
    ),
}

NAMES = {
    "anglo": (
        "James Michael Robert David William Daniel Matthew Ryan Tyler Kevin Brian Jason Emily "
        "Sarah Jessica Ashley Megan Rachel Lauren Amanda Olivia Hannah Chloe Grace",
        "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore "
        "Martin Thompson White Harris Clark Lewis Walker Hall Young Allen Wright Scott Baker",
    ),
    "hispanic": (
        "Jose Juan Carlos Luis Miguel Jorge Alejandro Diego Andres Javier Maria Ana Laura "
        "Carmen Sofia Valentina Camila Lucia Daniela Paula",
        "Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres "
        "Flores Rivera Gomez Diaz Morales Castillo Ortiz Ruiz Vargas Romero",
    ),
    "lusophone": (
        "Joao Pedro Lucas Gabriel Rafael Bruno Tiago Felipe Gustavo Rodrigo Ana Beatriz "
        "Mariana Juliana Fernanda Larissa Camila Ines Leticia Carolina",
        "Silva Santos Oliveira Souza Pereira Costa Ferreira Rodrigues Almeida Lima "
        "Carvalho Gomes Martins Araujo Ribeiro Barbosa",
    ),
    "south_asian": (
        "Rahul Amit Rohit Vikram Arjun Sandeep Pradeep Ankit Nikhil Saurabh Priya Neha "
        "Pooja Anjali Sneha Kavya Divya Shreya Ritu Aishwarya",
        "Sharma Verma Gupta Singh Kumar Patel Reddy Mehta Joshi Agarwal Mishra Yadav "
        "Chauhan Iyer Nair Desai Kulkarni Rao Bhatt Pandey",
    ),
    "tamil": (
        "Karthik Arun Senthil Vignesh Prakash Suresh Ramesh Lakshmi Meena Deepa Revathi Kavitha",
        "Subramanian Krishnan Raman Murugan Natarajan Balasubramanian Venkatesan Pillai Sundaram",
    ),
    "pakistani": (
        "Muhammad Ahmed Ali Hassan Usman Bilal Hamza Faisal Imran Zain Ayesha Fatima Sana "
        "Hira Maryam Zainab Amna Iqra",
        "Khan Ahmed Malik Qureshi Sheikh Butt Chaudhry Raza Hussain Iqbal Siddiqui Mirza "
        "Abbasi Javed Aslam",
    ),
    "bangla": (
        "Mohammad Rahim Karim Arif Tanvir Shakil Rafiq Sabbir Nusrat Tasnim Farhana Sadia Sharmin",
        "Rahman Hossain Islam Ahmed Chowdhury Uddin Akter Haque Sarker Miah Talukder Alam",
    ),
    "filipino": (
        "Mark John Paul Christian Jerome Joshua Angelo Carlo Mary Kristine Jasmine Angelica "
        "Nicole Patricia Joy Rhea",
        "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Villanueva Ramos Aquino "
        "Castro Dela Cruz Navarro Domingo",
    ),
    "slavic": (
        "Oleksandr Dmitry Sergey Andriy Ivan Maksym Alexey Nikolai Vladimir Artem Olena "
        "Anastasia Yulia Natalia Kateryna Iryna Svetlana Daria",
        "Kovalenko Shevchenko Bondarenko Ivanov Petrov Smirnov Melnyk Kuznetsov Popov "
        "Tkachenko Sokolov Volkov Morozov Lysenko Kravchenko",
    ),
    "polish": (
        "Piotr Krzysztof Tomasz Pawel Michal Jakub Marcin Anna Katarzyna Magdalena "
        "Agnieszka Joanna",
        "Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski Szymanski",
    ),
    "romanian": (
        "Andrei Alexandru Mihai Ionut Bogdan Cristian Florin Elena Ioana Andreea Maria Alina",
        "Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Matei Ciobanu Constantin",
    ),
    "balkan": (
        "Nikola Marko Stefan Milos Luka Nemanja Jovana Milica Ana Ivana Tijana Marija",
        "Jovanovic Petrovic Nikolic Markovic Djordjevic Stojanovic Ilic Pavlovic Milosevic",
    ),
    "german": (
        "Lukas Felix Jonas Maximilian Leon Tobias Florian Julia Laura Lea Anna Katharina Sophie",
        "Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter",
    ),
    "french": (
        "Thomas Nicolas Julien Maxime Antoine Alexandre Camille Marie Lea Chloe Manon Julie",
        "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent",
    ),
    "italian": (
        "Marco Luca Alessandro Andrea Matteo Francesco Giulia Chiara Francesca Sara Valentina",
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno",
    ),
    "west_african": (
        "Chinedu Emeka Oluwaseun Tunde Ibrahim Kwame Kofi Yaw Samuel Daniel Ngozi Chioma "
        "Funmilayo Aisha Adwoa Ama Blessing Grace",
        "Okafor Adeyemi Okonkwo Balogun Eze Nwosu Mensah Boateng Asante Owusu Ogunleye "
        "Abubakar Bello Adebayo",
    ),
    "east_african": (
        "Brian Kevin Dennis Collins Victor Emmanuel Faith Mercy Esther Wanjiru Achieng Njeri",
        "Otieno Kamau Mwangi Ochieng Wanjiku Kiprono Mutua Njoroge Onyango Chebet Kariuki",
    ),
    "southern_african": (
        "Thabo Sipho Lwazi Bongani Themba Nomvula Zanele Lerato Naledi Palesa",
        "Nkosi Dlamini Ndlovu Khumalo Mokoena Mthembu Zulu Naidoo Botha",
    ),
    "arabic": (
        "Mohamed Ahmed Mahmoud Omar Youssef Mostafa Karim Tarek Nour Mariam Salma Yasmin Hana Aya",
        "Hassan Ibrahim Ali Mahmoud Abdelrahman Saleh Mostafa Farouk Nasser Khalil Said",
    ),
    "vietnamese": (
        "Minh Anh Duc Huy Tuan Long Hoang Quang Linh Trang Huong Mai Thao Ngoc",
        "Nguyen Tran Le Pham Hoang Phan Vu Vo Dang Bui Do Ho Ngo",
    ),
    "indonesian": (
        "Budi Agus Andi Rizki Dimas Fajar Arief Siti Dewi Putri Ayu Rina Indah",
        "Santoso Wijaya Saputra Pratama Hidayat Nugroho Kusuma Setiawan Wibowo Susanto",
    ),
    "malay": (
        "Ahmad Muhammad Faiz Hafiz Amir Nur Aisyah Siti Nurul Farah Aina",
        "Abdullah Rahman Ismail Hassan Ibrahim Osman Yusof Aziz Hamid Zakaria",
    ),
    "chinese": (
        "Wei Jun Hao Lei Jie Tao Yang Ming Chen Xin Li Na Jing Ying Hui Fang Yan Xiaoyu",
        "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin",
    ),
    "korean": (
        "Minjun Seojun Jihoon Hyunwoo Donghyun Sungmin Jiwoo Seoyeon Jiyeon Minji Soyeon Eunji",
        "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin",
    ),
    "japanese": (
        "Haruto Yuto Sota Takumi Kenji Hiroshi Daiki Yui Sakura Aoi Haruka Misaki Yuki",
        "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida",
    ),
    "turkish": (
        "Mehmet Mustafa Ahmet Emre Burak Can Murat Elif Zeynep Ayse Merve Esra",
        "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan",
    ),
    "sinhala": (
        "Kasun Nuwan Chamara Dinesh Tharindu Sanjeewa Nadeesha Dilani Madhavi Ishara",
        "Perera Fernando Silva Jayasinghe Wickramasinghe Bandara Dissanayake Gunawardena",
    ),
    "nepali": (
        "Suman Bikash Ramesh Sanjay Prakash Anil Sita Sunita Anjali Puja",
        "Shrestha Sharma Adhikari Thapa Gurung Karki Poudel Tamang Rai Bhandari",
    ),
    "caucasus": (
        "Giorgi Davit Levan Nika Armen Tigran Aram Nino Mariam Ani Anahit Lilit",
        "Beridze Kapanadze Gelashvili Maisuradze Grigoryan Harutyunyan Sargsyan Petrosyan",
    ),
    "central_asian": (
        "Nursultan Aibek Daniyar Timur Azamat Rustam Aigerim Dana Madina Saule",
        "Abenov Nurlanov Seitkali Omarov Tokayev Karimov Akhmetov Zhakupov",
    ),
}
NAMES = {k: (v[0].split(), v[1].split()) for k, v in NAMES.items()}
# Families of order-reversed or alternative romanisations (what a payout holder or document shows).
ROMANISE = {
    "Muhammad": ["Mohammad", "Mohammed", "Muhammed"],
    "Mohammad": ["Muhammad", "Mohammed"],
    "Mohamed": ["Mohammed", "Muhammad"],
    "Ahmed": ["Ahmad"],
    "Oleksandr": ["Alexander", "Aleksandr"],
    "Sergey": ["Sergei", "Serhii"],
    "Andriy": ["Andrii", "Andrey"],
    "Yulia": ["Yuliia", "Julia"],
    "Kateryna": ["Ekaterina", "Katerina"],
    "Dmitry": ["Dmytro", "Dmitri"],
    "Alexey": ["Aleksei", "Oleksii"],
    "Natalia": ["Nataliya", "Natalya"],
    "Iryna": ["Irina"],
    "Maksym": ["Maxim"],
    "Yusof": ["Yusuf"],
    "Jung": ["Chung"],
    "Lee": ["Yi", "Rhee"],
    "Park": ["Pak", "Bak"],
    "Choi": ["Choe"],
    "Shin": ["Sin"],
    "Zhou": ["Chou"],
    "Xu": ["Hsu"],
    "Wu": ["Woo"],
    "Chen": ["Chan"],
    "Zhang": ["Chang"],
}
ORDER_SWAP = {"chinese", "korean", "vietnamese", "japanese"}

WEBMAIL = ["gmail.com"] * 8 + ["outlook.com", "hotmail.com", "yahoo.com", "proton.me", "icloud.com"]
LOCAL_MAIL = {
    "RU": ["yandex.ru", "mail.ru"],
    "CN": ["qq.com", "163.com"],
    "KR": ["naver.com"],
    "DE": ["gmx.de", "web.de"],
    "FR": ["orange.fr"],
    "JP": ["yahoo.co.jp"],
    "UA": ["ukr.net"],
}

IBAN_LEN = {
    "GB": 22,
    "DE": 22,
    "FR": 27,
    "ES": 24,
    "IT": 27,
    "PT": 25,
    "PL": 28,
    "RO": 24,
    "RS": 22,
    "UA": 29,
    "TR": 26,
    "GE": 22,
    "PK": 24,
    "EG": 29,
    "KZ": 20,
    "BR": 29,
}

# Where the operators of front cells physically sit (public record: China, Russia, Laos, SE Asia,
# Africa, rarely DPRK itself): zone and the country whose residential ISPs leak.
OPERATOR_BASES = [
    ("Asia/Shanghai", "CN", 45),
    ("Asia/Vladivostok", "RU", 15),
    ("Asia/Vientiane", "LA", 8),
    ("Asia/Pyongyang", "KP", 4),
    ("Asia/Shanghai", "HK", 6),
    ("Africa/Lagos", "NG", 5),
    ("Asia/Ho_Chi_Minh", "VN", 5),
    ("Europe/Moscow", "RU", 6),
    ("Asia/Bangkok", "TH", 6),
]

TRAVEL_TZ = {
    "TH": "Asia/Bangkok",
    "ID": "Asia/Makassar",
    "MX": "America/Cancun",
    "PT": "Europe/Lisbon",
    "ES": "Europe/Madrid",
    "CO": "America/Bogota",
    "VN": "Asia/Ho_Chi_Minh",
    "GE": "Asia/Tbilisi",
    "TR": "Europe/Istanbul",
    "AE": "Asia/Dubai",
    "JP": "Asia/Tokyo",
    "HR": "Europe/Zagreb",
    "AR": "America/Argentina/Buenos_Aires",
}

HONEST_SEGMENTS = [
    "regular",
    "privacy_vpn",
    "traveller_nomad",
    "expat_relocated",
    "asia_night_shift",
    "declared_agency",
    "consistent_cn_kr_ru",
    "name_romanisation",
    "voip_user",
    "web3_crypto",
    "shared_household",
    "remote_it_admin",
    "mobile_cgnat",
    "ai_template_newcomer",
    "crypto_paid_dev_asia",
]
TACTICS = [
    "laptop_farm",
    "vpn_direct",
    "cloud_workstation",
    "bought_aged_account",
    "rented_account",
    "persona_factory",
    "front_company_agency",
]

HOSTING_RE = re.compile(
    r"host|cloud|server|data ?cent|colo|vps|dedicated|digitalocean|amazon|google|"
    r"microsoft|ovh|hetzner|linode|akamai|cloudflare|leaseweb|contabo|vultr|choopa|"
    r"alibaba|tencent|oracle|m247|datacamp|cdn77|fastly|internet services|hostinger",
    re.I,
)
NON_CONSUMER_RE = re.compile(
    r"university|college|school|government|ministry|department|dod |army|navy|"
    r"cogent|level 3|lumen|gtt comm|zayo|hurricane|arelion|telia carrier|ntt america|"
    r"tata comm|pccw|uunet|verizon business|air force|defense|bank|institute|research|"
    r"hospital|nic\b|network information",
    re.I,
)
MOBILE_RE = re.compile(
    r"mobile|wireless|cellular|celular|movil|jio|airtel|globe|smart comm|telkomsel|"
    r"viettel|safaricom|mtn|vodafone|t-mobile|tele2|kyivstar|lifecell|jazz|zong|telenor|"
    r"grameenphone|robi|xl axiata|indosat|ncell|dialog|turkcell|beeline|megafon|mts\b|"
    r"orange|claro|tim\b|movistar|digi|docomo|kddi|softbank|optus|telstra|rogers|bell",
    re.I,
)

SENT_SPLIT = re.compile(r"(?<=[.;])\s+|\s+\*\s+")

SKILL_PHRASES = {
    "open": [
        "Hi there,",
        "Hello,",
        "Dear hiring manager,",
        "Hi,",
        "Greetings,",
        "Good day,",
        "Hello there,",
        "Hi! I read your post with interest.",
        "Thanks for posting this job.",
    ],
    "hook": [
        "I have {y} years of experience in {s} and I can start right away.",
        "I am a {s} specialist with {y}+ years of hands-on work on similar projects.",
        "Your project matches my background in {s} closely.",
        "I recently finished a very similar {s} project for a client in {c}.",
        "As a {s} developer, I have delivered more than {n} projects on this platform.",
        "I understand you need help with {s}; this is exactly what I do every day.",
    ],
    "body": [
        "I would first review the current code, then propose a short plan with milestones.",
        "I can share examples of my previous work in a call.",
        "I write clean, tested code and communicate daily.",
        "I am available during your business hours and reply quickly.",
        "I usually start with a small paid trial so you can judge the quality.",
        "I have worked with startups and larger teams, remote and on site.",
        "Let me know the deadline and I will give you a precise estimate.",
    ],
    "close": [
        "Looking forward to hearing from you.",
        "Best regards,",
        "Thanks, {f}",
        "Kind regards, {f}",
        "Have a nice day!",
        "Cheers, {f}",
        "Thank you for your time.",
    ],
}
# Phrases that practitioner write-ups quote from front proposals and AI-made cover letters.
FRONT_PHRASES = [
    "I have read your job description carefully and I am confident I am the best fit.",
    "I am a senior full stack and blockchain developer with rich experience.",
    "I can work in your time zone and I am available full time, 40+ hours per week.",
    "I am passionate about delivering high-quality, scalable solutions on time.",
    "Please send me a message so we can discuss the details. I am ready to start immediately.",
    "I have strong experience with React, Node.js, Solidity and AWS.",
    "I will provide daily reports and work until you are 100% satisfied.",
]


def pick(rng: random.Random, weights: dict):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def rfc3339(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------
class Reference:
    """Real networks, phone numbers, resumes and sanctioned addresses, loaded once."""

    def __init__(self, data: Path):
        self.data = data
        self._zones: dict[str, ZoneInfo] = {}
        self._load_networks()
        self._load_phones()
        self._load_resumes()
        self._load_sdn()

    def zone(self, name: str) -> ZoneInfo:
        z = self._zones.get(name)
        if z is None:
            z = self._zones[name] = ZoneInfo(name)
        return z

    def _load_networks(self):
        d = self.data
        geo = maxminddb.open_database(str(d / "ip-location-db" / "geo-whois-asn-country.mmdb"))
        hosting_asns: set[int] = set()
        with open(d / "brianhama-bad-asn-list" / "bad-asn-list.csv", encoding="utf-8") as f:
            for row in csv.reader(f):
                if row and row[0].strip().isdigit():
                    hosting_asns.add(int(row[0]))
        for name in ("input/datacenter/ASN.txt", "input/vpn/ASN.txt"):
            with open(d / "x4bnet-lists_vpn" / name, encoding="utf-8") as f:
                for line in f:
                    m = re.match(r"\s*AS(\d+)", line)
                    if m:
                        hosting_asns.add(int(m.group(1)))
        by_cc: dict[str, dict[int, list]] = {}
        orgs: dict[int, str] = {}
        with gzip.open(d / "ip-location-db" / "asn-ipv4.csv.gz", "rt", encoding="utf-8") as f:
            for start, end, asn, org in csv.reader(f):
                s = int.from_bytes(socket.inet_aton(start), "big")
                e = int.from_bytes(socket.inet_aton(end), "big")
                if e - s < 16:
                    continue
                rec = geo.get(start)
                cc = rec.get("country_code") if rec else None
                if not cc:
                    continue
                a = int(asn)
                by_cc.setdefault(cc, {}).setdefault(a, []).append((s, e))
                orgs[a] = org
        # hosting: the listed hosting/VPN ASNs plus big networks whose name says hosting;
        # consumer ISPs: per country the non-hosting, non-institutional ASNs with the most ranges
        self.hosting: dict[str, list] = {}
        self.isps: dict[str, list] = {}
        self.mobile: dict[str, list] = {}
        for cc in sorted(by_cc):
            by_asn = by_cc[cc]
            ranked = sorted(by_asn.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            host = [(s, e, a) for a, rs in ranked if a in hosting_asns for s, e in rs]
            consumer = []
            for a, rs in ranked[:120]:
                if a in hosting_asns:
                    continue
                if HOSTING_RE.search(orgs[a]):
                    host.extend((s, e, a) for s, e in rs)
                elif not NON_CONSUMER_RE.search(orgs[a]) and len(consumer) < 60:
                    consumer.append((a, rs, len(rs)))
            if host:
                self.hosting[cc] = sorted(host)
            if not consumer:
                continue
            self.isps[cc] = consumer[:25]
            mob = [x for x in consumer if MOBILE_RE.search(orgs[x[0]])][:6]
            self.mobile[cc] = mob or self.isps[cc][:3]
        # IPv6 ranges of the same consumer and mobile ASNs (dual-stack homes, mobile IPv6)
        wanted = {a: cc for cc, lst in self.isps.items() for a, _, _ in lst}
        wanted.update({a: cc for cc, lst in self.mobile.items() for a, _, _ in lst})
        self.v6: dict[int, list] = {}
        with gzip.open(d / "ip-location-db" / "asn-ipv6.csv.gz", "rt", encoding="utf-8") as f:
            for start, end, asn, _org in csv.reader(f):
                a = int(asn)
                if a in wanted:
                    rec = geo.get(start)
                    if not rec or rec.get("country_code") != wanted[a]:
                        continue
                    s6 = int(ipaddress.IPv6Address(start))
                    e6 = int(ipaddress.IPv6Address(end))
                    if e6 - s6 >= 1 << 64:
                        self.v6.setdefault(a, []).append((s6, e6))
        self.vpn: dict[str, list] = {}
        self.vpn_all: list = []
        with open(d / "x4bnet-lists_vpn" / "output" / "vpn" / "ipv4.txt", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line or ":" in line:
                    continue
                net = ipaddress.IPv4Network(line, strict=False)
                s = int(net.network_address)
                e = int(net.broadcast_address)
                rec = geo.get(str(net.network_address))
                cc = rec.get("country_code") if rec else None
                self.vpn_all.append((s, e))
                if cc:
                    self.vpn.setdefault(cc, []).append((s, e))
        self.tor = []
        with open(d / "tor-nodes" / "exit-relay-ips.txt", encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    try:
                        ipaddress.ip_address(line)
                    except ValueError:
                        continue
                    self.tor.append(line)
        geo.close()

    def _load_phones(self):
        self.phones: dict[tuple[str, str], str] = {}
        with open(
            self.data / "phone-vectors" / "phonenumbers_example_numbers.csv", encoding="utf-8"
        ) as f:
            for row in csv.DictReader(f):
                if row["valid"] == "True":
                    self.phones[(row["region"], row["type"])] = row["e164"]

    def _load_resumes(self):
        seen = set()
        self.resumes: list[tuple[str, str]] = []
        raw = (self.data / "resume-updatedresumedataset" / "UpdatedResumeDataSet.csv").read_bytes()
        # the corpus has bullets whose middle byte was lost (e2 ? a2): make them dashes
        raw = raw.replace(b"\xe2?\xa2", b"-")
        with io.StringIO(raw.decode("utf-8", errors="replace").replace("\ufffd", "")) as f:
            for row in csv.DictReader(f):
                text = " ".join(row["Resume"].split())
                if len(text) < 300 or text in seen:
                    continue
                seen.add(text)
                self.resumes.append((row["Category"], text))
        self.resumes.sort()

    def _load_sdn(self):
        self.sdn_wallets: list[str] = []
        path = self.data / "ofac-sdn" / "dprk_it_worker_related_2024-05-03.csv"
        with open(path, encoding="utf-8") as f:
            for row in csv.DictReader(f):
                for item in (row.get("digital_currency_addresses") or "").split(";"):
                    if ":" in item:
                        self.sdn_wallets.append(item.split(":", 1)[1].strip())

    # ---- address drawing ----
    @staticmethod
    def _in(rng, rng_tuple) -> str:
        s, e = rng_tuple[0], rng_tuple[1]
        v = s + rng.randrange(max(1, e - s + 1))
        if v & 0xFF in (0, 255):
            v = (v & ~0xFF) | rng.randrange(1, 255)
            v = min(max(v, s), e)
        return socket.inet_ntoa(v.to_bytes(4, "big"))

    def ipv6(self, rng, asn: int) -> str | None:
        """An address in one of the ASN's IPv6 ranges (a random /64 and interface id)."""
        rs = self.v6.get(asn)
        if not rs:
            return None
        s6, e6 = rng.choice(rs)
        prefix = rng.randrange(s6 >> 64, (e6 >> 64) + 1)
        return str(ipaddress.IPv6Address((prefix << 64) | rng.getrandbits(64)))

    def isp_choice(self, rng, cc):
        """One consumer ISP (asn, ranges) of a country, weighted toward the big ones."""
        lst = self.isps.get(cc) or self.isps["US"]
        a, rs, n = rng.choices(lst, weights=[math.sqrt(x[2]) for x in lst])[0]
        return a, rs

    def residential_ip(self, rng, cc, isp=None) -> str:
        a, rs = isp or self.isp_choice(rng, cc)
        return self._in(rng, rng.choice(rs))

    def mobile_isp(self, rng, cc):
        lst = self.mobile.get(cc) or self.mobile["US"]
        a, rs, n = rng.choice(lst)
        return a, rs

    def hosting_ip(self, rng, cc=None) -> str:
        lst = self.hosting.get(cc) if cc else None
        if not lst:
            lst = self.hosting[rng.choice(["US", "DE", "NL", "SG", "GB", "FR", "JP"])]
        return self._in(rng, rng.choice(lst))

    def vpn_ip(self, rng, cc=None) -> str:
        lst = self.vpn.get(cc) if cc else None
        if not lst:
            lst = (
                self.vpn.get(rng.choice(["US", "NL", "GB", "DE", "SG", "JP", "CA"])) or self.vpn_all
            )
        return self._in(rng, rng.choice(lst))

    def tor_ip(self, rng) -> str:
        return rng.choice(self.tor)

    # ---- phones ----
    def phone(self, rng, cc, kind="MOBILE") -> str | None:
        base = (
            self.phones.get((cc, kind))
            or self.phones.get((cc, "FIXED_LINE_OR_MOBILE"))
            or self.phones.get((cc, "MOBILE"))
            or self.phones.get((cc, "FIXED_LINE"))
        )
        if base is None:
            return None
        for _ in range(6):
            digits = list(base[1:])
            keep = len(str(phonenumbers.country_code_for_region(cc))) + 3
            for i in range(keep, len(digits)):
                digits[i] = str(rng.randrange(10))
            cand = "+" + "".join(digits)
            try:
                num = phonenumbers.parse(cand, None)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(num):
                return cand
        return base


# --------------------------------------------------------------------------------------------
# World parameters (vary per seed)
# --------------------------------------------------------------------------------------------
def world_params(rng: random.Random) -> dict:
    end = datetime(2024, 9, 1, tzinfo=UTC) + timedelta(days=rng.randrange(0, 720))
    seg_base = {
        "regular": 0.0,
        "privacy_vpn": rng.uniform(2, 6),
        "traveller_nomad": rng.uniform(1, 4),
        "expat_relocated": rng.uniform(1, 4),
        "asia_night_shift": rng.uniform(3, 8),
        "declared_agency": rng.uniform(3, 8),
        "consistent_cn_kr_ru": rng.uniform(1.5, 5),
        "name_romanisation": rng.uniform(1, 4),
        "voip_user": rng.uniform(1, 4),
        "web3_crypto": rng.uniform(1, 4),
        "shared_household": rng.uniform(1.5, 5),
        "remote_it_admin": rng.uniform(1, 4),
        "mobile_cgnat": rng.uniform(2, 6),
        "ai_template_newcomer": rng.uniform(1.5, 5),
        "crypto_paid_dev_asia": rng.uniform(0.8, 3),
    }
    look_share = rng.uniform(0.28, 0.5)
    for k, size in (
        ("declared_agency", 8.6),
        ("shared_household", 3.0),
        ("ai_template_newcomer", 3.5),
    ):
        seg_base[k] /= size
    tot = sum(seg_base.values())
    seg = {k: v / tot * look_share for k, v in seg_base.items()}
    seg["regular"] = 1 - look_share  # draws of segments; group segments draw several people at once
    tw = {t: rng.uniform(0.3, 1.6) for t in TACTICS}
    miss = {
        k: rng.uniform(lo, hi)
        for k, (lo, hi) in {
            "full_name": (0.0, 0.06),
            "email": (0.0, 0.15),
            "phone": (0.1, 0.45),
            "claimed_city": (0.05, 0.3),
            "claimed_timezone": (0.05, 0.4),
            "resume_text": (0.02, 0.15),
            "photo_phash": (0.1, 0.4),
            "github_url": (0.3, 0.6),
            "hourly_rate_usd": (0.02, 0.2),
            "device_id": (0.0, 0.15),
            "browser_timezone": (0.02, 0.25),
            "remote_access": (0.05, 0.4),
            "duration_s": (0.0, 0.2),
            "account_country": (0.05, 0.35),
            "holder_name": (0.05, 0.35),
            "proposals": (0.1, 0.5),
        }.items()
    }
    return {
        "end": end,
        "history_years": rng.uniform(3.5, 8),
        "front_rate": rng.uniform(0.02, 0.10),
        "care_a": rng.uniform(0.6, 2.5),
        "care_b": rng.uniform(0.6, 2.5),
        "segments": seg,
        "tactic_weights": tw,
        "missing": miss,
        "sess_median": rng.uniform(8, 22),
        "sess_sigma": rng.uniform(0.7, 1.1),
        "front_sess_mult": rng.uniform(0.9, 1.8),
        "cgnat_pool": rng.randrange(40, 400),
        "vpn_pool": rng.randrange(15, 150),
        "home_v6": rng.uniform(0.05, 0.35),
        "mobile_v6": rng.uniform(0.1, 0.6),
        "utc_browser_rate": rng.uniform(0.0, 0.04),
        "common_fp_rate": rng.uniform(0.0, 0.05),
        "dormant_rate": rng.uniform(0.05, 0.25),
        "reg_vpn_rate": rng.uniform(0.01, 0.06),
        "reg_remote_rate": rng.uniform(0.01, 0.05),
        "reg_voip_rate": rng.uniform(0.01, 0.05),
        "reg_night_rate": rng.uniform(0.02, 0.08),
        "extra_trait_rate": rng.uniform(0.25, 0.6),
        "default_avatar_rate": rng.uniform(0.0, 0.04),
        "shipping_rate": rng.uniform(0.03, 0.15),
        "cell_min": rng.choice([5, 5, 6, 8]),
        "cell_max": rng.choice([12, 18, 24, 30]),
    }


# --------------------------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------------------------
class World:
    def __init__(self, ref: Reference, n: int, seed: int):
        self.ref = ref
        self.n = n
        self.rng = random.Random(seed)
        self.p = world_params(self.rng)
        self.end = self.p["end"]
        self.start = self.end - timedelta(days=int(self.p["history_years"] * 365))
        self.people: list[dict] = []
        self.used_ids: set[str] = set()
        self.cgnat: dict[str, list[str]] = {}
        self.vpn_pool: dict[str, list[str]] = {}
        self.cgnat_asn: dict[str, int] = {}
        self.common_fps = [self.device() for _ in range(self.rng.randrange(10, 60))]
        self._sent_cache: dict[str, list[str]] = {}
        self.default_avatars = [f"{self.rng.getrandbits(64):016x}" for _ in range(3)]
        self.country_codes = list(COUNTRIES)
        self.country_w = [COUNTRIES[c][0] for c in self.country_codes]

    # ---- identity helpers ----
    def new_id(self) -> str:
        while True:
            aid = f"fl_{self.rng.getrandbits(40):010x}"
            if aid not in self.used_ids:
                self.used_ids.add(aid)
                return aid

    def country(self) -> str:
        return self.rng.choices(self.country_codes, weights=self.country_w)[0]

    def culture(self, cc: str) -> str:
        return pick(self.rng, COUNTRIES[cc][1])

    def name(self, culture: str) -> tuple[str, str]:
        firsts, lasts = NAMES[culture]
        return self.rng.choice(firsts), self.rng.choice(lasts)

    def zone_city(self, cc: str) -> tuple[str, str]:
        zs = COUNTRIES[cc][2]
        z, c, _ = self.rng.choices(zs, weights=[x[2] for x in zs])[0]
        return z, c

    def email(self, first, last, cc, style=None, digits=None, domain=None) -> str:
        rng = self.rng
        f, la = first.lower(), last.lower().replace(" ", "")
        style = style if style is not None else rng.randrange(6)
        d = (
            digits
            if digits is not None
            else (str(rng.randrange(1, 9999)) if rng.random() < 0.55 else "")
        )
        local = [
            f"{f}.{la}",
            f"{f}{la}{d}",
            f"{f[0]}{la}{d}",
            f"{f}_{la}{d}",
            f"{la}.{f}{d}",
            f"{f}{d}",
        ][style]
        dom = domain or (
            rng.choice(LOCAL_MAIL[cc])
            if cc in LOCAL_MAIL and rng.random() < 0.5
            else rng.choice(WEBMAIL)
        )
        return f"{local}@{dom}"

    def phash_variant(self, base: str, bits: int) -> str:
        v = int(base, 16)
        for _ in range(bits):
            v ^= 1 << self.rng.randrange(64)
        return f"{v:016x}"

    def account_ref(self, method: str, cc: str, email: str | None = None) -> str:
        rng = self.rng
        if method == "bank":
            if cc in IBAN_LEN:
                n = IBAN_LEN[cc] - 4
                return f"{cc}{rng.randrange(10, 99)}" + "".join(
                    rng.choice("0123456789") for _ in range(n)
                )
            return f"{cc}-" + "".join(rng.choice("0123456789") for _ in range(rng.randrange(9, 15)))
        if method == "paypal":
            return email or f"pp{rng.getrandbits(32):08x}@paypal-user.example"
        if method == "payoneer":
            return f"PAYONEER-{rng.randrange(10**10):010d}"
        if method == "wise":
            return f"WISE-{rng.randrange(10**9):09d}"
        if method == "crypto":
            kind = rng.random()
            if kind < 0.55:
                return "0x" + f"{rng.getrandbits(160):040x}"
            if kind < 0.85:
                return "T" + "".join(
                    rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz123456789")
                    for _ in range(33)
                )
            return "bc1q" + "".join(
                rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38)
            )
        return (
            rng.choice(["UPI-", "GCASH-", "BKASH-", "SKRILL-", "MPESA-"])
            + f"{rng.randrange(10**10):010d}"
        )

    def resume(
        self,
        cat_pref: str | None = None,
        polish: float = 0.0,
        base: str | None = None,
        splice: float = 0.5,
    ) -> tuple[str, str]:
        """A resume made from one corpus text (or two spliced), with per-person edits."""
        rng = self.rng
        if base is None:
            cat, base = rng.choice(self.ref.resumes)
        else:
            cat = cat_pref or "Software"
        sents = self.sentences(base)
        if rng.random() < splice:
            _, other = rng.choice(self.ref.resumes)
            osents = self.sentences(other)
            cut = rng.randrange(1, max(2, len(sents)))
            sents = (
                sents[:cut]
                + osents[rng.randrange(0, max(1, len(osents) // 2)) :][: len(sents) - cut]
            )
        keep = [s for s in sents if rng.random() > 0.25] or sents[:3]
        if polish > 0:
            keep = [self.polish(s, polish) for s in keep]
        return cat, " ".join(keep)[: rng.randrange(1200, 4000)]

    SYN = [
        ("experience", "expertise"),
        ("developed", "built"),
        ("worked", "collaborated"),
        ("good", "strong"),
        ("knowledge", "understanding"),
        ("project", "initiative"),
        ("responsible", "accountable"),
        ("using", "leveraging"),
        ("team", "cross-functional team"),
        ("created", "engineered"),
        ("Skills", "Core competencies"),
        ("Education", "Academic background"),
    ]

    def sentences(self, text: str) -> list[str]:
        got = self._sent_cache.get(text)
        if got is None:
            got = self._sent_cache[text] = SENT_SPLIT.split(text)
        return list(got)

    def polish(self, s: str, strength: float) -> str:
        for a, b in self.SYN:
            if a in s and self.rng.random() < strength:
                s = s.replace(a, b)
        return s

    def proposals(self, first, skill, cc, n, template=None, t0=None, t1=None) -> list[dict]:
        rng = self.rng
        out = []
        t0 = t0 or self.start
        t1 = t1 or self.end
        span = max(3600, int((t1 - t0).total_seconds()))
        for _ in range(n):
            if template is not None:
                parts = list(template)
                if rng.random() < 0.4:
                    rng.shuffle(parts[1:-1])
                txt = " ".join(parts)
            else:
                txt = " ".join(
                    [
                        rng.choice(SKILL_PHRASES["open"]),
                        rng.choice(SKILL_PHRASES["hook"]),
                        *rng.sample(SKILL_PHRASES["body"], rng.randrange(1, 4)),
                        rng.choice(SKILL_PHRASES["close"]),
                    ]
                )
            txt = txt.format(
                y=rng.randrange(2, 15),
                s=skill,
                c=rng.choice(["the US", "Germany", "Canada", "the UK", "Australia"]),
                n=rng.randrange(10, 200),
                f=first,
            )
            ts = t0 + timedelta(seconds=rng.randrange(span))
            out.append({"submitted_at": rfc3339(ts), "text": txt})
        out.sort(key=lambda x: x["submitted_at"])
        return out

    # ---- network sources ----
    def cgnat_ip(self, cc: str) -> str:
        pool = self.cgnat.get(cc)
        if pool is None:
            isp = self.ref.mobile_isp(self.rng, cc)
            pool = [self.ref.residential_ip(self.rng, cc, isp) for _ in range(self.p["cgnat_pool"])]
            self.cgnat[cc] = pool
            self.cgnat_asn[cc] = isp[0]
        if (
            self.rng.random() < self.p["mobile_v6"]
        ):  # mobile IPv6: one address per device, not shared
            v6 = self.ref.ipv6(self.rng, self.cgnat_asn[cc])
            if v6:
                return v6
        return self.rng.choice(pool)

    def vpn_exit(self, cc: str) -> str:
        """A commercial VPN exit of a country: a finite pool per world, shared by all its users."""
        pool = self.vpn_pool.get(cc)
        if pool is None:
            n = self.p["vpn_pool"] if cc in self.ref.vpn else self.p["vpn_pool"] // 3 + 1
            pool = self.vpn_pool[cc] = [self.ref.vpn_ip(self.rng, cc) for _ in range(n)]
        return self.rng.choice(pool)

    def home_source(self, cc, n_ips=None) -> dict:
        isp = self.ref.isp_choice(self.rng, cc)
        ips = [
            self.ref.residential_ip(self.rng, cc, isp)
            for _ in range(n_ips or self.rng.randrange(1, 4))
        ]
        if self.rng.random() < self.p["home_v6"]:  # dual-stack home: some sessions over IPv6
            v6 = self.ref.ipv6(self.rng, isp[0])
            if v6:
                ips.append(v6)
        return {"kind": "home", "ips": ips}

    def draw_ip(self, src: dict) -> str:
        k = src["kind"]
        rng = self.rng
        if k in ("home", "office", "farm", "fixed"):
            return rng.choice(src["ips"])
        if k == "mobile":
            return self.cgnat_ip(src["cc"])
        if k == "vpn":
            if src.get("ips") and rng.random() < src.get("sticky", 0):
                return rng.choice(src["ips"])
            return self.vpn_exit(rng.choice(src["ccs"]))
        if k == "hosting":
            return (
                rng.choice(src["ips"])
                if src.get("ips")
                else self.ref.hosting_ip(rng, src.get("cc"))
            )
        if k == "tor":
            return self.ref.tor_ip(rng)
        if k == "resproxy":
            return self.ref.residential_ip(rng, rng.choice(src["ccs"]))
        if k == "travel":
            return self.ref.residential_ip(rng, rng.choice(src["ccs"]))
        raise ValueError(k)

    # ---- sessions ----
    def sessions(self, phases: list[dict]) -> list[dict]:
        """Sessions of phases: dict(t0, t1, n, zone, h0, span, days, sources).

        sources: [(weight, network source, devices, browser zone, remote-access share)].
        """
        rng = self.rng
        out = []
        for ph in phases:
            t0, t1 = ph["t0"], ph["t1"]
            if t1 <= t0 or ph["n"] <= 0:
                continue
            z = self.ref.zone(ph["zone"])
            days = (t1 - t0).days + 1
            srcs = ph["sources"]
            ws = [s[0] for s in srcs]
            for _ in range(ph["n"]):
                for _try in range(6):
                    d = (t0 + timedelta(days=rng.randrange(days))).astimezone(z).date()
                    if d.weekday() in ph["days"]:
                        break
                h = (ph["h0"] + rng.random() * ph["span"] + rng.gauss(0, 0.6)) % 24
                local = datetime(
                    d.year, d.month, d.day, int(h), int((h % 1) * 60), rng.randrange(60), tzinfo=z
                )
                ts = local.astimezone(UTC)
                if ts < t0 or ts > t1:
                    ts = t0 + timedelta(
                        seconds=rng.randrange(max(1, int((t1 - t0).total_seconds())))
                    )
                _, src, devices, btz, remote_p = rng.choices(srcs, weights=ws)[0]
                s = {"started_at": ts, "ip": self.draw_ip(src)}
                if devices:
                    s["device_id"] = rng.choice(devices)
                if btz:
                    s["browser_timezone"] = btz if isinstance(btz, str) else rng.choice(btz)
                s["remote_access"] = rng.random() < remote_p
                s["duration_s"] = int(
                    min(36000, max(30, rng.lognormvariate(math.log(ph.get("dur", 2400)), 0.9)))
                )
                out.append(s)
        out.sort(key=lambda s: s["started_at"])
        return out

    def device(self) -> str:
        return f"dev_{self.rng.getrandbits(48):012x}"

    def n_sessions(self, mult=1.0) -> int:
        v = self.rng.lognormvariate(math.log(self.p["sess_median"] * mult), self.p["sess_sigma"])
        return max(1, min(160, int(v)))

    def created(self, recent_bias=1.0) -> datetime:
        span = (self.end - self.start).total_seconds()
        u = self.rng.random() ** (1.0 + recent_bias)
        return self.end - timedelta(seconds=span * u) - timedelta(days=1)

    # ---- honest base ----
    def base_person(self, cc=None, culture=None, segment="regular") -> dict:
        rng = self.rng
        cc = cc or self.country()
        culture = culture or self.culture(cc)
        first, last = self.name(culture)
        zone, city = self.zone_city(cc)
        created = self.created(rng.uniform(0.3, 1.5))
        cat, text = self.resume()
        rate = max(5, round(COUNTRIES[cc][4] * rng.lognormvariate(0, 0.45), 0))
        p = {
            "applicant_id": self.new_id(),
            "created_at": created,
            "full_name": f"{first} {last}",
            "_first": first,
            "_last": last,
            "_culture": culture,
            "claimed_country": cc,
            "claimed_city": city,
            "claimed_timezone": zone,
            "email": self.email(first, last, cc),
            "phone": self.ref.phone(rng, cc),
            "resume_text": text,
            "_skill": cat,
            "photo_phash": f"{rng.getrandbits(64):016x}",
            "hourly_rate_usd": rate,
            "label": 0,
            "_segment": segment,
            "_tactic": "",
            "_cell": "",
        }
        if rng.random() < 0.55 and cat not in (
            "HR",
            "Arts",
            "Advocate",
            "Health and fitness",
            "Sales",
        ):
            p["github_url"] = (
                f"https://github.com/{first.lower()}{last.lower()[: rng.randrange(1, 6)]}"
                f"{rng.randrange(100) if rng.random() < 0.4 else ''}"
            )
        if rng.random() < self.p["default_avatar_rate"]:
            p["photo_phash"] = rng.choice(self.default_avatars)
        if rng.random() < self.p["shipping_rate"]:
            p["shipping_country"] = cc
        # payouts
        methods = COUNTRIES[cc][3]
        m = pick(rng, methods)
        p["payouts"] = [self.payout(m, cc, p["full_name"], p["email"])]
        if rng.random() < 0.18:
            m2 = pick(rng, methods)
            if m2 != m:
                p["payouts"].append(self.payout(m2, cc, p["full_name"], p["email"]))
        # schedule in own zone
        mob = COUNTRIES[cc][5]
        devs = [self.device() for _ in range(rng.choices([1, 2, 3], [50, 38, 12])[0])]
        if rng.random() < self.p["common_fp_rate"]:
            # identical phones with default settings collide on one fingerprint
            devs.append(rng.choice(self.common_fps))
        home = self.home_source(cc)
        p["_sched"] = {
            "zone": zone,
            "h0": rng.gauss(9.5, 1.8),
            "span": rng.uniform(6, 11),
            "days": set(range(5)) if rng.random() < 0.7 else set(range(6)),
        }
        if rng.random() < 0.12:  # evening freelancers with a day job
            p["_sched"]["h0"] = rng.uniform(18, 21)
            p["_sched"]["span"] = rng.uniform(3, 5)
            p["_sched"]["days"] = set(range(7))
        bz = "Etc/UTC" if rng.random() < self.p["utc_browser_rate"] else zone  # privacy browsers
        p["_sources"] = [
            (1 - mob, home, devs, bz, 0.004),
            (mob, {"kind": "mobile", "cc": cc}, devs[-1:], zone, 0.0),
        ]
        p["_devs"] = devs
        p["_home"] = home
        p["_nsess"] = self.n_sessions()
        p["_active"] = (created, min(self.end, created + timedelta(days=rng.uniform(60, 2500))))
        p["_extra_phases"] = []
        p["_n_props"] = rng.randrange(0, 9)
        # small background rates of single look-alike traits among regular people
        self.sprinkle(p)
        return p

    def payout(self, method, cc, holder, email=None, acc_cc=None, ref=None) -> dict:
        d = {
            "method": method,
            "account_ref": ref or self.account_ref(method, acc_cc or cc, email),
            "account_country": acc_cc or cc,
            "holder_name": holder,
        }
        if method == "crypto":
            d.pop("account_country")
        return d

    def sprinkle(self, p):
        rng = self.rng
        if rng.random() < self.p["reg_vpn_rate"]:
            self.add_vpn(p, rng.uniform(0.05, 0.4))
        if rng.random() < self.p["reg_remote_rate"]:
            p["_sources"] = [
                (w, s, d, b, max(r, rng.uniform(0.05, 0.3))) for w, s, d, b, r in p["_sources"]
            ]
        if rng.random() < self.p["reg_voip_rate"]:
            p["phone"] = self.ref.phone(rng, "US", "VOIP") or p["phone"]
        if rng.random() < self.p["reg_night_rate"]:
            p["_sched"]["h0"] = rng.uniform(20, 24)

    # ---- look-alike traits (composable) ----
    def add_vpn(self, p, share, ccs=None, provider_sticky=0.6):
        rng = self.rng
        ccs = ccs or rng.sample(
            ["US", "NL", "GB", "DE", "SG", "JP", "CH", "SE", "CA", p["claimed_country"]], 3
        )
        src = {
            "kind": "vpn",
            "ccs": ccs,
            "sticky": provider_sticky,
            "ips": [self.vpn_exit(rng.choice(ccs)) for _ in range(3)],
        }
        btz = p["claimed_timezone"]
        p["_sources"] = [(w * (1 - share), s, d, b, r) for w, s, d, b, r in p["_sources"]] + [
            (share, src, p["_devs"], btz, 0.0)
        ]

    def add_trait(self, p, trait):
        rng = self.rng
        cc = p["claimed_country"]
        if trait == "vpn":
            self.add_vpn(p, rng.uniform(0.2, 0.9))
        elif trait == "voip":
            p["phone"] = (
                self.ref.phone(rng, rng.choice(["US", "US", "GB", "CA"]), "VOIP") or p["phone"]
            )
        elif trait == "crypto":
            p["payouts"].append(self.payout("crypto", cc, p["full_name"]))
        elif trait == "night":
            p["_sched"]["h0"] = rng.uniform(18, 23)
            p["_sched"]["span"] = rng.uniform(7, 11)
        elif trait == "remote":
            p["_sources"] = [
                (w, s, d, b, max(r, rng.uniform(0.2, 0.7))) for w, s, d, b, r in p["_sources"]
            ]
        elif trait == "hosting":
            src = {
                "kind": "hosting",
                "ips": [self.ref.hosting_ip(rng, rng.choice(["US", "DE", cc])) for _ in range(2)],
            }
            p["_sources"].append((rng.uniform(0.1, 0.4), src, p["_devs"], "Etc/UTC", 0.3))
        elif trait == "foreign_payout":
            p["payouts"].append(
                self.payout(
                    rng.choice(["wise", "payoneer", "bank"]),
                    cc,
                    p["full_name"],
                    acc_cc=rng.choice(["US", "GB", "HK", "SG", "AE", "DE"]),
                )
            )
        elif trait == "long_days":
            p["_sched"]["span"] = rng.uniform(11, 15)
            p["_sched"]["days"] = set(range(7)) if rng.random() < 0.5 else set(range(6))
            p["_nsess"] = int(p["_nsess"] * rng.uniform(1.5, 3))
        elif trait == "low_rate":
            p["hourly_rate_usd"] = max(5, round(p["hourly_rate_usd"] * rng.uniform(0.4, 0.7)))
        elif trait == "new_account":
            p["created_at"] = self.end - timedelta(days=rng.uniform(5, 120))
            p["_active"] = (p["created_at"], self.end)
        elif trait == "browser_tz_other":
            alt = rng.choice(["Etc/UTC", "America/Los_Angeles", "Europe/London", "Asia/Singapore"])
            p["_sources"] = [
                (w, s, d, alt if rng.random() < 0.5 else b, r) for w, s, d, b, r in p["_sources"]
            ]

    def extra_traits(self, p, pool):
        rng = self.rng
        if rng.random() < self.p["extra_trait_rate"]:
            for t in rng.sample(pool, rng.choice([1, 1, 2, 3])):
                self.add_trait(p, t)

    ALL_TRAITS = [
        "vpn",
        "voip",
        "crypto",
        "night",
        "remote",
        "hosting",
        "foreign_payout",
        "long_days",
        "low_rate",
        "new_account",
        "browser_tz_other",
    ]

    # ---- honest segments ----
    def honest(self, segment: str) -> list[dict]:
        rng = self.rng
        T = self.ALL_TRAITS
        if segment == "regular":
            return [self.base_person()]
        if segment == "privacy_vpn":
            p = self.base_person(segment=segment)
            self.add_vpn(p, rng.uniform(0.3, 1.0), provider_sticky=rng.uniform(0.2, 0.9))
            if rng.random() < 0.1:
                p["_sources"].append((0.05, {"kind": "tor"}, p["_devs"], "Etc/UTC", 0.0))
            self.extra_traits(p, [t for t in T if t != "vpn"])
            return [p]
        if segment == "traveller_nomad":
            p = self.base_person(segment=segment)
            ccs = rng.sample(
                ["TH", "ID", "MX", "PT", "ES", "CO", "VN", "GE", "TR", "AE", "JP", "HR", "AR"], 4
            )
            btz = [TRAVEL_TZ[c] for c in ccs] + [p["claimed_timezone"]]
            p["_sources"] = [
                (0.35, p["_home"], p["_devs"], p["claimed_timezone"], 0.0),
                (0.45, {"kind": "travel", "ccs": ccs}, p["_devs"], btz, 0.0),
                (
                    0.2,
                    {"kind": "vpn", "ccs": [p["claimed_country"]], "sticky": 0.3, "ips": []},
                    p["_devs"],
                    btz,
                    0.0,
                ),
            ]
            if rng.random() < 0.5:
                p["phone"] = self.ref.phone(rng, "US", "VOIP") or p["phone"]
            if "shipping_country" in p and rng.random() < 0.5:
                p["shipping_country"] = rng.choice(ccs)  # equipment sent to where they stay now
            self.extra_traits(p, ["crypto", "foreign_payout", "night", "long_days", "remote"])
            return [p]
        if segment == "expat_relocated":
            # lives and works in the claimed country now; earlier sessions from the home country,
            # payout still at home, name from the home culture
            home_cc = rng.choice(
                ["IN", "UA", "RU", "NG", "BR", "PK", "CN", "VN", "PH", "EG", "TR", "KR"]
            )
            new_cc = rng.choice(
                ["US", "DE", "GB", "PL", "PT", "CA", "AU", "GE", "AM", "RS", "AE", "SG", "KZ"]
            )
            new_cc = new_cc if new_cc in COUNTRIES else "GE"
            p = self.base_person(cc=new_cc, culture=self.culture(home_cc), segment=segment)
            old_zone, _ = self.zone_city(home_cc)
            t_move = p["_active"][0] + (p["_active"][1] - p["_active"][0]) * rng.uniform(0.2, 0.7)
            old = {
                "t0": p["_active"][0],
                "t1": t_move,
                "n": max(1, p["_nsess"] // 2),
                "zone": old_zone,
                "h0": rng.gauss(10, 2),
                "span": 8,
                "days": set(range(6)),
                "sources": [(1, self.home_source(home_cc), p["_devs"], old_zone, 0.0)],
            }
            p["_extra_phases"].append(old)
            p["_active"] = (t_move, p["_active"][1])
            p["payouts"] = [
                self.payout(pick(rng, COUNTRIES[home_cc][3]), home_cc, p["full_name"])
            ] + (p["payouts"] if rng.random() < 0.5 else [])
            if rng.random() < 0.6:
                p["phone"] = self.ref.phone(rng, home_cc) or p["phone"]
            if "shipping_country" in p or rng.random() < 0.2:
                p["shipping_country"] = new_cc
            self.extra_traits(p, ["vpn", "night", "voip", "foreign_payout", "browser_tz_other"])
            return [p]
        if segment == "asia_night_shift":
            cc = rng.choice(["PH", "PH", "IN", "IN", "PK", "BD", "VN", "ID", "LK", "NP", "MY"])
            p = self.base_person(cc=cc, segment=segment)
            client_zone = rng.choice(
                ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London"]
            )
            # local hour that matches 9:00 in the client's zone
            off = (
                self.ref.zone(client_zone).utcoffset(datetime(2025, 3, 1)).total_seconds()
                - self.ref.zone(p["claimed_timezone"])
                .utcoffset(datetime(2025, 3, 1))
                .total_seconds()
            ) / 3600
            p["_sched"]["h0"] = (9 + rng.gauss(0, 1) - off) % 24
            p["_sched"]["span"] = rng.uniform(8, 12)
            p["_sched"]["days"] = set(range(6)) if rng.random() < 0.4 else set(range(5))
            p["_nsess"] = int(p["_nsess"] * rng.uniform(1, 2))
            self.extra_traits(
                p, ["vpn", "remote", "long_days", "low_rate", "voip", "foreign_payout"]
            )
            return [p]
        if segment == "declared_agency":
            return self.agency()
        if segment == "consistent_cn_kr_ru":
            cc = rng.choice(["CN", "CN", "KR", "RU", "RU", "KZ"])
            p = self.base_person(cc=cc, segment=segment)
            if cc == "CN":  # a VPN to reach foreign platforms behind the firewall; Astrill-style
                self.add_vpn(
                    p,
                    rng.uniform(0.4, 0.95),
                    ccs=["HK", "JP", "SG", "US"],
                    provider_sticky=rng.uniform(0.3, 0.9),
                )
                if rng.random() < 0.5:
                    p["payouts"].append(self.payout("bank", "HK", p["full_name"], acc_cc="HK"))
            if cc == "RU":
                if rng.random() < 0.6:
                    p["payouts"] = [self.payout("crypto", cc, p["full_name"])] + p["payouts"][:1]
                if rng.random() < 0.4:
                    self.add_vpn(p, rng.uniform(0.2, 0.7))
            if rng.random() < 0.3:
                self.add_trait(p, "night")
            self.extra_traits(p, ["remote", "long_days", "foreign_payout", "voip"])
            return [p]
        if segment == "name_romanisation":
            cul = rng.choice(
                ["pakistani", "arabic", "slavic", "chinese", "korean", "bangla", "vietnamese"]
            )
            cc = {
                "pakistani": "PK",
                "arabic": "EG",
                "slavic": rng.choice(["UA", "RU"]),
                "chinese": rng.choice(["CN", "SG", "MY", "US", "CA"]),
                "korean": rng.choice(["KR", "US"]),
                "bangla": "BD",
                "vietnamese": rng.choice(["VN", "US", "AU"]),
            }[cul]
            p = self.base_person(cc=cc, culture=cul, segment=segment)
            alt = self.romanise(p["_first"], p["_last"], cul)
            for po in p["payouts"]:
                po["holder_name"] = alt
            if rng.random() < 0.4:
                p["full_name"] = self.romanise(p["_first"], p["_last"], cul)
            self.extra_traits(p, ["vpn", "foreign_payout", "voip", "night"])
            return [p]
        if segment == "voip_user":
            p = self.base_person(segment=segment)
            p["phone"] = (
                self.ref.phone(
                    rng, rng.choice(["US", "US", "GB", "CA", p["claimed_country"]]), "VOIP"
                )
                or p["phone"]
            )
            self.extra_traits(p, ["vpn", "night", "crypto", "new_account", "low_rate"])
            return [p]
        if segment == "web3_crypto":
            p = self.base_person(segment=segment)
            p["_skill"] = "Blockchain"
            btext = [t for c, t in self.ref.resumes if c == "Blockchain"]
            if btext:
                p["resume_text"] = self.resume(base=rng.choice(btext), cat_pref="Blockchain")[1]
            p["payouts"] = [self.payout("crypto", p["claimed_country"], p["full_name"])] + (
                p["payouts"] if rng.random() < 0.4 else []
            )
            if rng.random() < 0.4:
                p["full_name"] = (
                    rng.choice(["0x", "", "dev."])
                    + p["_first"].lower()
                    + rng.choice(["", ".eth", "_dev"])
                )
            if rng.random() < 0.5:
                self.add_vpn(p, rng.uniform(0.2, 0.8))
            self.extra_traits(p, ["night", "long_days", "voip", "new_account", "hosting"])
            return [p]
        if segment == "crypto_paid_dev_asia":
            cc = rng.choice(
                ["VN", "PH", "ID", "MY", "SG", "TH" if "TH" in COUNTRIES else "VN", "IN", "PK"]
            )
            p = self.base_person(cc=cc, segment=segment)
            p["payouts"] = [self.payout("crypto", cc, p["full_name"])]
            self.add_trait(p, rng.choice(["night", "vpn", "long_days"]))
            self.extra_traits(p, ["vpn", "remote", "voip", "low_rate", "hosting"])
            return [p]
        if segment == "shared_household":
            return self.household()
        if segment == "remote_it_admin":
            p = self.base_person(segment=segment)
            p["_skill"] = rng.choice(["Network Security Engineer", "DevOps Engineer", "Database"])
            p["_sources"] = [(w, s, d, b, rng.uniform(0.3, 0.9)) for w, s, d, b, r in p["_sources"]]
            jump = {
                "kind": "hosting",
                "ips": [
                    self.ref.hosting_ip(rng, rng.choice(["US", "DE", p["claimed_country"]]))
                    for _ in range(rng.randrange(1, 4))
                ],
            }
            p["_sources"].append(
                (
                    rng.uniform(0.1, 0.5),
                    jump,
                    p["_devs"] + [self.device()],
                    rng.choice(["Etc/UTC", p["claimed_timezone"]]),
                    0.6,
                )
            )
            if rng.random() < 0.4:
                self.add_trait(p, "long_days")
            self.extra_traits(p, ["vpn", "night", "voip"])
            return [p]
        if segment == "mobile_cgnat":
            cc = rng.choice(["NG", "KE", "ID", "PH", "PK", "BD", "IN", "EG", "GH", "VN", "ZA"])
            p = self.base_person(cc=cc, segment=segment)
            mob = rng.uniform(0.7, 1.0)
            p["_sources"] = [
                (1 - mob, p["_home"], p["_devs"], p["claimed_timezone"], 0.0),
                (mob, {"kind": "mobile", "cc": cc}, p["_devs"], p["claimed_timezone"], 0.0),
            ]
            self.extra_traits(p, ["low_rate", "new_account", "night", "voip", "vpn"])
            return [p]
        if segment == "ai_template_newcomer":
            # honest newcomers who used the same AI prompt or resume-writing service
            tmpl_cat, tmpl = rng.choice(self.ref.resumes)
            out = []
            for _ in range(rng.randrange(2, 6)):
                p = self.base_person(segment=segment)
                self.add_trait(p, "new_account")
                p["resume_text"] = self.resume(
                    base=tmpl, cat_pref=tmpl_cat, polish=0.6, splice=0.15
                )[1]
                p["_prop_tmpl"] = [FRONT_PHRASES[0], FRONT_PHRASES[3], FRONT_PHRASES[4]]
                if rng.random() < 0.5:
                    self.add_trait(p, "low_rate")
                self.extra_traits(p, ["vpn", "voip", "night", "crypto"])
                out.append(p)
            return out
        raise ValueError(segment)

    def romanise(self, first, last, culture) -> str:
        rng = self.rng
        f = rng.choice(ROMANISE.get(first, [first]))
        la = rng.choice(ROMANISE.get(last, [last]))
        if culture in ORDER_SWAP and rng.random() < 0.6:
            return f"{la.upper() if rng.random() < 0.3 else la} {f}"
        if rng.random() < 0.3:
            return f"{f[0]}. {la}"
        return f"{f} {la}".upper() if rng.random() < 0.3 else f"{f} {la}"

    def agency(self) -> list[dict]:
        rng = self.rng
        cc = rng.choice(
            ["IN", "IN", "PK", "UA", "PH", "BD", "VN", "EG", "NG", "RS", "PL", "AR", "US", "RO"]
        )
        aid = f"ag_{rng.getrandbits(24):06x}"
        office = {
            "kind": "office",
            "ips": [self.ref.residential_ip(rng, cc) for _ in range(rng.randrange(1, 3))],
        }
        name = (
            f"{rng.choice(['Bright', 'Nova', 'Pixel', 'Code', 'Blue', 'Apex', 'Smart'])} "
            f"{rng.choice(['Solutions', 'Labs', 'Soft', 'Technologies', 'Digital'])}"
        )
        shared_pay = self.payout(rng.choice(["bank", "payoneer", "wise"]), cc, name)
        tmpl_cat, tmpl = rng.choice(self.ref.resumes)
        prop = [
            rng.choice(SKILL_PHRASES["open"]),
            f"{name} is a team of developers based in {cc}.",
            rng.choice(SKILL_PHRASES["body"]),
            rng.choice(SKILL_PHRASES["close"]),
        ]
        out = []
        size = rng.choice([3, 4, 5, 6, 8, 10, 14, 20])
        h0 = rng.gauss(9.5, 1.5)
        night = rng.random() < 0.4 and cc in ("IN", "PK", "PH", "BD", "VN")
        for _ in range(size):
            p = self.base_person(cc=cc, segment="declared_agency")
            p["agency_id"] = aid
            p["_sources"] = [
                (0.75, office, p["_devs"], p["claimed_timezone"], rng.uniform(0, 0.15)),
                (0.25, p["_home"], p["_devs"], p["claimed_timezone"], 0.0),
            ]
            if rng.random() < 0.8:
                p["payouts"] = [dict(shared_pay)]
            if rng.random() < 0.7:
                p["resume_text"] = self.resume(
                    base=tmpl, cat_pref=tmpl_cat, polish=0.2, splice=0.1
                )[1]
            p["_prop_tmpl"] = prop
            p["_sched"]["h0"] = (h0 + 9) % 24 if night else h0
            p["_sched"]["h0"] += rng.gauss(0, 0.5)
            if rng.random() < 0.3:
                p["phone"] = self.ref.phone(rng, cc, "FIXED_LINE") or p["phone"]
            out.append(p)
        return out

    def household(self) -> list[dict]:
        rng = self.rng
        cc = self.country()
        culture = self.culture(cc)
        last = self.name(culture)[1]
        home = self.home_source(cc, rng.randrange(1, 3))
        shared_dev = self.device() if rng.random() < 0.35 else None
        coworkers = rng.random() < 0.35
        out = []
        for _ in range(rng.randrange(2, 5)):
            p = self.base_person(cc=cc, culture=culture, segment="shared_household")
            if not coworkers:
                p["_last"] = last
                p["full_name"] = f"{p['_first']} {last}"
                p["email"] = self.email(p["_first"], last, cc)
                for po in p["payouts"]:
                    po["holder_name"] = p["full_name"]
            devs = p["_devs"] + ([shared_dev] if shared_dev else [])
            p["_sources"] = [
                (0.85, home, devs, p["claimed_timezone"], 0.0),
                (0.15, {"kind": "mobile", "cc": cc}, p["_devs"][:1], p["claimed_timezone"], 0.0),
            ]
            if (
                out and not coworkers and rng.random() < 0.3
            ):  # spouse paid into the partner's account
                p["payouts"] = [dict(out[0]["payouts"][0])]
            if out and rng.random() < 0.3:
                p["phone"] = out[0]["phone"] if rng.random() < 0.5 else p["phone"]
            out.append(p)
        return out

    # ---- fronts ----
    def front_cell(self, size: int, tactic: str) -> list[dict]:
        rng = self.rng
        care = rng.betavariate(self.p["care_a"], self.p["care_b"])
        leak = 1 - care
        cell_id = f"cell_{rng.getrandbits(20):05x}"
        op_zone, op_cc, _ = rng.choices(OPERATOR_BASES, weights=[b[2] for b in OPERATOR_BASES])[0]
        # claimed countries: drawn like honest residents' (label independent of nationality)
        claim_pool = [
            self.honest_ccs[rng.randrange(len(self.honest_ccs))] for _ in range(rng.randrange(1, 4))
        ]
        # cell-wide resources
        shared_devs = [self.device() for _ in range(rng.randrange(1, 4))]
        tmpl_cat, tmpl = rng.choice(
            [
                r
                for r in self.ref.resumes
                if r[0]
                in (
                    "Java Developer",
                    "Python Developer",
                    "Web Designing",
                    "Blockchain",
                    "DotNet Developer",
                    "DevOps Engineer",
                    "Data Science",
                    "Testing",
                    "Database",
                )
            ]
            or self.ref.resumes
        )
        tmpl_base = self.resume(base=tmpl, cat_pref=tmpl_cat, polish=0.5, splice=0.0)[1]
        phash = f"{rng.getrandbits(64):016x}"
        prop = (
            [rng.choice(SKILL_PHRASES["open"])]
            + rng.sample(FRONT_PHRASES, 3)
            + [rng.choice(SKILL_PHRASES["close"])]
        )
        facilitator = " ".join(
            self.name(rng.choice(["anglo", "chinese", "anglo", "hispanic", "west_african"]))
        )
        fac_cc = rng.choice(["US", "US", "HK", "CN", "GB", "SG", "AE"])
        shared_pay = [
            self.payout(
                rng.choice(["payoneer", "bank", "wise", "crypto"]),
                fac_cc,
                facilitator,
                acc_cc=fac_cc,
            )
            for _ in range(rng.randrange(1, 3))
        ]
        if care < 0.15 and self.ref.sdn_wallets and rng.random() < 0.25:
            shared_pay.append(
                self.payout("crypto", fac_cc, facilitator, ref=rng.choice(self.ref.sdn_wallets))
            )
        voip_pool = [self.ref.phone(rng, "US", "VOIP") for _ in range(rng.randrange(1, 3))]
        email_digits = str(rng.randrange(10, 999))
        email_style = rng.randrange(6)
        # Jasper Sleet: batches of Outlook/Hotmail accounts; others use one webmail for the cell
        email_domain = rng.choice(
            ["outlook.com", "hotmail.com", "gmail.com", "proton.me", "yahoo.com"]
        )
        burst_t = self.end - timedelta(days=rng.uniform(20, 500))
        vpn_ccs = claim_pool * (1 + int(care * 6)) + rng.sample(
            ["US", "NL", "SG", "JP", "GB", "DE"], 2
        )
        vpn_src = {
            "kind": "vpn",
            "ccs": vpn_ccs,
            "sticky": rng.uniform(0.3, 0.9),
            "ips": [self.vpn_exit(rng.choice(vpn_ccs)) for _ in range(rng.randrange(2, 8))],
        }
        leak_src = {
            "kind": "fixed",
            "ips": [
                self.ref.residential_ip(rng, op_cc)
                if op_cc in self.ref.isps
                else self.ref.residential_ip(rng, "CN")
                for _ in range(3)
            ],
        }
        # facilitators host the laptops mostly in the claimed country (US farms, and since 2025
        # also European ones); a careless cell may run all personas from one US farm
        farm_cc = "US" if rng.random() < 0.5 * leak else rng.choice(claim_pool)
        farm_zone, _ = self.zone_city(farm_cc)
        farms = [self.home_source(farm_cc, rng.randrange(1, 3)) for _ in range(rng.randrange(1, 4))]
        farm_remote = rng.uniform(0.15, 0.5) + 0.5 * leak  # hardware KVM is often invisible
        agency_id = f"ag_{rng.getrandbits(24):06x}" if tactic == "front_company_agency" else None
        office = (
            {
                "kind": "hosting",
                "ips": [self.ref.hosting_ip(rng, rng.choice(claim_pool)) for _ in range(2)],
            }
            if rng.random() < 0.5
            else vpn_src
        )
        company_pay = self.payout(
            rng.choice(["bank", "payoneer"]),
            rng.choice(["HK", "CN", "SG", "AE", claim_pool[0]]),
            rng.choice(["Silverstar", "Volasys", "Chinyong", "Bright Star", "Pioneer", "Kumsong"])
            + " "
            + rng.choice(
                ["Network Technology Co., Ltd", "IT Services Ltd", "Software LLC", "Trading Co."]
            ),
        )
        hours = rng.uniform(8, 10) + leak * rng.uniform(0, 6)
        days = set(range(7)) if rng.random() < 0.5 else set(range(6))
        out = []
        for _ in range(size):
            cc = rng.choice(claim_pool)
            p = self.base_person(cc=cc, segment="front")
            p.update(label=1, _segment="front", _tactic=tactic, _cell=cell_id)
            p["_sources"] = []
            claimed_zone = p["claimed_timezone"]
            persona_dev = [self.device()]
            devs = shared_devs if rng.random() < leak * 0.8 else persona_dev
            # schedule: careless cells work their own day; careful ones shift to the claimed day
            shift = rng.random() < care * 0.9 + 0.1
            sched_zone = claimed_zone if shift else op_zone
            p["_sched"] = {
                "zone": sched_zone,
                "h0": rng.gauss(8.5, 1.2),
                "span": hours * rng.uniform(0.85, 1.1),
                "days": days,
            }
            p["_nsess"] = self.n_sessions(self.p["front_sess_mult"])
            # browser time zone: careless ones show the operator's zone
            btz = claimed_zone if rng.random() < care else rng.choice([op_zone, op_zone, "Etc/UTC"])
            # content reuse, photo reuse, contact reuse
            if rng.random() < leak:
                p["resume_text"] = self.persona_resume(tmpl_base, p["full_name"], strength=care)
                p["_skill"] = tmpl_cat
            else:
                p["resume_text"] = self.resume(polish=rng.uniform(0.3, 0.8))[1]
            if rng.random() < leak * 0.7:
                p["photo_phash"] = self.phash_variant(phash, rng.randrange(0, 6))
            if rng.random() < leak * 0.8:
                p["email"] = self.email(
                    p["_first"],
                    p["_last"],
                    cc,
                    style=email_style,
                    digits=email_digits,
                    domain=email_domain,
                )
            if rng.random() < 0.3 + 0.5 * leak:
                p["phone"] = (
                    rng.choice(voip_pool)
                    if rng.random() < leak
                    else self.ref.phone(rng, "US", "VOIP")
                )
            if rng.random() < leak * 0.8 + 0.1:
                p["_prop_tmpl"] = prop
            p["_n_props"] = rng.randrange(2, 15)
            if rng.random() < 0.4 + 0.4 * leak:  # accept low-ball offers
                p["hourly_rate_usd"] = max(8, round(COUNTRIES[cc][4] * rng.uniform(0.35, 0.8)))
            # payouts
            if rng.random() < leak * 0.9:
                p["payouts"] = [
                    dict(x) for x in rng.sample(shared_pay, rng.randrange(1, len(shared_pay) + 1))
                ]
            elif rng.random() < 0.5:
                # own account in the claimed country opened by a facilitator:
                # the holder differs unless the cell is careful
                holder = p["full_name"] if rng.random() < care else facilitator
                p["payouts"] = [self.payout(pick(rng, COUNTRIES[cc][3]), cc, holder)]
            if rng.random() < 0.25 * leak + 0.05:  # frequent payout changes, stablecoins
                p["payouts"].append(self.payout("crypto", cc, p["full_name"]))
            # early sessions from the operator base before moving to the claimed country
            if rng.random() < leak * 0.6:
                p["_extra_phases"].append(
                    {
                        "n": rng.randrange(1, 5),
                        "zone": op_zone,
                        "h0": 9,
                        "span": 10,
                        "days": set(range(7)),
                        "sources": [(1, leak_src, devs, op_zone, 0.0)],
                        "early": True,
                    }
                )
            kit = {
                "leak": leak,
                "care": care,
                "devs": devs,
                "btz": btz,
                "claimed_zone": claimed_zone,
                "vpn_src": vpn_src,
                "leak_src": leak_src,
                "burst_t": burst_t,
                "farms": farms,
                "farm_zone": farm_zone,
                "farm_remote": farm_remote,
                "farm_cc": farm_cc,
                "op_zone": op_zone,
                "op_cc": op_cc,
                "voip_pool": voip_pool,
                "agency_id": agency_id,
                "office": office,
                "company_pay": company_pay,
                "email_style": email_style,
                "email_digits": email_digits,
                "email_domain": email_domain,
            }
            self.apply_tactic(p, tactic, kit)
            if rng.random() < 0.15:  # per-persona variation: a second tool of the cell's kit
                extra = rng.choice(["vps", "vpn", "farm"])
                if extra == "vps":
                    ws = {"kind": "hosting", "ips": [self.ref.hosting_ip(rng, cc)]}
                    p["_sources"].append((0.2, ws, [self.device()], btz, 0.4))
                elif extra == "vpn":
                    p["_sources"].append((0.2, vpn_src, devs, btz, 0.0))
                else:
                    p["_sources"].append((0.2, rng.choice(farms), persona_dev, claimed_zone, 0.5))
            if tactic != "rented_account" and rng.random() < 0.3:
                p.pop("github_url", None)
            out.append(p)
        return out

    def persona_resume(self, tmpl, name, strength) -> str:
        text = self.polish(tmpl, strength * 0.5)
        sents = re.split(r"(?<=[.;])\s+", text)
        rng = self.rng
        sents = [s for s in sents if rng.random() > 0.1 + 0.3 * strength]
        return f"{name}. " + " ".join(sents)

    def apply_tactic(self, p, tactic, c):
        rng = self.rng
        leak, care = c["leak"], c["care"]
        devs, btz, claimed_zone = c["devs"], c["btz"], c["claimed_zone"]
        vpn_src, leak_src = c["vpn_src"], c["leak_src"]
        created = p["created_at"]
        if tactic in (
            "laptop_farm",
            "vpn_direct",
            "cloud_workstation",
            "persona_factory",
            "front_company_agency",
        ):
            # new accounts, in a burst for careless cells
            if rng.random() < leak:
                created = c["burst_t"] + timedelta(hours=rng.uniform(0, 24 * 10))
            else:
                created = self.end - timedelta(days=rng.uniform(10, 700))
            p["created_at"] = created
            p["_active"] = (created, min(self.end, created + timedelta(days=rng.uniform(30, 500))))
        if tactic == "laptop_farm":
            farm = rng.choice(c["farms"])
            fbtz = claimed_zone if rng.random() < care else c["farm_zone"]
            p["_sources"] = [
                (0.85, farm, [self.device()], fbtz, c["farm_remote"]),
                (0.15 * leak + 0.02, vpn_src, devs, btz, 0.0),
            ]
            if rng.random() < 0.6:
                p["shipping_country"] = c["farm_cc"]
            p["_sched"]["zone"] = (
                claimed_zone if rng.random() < 0.5 + 0.5 * care else c["farm_zone"]
            )
        elif tactic == "vpn_direct":
            p["_sources"] = [
                (0.8, vpn_src, devs, btz, 0.05),
                (0.1 * leak + 0.01, leak_src, devs, c["op_zone"], 0.0),
                (0.1, {"kind": "hosting", "cc": None}, devs, btz, 0.1),
            ]
            if rng.random() < leak * 0.3:
                p["_sources"].append((0.03, {"kind": "tor"}, devs, btz, 0.0))
            if rng.random() < leak * 0.4:
                p["shipping_country"] = rng.choice(
                    ["CN", "RU", "HK", c["op_cc"] if c["op_cc"] != "KP" else "CN"]
                )
        elif tactic == "cloud_workstation":
            ws = {
                "kind": "hosting",
                "ips": [self.ref.hosting_ip(rng, p["claimed_country"]) for _ in range(2)],
            }
            p["_sources"] = [
                (
                    0.8,
                    ws,
                    [self.device()],
                    rng.choice(["Etc/UTC", claimed_zone, btz]),
                    0.2 + 0.5 * leak,
                ),
                (0.2, vpn_src, devs, btz, 0.1),
            ]
        elif tactic == "persona_factory":
            p["_sources"] = [
                (0.7, {"kind": "resproxy", "ccs": [p["claimed_country"]]}, devs, btz, 0.0),
                (0.3, vpn_src, devs, btz, 0.0),
            ]
            if rng.random() < leak:
                p["phone"] = rng.choice(c["voip_pool"])
            p["_nsess"] = max(2, p["_nsess"] // 2)
            p["_n_props"] = rng.randrange(8, 30)  # applies widely (Okta: thousands of interviews)
        elif tactic == "front_company_agency":
            p["agency_id"] = c["agency_id"]
            p["_sources"] = [(0.8, c["office"], devs, btz, 0.1), (0.2, vpn_src, devs, btz, 0.0)]
            if rng.random() < 0.5 + 0.4 * leak:
                p["payouts"] = [dict(c["company_pay"])]
        elif tactic in ("bought_aged_account", "rented_account"):
            # an older account of a real person in the claimed country
            owner = self.base_person(cc=p["claimed_country"], segment="front")
            for k in (
                "full_name",
                "_first",
                "_last",
                "email",
                "phone",
                "created_at",
                "claimed_city",
                "claimed_timezone",
                "photo_phash",
                "github_url",
            ):
                if k in owner:
                    p[k] = owner[k]
                else:
                    p.pop(k, None)
            created = owner["created_at"] - timedelta(days=rng.uniform(200, 1200))
            created = max(created, self.start + timedelta(days=1))
            p["created_at"] = created
            t_take = self.end - timedelta(days=rng.uniform(30, 400))
            t_take = max(t_take, created + timedelta(days=60))
            # accounts offered for sale are often dormant for a while before the takeover
            owner_end = max(
                created + timedelta(days=30), t_take - timedelta(days=rng.uniform(0, 400))
            )
            owner_phase = {
                "t0": created,
                "t1": owner_end,
                "n": owner["_nsess"],
                **owner["_sched"],
                "sources": owner["_sources"],
            }
            p["_extra_phases"].append(owner_phase)
            p["_active"] = (t_take, self.end)
            if tactic == "bought_aged_account":
                # new devices, VPN or farm, and a new payout added with another holder
                p["_sources"] = [
                    (0.75, vpn_src, devs, btz, 0.05),
                    (0.25, rng.choice(c["farms"]), [self.device()], claimed_zone, 0.3),
                ]
                p["payouts"] = (
                    owner["payouts"][:1] + p["payouts"] if rng.random() < 0.6 else p["payouts"]
                )
                if rng.random() < 0.5 * leak:
                    p["email"] = self.email(
                        p["_first"],
                        p["_last"],
                        p["claimed_country"],
                        style=c["email_style"],
                        digits=c["email_digits"],
                        domain=c["email_domain"],
                    )
            else:
                # renter drives the owner's machine remotely; the owner is paid and forwards a share
                own_home, own_devs = owner["_home"], owner["_devs"]
                p["_sources"] = [
                    (
                        0.7 + 0.25 * care,
                        own_home,
                        own_devs,
                        owner["claimed_timezone"],
                        0.5 + 0.4 * leak,
                    ),
                    (0.05 + 0.25 * leak, vpn_src, devs, btz, 0.0),
                ]
                p["payouts"] = (
                    owner["payouts"]
                    if rng.random() < 0.5 + 0.5 * care
                    else owner["payouts"] + p["payouts"][:1]
                )
                p["resume_text"] = owner["resume_text"] if rng.random() < care else p["resume_text"]
                p["_nsess"] = int(p["_nsess"] * rng.uniform(0.5, 1.2))

    # ---- assembly ----
    def build(self):
        rng = self.rng
        n = self.n
        n_front_target = int(round(n * self.p["front_rate"]))
        n_honest_target = n - n_front_target
        segs = self.p["segments"]
        honest = []
        first = [s for s in HONEST_SEGMENTS if s != "regular"]
        rng.shuffle(first)
        while len(honest) < n_honest_target:
            seg = first.pop() if first and n_honest_target >= 400 else pick(rng, segs)
            group = self.honest(seg)
            honest.extend(group[: n_honest_target - len(honest)])
        self.honest_ccs = [p["claimed_country"] for p in honest]
        fronts = []
        tw = self.p["tactic_weights"]
        first_t = list(TACTICS)
        rng.shuffle(first_t)
        while len(fronts) < n_front_target:
            size = rng.randrange(self.p["cell_min"], self.p["cell_max"] + 1)
            left = n_front_target - len(fronts)
            if first_t:  # every tactic gets a cell first, while the front budget allows
                size = max(
                    3, min(size, left // (len(first_t)) if left >= 3 * len(first_t) else left)
                )
            size = min(size, max(1, left))
            tactic = first_t.pop() if first_t else pick(rng, tw)
            fronts.extend(self.front_cell(size, tactic))
        people = honest + fronts
        rng.shuffle(people)
        self.people = people
        return people

    def record(self, p: dict) -> dict:
        rng = self.rng
        miss = self.p["missing"]
        t0, t1 = p["_active"]
        phases = []
        main = {"t0": t0, "t1": t1, "n": p["_nsess"], "sources": p["_sources"], **p["_sched"]}
        if p["label"] == 0 and (t1 - t0).days > 400 and rng.random() < self.p["dormant_rate"]:
            # honest people take breaks of months and come back
            a = t0 + (t1 - t0) * rng.uniform(0.1, 0.5)
            b = a + (t1 - a) * rng.uniform(0.3, 0.8)
            n_a = max(1, int(p["_nsess"] * rng.uniform(0.2, 0.6)))
            phases.append(dict(main, t1=a, n=n_a))
            main = dict(main, t0=b, n=max(1, p["_nsess"] - n_a))
        phases.append(main)
        for ph in p["_extra_phases"]:
            if ph.get("early"):
                ph = dict(ph, t0=t0, t1=min(t1, t0 + timedelta(days=rng.uniform(1, 20))))
            phases.append(ph)
        sess = self.sessions(phases)
        if sess and sess[0]["started_at"] < p["created_at"]:
            p["created_at"] = sess[0]["started_at"] - timedelta(minutes=rng.randrange(1, 600))
        rec = {"applicant_id": p["applicant_id"], "created_at": rfc3339(p["created_at"])}
        for k in (
            "full_name",
            "email",
            "phone",
            "claimed_country",
            "claimed_city",
            "claimed_timezone",
            "resume_text",
            "photo_phash",
            "github_url",
            "hourly_rate_usd",
            "shipping_country",
            "agency_id",
        ):
            v = p.get(k)
            if v is None or v == "":
                continue
            if k in miss and k != "claimed_country" and rng.random() < miss[k]:
                continue
            rec[k] = v
        rec["label"] = p["label"]
        out_s = []
        for s in sess:
            d = {"started_at": rfc3339(s["started_at"]), "ip": s["ip"]}
            for k in ("device_id", "browser_timezone", "remote_access", "duration_s"):
                if k in s and rng.random() >= miss[k]:
                    d[k] = s[k]
            out_s.append(d)
        rec["sessions"] = out_s
        pays = []
        seen = set()
        for po in p["payouts"]:
            key = (po["method"], po["account_ref"])
            if key in seen:
                continue
            seen.add(key)
            d = {"method": po["method"], "account_ref": po["account_ref"]}
            for k in ("account_country", "holder_name"):
                if po.get(k) and rng.random() >= miss[k]:
                    d[k] = po[k]
            pays.append(d)
        rec["payouts"] = pays
        if rng.random() >= miss["proposals"]:
            rec["proposals"] = self.proposals(
                p["_first"],
                p["_skill"],
                p["claimed_country"],
                p["_n_props"],
                p.get("_prop_tmpl"),
                t0,
                t1,
            )
        else:
            rec["proposals"] = []
        return rec


def find_data(arg: str | None) -> Path:
    if arg:
        d = Path(arg)
        if not d.is_dir():
            sys.exit(f"--data {arg!r} is not a directory")
        return d
    for cand in (
        HERE.parent.parent / "shared" / "data",
        HERE.parent.parent.parent / "shared" / "data",
    ):
        if cand.is_dir():
            return cand
    sys.exit(
        "reference data not found: pass --data DIR (the shared data folder, e.g. /work/shared/data)"
    )


def generate(n: int, seed: int, out: Path, data: Path, ref: Reference | None = None) -> dict:
    """Write the world and its truth file; return counts per segment / ``front:tactic``."""
    ref = ref or Reference(data)
    w = World(ref, n, seed)
    people = w.build()
    truth_path = (
        out.with_name(out.name[: -len(".jsonl.gz")] + ".truth.csv")
        if out.name.endswith(".jsonl.gz")
        else out.with_suffix(".truth.csv")
    )
    counts: dict[str, int] = {}
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        buf = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
        for p in people:
            rec = w.record(p)
            buf.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
        buf.flush()
        buf.detach()
    with open(truth_path, "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["applicant_id", "label", "segment", "tactic", "cell_id"])
        for p in people:
            wr.writerow([p["applicant_id"], p["label"], p["_segment"], p["_tactic"], p["_cell"]])
            key = p["_segment"] if p["label"] == 0 else "front:" + p["_tactic"]
            counts[key] = counts.get(key, 0) + 1
    return counts


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--data", default=None)
    a = ap.parse_args(argv)
    out = Path(a.output)
    if not out.name.endswith(".jsonl.gz"):
        sys.exit("output must end with .jsonl.gz")
    t = time.time()
    counts = generate(a.n, a.seed, out, find_data(a.data))
    fronts = sum(v for k, v in counts.items() if k.startswith("front:"))
    print(f"wrote {a.n} applicants ({fronts} fronts) to {out} in {time.time() - t:.1f}s")
    for k in sorted(counts):
        print(f"  {k}: {counts[k]}")


if __name__ == "__main__":
    main()
