#!/usr/bin/env python3
"""Independent synthetic population of freelance-platform applicants (held-out test world).

Written from the public record on DPRK IT-worker fronts (DOJ indictments; FBI/State/Treasury
advisories of 2022-2025; Mandiant/Google, Microsoft, Unit 42, SEAL reports), the domain guide
RED_FLAGS.md and the input contract INPUT.md only -- deliberately without looking at the
project's own synthetic generator, signals or model.  See docs/INDEPENDENT_WORLD.md.

Usage:
    python scripts/independent_world.py -n 20000 --seed 1 -o /tmp/indep/world-1.jsonl.gz

Writes the nested JSON Lines population (gzip when the name ends in .gz) and, next to it,
<name>.truth.csv with applicant_id,label,segment,tactic,cell_id,agency_id,group_id.

Network realism: every IP is drawn from the real data under --data (default ../shared/data beside the project):
residential IPs from access-ISP ASNs of the intended country (ip-location-db ASN CSV, checked
against both country MMDBs and kept out of the X4BNet VPN/datacenter ranges), VPN exits from
X4BNet's VPN ranges, hosting IPs from X4BNet's datacenter ranges, Tor exits from the relay list.
Phone numbers are generated and checked with `phonenumbers`.
"""
from __future__ import annotations

import argparse
import bisect
import collections
import csv
import datetime as dt
import gzip
import hashlib
import ipaddress
import json
import math
import os
import random
import re
import sys
import time
from zoneinfo import ZoneInfo

import maxminddb
import phonenumbers

DEFAULT_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data")

# ----------------------------------------------------------------------------------------------
# Countries: (weight among ordinary freelancers, name pool, median hourly USD, [(city, tz, w)])
# Weights follow the public picture of freelance-platform supply (Upwork/Freelancer reports:
# US, India, Pakistan, Philippines, Ukraine, Bangladesh, Nigeria, ... dominate).
# ----------------------------------------------------------------------------------------------
COUNTRIES = {
    "US": (14.0, "anglo", 65, [("New York", "America/New_York", 4), ("Chicago", "America/Chicago", 2),
            ("Austin", "America/Chicago", 1.5), ("Denver", "America/Denver", 1), ("Phoenix", "America/Phoenix", 1),
            ("Los Angeles", "America/Los_Angeles", 3), ("Seattle", "America/Los_Angeles", 1.5),
            ("Atlanta", "America/New_York", 1.5), ("Miami", "America/New_York", 1.5), ("Boston", "America/New_York", 1),
            ("Dallas", "America/Chicago", 1.5), ("San Francisco", "America/Los_Angeles", 1.5),
            ("Nashville", "America/Chicago", 0.8), ("Portland", "America/Los_Angeles", 0.8),
            ("Detroit", "America/Detroit", 0.7), ("Salt Lake City", "America/Denver", 0.5)]),
    "IN": (14.0, "indian", 18, [("Bengaluru", "Asia/Kolkata", 3), ("Hyderabad", "Asia/Kolkata", 2), ("Pune", "Asia/Kolkata", 1.5),
            ("Delhi", "Asia/Kolkata", 2), ("Mumbai", "Asia/Kolkata", 2), ("Chennai", "Asia/Kolkata", 1.5),
            ("Kolkata", "Asia/Kolkata", 1), ("Ahmedabad", "Asia/Kolkata", 1), ("Jaipur", "Asia/Kolkata", 0.7)]),
    "PK": (6.0, "pakistani", 15, [("Lahore", "Asia/Karachi", 3), ("Karachi", "Asia/Karachi", 3), ("Islamabad", "Asia/Karachi", 2),
            ("Faisalabad", "Asia/Karachi", 1), ("Peshawar", "Asia/Karachi", 0.7)]),
    "PH": (6.0, "filipino", 10, [("Manila", "Asia/Manila", 3), ("Quezon City", "Asia/Manila", 2), ("Cebu City", "Asia/Manila", 1.5),
            ("Davao City", "Asia/Manila", 1)]),
    "UA": (4.5, "ukrainian", 35, [("Kyiv", "Europe/Kyiv", 4), ("Lviv", "Europe/Kyiv", 2), ("Kharkiv", "Europe/Kyiv", 1.5),
            ("Dnipro", "Europe/Kyiv", 1), ("Odesa", "Europe/Kyiv", 1)]),
    "BD": (4.0, "bangladeshi", 12, [("Dhaka", "Asia/Dhaka", 4), ("Chittagong", "Asia/Dhaka", 1.5), ("Sylhet", "Asia/Dhaka", 0.5)]),
    "NG": (3.0, "nigerian", 15, [("Lagos", "Africa/Lagos", 4), ("Abuja", "Africa/Lagos", 2), ("Ibadan", "Africa/Lagos", 1)]),
    "KE": (1.8, "kenyan", 14, [("Nairobi", "Africa/Nairobi", 4), ("Mombasa", "Africa/Nairobi", 1)]),
    "EG": (2.0, "arab", 15, [("Cairo", "Africa/Cairo", 4), ("Alexandria", "Africa/Cairo", 1.5), ("Giza", "Africa/Cairo", 1)]),
    "GB": (3.5, "anglo", 60, [("London", "Europe/London", 4), ("Manchester", "Europe/London", 1.5), ("Bristol", "Europe/London", 1),
            ("Edinburgh", "Europe/London", 1), ("Leeds", "Europe/London", 0.8)]),
    "CA": (2.8, "anglo", 55, [("Toronto", "America/Toronto", 4), ("Vancouver", "America/Vancouver", 2), ("Montreal", "America/Toronto", 1.5),
            ("Calgary", "America/Edmonton", 1), ("Ottawa", "America/Toronto", 0.8)]),
    "AU": (1.8, "anglo", 60, [("Sydney", "Australia/Sydney", 3), ("Melbourne", "Australia/Melbourne", 3), ("Brisbane", "Australia/Brisbane", 1.5),
            ("Perth", "Australia/Perth", 1)]),
    "DE": (1.8, "german", 60, [("Berlin", "Europe/Berlin", 3), ("Munich", "Europe/Berlin", 1.5), ("Hamburg", "Europe/Berlin", 1.5),
            ("Cologne", "Europe/Berlin", 1)]),
    "FR": (1.0, "french", 55, [("Paris", "Europe/Paris", 4), ("Lyon", "Europe/Paris", 1.5), ("Toulouse", "Europe/Paris", 1)]),
    "ES": (1.0, "hispanic", 40, [("Madrid", "Europe/Madrid", 3), ("Barcelona", "Europe/Madrid", 3), ("Valencia", "Europe/Madrid", 1)]),
    "IT": (0.9, "italian", 45, [("Milan", "Europe/Rome", 3), ("Rome", "Europe/Rome", 3), ("Turin", "Europe/Rome", 1)]),
    "PT": (0.8, "portuguese", 35, [("Lisbon", "Europe/Lisbon", 3), ("Porto", "Europe/Lisbon", 2)]),
    "NL": (0.8, "dutch", 60, [("Amsterdam", "Europe/Amsterdam", 3), ("Rotterdam", "Europe/Amsterdam", 1.5), ("Utrecht", "Europe/Amsterdam", 1)]),
    "PL": (1.8, "polish", 40, [("Warsaw", "Europe/Warsaw", 3), ("Krakow", "Europe/Warsaw", 2), ("Wroclaw", "Europe/Warsaw", 1.5),
            ("Gdansk", "Europe/Warsaw", 1)]),
    "RO": (1.0, "romanian", 35, [("Bucharest", "Europe/Bucharest", 3), ("Cluj-Napoca", "Europe/Bucharest", 2), ("Iasi", "Europe/Bucharest", 1)]),
    "RS": (1.0, "serbian", 35, [("Belgrade", "Europe/Belgrade", 3), ("Novi Sad", "Europe/Belgrade", 1.5), ("Nis", "Europe/Belgrade", 0.5)]),
    "BR": (2.5, "brazilian", 25, [("Sao Paulo", "America/Sao_Paulo", 4), ("Rio de Janeiro", "America/Sao_Paulo", 2),
            ("Belo Horizonte", "America/Sao_Paulo", 1), ("Curitiba", "America/Sao_Paulo", 1), ("Recife", "America/Recife", 0.7),
            ("Manaus", "America/Manaus", 0.3)]),
    "AR": (1.6, "hispanic", 30, [("Buenos Aires", "America/Argentina/Buenos_Aires", 4), ("Cordoba", "America/Argentina/Cordoba", 1),
            ("Rosario", "America/Argentina/Buenos_Aires", 0.7)]),
    "MX": (1.6, "hispanic", 30, [("Mexico City", "America/Mexico_City", 4), ("Guadalajara", "America/Mexico_City", 1.5),
            ("Monterrey", "America/Monterrey", 1.5), ("Tijuana", "America/Tijuana", 0.5)]),
    "CO": (1.3, "hispanic", 28, [("Bogota", "America/Bogota", 3), ("Medellin", "America/Bogota", 2), ("Cali", "America/Bogota", 1)]),
    "VE": (0.7, "hispanic", 15, [("Caracas", "America/Caracas", 3), ("Maracaibo", "America/Caracas", 1)]),
    "CL": (0.5, "hispanic", 30, [("Santiago", "America/Santiago", 3)]),
    "TR": (1.0, "turkish", 25, [("Istanbul", "Europe/Istanbul", 4), ("Ankara", "Europe/Istanbul", 1.5), ("Izmir", "Europe/Istanbul", 1)]),
    "VN": (1.8, "vietnamese", 18, [("Ho Chi Minh City", "Asia/Ho_Chi_Minh", 3), ("Hanoi", "Asia/Bangkok", 2.5), ("Da Nang", "Asia/Ho_Chi_Minh", 1)]),
    "ID": (1.8, "indonesian", 15, [("Jakarta", "Asia/Jakarta", 4), ("Bandung", "Asia/Jakarta", 1.5), ("Surabaya", "Asia/Jakarta", 1.5),
            ("Denpasar", "Asia/Makassar", 0.7)]),
    "LK": (0.9, "srilankan", 15, [("Colombo", "Asia/Colombo", 4), ("Kandy", "Asia/Colombo", 1)]),
    "NP": (0.5, "nepali", 12, [("Kathmandu", "Asia/Kathmandu", 4)]),
    "MY": (0.7, "malay", 22, [("Kuala Lumpur", "Asia/Kuala_Lumpur", 4), ("Penang", "Asia/Kuala_Lumpur", 1)]),
    "TH": (0.4, "thai", 20, [("Bangkok", "Asia/Bangkok", 4), ("Chiang Mai", "Asia/Bangkok", 1)]),
    "SG": (0.4, "chinese", 60, [("Singapore", "Asia/Singapore", 1)]),
    "JP": (0.6, "japanese", 45, [("Tokyo", "Asia/Tokyo", 4), ("Osaka", "Asia/Tokyo", 2), ("Fukuoka", "Asia/Tokyo", 1)]),
    "KR": (0.6, "korean", 40, [("Seoul", "Asia/Seoul", 4), ("Busan", "Asia/Seoul", 1.5), ("Incheon", "Asia/Seoul", 1), ("Daejeon", "Asia/Seoul", 0.7)]),
    "CN": (1.8, "chinese", 30, [("Shenzhen", "Asia/Shanghai", 2), ("Shanghai", "Asia/Shanghai", 3), ("Beijing", "Asia/Shanghai", 3),
            ("Hangzhou", "Asia/Shanghai", 1.5), ("Chengdu", "Asia/Shanghai", 1.5), ("Dalian", "Asia/Shanghai", 0.7),
            ("Shenyang", "Asia/Shanghai", 0.6), ("Harbin", "Asia/Shanghai", 0.4)]),
    "HK": (0.3, "cantonese", 45, [("Hong Kong", "Asia/Hong_Kong", 1)]),
    "TW": (0.4, "taiwanese", 40, [("Taipei", "Asia/Taipei", 3), ("Taichung", "Asia/Taipei", 1)]),
    "RU": (1.5, "russian", 30, [("Moscow", "Europe/Moscow", 4), ("Saint Petersburg", "Europe/Moscow", 2), ("Novosibirsk", "Asia/Novosibirsk", 1),
            ("Yekaterinburg", "Asia/Yekaterinburg", 1), ("Kazan", "Europe/Moscow", 0.7), ("Vladivostok", "Asia/Vladivostok", 0.3)]),
    "BY": (0.4, "russian", 28, [("Minsk", "Europe/Minsk", 4)]),
    "KZ": (0.4, "russian", 25, [("Almaty", "Asia/Almaty", 3), ("Astana", "Asia/Almaty", 1.5)]),
    "GE": (0.4, "georgian", 28, [("Tbilisi", "Asia/Tbilisi", 4), ("Batumi", "Asia/Tbilisi", 1)]),
    "AM": (0.4, "armenian", 28, [("Yerevan", "Asia/Yerevan", 4)]),
    "ZA": (0.8, "anglo_za", 30, [("Cape Town", "Africa/Johannesburg", 3), ("Johannesburg", "Africa/Johannesburg", 3)]),
    "MA": (0.5, "arab", 18, [("Casablanca", "Africa/Casablanca", 3), ("Rabat", "Africa/Casablanca", 1)]),
    "GH": (0.4, "ghanaian", 14, [("Accra", "Africa/Accra", 3)]),
    "AE": (0.4, "arab", 45, [("Dubai", "Asia/Dubai", 4), ("Abu Dhabi", "Asia/Dubai", 1)]),
    "IL": (0.4, "israeli", 60, [("Tel Aviv", "Asia/Jerusalem", 4)]),
    "SE": (0.4, "nordic", 65, [("Stockholm", "Europe/Stockholm", 3)]),
    "IE": (0.3, "anglo", 60, [("Dublin", "Europe/Dublin", 4)]),
    "LA": (0.05, "lao", 10, [("Vientiane", "Asia/Vientiane", 4)]),
}

NAMES = {
    "anglo": (["James", "Michael", "Robert", "David", "William", "Daniel", "Matthew", "Joseph", "Andrew", "Ryan", "Kevin",
               "Brian", "Jason", "Justin", "Eric", "Tyler", "Brandon", "Nathan", "Chris", "Mark", "Paul", "Steven", "Adam", "Scott",
               "Emily", "Sarah", "Jessica", "Ashley", "Jennifer", "Amanda", "Rachel", "Laura", "Megan", "Hannah", "Olivia",
               "Emma", "Sophie", "Katherine", "Lauren", "Nicole", "Rebecca", "Anna", "Grace", "Chloe", "Claire", "Alicia"],
              ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
               "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
               "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts",
               "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook",
               "Rogers", "Reed", "Bailey", "Bell", "Cooper", "Howard", "Ward", "Brooks", "Gray", "Hughes", "Price", "Bennett",
               "Wood", "Barnes", "Ross", "Henderson", "Coleman", "Jenkins", "Perry", "Powell", "Long", "Patterson", "Fisher",
               "Garcia", "Martinez", "Nguyen", "Patel", "Kim", "Lee", "Chen", "Singh", "Khan", "Cohen", "Murray", "O'Brien"]),
    "anglo_za": (["Thabo", "Sipho", "Lerato", "Johan", "Pieter", "Anele", "Naledi", "Michael", "Jessica", "Zanele", "Ruan", "Megan"],
                 ["Nkosi", "Dlamini", "Botha", "van der Merwe", "Naidoo", "Mokoena", "Smith", "Pretorius", "Khumalo", "Ndlovu", "Pillay", "Jacobs"]),
    "indian": (["Rahul", "Amit", "Priya", "Sneha", "Rohit", "Vikram", "Ankit", "Pooja", "Arjun", "Karthik", "Deepak", "Neha",
                "Suresh", "Ravi", "Anjali", "Sanjay", "Kavya", "Aditya", "Manish", "Shreya", "Nikhil", "Divya", "Harsh", "Meera"],
               ["Sharma", "Patel", "Kumar", "Singh", "Reddy", "Gupta", "Iyer", "Nair", "Verma", "Joshi", "Rao", "Mehta", "Das",
                "Chatterjee", "Mishra", "Agarwal", "Pillai", "Menon", "Desai", "Kulkarni", "Shah", "Yadav", "Banerjee", "Jain"]),
    "pakistani": (["Muhammad", "Ahmed", "Ali", "Hassan", "Usman", "Bilal", "Ayesha", "Fatima", "Hamza", "Zain", "Sana", "Imran",
                   "Faisal", "Hira", "Omar", "Saad", "Maryam", "Kamran"],
                  ["Khan", "Ahmed", "Malik", "Hussain", "Sheikh", "Butt", "Qureshi", "Chaudhry", "Raza", "Iqbal", "Siddiqui",
                   "Javed", "Abbasi", "Mirza", "Aslam", "Rana"]),
    "bangladeshi": (["Mohammad", "Rahim", "Karim", "Tanvir", "Nusrat", "Farhana", "Sabbir", "Arif", "Mahmud", "Rakib", "Shirin", "Sumon"],
                    ["Hossain", "Rahman", "Islam", "Ahmed", "Chowdhury", "Alam", "Uddin", "Sarker", "Akter", "Haque", "Miah", "Das"]),
    "filipino": (["Mark", "John Paul", "Maria", "Angelica", "Jerome", "Kristine", "Christian", "Joy", "Rhea", "Carlo", "Jasmine",
                  "Miguel", "Patricia", "Jose", "Aileen", "Rommel"],
                 ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Ramos", "Aquino", "Villanueva", "Dela Cruz", "Castillo",
                  "Flores", "Torres", "Navarro", "Gonzales", "Fernandez"]),
    "ukrainian": (["Oleksandr", "Andrii", "Dmytro", "Serhii", "Yurii", "Mykola", "Olena", "Iryna", "Kateryna", "Natalia", "Vitalii",
                   "Bohdan", "Taras", "Oksana", "Yuliia", "Maksym", "Artem", "Viktoriia"],
                  ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Koval", "Oliinyk",
                   "Lysenko", "Moroz", "Savchenko", "Petrenko", "Rudenko", "Marchenko", "Hnatiuk", "Polishchuk", "Tkachuk"]),
    "russian": (["Aleksandr", "Dmitry", "Sergey", "Andrey", "Alexey", "Ivan", "Mikhail", "Nikolay", "Yuri", "Anastasia", "Ekaterina",
                 "Maria", "Olga", "Tatiana", "Pavel", "Artem", "Maxim", "Elena", "Irina", "Vladimir"],
                ["Ivanov", "Smirnov", "Kuznetsov", "Popov", "Vasiliev", "Petrov", "Sokolov", "Mikhailov", "Novikov", "Fedorov",
                 "Morozov", "Volkov", "Alekseev", "Lebedev", "Semenov", "Egorov", "Pavlov", "Kozlov", "Stepanov", "Orlov"]),
    "chinese": (["Wei", "Jing", "Li", "Hao", "Yang", "Xin", "Lei", "Min", "Jun", "Yan", "Tao", "Ying", "Qiang", "Hui", "Bo",
                 "Xiaoming", "Yifan", "Zhiwei", "Mengyao", "Jiahui", "Kevin", "Jason", "Eric", "Grace"],
                ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
                 "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Tan", "Lim", "Ng"]),
    "cantonese": (["Ka Ming", "Wing", "Chi Wai", "Kevin", "Ivy", "Mandy", "Tony", "Carmen", "Wai Kit", "Jacky"],
                  ["Chan", "Wong", "Leung", "Cheung", "Lau", "Lee", "Ho", "Ng", "Tsang", "Lam", "Yip", "Chow"]),
    "taiwanese": (["Chia-Hao", "Yu-Ting", "Chih-Wei", "Pei-Shan", "Tzu-Yu", "Kevin", "Jerry", "Yi-Chen"],
                  ["Chen", "Lin", "Huang", "Chang", "Lee", "Wang", "Wu", "Liu", "Tsai", "Yang"]),
    "korean": (["Minjun", "Seoyeon", "Jiho", "Jiwoo", "Hyunwoo", "Sungmin", "Jieun", "Younghee", "Dongwook", "Soyeon", "Jaehyun",
                "Eunji", "Taeyang", "Hyejin", "Junho", "Sujin"],
               ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Song"]),
    "japanese": (["Haruto", "Yuto", "Sota", "Yuki", "Hiroshi", "Takashi", "Kenji", "Aiko", "Yui", "Sakura", "Naoki", "Daisuke",
                  "Mei", "Riku", "Kaito", "Ayumi"],
                 ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato",
                  "Yoshida", "Yamada", "Sasaki", "Matsumoto", "Inoue", "Kimura"]),
    "vietnamese": (["Minh", "Anh", "Huy", "Linh", "Tuan", "Trang", "Duc", "Hoa", "Khanh", "Long", "Thao", "Nam", "Phuong", "Quang"],
                   ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Ly"]),
    "indonesian": (["Budi", "Agus", "Dewi", "Siti", "Rizky", "Putri", "Andi", "Fajar", "Nur", "Indra", "Rina", "Yoga"],
                   ["Santoso", "Wijaya", "Saputra", "Pratama", "Hidayat", "Kusuma", "Setiawan", "Nugroho", "Lestari", "Gunawan"]),
    "malay": (["Ahmad", "Nurul", "Farid", "Aisyah", "Hafiz", "Siti", "Wei Jie", "Kumar", "Daniel", "Amir"],
              ["Abdullah", "Ibrahim", "Rahman", "Ismail", "Tan", "Lim", "Wong", "Raj", "Hassan", "Osman"]),
    "thai": (["Somchai", "Nattapong", "Siriporn", "Kanya", "Anan", "Ploy", "Chai", "Pim"],
             ["Saetang", "Srisuk", "Wongsawat", "Chaiyaporn", "Rattanakorn", "Boonmee", "Kittisak", "Thongchai"]),
    "lao": (["Souksavanh", "Bounmy", "Khamla", "Phonesavanh", "Vilay", "Noy"],
            ["Phommachanh", "Sisouphanh", "Vongsa", "Keomany", "Inthavong", "Souvannavong"]),
    "srilankan": (["Nuwan", "Kasun", "Dilani", "Chaminda", "Tharindu", "Sachini", "Ruwan", "Ishara"],
                  ["Perera", "Fernando", "Silva", "Jayasinghe", "Bandara", "Wickramasinghe", "Dissanayake", "Herath"]),
    "nepali": (["Suman", "Bikash", "Sita", "Ramesh", "Anita", "Prakash", "Sujan", "Kiran"],
               ["Shrestha", "Sharma", "Adhikari", "Thapa", "Gurung", "Karki", "Rai", "Maharjan"]),
    "nigerian": (["Chinedu", "Oluwaseun", "Emeka", "Adebayo", "Ngozi", "Funmilayo", "Tunde", "Chioma", "Ibrahim", "Aisha",
                  "Kelechi", "Blessing", "Samuel", "David", "Yusuf", "Temitope"],
                 ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Ogunleye", "Nwosu", "Bello", "Abubakar", "Olawale",
                  "Adewale", "Chukwu", "Obi", "Ibrahim", "Musa", "Afolabi"]),
    "kenyan": (["Brian", "Kevin", "Faith", "Mercy", "Dennis", "Wanjiru", "Otieno", "Achieng", "Collins", "Grace", "Kiprono"],
               ["Mwangi", "Otieno", "Kamau", "Wanjiku", "Ochieng", "Kiprop", "Njoroge", "Mutua", "Omondi", "Chebet", "Kariuki"]),
    "ghanaian": (["Kwame", "Kofi", "Ama", "Akosua", "Yaw", "Esi", "Kwabena", "Abena"],
                 ["Mensah", "Owusu", "Boateng", "Asante", "Osei", "Agyeman", "Appiah", "Darko"]),
    "arab": (["Mohamed", "Ahmed", "Mahmoud", "Omar", "Youssef", "Mostafa", "Nour", "Yasmin", "Salma", "Karim", "Khaled",
              "Hassan", "Mariam", "Amr", "Hana", "Tarek"],
             ["Hassan", "Ali", "Ibrahim", "Mahmoud", "Mostafa", "Abdelrahman", "Saleh", "Farouk", "El-Sayed", "Nasser",
              "Khalil", "Mansour", "Haddad", "Benali", "El Amrani", "Said"]),
    "turkish": (["Mehmet", "Mustafa", "Ahmet", "Emre", "Burak", "Elif", "Zeynep", "Can", "Ayse", "Murat", "Selin", "Kerem"],
                ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk", "Arslan", "Dogan", "Kilic", "Aslan"]),
    "german": (["Lukas", "Jonas", "Felix", "Anna", "Lena", "Paul", "Maximilian", "Julia", "Tobias", "Sarah", "Florian", "Katharina"],
               ["Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter"]),
    "french": (["Louis", "Hugo", "Lucas", "Camille", "Chloe", "Manon", "Thomas", "Julien", "Nicolas", "Claire", "Antoine", "Marie"],
               ["Martin", "Bernard", "Dubois", "Durand", "Leroy", "Moreau", "Laurent", "Simon", "Michel", "Lefebvre", "Garnier", "Roux"]),
    "italian": (["Marco", "Luca", "Giulia", "Francesca", "Alessandro", "Matteo", "Chiara", "Andrea", "Davide", "Sara"],
                ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Bruno", "Gallo"]),
    "hispanic": (["Juan", "Carlos", "Luis", "Miguel", "Jose", "Diego", "Andres", "Sofia", "Valentina", "Camila", "Daniela",
                  "Alejandro", "Mariana", "Santiago", "Lucia", "Javier", "Gabriela", "Fernando"],
                 ["Garcia", "Rodriguez", "Martinez", "Lopez", "Gonzalez", "Hernandez", "Perez", "Sanchez", "Ramirez", "Torres",
                  "Flores", "Rivera", "Gomez", "Diaz", "Morales", "Castro", "Vargas", "Romero", "Herrera", "Medina"]),
    "brazilian": (["Joao", "Pedro", "Lucas", "Gabriel", "Mariana", "Ana", "Beatriz", "Rafael", "Felipe", "Juliana", "Bruno", "Larissa"],
                  ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira", "Almeida", "Carvalho", "Ribeiro", "Gomes"]),
    "portuguese": (["Joao", "Tiago", "Ines", "Beatriz", "Miguel", "Rui", "Catarina", "Goncalo", "Mariana", "Pedro"],
                   ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa", "Fernandes"]),
    "dutch": (["Daan", "Sem", "Emma", "Sanne", "Lars", "Thijs", "Lotte", "Bram", "Femke", "Ruben"],
              ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]),
    "polish": (["Jakub", "Piotr", "Krzysztof", "Tomasz", "Anna", "Katarzyna", "Magdalena", "Michal", "Pawel", "Agnieszka", "Marcin", "Joanna"],
               ["Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kowalczyk", "Kaminski", "Lewandowski", "Zielinski", "Szymanski",
                "Wozniak", "Dabrowski", "Kozlowski"]),
    "romanian": (["Andrei", "Alexandru", "Ioana", "Elena", "Mihai", "Cristian", "Andreea", "Stefan", "Bogdan", "Raluca"],
                 ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei", "Ciobanu", "Rusu"]),
    "serbian": (["Nikola", "Marko", "Stefan", "Milica", "Jelena", "Luka", "Ana", "Nemanja", "Jovana", "Milos"],
                ["Jovanovic", "Petrovic", "Nikolic", "Markovic", "Djordjevic", "Stojanovic", "Ilic", "Pavlovic", "Milosevic", "Popovic"]),
    "georgian": (["Giorgi", "Nino", "Luka", "Mariam", "David", "Ana", "Levan", "Tamar"],
                 ["Beridze", "Kapanadze", "Gelashvili", "Maisuradze", "Giorgadze", "Lomidze", "Tsiklauri", "Abashidze"]),
    "armenian": (["Armen", "Hayk", "Anna", "Narek", "Mariam", "Tigran", "Lilit", "Davit"],
                 ["Petrosyan", "Harutyunyan", "Sargsyan", "Hovhannisyan", "Grigoryan", "Khachatryan", "Vardanyan", "Avetisyan"]),
    "israeli": (["Noam", "Yonatan", "Tamar", "Noa", "Itai", "Maya", "Omer", "Shira"],
                ["Cohen", "Levi", "Mizrahi", "Peretz", "Biton", "Friedman", "Katz", "Azoulay"]),
    "nordic": (["Erik", "Lars", "Anna", "Emma", "Johan", "Karl", "Sara", "Oskar"],
               ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson"]),
}

# romanisation / transliteration variants (legitimate name mismatches between profile and bank)
ROMAN = {
    "Lee": ["Yi", "Rhee", "Ri", "I"], "Park": ["Pak", "Bak"], "Choi": ["Choe", "Chey"], "Jung": ["Jeong", "Chung"],
    "Kang": ["Gang"], "Cho": ["Jo", "Joe"], "Yoon": ["Yun"], "Jang": ["Chang"], "Lim": ["Im", "Rim"], "Shin": ["Sin"],
    "Kwon": ["Gwon"], "Kim": ["Gim"], "Zhang": ["Chang", "Cheung"], "Chen": ["Chan", "Tan"], "Wang": ["Wong"], "Huang": ["Wong", "Hwang"],
    "Wu": ["Ng", "Woo"], "Zhou": ["Chow", "Chau"], "Liu": ["Lau", "Lao"], "Xu": ["Hsu", "Tsui"],
    "Aleksandr": ["Alexander", "Oleksandr", "Alexandr"], "Dmitry": ["Dmitrii", "Dmitriy", "Dmytro"], "Sergey": ["Sergei", "Serhii", "Serhiy"],
    "Andrey": ["Andrei", "Andrii"], "Alexey": ["Aleksei", "Oleksii"], "Yuri": ["Yuriy", "Iurii", "Yurii"], "Nikolay": ["Nikolai", "Mykola"],
    "Oleksandr": ["Aleksandr", "Alexander", "Olexandr"], "Andrii": ["Andriy", "Andrey"], "Serhii": ["Serhiy", "Sergey"],
    "Dmytro": ["Dmitro", "Dmitry"], "Yurii": ["Yuriy", "Iurii"], "Yuliia": ["Yulia", "Iuliia"], "Vitalii": ["Vitaliy", "Vitaly"],
    "Mohammed": ["Muhammad", "Mohamed", "Mohammad"], "Muhammad": ["Mohammad", "Mohammed", "Muhammed"],
    "Mohamed": ["Mohammed", "Mohamad"], "Ahmed": ["Ahmad", "Ahmet"], "Youssef": ["Yousef", "Yusuf", "Joseph"],
    "Mostafa": ["Mustafa", "Moustafa"], "Hossain": ["Hussain", "Hosen"], "Chowdhury": ["Chowdhuri", "Choudhury"],
    "Mueller": ["Muller", "Müller"], "Ivanov": ["Ivanow"], "Kuznetsov": ["Kuznetsoff"],
    "Shevchenko": ["Shevchenco"], "Minjun": ["Min-jun", "Min Jun"], "Seoyeon": ["Seo-yeon"], "Jiho": ["Ji-ho"], "Hyunwoo": ["Hyun-woo"],
    "Sungmin": ["Sung-min", "Seong-min"], "Jieun": ["Ji-eun"], "Younghee": ["Young-hee", "Yeong-hui"], "Jaehyun": ["Jae-hyun"],
}
FAMILY_FIRST = {"chinese", "korean", "japanese", "vietnamese", "cantonese", "taiwanese"}

TECH_ROLES = [
    ("Full-Stack Developer", ["React", "Node.js", "TypeScript", "PostgreSQL", "AWS", "Docker", "Next.js", "GraphQL", "Express", "MongoDB"]),
    ("Frontend Developer", ["React", "Vue.js", "Angular", "TypeScript", "Tailwind CSS", "Redux", "HTML5", "CSS3", "Figma", "Jest"]),
    ("Backend Engineer", ["Python", "Django", "FastAPI", "Go", "PostgreSQL", "Redis", "Kafka", "Kubernetes", "gRPC", "Java", "Spring Boot"]),
    ("Mobile Developer", ["Flutter", "Dart", "React Native", "Swift", "Kotlin", "Firebase", "iOS", "Android", "SwiftUI", "Jetpack Compose"]),
    ("Blockchain Developer", ["Solidity", "Ethereum", "Web3.js", "Ethers.js", "Hardhat", "Rust", "Solana", "DeFi", "NFT", "Smart Contracts", "Foundry"]),
    ("DevOps Engineer", ["AWS", "Terraform", "Kubernetes", "Docker", "CI/CD", "GitHub Actions", "Ansible", "Prometheus", "Linux", "Azure"]),
    ("Data Scientist", ["Python", "Pandas", "scikit-learn", "PyTorch", "SQL", "Tableau", "TensorFlow", "NLP", "Spark", "LLM"]),
    ("AI/ML Engineer", ["Python", "PyTorch", "LangChain", "OpenAI API", "RAG", "Hugging Face", "FastAPI", "Vector databases", "MLOps"]),
    ("Game Developer", ["Unity", "C#", "Unreal Engine", "C++", "Blender", "Photon", "Godot"]),
    ("WordPress Developer", ["WordPress", "PHP", "WooCommerce", "Elementor", "MySQL", "jQuery", "SEO", "Shopify"]),
    ("QA Engineer", ["Selenium", "Cypress", "Playwright", "Postman", "JIRA", "Test automation", "Appium", "JMeter"]),
]
NONTECH_ROLES = [
    ("Graphic Designer", ["Adobe Photoshop", "Illustrator", "Figma", "Branding", "Logo design", "InDesign", "Canva"]),
    ("UI/UX Designer", ["Figma", "Sketch", "Prototyping", "User research", "Wireframing", "Design systems", "Adobe XD"]),
    ("Content Writer", ["SEO writing", "Copywriting", "Blog posts", "Technical writing", "Editing", "WordPress", "Research"]),
    ("Virtual Assistant", ["Email management", "Data entry", "Calendar management", "Customer support", "Google Workspace", "CRM"]),
    ("Digital Marketer", ["Google Ads", "Facebook Ads", "SEO", "Email marketing", "Analytics", "HubSpot", "Social media"]),
    ("Video Editor", ["Premiere Pro", "After Effects", "DaVinci Resolve", "Motion graphics", "YouTube", "Color grading"]),
    ("Translator", ["Translation", "Localization", "Proofreading", "Subtitling", "CAT tools", "Trados"]),
    ("Bookkeeper", ["QuickBooks", "Xero", "Bookkeeping", "Excel", "Payroll", "Reconciliation"]),
    ("Data Entry Specialist", ["Excel", "Data entry", "Web research", "Google Sheets", "Lead generation", "Typing"]),
]
FRONT_ROLES_W = {"Full-Stack Developer": 4, "Frontend Developer": 2, "Backend Engineer": 2, "Mobile Developer": 2.5,
                 "Blockchain Developer": 3, "AI/ML Engineer": 1.5, "Game Developer": 1, "DevOps Engineer": 0.7,
                 "WordPress Developer": 0.7, "Data Scientist": 0.5, "QA Engineer": 0.3}

COMPANIES = ["Accenture", "Globant", "EPAM Systems", "Infosys", "Wipro", "Tata Consultancy Services", "Toptal", "Andela",
             "Shopify", "Stripe", "Coinbase", "Binance", "Crypto.com", "Amazon", "Microsoft", "Google", "Meta", "IBM", "Oracle",
             "SAP", "Deloitte", "Capgemini", "Cognizant", "HCL", "Thoughtworks", "Luxoft", "SoftServe", "Ciklum", "N-iX",
             "GlobalLogic", "Endava", "10Clouds", "STX Next", "Netguru", "Rappi", "Mercado Libre", "Nubank", "Grab", "Gojek",
             "Tokopedia", "Flipkart", "Paytm", "Zomato", "Swiggy", "Jumia", "Flutterwave", "Paystack", "Konga", "Careem",
             "Yandex", "Kaspersky", "JetBrains", "Revolut", "Monzo", "N26", "Zalando", "Delivery Hero", "Spotify", "Klarna",
             "Booking.com", "Adyen", "Rakuten", "LINE", "Naver", "Kakao", "Alibaba", "Tencent", "ByteDance", "Baidu", "Sea Group",
             "Canva", "Atlassian", "Xero", "Freshworks", "Zoho", "Razorpay", "PolygonLabs", "Chainlink Labs", "ConsenSys",
             "Uniswap Labs", "OpenSea", "Ripple", "Kraken", "Gemini", "BitGo", "Circle"]
SMALL_CO_A = ["Blue", "Bright", "Nova", "Pixel", "Cloud", "Smart", "Digital", "Quantum", "Agile", "Next", "Prime", "Apex",
              "Vertex", "Lumen", "Swift", "Iron", "Silver", "Golden", "Crystal", "Green", "Red", "Urban", "Global", "Peak",
              "Summit", "Core", "Bit", "Byte", "Code", "Data", "Soft", "Tech", "Star", "Sky", "Ocean", "River", "Stone", "Maple"]
SMALL_CO_B = ["Labs", "Solutions", "Systems", "Studio", "Works", "Soft", "Digital", "Technologies", "Innovations", "Media",
              "Software", "Apps", "Dynamics", "Logic", "Group", "Consulting", "Partners", "Hub", "Factory", "Forge"]
UNIVERSITIES = {
    "US": ["University of Texas at Austin", "Georgia Institute of Technology", "Arizona State University", "Penn State University",
           "University of Washington", "Purdue University", "Rutgers University", "University of Florida", "Ohio State University"],
    "GB": ["University of Manchester", "University of Leeds", "King's College London", "University of Edinburgh"],
    "CA": ["University of Toronto", "University of Waterloo", "McGill University", "University of British Columbia"],
    "IN": ["VIT Vellore", "Anna University", "IIT Bombay", "Pune University", "Amity University", "Jawaharlal Nehru Technological University"],
    "PK": ["FAST-NUCES", "COMSATS University", "University of the Punjab", "NUST"],
    "UA": ["Kyiv Polytechnic Institute", "Lviv Polytechnic", "Kharkiv National University of Radio Electronics"],
    "JP": ["University of Tokyo", "Osaka University", "Waseda University", "Keio University"],
    "SG": ["National University of Singapore", "Nanyang Technological University"],
    "PL": ["Warsaw University of Technology", "AGH University of Krakow", "Wroclaw University of Science and Technology"],
    "CN": ["Zhejiang University", "Harbin Institute of Technology", "Dalian University of Technology", "Wuhan University"],
    "KR": ["Seoul National University", "KAIST", "Yonsei University", "Korea University"],
    "RU": ["ITMO University", "Bauman Moscow State Technical University", "Novosibirsk State University"],
}
GENERIC_UNIS = ["State University", "National University", "Technical University", "Polytechnic Institute", "Institute of Technology"]

SUMMARY_OPENERS = [
    "{role} with {y} years of experience building {thing}.",
    "I am a {adj} {role} with {y}+ years of hands-on experience in {thing}.",
    "Hi! I'm {first}, a {role} based in {city}.",
    "{adj_cap} {role} focused on {thing} for startups and established companies.",
    "Over the past {y} years I have delivered {thing} for clients across {regions}.",
    "Experienced {role} ({y} yrs) who loves clean code and clear communication.",
    "{role} | {s1} | {s2} | {y} years",
    "Hello, my name is {first} and I help businesses with {thing}.",
]
SUMMARY_MIDDLES = [
    "I specialise in {s1}, {s2} and {s3}, and I care about maintainable, well-tested solutions.",
    "My core stack is {s1}, {s2} and {s3}.",
    "Recent work includes {proj} and {proj2}.",
    "I have worked with clients in {regions} and I am comfortable with {tz_note}.",
    "I enjoy turning vague requirements into {thing} that users actually like.",
    "Strong background in {s1} and {s2}; certified in {cert}.",
    "I communicate daily, share progress through {tool}, and deliver on time.",
    "Top Rated freelancer with a {pct}% job success score.",
    "I previously worked at {co1} and {co2}.",
    "Available {avail} hours per week.",
]
THINGS_NT = ["brand identities", "long-form content", "marketing campaigns", "clean financial records", "localized product copy",
             "social media growth", "video content", "organized inboxes and calendars", "lead lists", "landing page copy"]
THINGS = ["scalable web applications", "e-commerce platforms", "SaaS products", "mobile apps", "REST and GraphQL APIs",
          "data pipelines", "DeFi protocols and dApps", "marketing websites", "internal dashboards", "chatbots and AI assistants",
          "cloud infrastructure", "brand identities", "long-form content", "automation workflows", "multiplayer games"]
PROJECTS = ["a real-time logistics dashboard", "a marketplace for local services", "an NFT minting platform", "a telehealth app",
            "a fintech onboarding flow", "a crypto trading bot", "an LMS for a language school", "a property listing portal",
            "a Shopify store migration", "a CRM integration", "an AI customer-support assistant", "a fitness tracking app",
            "a DEX aggregator", "a restaurant ordering system", "a ticketing system", "a blockchain wallet", "an HR portal"]
REGIONS = ["the US and Europe", "North America", "the UK, Germany and Australia", "the Middle East and Europe",
           "over 20 countries", "Latin America and the US", "Asia-Pacific", "the US, Canada and the UK"]
TZ_NOTES = ["overlapping with US business hours", "EST and PST time zones", "working across time zones",
            "flexible hours", "European business hours", "async collaboration"]
CERTS = ["AWS Solutions Architect", "Google Cloud Professional", "Scrum Master (PSM I)", "Meta Front-End",
         "Azure Developer Associate", "CKA", "Google Analytics", "HubSpot Inbound"]
TOOLS = ["Slack", "Jira", "Trello", "Asana", "Loom videos", "GitHub", "Notion", "daily reports"]
ADJS = ["senior", "passionate", "detail-oriented", "results-driven", "creative", "reliable", "experienced", "full-time"]

PROPOSAL_OPEN = ["Hi there,", "Hello,", "Dear Hiring Manager,", "Hi {client},", "Good day!", "Hello, I read your job post carefully.",
                 "Hi, I'm excited about this project.", "Greetings,"]
PROPOSAL_BODY = [
    "I have {y} years of experience with {s1} and {s2}, and I have built similar projects before.",
    "Your project looks like a great fit for my skills in {s1}.",
    "I can start immediately and deliver the first milestone within {d} days.",
    "I recently finished {proj}, which is very close to what you need.",
    "Could you share more details about the current codebase and the deadline?",
    "I would approach this by first reviewing the requirements, then building a small prototype in {s1}.",
    "I am available {avail} hours per week and can overlap with your working hours.",
    "My rate is flexible for a long-term collaboration.",
    "Please check my portfolio; I'd be happy to hop on a quick call.",
    "I have read the job description and I am confident I can deliver high quality work.",
]
PROPOSAL_CLOSE = ["Best regards,\n{first}", "Thanks,\n{first}", "Looking forward to hearing from you.\n{first}", "Regards, {first}",
                  "Cheers,\n{first}", "Thank you for your time."]

WEBMAIL = {"default": [("gmail.com", 70), ("outlook.com", 10), ("yahoo.com", 7), ("hotmail.com", 6), ("icloud.com", 3), ("proton.me", 2)],
           "CN": [("qq.com", 40), ("163.com", 25), ("gmail.com", 20), ("126.com", 8), ("outlook.com", 7)],
           "KR": [("naver.com", 50), ("gmail.com", 35), ("daum.net", 10), ("kakao.com", 5)],
           "RU": [("yandex.ru", 35), ("mail.ru", 30), ("gmail.com", 30), ("rambler.ru", 5)],
           "BY": [("yandex.by", 20), ("mail.ru", 30), ("gmail.com", 50)],
           "JP": [("gmail.com", 60), ("yahoo.co.jp", 30), ("icloud.com", 10)],
           "DE": [("gmail.com", 45), ("web.de", 20), ("gmx.de", 20), ("outlook.com", 10), ("t-online.de", 5)],
           "FR": [("gmail.com", 60), ("orange.fr", 15), ("hotmail.fr", 15), ("free.fr", 10)],
           "UA": [("gmail.com", 80), ("ukr.net", 15), ("i.ua", 5)],
           "IN": [("gmail.com", 85), ("yahoo.com", 7), ("rediffmail.com", 3), ("outlook.com", 5)]}

VPN_EXIT_COUNTRIES = [("US", 30), ("NL", 8), ("DE", 8), ("GB", 8), ("CA", 5), ("SG", 5), ("JP", 5), ("CH", 4), ("SE", 3),
                      ("FR", 4), ("HK", 4), ("AU", 3), ("RO", 2), ("ES", 2), ("IT", 2), ("PL", 2)]

# DPRK operator bases (public record: Shenyang/Dandong in Liaoning, Pyongyang, Vladivostok/Russia, Vientiane/Laos)
OPERATOR_BASES = [("CN", "Asia/Shanghai", 55), ("KP", "Asia/Pyongyang", 12), ("RU", "Asia/Vladivostok", 15),
                  ("LA", "Asia/Vientiane", 10), ("RU", "Europe/Moscow", 3), ("CN", "Asia/Shanghai", 5)]
# countries fronts claim (US first; Japan, Canada, UK, Singapore, Ukraine, Poland, Europe expansion per GTIG 2025)
FRONT_CLAIMS = [("US", 52), ("CA", 6), ("GB", 4), ("JP", 6), ("SG", 3), ("MY", 2), ("UA", 4), ("PL", 3), ("DE", 3), ("PT", 2),
                ("RS", 2), ("IT", 1.5), ("HK", 2), ("TW", 1.5), ("KR", 1.5), ("AU", 2), ("VN", 1.5), ("NL", 1), ("FR", 1),
                ("ES", 1), ("MX", 0.7), ("BR", 0.7), ("AR", 0.5), ("CN", 1), ("TR", 0.5), ("RO", 0.8), ("ID", 0.5)]
TACTICS = {  # tactic: (weight, discipline range)
    "commercial_vpn": (22, (0.0, 0.45)),
    "laptop_farm": (20, (0.45, 0.95)),
    "rented_identity": (13, (0.5, 0.95)),
    "residential_proxy": (9, (0.35, 0.85)),
    "client_hours": (9, (0.3, 0.8)),
    "aged_account": (7, (0.3, 0.85)),
    "payout_layering": (7, (0.3, 0.8)),
    "ai_content": (7, (0.35, 0.85)),
    "front_agency": (6, (0.2, 0.7)),
}
LAPTOP_FARM_STATES = [("Phoenix", "America/Phoenix"), ("Nashville", "America/Chicago"), ("Edison", "America/New_York"),
                      ("Bowie", "America/New_York"), ("Hillsboro", "America/Chicago"), ("Fort Lee", "America/New_York"),
                      ("Minneapolis", "America/Chicago"), ("Litchfield Park", "America/Phoenix"), ("Dallas", "America/Chicago"),
                      ("Sacramento", "America/Los_Angeles"), ("Atlanta", "America/New_York")]

LOOKALIKES = {  # segment: share of the legitimate population (range; drawn per seed)
    "privacy_vpn": (0.03, 0.08),
    "traveller": (0.02, 0.05),
    "asia_night_shift": (0.03, 0.07),
    "agency": (0.04, 0.10),
    "cn_kr_ru_consistent": (0.025, 0.06),
    "romanisation": (0.01, 0.03),
    "voip_phone": (0.01, 0.04),
    "web3_crypto": (0.02, 0.05),
    "shared_connection": (0.02, 0.05),
    "remote_desktop": (0.005, 0.015),
}

END = dt.datetime(2026, 11, 20, tzinfo=dt.timezone.utc)
UTC = dt.timezone.utc


def rfc3339(t: dt.datetime) -> str:
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ----------------------------------------------------------------------------------------------
# Network data
# ----------------------------------------------------------------------------------------------
NONRES = re.compile(
    r"host|cloud|server|data ?cent|vps|colo|amazon|google|microsoft|digitalocean|ovh|hetzner|linode|akamai|cloudflare|"
    r"leaseweb|vultr|choopa|m247|alibaba|tencent|oracle|\bibm\b|facebook|meta plat|apple|fastly|univ|college|school|research|"
    r"govern|ministry|department|\bdod\b|army|navy|air force|bank|information center|educa|academ|institut|\bedu|cdn|"
    r"content deliv|exchange|vpn|proxy|security|defen|registry|level 3|cogent|hurricane|zayo|lumen|gtt|telia|motor|"
    r"mercedes|forschungs|jisc|samsungsds|backbone|transit|carrier|hosting|datacamp|packet|cyber|web services|dedicated",
    re.I)


class Net:
    def __init__(self, data_dir: str, rng: random.Random):
        self.rng = rng
        self.seed_salt = rng.getrandbits(16)
        self.data_dir = d = data_dir
        self.geo = [maxminddb.open_database(os.path.join(d, "ip-location-db", "geo-whois-asn-country.mmdb")),
                    maxminddb.open_database(os.path.join(d, "ip-location-db", "dbip-country.mmdb"))]
        bad = set()
        with open(os.path.join(d, "brianhama-bad-asn-list", "bad-asn-list.csv")) as f:
            for line in f:
                m = re.match(r"\s*(\d+)\s*,", line)
                if m:
                    bad.add(int(m.group(1)))
        for fn in ("input/vpn/ASN.txt", "input/datacenter/ASN.txt"):
            with open(os.path.join(d, "x4bnet-lists_vpn", fn)) as f:
                for line in f:
                    m = re.match(r"AS(\d+)", line.strip())
                    if m:
                        bad.add(int(m.group(1)))
        # non-eyeball ranges (for excluding from residential draws)
        ivs = []
        for fn in ("output/vpn/ipv4.txt", "output/datacenter/ipv4.txt"):
            with open(os.path.join(d, "x4bnet-lists_vpn", fn)) as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    n = ipaddress.ip_network(line, strict=False)
                    ivs.append((int(n.network_address), int(n.broadcast_address)))
        ivs.sort()
        merged = []
        for s, e in ivs:
            if merged and s <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.dc_starts = [m[0] for m in merged]
        self.dc_ends = [m[1] for m in merged]
        # residential ISP ranges per country
        agg = collections.defaultdict(collections.Counter)
        ranges = collections.defaultdict(list)  # (cc, asn) -> [(s, e)]
        self.asn_org = {}
        with gzip.open(os.path.join(d, "ip-location-db", "asn-ipv4.csv.gz"), "rt") as f:
            for row in csv.reader(f):
                a, b, asn, org = row[0], row[1], int(row[2]), row[3]
                if asn in bad or NONRES.search(org):
                    continue
                s = int(ipaddress.IPv4Address(a))
                e = int(ipaddress.IPv4Address(b))
                if e - s < 255:
                    continue
                cc = (self.geo[0].get(a) or {}).get("country_code")
                if not cc:
                    continue
                agg[cc][asn] += e - s + 1
                ranges[(cc, asn)].append((s, e))
                self.asn_org[asn] = org
        self.isp = {}  # cc -> (asns, weights)
        for cc, cnt in agg.items():
            top = cnt.most_common(8)
            asns = [a for a, _ in top]
            w = [math.sqrt(c) for _, c in top]
            self.isp[cc] = (asns, w)
        self.ranges = {k: v for k, v in ranges.items() if k[1] in set(self.isp.get(k[0], ([], []))[0])}
        self.range_w = {k: [math.sqrt(e - s + 1) for s, e in v] for k, v in self.ranges.items()}
        # IPv6 for chosen ISPs
        isp_asns = {(a) for cc in self.isp for a in self.isp[cc][0]}
        self.ranges6 = collections.defaultdict(list)
        with gzip.open(os.path.join(d, "ip-location-db", "asn-ipv6.csv.gz"), "rt") as f:
            for row in csv.reader(f):
                asn = int(row[2])
                if asn not in isp_asns:
                    continue
                s = int(ipaddress.IPv6Address(row[0]))
                e = int(ipaddress.IPv6Address(row[1]))
                if e - s < 2 ** 64:
                    continue
                self.ranges6[asn].append((s, e))
        # VPN / datacenter CIDRs per country
        self.vpn = self._cidrs_by_country(["output/vpn/ipv4.txt"])
        self.dc = self._cidrs_by_country(["output/datacenter/ipv4.txt"])
        self.tor = []
        with open(os.path.join(d, "tor-nodes", "exit-relay-ips.txt")) as f:
            for line in f:
                line = line.strip()
                if line and ":" not in line:
                    self.tor.append(line)
        self.cgnat = {}  # cc -> list of shared mobile IPs
        self.relay = collections.defaultdict(list)
        with open(os.path.join(d, "x4bnet-lists_vpn", "input", "vpn", "ips", "apple.txt")) as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#") and ":" not in line:
                    n = ipaddress.ip_network(line, strict=False)
                    cc = (self.geo[1].get(str(n.network_address)) or {}).get("country_code")
                    if cc:
                        self.relay[cc].append((int(n.network_address), int(n.broadcast_address)))

    def _cidrs_by_country(self, files):
        out = collections.defaultdict(list)
        for fn in files:
            with open(os.path.join(self._d(), "x4bnet-lists_vpn", fn)) as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#"):
                        continue
                    n = ipaddress.ip_network(line, strict=False)
                    cc = (self.geo[0].get(str(n.network_address)) or {}).get("country_code")
                    if cc:
                        out[cc].append((int(n.network_address), int(n.broadcast_address)))
        return out

    def _d(self):
        return self.data_dir

    def is_dc(self, x: int) -> bool:
        i = bisect.bisect_right(self.dc_starts, x) - 1
        return i >= 0 and self.dc_ends[i] >= x

    def country_ok(self, ip: str, cc: str) -> bool:
        for g in self.geo:
            r = g.get(ip)
            if not r or r.get("country_code") != cc:
                return False
        return True

    def pick_isp(self, cc: str, rng: random.Random):
        if cc not in self.isp:
            cc = "US"
        asns, w = self.isp[cc]
        return cc, rng.choices(asns, w)[0]

    def residential(self, cc: str, rng: random.Random, asn=None, v6share=0.0) -> str:
        if cc not in self.isp:
            cc = "US"
        for _ in range(40):
            a = asn if asn is not None else self.pick_isp(cc, rng)[1]
            if v6share and rng.random() < v6share and self.ranges6.get(a):
                s, e = rng.choice(self.ranges6[a])
                ip = str(ipaddress.IPv6Address(rng.randint(s, e)))
                if self.country_ok(ip, cc):
                    return ip
                continue
            key = (cc, a)
            if key not in self.ranges:
                asn = None
                continue
            s, e = rng.choices(self.ranges[key], self.range_w[key])[0]
            x = rng.randint(s, e)
            if x & 0xFF in (0, 255) or self.is_dc(x):
                continue
            ip = str(ipaddress.IPv4Address(x))
            if self.country_ok(ip, cc):
                return ip
            asn = None
        # fallback: any verified residential in US
        return self.residential("US", rng) if cc != "US" else "73.%d.%d.%d" % (rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))

    def neighbour(self, ip: str, rng: random.Random, cc: str) -> str:
        """another address in the same /24 (DHCP churn), verified."""
        if ":" in ip:
            base = int(ipaddress.IPv6Address(ip)) >> 64 << 64
            return str(ipaddress.IPv6Address(base + rng.getrandbits(64)))
        x = int(ipaddress.IPv4Address(ip)) & ~0xFF
        for _ in range(10):
            cand = str(ipaddress.IPv4Address(x + rng.randint(1, 254)))
            if self.country_ok(cand, cc):
                return cand
        return ip

    def from_cidrs(self, table, cc, rng):
        lst = table.get(cc)
        if not lst:
            lst = table.get("US")
            cc = "US"
        for _ in range(30):
            s, e = rng.choice(lst)
            x = rng.randint(s, e) if e > s else s
            ip = str(ipaddress.IPv4Address(x))
            if (self.geo[0].get(ip) or {}).get("country_code") == cc:
                return ip
        return str(ipaddress.IPv4Address(s))

    def vpn_ip(self, cc, rng):
        return self.from_cidrs(self.vpn, cc, rng)

    def hosting_ip(self, cc, rng):
        return self.from_cidrs(self.dc, cc, rng)

    def relay_ip(self, cc, rng):
        lst = self.relay.get(cc) or self.relay.get("US")
        s, e = rng.choice(lst)
        return str(ipaddress.IPv4Address(rng.randint(s, e)))

    def tor_ip(self, rng):
        return rng.choice(self.tor)

    def cgnat_ip(self, cc, rng):
        """mobile carrier NAT: a small pool of shared addresses per country."""
        if cc not in self.cgnat:
            r2 = random.Random(int(hashlib.md5(cc.encode()).hexdigest()[:8], 16) ^ self.seed_salt)
            c2, a = self.pick_isp(cc, r2)
            self.cgnat[cc] = [self.residential(c2, r2, asn=a) for _ in range(r2.randint(40, 160))]
        return rng.choice(self.cgnat[cc])




# ----------------------------------------------------------------------------------------------
# Phones
# ----------------------------------------------------------------------------------------------
US_AREA = [201, 202, 206, 212, 213, 214, 216, 248, 301, 303, 305, 310, 312, 313, 321, 404, 407, 408, 410, 412, 415, 469, 480,
           503, 510, 512, 571, 602, 612, 614, 615, 617, 619, 629, 646, 650, 651, 702, 703, 704, 713, 718, 720, 801, 813,
           818, 858, 916, 919, 949, 954, 973]
CA_AREA = [416, 647, 437, 604, 778, 514, 438, 403, 587, 613, 343]


class Phones:
    def __init__(self, data_dir):
        self.examples = collections.defaultdict(dict)
        with open(os.path.join(data_dir, "phone-vectors", "phonenumbers_example_numbers.csv")) as f:
            for r in csv.DictReader(f):
                if r["valid"] == "True":
                    self.examples[r["region"]][r["type"]] = r["e164"]

    def make(self, cc, rng, kind="MOBILE"):
        if cc in ("US", "CA") and kind != "VOIP":
            area = rng.choice(US_AREA if cc == "US" else CA_AREA)
            for _ in range(50):
                nxx = rng.randint(201, 989)
                if nxx % 100 == 55 or nxx == 555:
                    continue
                num = "+1%d%d%04d" % (area, nxx, rng.randint(0, 9999))
                p = phonenumbers.parse(num)
                if phonenumbers.is_valid_number(p) and phonenumbers.region_code_for_number(p) == cc:
                    return p
        ex = self.examples.get(cc, {})
        base = ex.get(kind) or ex.get("MOBILE") or ex.get("FIXED_LINE_OR_MOBILE") or ex.get("FIXED_LINE")
        if base is None:
            return None
        p0 = phonenumbers.parse(base)
        nat = str(p0.national_number)
        keep = min(3, max(1, len(nat) - 5))
        for _ in range(80):
            cand = nat[:keep] + "".join(str(rng.randint(0, 9)) for _ in range(len(nat) - keep))
            p = phonenumbers.parse("+%d%s" % (p0.country_code, cand))
            if phonenumbers.is_valid_number(p) and phonenumbers.region_code_for_number(p) == cc:
                return p
        return p0

    @staticmethod
    def fmt(p, rng, claimed_cc):
        if p is None:
            return None
        r = rng.random()
        if r < 0.55:
            return phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.E164)
        if r < 0.85 or phonenumbers.region_code_for_number(p) != claimed_cc:
            return phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.NATIONAL)


# ----------------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------------
def wchoice(rng, pairs):
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def slug(s):
    s = s.lower().replace("'", "").replace("ü", "u")
    return re.sub(r"[^a-z0-9]+", "", s)


class IdGen:
    def __init__(self, rng):
        self.rng = rng
        self.used = set()

    def new(self, prefix, bits=40):
        while True:
            v = "%s%0*x" % (prefix, bits // 4, self.rng.getrandbits(bits))
            if v not in self.used:
                self.used.add(v)
                return v


def flip_bits(h: int, k: int, rng) -> int:
    for b in rng.sample(range(64), k):
        h ^= 1 << b
    return h


def phash_str(h: int) -> str:
    return "%016x" % h


def tz_offset_hours(tzname, when):
    return ZoneInfo(tzname).utcoffset(when.replace(tzinfo=None)).total_seconds() / 3600.0


# hour profiles in the *actor's* local clock -------------------------------------------------
def day_profile(shift=0.0, spread=1.0, evening=0.15):
    w = []
    for h in range(24):
        x = (h - 13.0 - shift)
        core = math.exp(-0.5 * (x / (3.6 * spread)) ** 2)
        lunch = 0.75 if int((h - shift) % 24) == 12 else 1.0
        eve = evening * math.exp(-0.5 * ((h - 21.5 - shift) / 1.8) ** 2)
        night = 0.01
        w.append(core * lunch + eve + night)
    return w


def shifted(profile, hours):
    k = int(round(hours)) % 24
    return [profile[(h - k) % 24] for h in range(24)]


def long_day_profile(start, length):
    """operator-style shift: flat high activity for `length` hours from local `start`."""
    w = [0.02] * 24
    for i in range(int(length)):
        w[(start + i) % 24] = 1.0
    return w


class Actor:
    """Where and when the sessions really come from."""

    def __init__(self, tz, profile, rest_days=(5, 6), rest_p=0.75, sessions_per_day=1.5, dur_median=2400):
        self.tz = tz
        self.profile = profile
        self.rest_days = rest_days
        self.rest_p = rest_p
        self.sessions_per_day = sessions_per_day
        self.dur_median = dur_median


def draw_times(rng, actor, n, start, end):
    """n session start times in [start, end] following actor's local-hour profile."""
    z = ZoneInfo(actor.tz)
    span = (end - start).total_seconds()
    out = []
    tries = 0
    if span <= 3600:
        return [start + dt.timedelta(seconds=rng.uniform(0, max(span, 1))) for _ in range(n)]
    days = max(1, int(span // 86400))
    hours = list(range(24))
    while len(out) < n and tries < n * 20:
        tries += 1
        d0 = start + dt.timedelta(days=rng.randrange(days + 1))
        local_day = d0.astimezone(z).date()
        if local_day.weekday() in actor.rest_days and rng.random() < actor.rest_p:
            continue
        h = rng.choices(hours, actor.profile)[0]
        loc = dt.datetime(local_day.year, local_day.month, local_day.day, h, rng.randrange(60), rng.randrange(60), tzinfo=z)
        t = loc.astimezone(UTC)
        if start <= t <= end:
            out.append(t)
    while len(out) < n:
        out.append(start + dt.timedelta(seconds=rng.uniform(0, span)))
    out.sort()
    return out


# ----------------------------------------------------------------------------------------------
# The world
# ----------------------------------------------------------------------------------------------
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BANKS = {"US": ["CHASE", "BOFA", "WELLSFARGO", "CITI", "CAPITALONE", "USBANK", "PNC", "TD", "ALLY", "NAVYFED"],
         "CN": ["ICBC", "BOC", "CCB", "ABC", "CMB", "BOCOM"], "HK": ["HSBC", "BOCHK", "HANGSENG", "STANCHART"],
         "IN": ["HDFC", "ICICI", "SBI", "AXIS", "KOTAK"], "GB": ["BARCLAYS", "HSBC", "LLOYDS", "NATWEST", "MONZO"],
         "JP": ["MUFG", "SMBC", "MIZUHO", "RAKUTEN"], "RU": ["SBERBANK", "TINKOFF", "VTB", "ALFA"]}
IBAN_CC = {"DE", "FR", "ES", "IT", "PT", "NL", "PL", "RO", "RS", "GB", "IE", "SE", "UA", "TR", "GE", "AE", "IL", "EG", "PK", "BY", "KZ", "AM"}


class World:
    def __init__(self, n, seed, data_dir):
        self.n = n
        self.seed = seed
        self.rng = rng = random.Random(seed)
        t0 = time.time()
        self.net = Net(data_dir, random.Random(seed + 7))
        self.phones = Phones(data_dir)
        self.sanctioned = []
        for asset in ("USDT", "ETH", "TRX"):
            fn = os.path.join(data_dir, "ofac-sdn", "sanctioned-crypto-addresses-0xB10C", "sanctioned_addresses_%s.txt" % asset)
            if os.path.exists(fn):
                self.sanctioned += [l.strip() for l in open(fn) if l.strip()]
        print("network data loaded in %.1fs" % (time.time() - t0), file=sys.stderr)
        self.ids = IdGen(rng)
        self.out = []      # applicant dicts
        self.truth = []    # truth rows
        # --- seed-level parameters (vary widely by seed) ---
        self.front_rate = math.exp(rng.uniform(math.log(0.005), math.log(0.05)))
        self.look_share = {k: rng.uniform(*v) for k, v in LOOKALIKES.items()}
        self.p_vpn_user = rng.uniform(0.08, 0.30)       # ordinary people who sometimes use a VPN
        self.p_photo = rng.uniform(0.7, 0.92)
        self.p_phone = rng.uniform(0.5, 0.9)
        self.p_ship = rng.uniform(0.03, 0.12)
        self.p_cloud_dev = rng.uniform(0.02, 0.08)
        self.p_relay = rng.uniform(0.03, 0.15)
        self.p_full_time = rng.uniform(0.15, 0.35)
        self.p_relative_account = rng.uniform(0.01, 0.05)
        self.window_days = rng.choice([90, 120, 180, 270])
        self.end = END - dt.timedelta(days=rng.randint(0, 60))
        self.tactic_w = {k: v[0] * rng.uniform(0.4, 1.8) for k, v in TACTICS.items()}
        self.stock_photos = [rng.getrandbits(64) for _ in range(12)]   # stock/default avatars used by unrelated people
        self.public_templates = [self._template_skeleton(rng) for _ in range(6)]
        cw = [(cc, v[0]) for cc, v in COUNTRIES.items()]
        self.country_pairs = cw

    # ---------------- basic identity pieces ----------------
    def pick_country(self, rng, pairs=None):
        return wchoice(rng, pairs or self.country_pairs)

    def city_tz(self, cc, rng):
        cities = COUNTRIES[cc][3]
        c = rng.choices(cities, [x[2] for x in cities])[0]
        return c[0], c[1]

    def name(self, pool, rng):
        firsts, lasts = NAMES[pool]
        return rng.choice(firsts), rng.choice(lasts)

    @staticmethod
    def display(first, last, pool, rng):
        if pool in FAMILY_FIRST and rng.random() < 0.25:
            return "%s %s" % (last, first)
        return "%s %s" % (first, last)

    def email(self, first, last, cc, rng, style=None, digits=None):
        dom = wchoice(rng, WEBMAIL.get(cc, WEBMAIL["default"]))
        f, l = slug(first), slug(last)
        style = style or rng.choices(["dot", "plain", "init", "year", "digits", "nick", "custom"], [30, 15, 10, 15, 12, 10, 8])[0]
        if style == "dot":
            u = "%s.%s" % (f, l)
        elif style == "plain":
            u = f + l
        elif style == "init":
            u = f[:1] + l
        elif style == "year":
            u = "%s%s%02d" % (f, l, rng.choice([rng.randint(80, 99), rng.randint(0, 9)]))
        elif style == "digits":
            u = "%s.%s%s" % (f, l, digits or str(rng.randint(1, 9999)))
        elif style == "nick":
            u = "%s%s%s" % (rng.choice(["the", "its", "dev", "hello", "real", "mr", "im"]), f, rng.choice(["", "dev", "codes", "design", str(rng.randint(1, 99))]))
        else:
            return "%s@%s%s" % (f, l, rng.choice([".dev", ".io", ".com", ".me", "studio.com"]))
        return "%s@%s" % (u, dom)

    def phone(self, cc, rng, kind="MOBILE", claimed=None):
        p = self.phones.make(cc, rng, kind)
        return Phones.fmt(p, rng, claimed or cc)

    def holder_variant(self, first, last, rng):
        r = rng.random()
        if r < 0.55:
            return "%s %s" % (first, last)
        if r < 0.75:
            return ("%s %s" % (first, last)).upper()
        if r < 0.85:
            return "%s %s. %s" % (first, rng.choice("ABCDEFGHJKLMNPRSTW"), last)
        return "%s, %s" % (last.upper(), first.upper())

    def account(self, method, cc, rng, email=None):
        if method == "bank":
            if cc in IBAN_CC:
                return "%s%02d%s" % (cc, rng.randint(10, 99), "".join(str(rng.randint(0, 9)) for _ in range(rng.choice([14, 16, 18, 20]))))
            bank = rng.choice(BANKS.get(cc, ["BANK", "NATIONAL", "CITY", "UNION", "COMMERCIAL"]))
            return "%s-%s-%012d" % (cc, bank, rng.getrandbits(40) % 10 ** 12)
        if method == "paypal":
            return email if email and rng.random() < 0.7 else "pp-%s@%s" % (rng.getrandbits(32), rng.choice(["gmail.com", "outlook.com", "yahoo.com"]))
        if method == "payoneer":
            return "PAYONEER-%010d" % (rng.getrandbits(34) % 10 ** 10)
        if method == "wise":
            return "WISE-%09d" % (rng.getrandbits(30) % 10 ** 9)
        if method == "crypto":
            k = rng.random()
            if k < 0.5:
                return "T" + "".join(rng.choice(B58) for _ in range(33))
            if k < 0.85:
                return "0x" + "%040x" % rng.getrandbits(160)
            return "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))
        return "%s-%010d" % (rng.choice(["SKRILL", "ALIPAY", "WECHATPAY", "PAYSERA", "AIRTM", "GCASH", "JAZZCASH", "BKASH"]), rng.getrandbits(33) % 10 ** 10)

    def legit_payouts(self, cc, first, last, email, rng, n_extra=None, crypto_bias=0.0):
        if cc in ("US", "CA", "GB", "AU", "DE", "FR", "ES", "IT", "PT", "NL", "SE", "IE", "IL", "JP", "SG", "AE"):
            mix = [("bank", 55), ("paypal", 28), ("wise", 10), ("payoneer", 5), ("crypto", 2)]
        elif cc in ("IN",):
            mix = [("bank", 50), ("payoneer", 25), ("paypal", 12), ("wise", 10), ("crypto", 3)]
        elif cc in ("RU", "BY"):
            mix = [("bank", 30), ("crypto", 30), ("payoneer", 10), ("other", 20), ("wise", 10)]
        elif cc in ("CN", "HK", "TW", "KR"):
            mix = [("bank", 45), ("payoneer", 30), ("paypal", 15), ("other", 10)]
        elif cc in ("AR", "VE", "NG", "TR"):
            mix = [("payoneer", 30), ("crypto", 22), ("bank", 25), ("wise", 13), ("paypal", 10)]
        else:
            mix = [("payoneer", 40), ("bank", 32), ("wise", 12), ("paypal", 10), ("crypto", 3), ("other", 3)]
        if crypto_bias:
            mix = mix + [("crypto", 100 * crypto_bias)]
        k = n_extra if n_extra is not None else rng.choices([0, 1, 2, 3], [6, 68, 22, 4])[0]
        outs = []
        for _ in range(k):
            m = wchoice(rng, mix)
            acc_cc = cc
            if m == "payoneer" and cc not in ("US",) and rng.random() < 0.3:
                acc_cc = "US"        # Payoneer's US receiving accounts
            if m == "wise" and rng.random() < 0.35:
                acc_cc = rng.choice(["GB", "BE", "US"])
            holder = self.holder_variant(first, last, rng)
            if rng.random() < self.p_relative_account:     # paid into a spouse's / parent's account
                holder = "%s %s" % (self.name(COUNTRIES.get(cc, COUNTRIES["US"])[1], rng)[0], last if rng.random() < 0.6 else self.name(COUNTRIES.get(cc, COUNTRIES["US"])[1], rng)[1])
            elif rng.random() < 0.04:
                holder = "%s %s" % (last, rng.choice(["Digital LLC", "Consulting", "Studio Ltd", "Solutions"]))
            row = {"method": m, "account_ref": self.account(m, acc_cc, rng, email)}
            if m != "crypto" and rng.random() < 0.93:
                row["account_country"] = acc_cc
            if m != "crypto" and rng.random() < 0.9:
                row["holder_name"] = holder
            outs.append(row)
        return outs

    # ---------------- texts ----------------
    def _template_skeleton(self, rng):
        return [rng.choice(SUMMARY_OPENERS)] + rng.sample(SUMMARY_MIDDLES, 4)

    def role(self, rng, tech_p=0.55, front=False):
        if front:
            name = wchoice(rng, list(FRONT_ROLES_W.items()))
            return next(r for r in TECH_ROLES if r[0] == name)
        return rng.choice(TECH_ROLES) if rng.random() < tech_p else rng.choice(NONTECH_ROLES)

    def fill(self, sent, ctx, rng):
        sk = ctx["skills"]
        vals = dict(role=ctx["role"], y=ctx["years"], thing=ctx.get("thing") or rng.choice(THINGS if ctx.get("tech", True) else THINGS_NT), adj=rng.choice(ADJS),
                    adj_cap=rng.choice(ADJS).capitalize(), first=ctx["first"], city=ctx["city"],
                    regions=rng.choice(REGIONS), s1=sk[0], s2=sk[1 % len(sk)], s3=sk[2 % len(sk)], proj=rng.choice(PROJECTS),
                    proj2=rng.choice(PROJECTS), tz_note=rng.choice(TZ_NOTES), cert=rng.choice(CERTS), tool=rng.choice(TOOLS),
                    pct=rng.choice([92, 95, 97, 98, 100]), co1=ctx["cos"][0], co2=ctx["cos"][1], avail=rng.choice([20, 30, 40, "40+"]),
                    client="there", d=rng.randint(3, 14))
        return sent.format(**vals)

    def resume(self, ctx, rng, skeleton=None, fixed=None):
        """plain-text resume. `fixed` = list of already rendered sentences (template reuse)."""
        lines = []
        if fixed is not None:
            body = list(fixed)
        else:
            sk = skeleton or ([rng.choice(SUMMARY_OPENERS)] + rng.sample(SUMMARY_MIDDLES, rng.randint(2, 5)))
            body = [self.fill(s, ctx, rng) for s in sk]
        lines.append(ctx["full_name"] + " - " + ctx["role"])
        lines.append(" ".join(body))
        lines.append("Skills: " + ", ".join(ctx["skills"]))
        lines.append("Experience:")
        y = self.end.year
        for i, co in enumerate(ctx["cos"]):
            span = ctx["spans"][i]
            lines.append("- %s, %s (%d-%s): %s" % (ctx["role"] if i == 0 else ctx["role"].replace("Senior ", ""), co,
                                                   y - span[0], "present" if span[1] == 0 else y - span[1], ctx["bul"][i]))
        lines.append("Education: %s, %s" % (ctx["degree"], ctx["uni"]))
        return "\n".join(lines)

    def ctx(self, first, last, full, cc, city, role, rng, years=None):
        rname, rskills = role
        tech = role in TECH_ROLES
        sk = rng.sample(rskills, min(len(rskills), rng.randint(4, 8)))
        years = years or max(1, int(rng.lognormvariate(1.6, 0.5)))
        cos = [rng.choice(COMPANIES) if rng.random() < 0.4 else "%s %s" % (rng.choice(SMALL_CO_A), rng.choice(SMALL_CO_B)) for _ in range(3)]
        spans = [(min(years, 3), 0), (min(years, 3) + rng.randint(1, 3), min(years, 3)), (years + 3, years)]
        bul_t = ["Built {proj} using {s1} and {s2}.", "Led development of {proj}.",
                 "Delivered {thing} for {regions} clients.", "Improved performance of {proj} by {pct}%.",
                 "Maintained {proj}; introduced {s3}.", "Worked on {proj} with a team of 5."] if tech else \
                ["Delivered {thing} for {regions} clients.", "Handled {s1} and {s2} for a team of 5.",
                 "Managed {s1} for {pct}% of the client accounts.", "Introduced {s3} and cut turnaround time.",
                 "Produced {thing} for small businesses."]
        bul = [self.fill(rng.choice(bul_t),
                         {"role": rname, "years": years, "first": first, "city": city, "skills": sk, "cos": cos, "tech": tech}, rng) for _ in range(3)]
        uni = rng.choice(UNIVERSITIES.get(cc, [])) if cc in UNIVERSITIES and rng.random() < 0.7 else "%s %s" % (city, rng.choice(GENERIC_UNIS))
        return {"first": first, "last": last, "full_name": full, "role": ("Senior " if years >= 7 and rng.random() < 0.6 else "") + rname,
                "skills": sk, "years": years, "cos": cos, "spans": spans, "bul": bul, "city": city,
                "tech": tech,
                "degree": rng.choice(["B.Sc. Computer Science", "BS Software Engineering", "B.Tech Information Technology",
                                      "M.Sc. Computer Science", "B.Eng. Electrical Engineering", "Self-taught"] if tech else
                                     ["BA Communications", "B.Com Accounting", "BA English Literature", "BBA Marketing",
                                      "BFA Graphic Design", "MBA", "BA Translation Studies"]),
                "uni": uni}

    def proposal(self, ctx, rng, parts=None):
        if parts is None:
            parts = [rng.choice(PROPOSAL_OPEN)] + rng.sample(PROPOSAL_BODY, rng.randint(2, 4)) + [rng.choice(PROPOSAL_CLOSE)]
        return "\n".join(self.fill(p, ctx, rng) for p in parts)

    # ---------------- sessions ----------------
    def sessions(self, rng, phases):
        """phases: list of dicts with start, end, n, actor, sources [(w, [ips])], devices [(w, id, tz)],
        tz_keep (p browser reports the device tz), remote_p, miss_tz, miss_dev."""
        out = []
        for ph in phases:
            if ph["n"] <= 0 or ph["end"] <= ph["start"]:
                continue
            times = draw_times(rng, ph["actor"], ph["n"], ph["start"], ph["end"])
            srcw = [s[0] for s in ph["sources"]]
            devw = [d[0] for d in ph["devices"]]
            for t in times:
                src = rng.choices(ph["sources"], srcw)[0][1]
                # earlier addresses in the list are used more (stable home line, DHCP churn later)
                ip = src[min(int(rng.expovariate(1.2)), len(src) - 1)] if len(src) > 1 else src[0]
                dev = rng.choices(ph["devices"], devw)[0]
                s = {"started_at": rfc3339(t), "ip": ip}
                if rng.random() >= ph.get("miss_dev", 0.02):
                    s["device_id"] = dev[1]
                if rng.random() >= ph.get("miss_tz", 0.04):
                    s["browser_timezone"] = dev[2]
                rp = ph.get("remote_p", 0.0)
                if isinstance(rp, dict):
                    rp = rp.get(dev[1], 0.0)
                s["remote_access"] = rng.random() < rp
                s["duration_s"] = min(36000, max(30, int(rng.lognormvariate(math.log(ph["actor"].dur_median), 0.9))))
                out.append(s)
        out.sort(key=lambda s: s["started_at"])
        return out

    def n_sessions(self, rng, start, end, rate_median):
        days = max(0.0, (end - start).total_seconds() / 86400)
        rate = rng.lognormvariate(math.log(rate_median), 0.8)
        return min(600, int(rng.gauss(days * rate, math.sqrt(days * rate + 1))) if days > 0 else 0)

    def created(self, rng, lo_days=5, hi_years=8.0):
        # profiles accumulate over years; recent ones more frequent
        days = min(hi_years * 365, lo_days + rng.expovariate(1 / (1.6 * 365)))
        return self.end - dt.timedelta(days=days, seconds=rng.randrange(86400))

    def device_id(self, rng):
        return "dev-" + "%012x" % rng.getrandbits(48)

    def home_sources(self, cc, rng, p_mobile=None, v6=0.1, asn=None):
        home = self.net.residential(cc, rng, asn=asn, v6share=v6)
        ips = [home] + [self.net.neighbour(home, rng, cc) for _ in range(rng.randint(0, 3))]
        srcs = [(1.0, ips)]
        if p_mobile is None:
            p_mobile = rng.choice([0.0, 0.0, 0.05, 0.15, 0.3]) if cc not in ("NG", "KE", "PH", "IN", "PK", "ID", "BD", "GH", "EG") else rng.choice([0.1, 0.3, 0.5])
        if p_mobile:
            srcs.append((p_mobile / (1 - p_mobile + 1e-9), [self.net.cgnat_ip(cc, rng) for _ in range(3)]))
        if rng.random() < 0.3:   # office / cafe / parents'
            srcs.append((0.1, [self.net.residential(cc, rng, v6share=v6)]))
        return srcs

    # ---------------- one legitimate person ----------------
    def legit(self, segment, cc=None, pool=None, rng=None, agency=None, group=None, overrides=None):
        rng = rng or self.rng
        o = overrides or {}
        cc = cc or self.pick_country(rng)
        pool = pool or COUNTRIES[cc][1]
        if pool == "anglo" and cc in ("US", "GB", "CA", "AU") and rng.random() < 0.18:
            pool = rng.choice(["indian", "chinese", "hispanic", "korean", "arab", "nigerian", "filipino", "vietnamese", "russian", "pakistani"])
        first, last = o.get("name") or self.name(pool, rng)
        full = self.display(first, last, pool, rng)
        city, tz = o.get("city_tz") or self.city_tz(cc, rng)
        created = o.get("created") or self.created(rng)
        aid = self.ids.new("u-")
        role = o.get("role") or self.role(rng)
        c = self.ctx(first, last, full, cc, city, role, rng)
        email = o.get("email") or self.email(first, last, cc, rng)
        a = {"applicant_id": aid, "created_at": rfc3339(created), "full_name": full, "email": email}
        if rng.random() < self.p_phone:
            ph = self.phone(cc, rng)
            if ph and rng.random() < 0.02:
                ph = ph[:-2]   # typo / truncated number
            if ph:
                a["phone"] = ph
        a["claimed_country"] = cc
        if rng.random() < 0.85:
            a["claimed_city"] = city
        if rng.random() < 0.75 or cc in ("US", "CA", "AU", "BR", "RU", "MX", "ID", "KZ"):
            a["claimed_timezone"] = tz
        # resume
        if "resume" in o:
            a["resume_text"] = o["resume"](c)
        elif rng.random() < 0.93:
            sk = rng.choice(self.public_templates) if rng.random() < 0.05 else None
            a["resume_text"] = self.resume(c, rng, skeleton=sk)
        if rng.random() < self.p_photo:
            h = o.get("photo")
            if h is None:
                h = flip_bits(rng.choice(self.stock_photos), rng.randint(0, 2), rng) if rng.random() < 0.015 else rng.getrandbits(64)
            a["photo_phash"] = phash_str(h)
        tech = role in TECH_ROLES
        if tech and rng.random() < 0.5:
            a["github_url"] = "https://github.com/" + rng.choice([slug(first) + slug(last), slug(first)[:1] + slug(last), slug(first) + "-" + slug(last) + rng.choice(["", "-dev", str(rng.randint(1, 99))])])
        a["hourly_rate_usd"] = round(max(3, rng.lognormvariate(math.log(COUNTRIES[cc][2] * (1.25 if tech else 0.8)), 0.45)), 0)
        if rng.random() < o.get("p_ship", self.p_ship):
            a["shipping_country"] = o.get("ship", cc)
        if agency:
            a["agency_id"] = agency
        # activity
        start = max(created, self.end - dt.timedelta(days=self.window_days))
        full_time = rng.random() < self.p_full_time
        n = self.n_sessions(rng, start, self.end, o.get("rate", 0.8 if full_time else 0.2))
        if rng.random() < 0.03:
            n = 0
        shift = rng.gauss(0, 1.3) + (rng.uniform(5, 9) if rng.random() < 0.08 else 0)   # chronotype / night owls
        if o.get("actor_shift"):
            shift += rng.uniform(1, 8)
        actor = o.get("actor") or Actor(tz, day_profile(shift, rng.uniform(0.8, 1.4), rng.uniform(0.05, 0.5)),
                                        rest_p=rng.uniform(0.3, 0.9), dur_median=rng.uniform(900, 4800))
        dev_tz = tz
        if rng.random() < 0.02:
            dev_tz = rng.choice(["UTC", "Etc/UTC", "Europe/London", "America/New_York"])
        devices = o.get("devices") or [(1.0, self.device_id(rng), dev_tz)] + [(0.3, self.device_id(rng), dev_tz) for _ in range(rng.choice([0, 0, 1, 1, 2]))]
        sources = o.get("sources") or self.home_sources(cc, rng)
        if "extra_sources" in o:
            sources = sources + o["extra_sources"]
        if rng.random() < self.p_vpn_user and o.get("vpn_ok", True):
            share = rng.uniform(0.03, 0.4)
            ex = wchoice(rng, VPN_EXIT_COUNTRIES) if rng.random() < 0.6 else cc
            sources = sources + [(share / (1 - share), [self.net.vpn_ip(ex, rng) for _ in range(rng.randint(1, 4))])]
        if tech and rng.random() < self.p_cloud_dev and o.get("vpn_ok", True):
            # corporate VPN egress / cloud workstation (hosting ASN) for some developers
            share = rng.uniform(0.05, 0.5)
            sources = sources + [(share / (1 - share), [self.net.hosting_ip(rng.choice([cc, "US", "DE", "NL", "IE", "SG"]), rng)])]
        if cc in ("US", "GB", "CA", "AU", "DE", "FR", "JP", "NL", "IE", "SE") and rng.random() < self.p_relay and o.get("vpn_ok", True):
            share = rng.uniform(0.05, 0.6)      # iCloud Private Relay (Safari on Apple devices)
            sources = sources + [(share / (1 - share), [self.net.relay_ip(cc, rng) for _ in range(rng.randint(1, 4))])]
        remote_p = o.get("remote_p", 0.01 if rng.random() < 0.03 else 0.0)
        phases = o.get("phases") or [dict(start=start, end=self.end, n=n, actor=actor, sources=sources, devices=devices, remote_p=remote_p)]
        if "extra_phases" in o:
            phases = phases + o["extra_phases"](start, tz, devices)
        a["sessions"] = self.sessions(rng, phases)
        a["payouts"] = o.get("payouts") or self.legit_payouts(cc, first, last, email, rng, crypto_bias=o.get("crypto_bias", 0.0))
        if "payouts_extra" in o:
            a["payouts"] = o["payouts_extra"] + a["payouts"]
        k = min(40, int(rng.expovariate(1 / 4.0)))
        if k and rng.random() < 0.8:
            ts = sorted(self.end - dt.timedelta(seconds=rng.uniform(0, (self.end - start).total_seconds())) for _ in range(k))
            parts = o.get("proposal_parts")
            a["proposals"] = [{"submitted_at": rfc3339(t), "text": self.proposal(c, rng, parts)} for t in ts]
        a["label"] = 0
        self.out.append(a)
        self.truth.append((aid, 0, segment, "", "", agency or "", group or ""))
        return a, c

    # ---------------- legitimate look-alike segments ----------------
    def seg_privacy_vpn(self, rng):
        cc = self.pick_country(rng)
        share = rng.uniform(0.5, 0.97)
        exits = [wchoice(rng, VPN_EXIT_COUNTRIES) if rng.random() < 0.55 else cc for _ in range(rng.randint(1, 4))]
        vpn = [self.net.vpn_ip(e, rng) for e in exits for _ in range(rng.randint(1, 3))]
        srcs = self.home_sources(cc, rng) + [(share / (1 - share), vpn)]
        if rng.random() < 0.08:
            srcs.append((0.1, [self.net.tor_ip(rng) for _ in range(3)]))
        if rng.random() < 0.1:
            srcs.append((0.2, [self.net.hosting_ip(wchoice(rng, VPN_EXIT_COUNTRIES), rng)]))  # self-hosted VPN on a VPS
        return self.legit("privacy_vpn", cc=cc, rng=rng, overrides={"sources": srcs, "vpn_ok": False})

    def seg_traveller(self, rng):
        cc = self.pick_country(rng)
        city, tz = self.city_tz(cc, rng)
        nomad = rng.random() < 0.4
        dests = [c for c in ("TH", "ID", "PT", "ES", "MX", "CO", "GE", "TR", "VN", "AE", "JP", "US", "GB", "DE", "AR", "MY") if c != cc]
        created = self.created(rng)
        start = max(created, self.end - dt.timedelta(days=self.window_days))
        span = (self.end - start).total_seconds()

        def extra(start_, tz_, devices):
            phases = []
            k = 1 if nomad else rng.randint(1, 3)
            for _ in range(k):
                d = rng.choice(dests)
                dcity, dtz = self.city_tz(d, rng)
                length = rng.uniform(0.4, 0.9) * span if nomad else rng.uniform(3, 21) * 86400
                t0 = start_ + dt.timedelta(seconds=rng.uniform(0, max(1, span - length)))
                t1 = min(self.end, t0 + dt.timedelta(seconds=length))
                auto = rng.random() < 0.7
                devs = [(w, i, dtz if auto else z) for (w, i, z) in devices]
                srcs = [(1.0, [self.net.residential(d, rng) for _ in range(rng.randint(1, 4))]),
                        (0.4, [self.net.cgnat_ip(d, rng)])]
                if rng.random() < 0.4:
                    srcs.append((0.5, [self.net.vpn_ip(cc if rng.random() < 0.6 else "US", rng)]))   # VPN home for banking/streaming
                n = self.n_sessions(rng, t0, t1, 0.35)
                phases.append(dict(start=t0, end=t1, n=n, actor=Actor(dtz, day_profile(rng.gauss(0, 2)), rest_p=0.5),
                                   sources=srcs, devices=devs, remote_p=0.0))
            return phases
        ov = {"city_tz": (city, tz), "created": created, "extra_phases": extra, "rate": 0.12 if nomad else 0.22,
              "p_ship": 0.1}
        if rng.random() < 0.3:
            ov["ship"] = rng.choice(dests)
        return self.legit("traveller", cc=cc, rng=rng, overrides=ov)

    def seg_asia_night(self, rng):
        cc = wchoice(rng, [("IN", 30), ("PH", 25), ("PK", 12), ("BD", 6), ("VN", 7), ("ID", 5), ("LK", 3), ("MY", 2),
                           ("CN", 3), ("KR", 1.5), ("NP", 1), ("TH", 1), ("JP", 0.5)])
        city, tz = self.city_tz(cc, rng)
        client_tz = rng.choice(["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London"])
        off = tz_offset_hours(tz, self.end) - tz_offset_hours(client_tz, self.end)
        start_local = int(rng.uniform(8, 10) + off) % 24
        prof = long_day_profile(start_local, rng.randint(7, 10))
        prof = [p + 0.15 * q for p, q in zip(prof, day_profile(0))]
        actor = Actor(tz, prof, rest_days=(6, 0), rest_p=0.7, dur_median=rng.uniform(2400, 7200))
        return self.legit("asia_night_shift", cc=cc, rng=rng, overrides={"city_tz": (city, tz), "actor": actor, "rate": 0.5})

    def seg_cn_kr_ru(self, rng):
        kind = wchoice(rng, [("CN", 38), ("RU", 25), ("KR", 17), ("RU_reloc", 10), ("BY", 4), ("HK", 4), ("KP_def", 0)])
        ov = {}
        if kind == "RU_reloc":   # Russians who relocated (GE/AM/KZ/RS/TR) and say so; some sessions still from RU
            cc = rng.choice(["GE", "AM", "KZ", "RS", "TR", "AE"])
            pool = "russian"
            srcs = self.home_sources(cc, rng) + [(0.15, [self.net.residential("RU", rng)])]
            ov["sources"] = srcs
            if rng.random() < 0.4:
                ov["payouts_extra"] = [{"method": "crypto", "account_ref": self.account("crypto", cc, rng)}]
        else:
            cc = kind
            pool = COUNTRIES[cc][1]
            if cc == "CN" and rng.random() < 0.55:   # the Great Firewall: many Chinese freelancers work through a VPN
                share = rng.uniform(0.4, 0.95)
                ex = [rng.choice(["US", "JP", "HK", "SG", "US", "KR"]) for _ in range(rng.randint(1, 3))]
                ov["sources"] = self.home_sources(cc, rng) + [(share / (1 - share), [self.net.vpn_ip(e, rng) for e in ex])]
            if cc in ("RU", "BY") and rng.random() < 0.35:
                share = rng.uniform(0.2, 0.8)
                ov["sources"] = self.home_sources(cc, rng) + [(share / (1 - share), [self.net.vpn_ip(wchoice(rng, VPN_EXIT_COUNTRIES), rng)])]
                ov["crypto_bias"] = 0.5
        return self.legit("cn_kr_ru_consistent", cc=cc, pool=pool, rng=rng, overrides=ov)

    def seg_romanisation(self, rng):
        pool = rng.choice(["korean", "korean", "chinese", "russian", "ukrainian", "arab", "pakistani", "bangladeshi", "cantonese"])
        home = {"korean": "KR", "chinese": "CN", "russian": "RU", "ukrainian": "UA", "arab": "EG", "pakistani": "PK",
                "bangladeshi": "BD", "cantonese": "HK"}[pool]
        cc = home if rng.random() < 0.6 else rng.choice(["US", "CA", "GB", "AU", "DE"])
        first, last = self.name(pool, rng)
        v_first = rng.choice(ROMAN.get(first, [first]))
        v_last = rng.choice(ROMAN.get(last, [last]))
        if v_first == first and v_last == last:
            v_first, v_last = last, first      # family-name-first order on the bank account
        em = self.email(first, last, cc, rng)
        pays = self.legit_payouts(cc, v_first, v_last, em, rng, n_extra=rng.randint(1, 2))
        for p in pays:
            p["holder_name"] = ("%s %s" % (v_first, v_last)).upper() if rng.random() < 0.5 else "%s %s" % (v_first, v_last)
        return self.legit("romanisation", cc=cc, pool=pool, rng=rng, overrides={"name": (first, last), "payouts": pays, "email": em})

    def seg_voip(self, rng):
        cc = self.pick_country(rng)
        ov = {}
        a, c = self.legit("voip_phone", cc=cc, rng=rng, overrides=ov)
        r = rng.random()
        if r < 0.4 and "VOIP" in self.phones.examples.get(cc, {}):
            ph = self.phone(cc, rng, "VOIP")
        elif r < 0.75:
            ph = self.phone("US", rng)          # Google Voice / Skype US number used abroad
        else:
            ph = self.phone(rng.choice(["GB", "US", "DE", "IN", "UA", "NG", "PH"]), rng)   # home-country number of an expat
        if ph:
            ph = phonenumbers.format_number(phonenumbers.parse(ph, cc), phonenumbers.PhoneNumberFormat.E164)
            a["phone"] = ph
        return a, c

    def seg_web3(self, rng):
        cc = wchoice(rng, [("US", 15), ("UA", 10), ("NG", 8), ("AR", 8), ("VN", 8), ("TR", 6), ("IN", 10), ("GB", 5), ("DE", 5),
                           ("PK", 5), ("SG", 4), ("PT", 3), ("KR", 3), ("RU", 4), ("CN", 3), ("BR", 5), ("AE", 3), ("PH", 3)])
        role = next(r for r in TECH_ROLES if r[0] == "Blockchain Developer")
        ov = {"role": role, "crypto_bias": 3.0}
        if rng.random() < 0.5:
            share = rng.uniform(0.2, 0.9)
            ov["sources"] = self.home_sources(cc, rng) + [(share / (1 - share), [self.net.vpn_ip(wchoice(rng, VPN_EXIT_COUNTRIES), rng) for _ in range(2)])]
        if rng.random() < 0.4:
            first, last = self.name(COUNTRIES[cc][1], rng)
            ov["name"] = (first, last)
            ov["email"] = "%s%s@%s" % (rng.choice(["0x", "degen", "anon", "gm", "sol", "eth"]), slug(first) + str(rng.randint(1, 999)), rng.choice(["proton.me", "gmail.com", "protonmail.com"]))
        ov["actor_shift"] = True
        a, c = self.legit("web3_crypto", cc=cc, rng=rng, overrides=ov)
        if not any(p["method"] == "crypto" for p in a["payouts"]):
            a["payouts"].append({"method": "crypto", "account_ref": self.account("crypto", cc, rng)})
        return a, c

    def seg_remote_desktop(self, rng):
        cc = self.pick_country(rng)
        role = rng.choice([r for r in TECH_ROLES if r[0] in ("DevOps Engineer", "Backend Engineer", "Full-Stack Developer", "Data Scientist")])
        return self.legit("remote_desktop", cc=cc, rng=rng, overrides={"role": role, "remote_p": rng.uniform(0.15, 0.7)})

    def seg_shared_connection(self, rng, budget):
        """households and co-workers on one connection (not an agency, nothing declared)."""
        cc = self.pick_country(rng)
        city, tz = self.city_tz(cc, rng)
        k = min(budget, rng.choice([2, 2, 2, 3, 3, 4, 5, 6]))
        family = rng.random() < 0.6
        gid = self.ids.new("hh-" if family else "cw-", 32)
        pool = COUNTRIES[cc][1]
        last = self.name(pool, rng)[1]
        home = self.net.residential(cc, rng)
        shared_ips = [home, self.net.neighbour(home, rng, cc)]
        shared_dev = (0.5, self.device_id(rng), tz) if family and rng.random() < 0.3 else None
        shared_pay = None
        if family and rng.random() < 0.3:
            f0 = self.name(pool, rng)[0]
            shared_pay = self.legit_payouts(cc, f0, last, None, rng, n_extra=1)
        made = 0
        for i in range(k):
            nm = (self.name(pool, rng)[0], last) if family and rng.random() < 0.7 else None
            srcs = [(2.0 if family else 0.8, shared_ips)] + self.home_sources(cc, rng)[1:] if family else \
                   [(0.8, shared_ips)] + self.home_sources(cc, rng)
            ov = {"city_tz": (city, tz), "sources": srcs}
            if nm:
                ov["name"] = nm
            if shared_dev:
                ov["devices"] = [(1.0, self.device_id(rng), tz), shared_dev]
            if shared_pay and i < 2:
                ov["payouts_extra"] = [dict(p) for p in shared_pay]
            self.legit("shared_connection", cc=cc, rng=rng, group=gid, overrides=ov)
            made += 1
        return made

    def seg_agency(self, rng, budget):
        cc = wchoice(rng, [("IN", 25), ("PK", 14), ("UA", 10), ("BD", 8), ("PH", 8), ("VN", 6), ("EG", 4), ("NG", 4), ("PL", 3),
                           ("RO", 2), ("AR", 3), ("LK", 2), ("ID", 2), ("RS", 2), ("US", 3), ("GB", 1), ("CN", 2), ("KE", 2), ("BR", 2)])
        size = min(budget, max(3, int(rng.lognormvariate(math.log(7), 0.7))))
        agid = self.ids.new("ag-", 32)
        city, tz = self.city_tz(cc, rng)
        cc2 = rng.choice(["PL", "RO", "RS", "PT", "GE"]) if cc == "UA" and rng.random() < 0.3 else None
        office = [self.net.residential(cc, rng, v6share=0.0) for _ in range(rng.randint(1, 2))]
        company = "%s %s %s" % (rng.choice(SMALL_CO_A), rng.choice(SMALL_CO_B), rng.choice(["Pvt Ltd", "LLC", "Ltd", "LLP", "Sp. z o.o.", "Inc."]))
        bank_cc = cc if rng.random() < 0.8 else "US"
        am = rng.choice(["bank", "bank", "payoneer", "wise"])
        agency_pay = [{"method": am, "account_ref": self.account(am, bank_cc, rng),
                       "account_country": bank_cc, "holder_name": company}]
        role = self.role(rng, tech_p=0.75)
        skel = self._template_skeleton(rng)
        fixed_ctx = self.ctx("X", "Y", "X Y", cc, city, role, rng)
        fixed_sent = [self.fill(s, fixed_ctx, rng) for s in skel]
        prop_parts = [rng.choice(PROPOSAL_OPEN)] + rng.sample(PROPOSAL_BODY, 3) + [rng.choice(PROPOSAL_CLOSE)]
        us_hours = rng.random() < 0.3 and cc in ("IN", "PK", "PH", "BD", "VN", "LK", "EG", "NG", "KE")
        office_devs = [self.device_id(rng) for _ in range(max(1, size // 2))] if rng.random() < 0.35 else []
        for i in range(size):
            mcc = cc2 if cc2 and rng.random() < 0.4 else cc
            mcity, mtz = self.city_tz(mcc, rng) if mcc != cc else (city, tz)
            def res(c, _fixed=fixed_sent, _i=i):
                sent = list(_fixed)
                if rng.random() < 0.5:
                    j = rng.randrange(len(sent))
                    sent[j] = self.fill(rng.choice(SUMMARY_MIDDLES), c, rng)
                return self.resume(c, rng, fixed=sent)
            srcs = ([(2.5, office)] if mcc == cc else []) + self.home_sources(mcc, rng)
            ov = {"city_tz": (mcity, mtz), "sources": srcs, "resume": res, "proposal_parts": prop_parts, "rate": 0.4,
                  "role": role}
            if rng.random() < 0.75:
                ov["payouts_extra"] = [dict(p) for p in agency_pay]
            if office_devs:
                ov["devices"] = [(1.0, self.device_id(rng), mtz), (1.0, rng.choice(office_devs), tz)]
            if us_hours:
                off = tz_offset_hours(mtz, self.end) - tz_offset_hours("America/New_York", self.end)
                ov["actor"] = Actor(mtz, long_day_profile(int(9 + off) % 24, 9), rest_p=0.8, dur_median=5400)
            declared = agid if rng.random() < 0.97 else None
            a, c = self.legit("agency", cc=mcc, rng=rng, agency=declared, group=agid, overrides=ov)
            if rng.random() < 0.4 and "payouts_extra" in ov and len(a["payouts"]) > 1:
                a["payouts"] = a["payouts"][:1]
        return size

    # ---------------- DPRK fronts ----------------
    def op_leak_ip(self, op_cc, rng):
        if op_cc == "KP":
            # DPRK's own address space is almost never seen directly; such operators leak through Chinese/Russian lines
            if rng.random() < 0.1:
                return self.net.residential("KP", rng)
            return self.net.residential(rng.choice(["CN", "RU"]), rng)
        return self.net.residential(op_cc, rng)

    def new_group(self, rng):
        base = wchoice(rng, [((b[0], b[1]), b[2]) for b in OPERATOR_BASES])
        gid = self.ids.new("g-", 32)
        fac_first, fac_last = self.name("anglo", rng)
        farms = []
        for _ in range(rng.randint(1, 2)):
            fcity, ftz = rng.choice(LAPTOP_FARM_STATES)
            cc, asn = self.net.pick_isp("US", rng)
            ip0 = self.net.residential("US", rng, asn=asn)
            ips = [ip0] + [self.net.neighbour(ip0, rng, "US") for _ in range(rng.randint(0, 2))]
            farms.append((fcity, ftz, ips))
        fac_accounts = [{"method": "bank", "account_ref": self.account("bank", "US", rng), "account_country": "US",
                         "holder_name": "%s %s" % (fac_first, fac_last)} for _ in range(rng.randint(1, 3))]
        cn_fac = self.name("chinese", rng)
        cn_accounts = [{"method": m,
                        "account_ref": self.account(m, c, rng), "account_country": c,
                        "holder_name": "%s %s" % (cn_fac[1].upper(), cn_fac[0].upper()) if rng.random() < 0.5 else
                        "%s %s Trading Co., Ltd." % (rng.choice(["Shenyang", "Dandong", "Yanji", "Dalian", "Hong Kong"]), rng.choice(SMALL_CO_A))}
                       for c, m in [(rng.choice(["CN", "HK", "CN"]), rng.choice(["bank", "bank", "payoneer", "other"])) for _ in range(rng.randint(1, 2))]]
        wallets = [self.account("crypto", "US", rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.06 and self.sanctioned:
            wallets.append(rng.choice(self.sanctioned))
        return {"gid": gid, "op_cc": base[0], "op_tz": base[1], "farms": farms, "fac_accounts": fac_accounts,
                "cn_accounts": cn_accounts, "wallets": wallets}

    def front_cell(self, rng, size, g):
        if self.tactic_queue:      # every tactic gets at least one cell, in random order; then by weight
            tactic = self.tactic_queue.pop()
        else:
            tactic = wchoice(rng, list(self.tactic_w.items()))
        lo, hi = TACTICS[tactic][1]
        d = rng.uniform(lo, hi)                 # discipline 0 (sloppy) .. 1 (careful)
        cell = self.ids.new("c-", 32)
        op_cc, op_tz = g["op_cc"], g["op_tz"]
        if rng.random() < 0.15:                 # cells of one network sometimes sit elsewhere
            op_cc, op_tz = wchoice(rng, [((b[0], b[1]), b[2]) for b in OPERATOR_BASES])
        primary = "US" if tactic == "laptop_farm" else wchoice(rng, FRONT_CLAIMS)
        p_same = 1.0 if tactic == "laptop_farm" else rng.uniform(0.3, 0.9)
        cell_start = self.end - dt.timedelta(days=rng.uniform(20, 700))
        spread = 5 + d * rng.uniform(20, 200)
        role = self.role(rng, front=True)
        skel = [rng.choice(SUMMARY_OPENERS)] + rng.sample(SUMMARY_MIDDLES, rng.randint(3, 5))
        tctx = self.ctx("Alex", "Morgan", "Alex Morgan", primary, "Chicago", role, rng, years=rng.randint(6, 12))
        tsent = [self.fill(s, tctx, rng) for s in skel]
        prop_parts = [rng.choice(PROPOSAL_OPEN)] + rng.sample(PROPOSAL_BODY, 3) + [rng.choice(PROPOSAL_CLOSE)]
        base_photos = [rng.getrandbits(64) for _ in range(rng.randint(1, 3))]
        cell_devs = [(self.device_id(rng), op_tz if rng.random() < 0.6 else rng.choice(["Asia/Shanghai", "Asia/Seoul", "America/New_York", "UTC"]))
                     for _ in range(rng.randint(1, 3))]
        suffix = str(rng.randint(1, 99)) if rng.random() < 0.5 else "%02d%02d" % (rng.randint(1, 12), rng.randint(1, 28))
        shared_phones = []
        for _ in range(rng.randint(1, 2)):
            k = rng.random()
            if k < 0.5:
                shared_phones.append(self.phone("US", rng))          # VoIP (Google Voice / TextNow) US numbers look ordinary
            elif k < 0.7 and "VOIP" in self.phones.examples.get("GB", {}):
                shared_phones.append(self.phone("GB", rng, "VOIP"))
            else:
                shared_phones.append(self.phone(rng.choice(["CN", "HK", "RU", "LA", "JP"]), rng))
        exits = [primary if rng.random() < 0.7 else wchoice(rng, VPN_EXIT_COUNTRIES) for _ in range(rng.randint(2, 6))]
        vpn_pool = [self.net.vpn_ip(e, rng) for e in exits]
        hosting_pool = [self.net.hosting_ip(rng.choice([primary, "US", "HK", "SG", "NL", "JP", "RU"]), rng) for _ in range(rng.randint(1, 3))]
        farm = rng.choice(g["farms"])
        agency = self.ids.new("ag-", 32) if tactic == "front_agency" else None
        company = "%s %s %s" % (rng.choice(SMALL_CO_A), rng.choice(SMALL_CO_B), rng.choice(["Ltd", "LLC", "Limited", "Co., Ltd."]))
        am, acc_cc = rng.choice(["bank", "payoneer", "wise"]), rng.choice(["HK", "SG", "AE", "US", "CN", primary])
        agency_pay = {"method": am, "account_ref": self.account(am, acc_cc, rng), "account_country": acc_cc, "holder_name": company}
        for i in range(size):
            self.front_persona(rng, tactic, d, cell, g, op_cc, op_tz, primary, p_same, cell_start, spread, role, tsent, tctx,
                               prop_parts, base_photos, cell_devs, suffix, shared_phones, vpn_pool, hosting_pool, farm,
                               agency, agency_pay)
        return size

    def front_persona(self, rng, tactic, d, cell, g, op_cc, op_tz, primary, p_same, cell_start, spread, role, tsent, tctx,
                      prop_parts, base_photos, cell_devs, suffix, shared_phones, vpn_pool, hosting_pool, farm, agency, agency_pay):
        sloppy = 1.0 - d
        cc = primary if rng.random() < p_same else wchoice(rng, FRONT_CLAIMS)
        if tactic == "laptop_farm":
            cc = "US"
        aged = tactic == "aged_account"
        owner_cc = cc
        if aged:   # bought accounts: claimed country stays the original owner's
            owner_cc = cc = wchoice(rng, [("US", 20), ("UA", 12), ("KE", 8), ("PK", 8), ("PH", 8), ("IN", 8), ("GB", 6),
                                          ("PL", 5), ("NG", 5), ("CA", 5), ("RS", 4), ("VN", 4), ("BR", 4), ("JP", 3)])
        pool = COUNTRIES[cc][1]
        if pool == "anglo" and rng.random() < 0.15:
            pool = rng.choice(["indian", "chinese", "hispanic", "korean", "vietnamese", "russian"])
        first, last = self.name(pool, rng)
        full = self.display(first, last, pool, rng)
        city, tz = self.city_tz(cc, rng)
        rented = tactic == "rented_identity" or (tactic == "laptop_farm" and rng.random() < 0.5)
        if aged:
            created = self.end - dt.timedelta(days=rng.uniform(400, 2500))
        else:
            created = cell_start + dt.timedelta(days=rng.expovariate(1 / spread))
            created = min(created, self.end - dt.timedelta(days=1))
        aid = self.ids.new("u-")
        # --- contact ---
        if rented or aged or rng.random() < d * 0.6:
            email = self.email(first, last, cc, rng)
        else:
            email = self.email(first, last, "US", rng, style="digits", digits=suffix if rng.random() < sloppy * 0.9 else None)
        a = {"applicant_id": aid, "created_at": rfc3339(created), "full_name": full, "email": email}
        if rented or aged or rng.random() < d * 0.7:
            ph = self.phone(cc, rng) if rng.random() < 0.85 else None
        elif rng.random() < 0.75:
            ph = rng.choice(shared_phones) if rng.random() < sloppy else self.phone("US" if rng.random() < 0.7 else cc, rng)
        else:
            ph = None
        if ph:
            a["phone"] = ph
        a["claimed_country"] = cc
        if rng.random() < 0.9:
            a["claimed_city"] = city
        if rng.random() < 0.8 or cc in ("US", "CA", "AU", "BR", "RU", "MX", "ID"):
            a["claimed_timezone"] = tz
        # --- content ---
        c = self.ctx(first, last, full, cc, city, role, rng, years=tctx["years"] + rng.randint(-2, 2))
        if rng.random() < sloppy:
            c["cos"] = tctx["cos"]            # same employer history, name swapped
            c["bul"] = tctx["bul"]
        para = 0.85 if tactic == "ai_content" else 0.1 + 0.6 * d
        sent = []
        for sline in tsent:
            if rng.random() < para:
                sent.append(self.fill(rng.choice(SUMMARY_MIDDLES), c, rng))
            else:
                sent.append(sline.replace("Alex", first))
        if rng.random() < 0.95:
            a["resume_text"] = self.resume(c, rng, fixed=sent)
        if rng.random() < 0.9:
            if tactic == "ai_content" or rented or rng.random() > sloppy * 0.85:
                h = rng.getrandbits(64) if tactic != "ai_content" else flip_bits(rng.choice(base_photos), rng.randint(14, 26), rng)
            else:
                h = flip_bits(rng.choice(base_photos), rng.randint(0, 6), rng)   # one face, lightly edited per persona
            a["photo_phash"] = phash_str(h)
        if rng.random() < 0.7:
            a["github_url"] = "https://github.com/%s%s%s" % (slug(first), slug(last)[:rng.randint(0, 4)], rng.choice(["", "-dev", str(rng.randint(1, 999)), "code"]))
        a["hourly_rate_usd"] = round(max(8, rng.lognormvariate(math.log(COUNTRIES[cc][2] * rng.uniform(0.55, 1.05)), 0.35)), 0)
        if rng.random() < (0.6 if tactic == "laptop_farm" else 0.25):
            if tactic == "laptop_farm":
                a["shipping_country"] = "US"
            elif rng.random() < sloppy * 0.4:
                a["shipping_country"] = rng.choice(["US", "US", "CN", "HK"])
            else:
                a["shipping_country"] = cc
        if agency:
            a["agency_id"] = agency
        # --- sessions ---
        start = max(created, self.end - dt.timedelta(days=self.window_days))
        op_off = tz_offset_hours(op_tz, self.end)
        cl_off = tz_offset_hours(tz, self.end)
        align = tactic in ("laptop_farm", "client_hours") or rng.random() < d
        length = rng.randint(10, 15)
        if align:
            st = int(rng.uniform(7, 10) + op_off - cl_off) % 24
        else:
            st = int(rng.uniform(8, 10))
        main_actor = Actor(op_tz, long_day_profile(st, length), rest_days=(6,), rest_p=rng.uniform(0.3, 0.8),
                           dur_median=rng.uniform(3000, 12000))
        leak_actor = Actor(op_tz, long_day_profile(int(rng.uniform(8, 10)), 12), rest_days=(6,), rest_p=0.5, dur_median=2400)
        own_dev_tz = tz if rng.random() > sloppy * 0.8 else rng.choice([op_tz, "Asia/Shanghai", "Asia/Seoul", "UTC"])
        own_dev = (1.0, self.device_id(rng), own_dev_tz)
        devices = [own_dev]
        if rng.random() < sloppy * 0.8:
            cd = rng.choice(cell_devs)
            devices.append((rng.uniform(0.3, 2.0), cd[0], cd[1]))
        remote_p = 0.0
        srcs = []
        if tactic == "laptop_farm":
            fcity, ftz, fips = farm
            lap_tz = tz if rng.random() < 0.6 else ftz
            lap = (1.0, self.device_id(rng), lap_tz)
            devices = [lap] + ([(sloppy * 0.3, cell_devs[0][0], cell_devs[0][1])] if rng.random() < sloppy else [])
            srcs = [(1.0, fips)]
            if rng.random() < sloppy:
                srcs.append((sloppy * 0.15, vpn_pool))
            if rng.random() < 0.35 + 0.5 * sloppy:
                remote_p = {lap[1]: rng.uniform(0.6, 1.0)}     # AnyDesk / TeamViewer detected
            else:
                remote_p = {lap[1]: rng.uniform(0.0, 0.05)}    # hardware KVM (PiKVM/TinyPilot): invisible to the browser
        elif tactic in ("rented_identity", "residential_proxy") or (tactic in ("payout_layering", "ai_content", "front_agency") and rng.random() < d):
            rot = tactic == "residential_proxy" and rng.random() < 0.6
            k = rng.randint(15, 40) if rot else rng.randint(2, 5)
            for _ in range(k):
                srcs.append((1.0, [self.net.residential(cc, rng, v6share=0.05)]))
            srcs.append((sloppy * 0.3, vpn_pool))
        elif tactic == "aged_account":
            srcs = [(1.0, [self.net.vpn_ip(cc, rng) for _ in range(2)] + vpn_pool[:2])]
            if rng.random() < 0.5:
                srcs.append((0.7, [self.net.residential(cc, rng) for _ in range(3)]))
        else:   # commercial VPN (Astrill et al.) and VPS
            srcs = [(1.0, vpn_pool), (0.15 + 0.3 * sloppy, hosting_pool)]
            if rng.random() < 0.05 * sloppy:
                srcs.append((0.1, [self.net.tor_ip(rng)]))
        if rng.random() < sloppy * 0.8 and tactic != "laptop_farm":
            srcs.append((sloppy * 0.25, [self.op_leak_ip(op_cc, rng)]))
        if tactic != "laptop_farm" and rng.random() < sloppy * 0.3:
            remote_p = rng.uniform(0.05, 0.4)
        n = self.n_sessions(rng, start, self.end, 0.6)
        n_leak = int(n * sloppy * rng.uniform(0.0, 0.35)) if not (tactic == "laptop_farm" and d > 0.7) else 0
        leak_srcs = [(1.0, vpn_pool)] + ([(0.5, [self.op_leak_ip(op_cc, rng)])] if rng.random() < sloppy else [])
        phases = [dict(start=start, end=self.end, n=n - n_leak, actor=main_actor, sources=srcs, devices=devices, remote_p=remote_p),
                  dict(start=start, end=self.end, n=n_leak, actor=leak_actor, sources=leak_srcs, devices=devices, remote_p=0.0)]
        if created >= self.end - dt.timedelta(days=self.window_days) and rng.random() < sloppy * 0.7 and not aged:
            # first weeks straight from the operator's country before infrastructure is set up
            e0 = min(self.end, created + dt.timedelta(days=rng.uniform(2, 20)))
            phases.append(dict(start=created, end=e0, n=rng.randint(1, 6), actor=leak_actor,
                               sources=[(1.0, [self.op_leak_ip(op_cc, rng)]), (0.5, hosting_pool)], devices=devices, remote_p=0.0))
        owner_pay = []
        if aged:
            # original owner's activity until the account was sold
            hand = self.end - dt.timedelta(days=rng.uniform(10, 200))
            ostart = max(created, self.end - dt.timedelta(days=self.window_days))
            if hand > ostart:
                otz = tz
                phases.append(dict(start=ostart, end=hand, n=self.n_sessions(rng, ostart, hand, 0.25),
                                   actor=Actor(otz, day_profile(rng.gauss(0, 1.5))), sources=self.home_sources(owner_cc, rng),
                                   devices=[(1.0, self.device_id(rng), otz)], remote_p=0.0))
                for ph in phases[:2]:
                    ph["start"] = hand
                    ph["n"] = int(ph["n"] * (self.end - hand) / max(self.end - start, dt.timedelta(days=1)))
            if rng.random() < 0.5:
                owner_pay = self.legit_payouts(owner_cc, first, last, email, rng, n_extra=1)
        a["sessions"] = self.sessions(rng, phases)
        # --- payouts ---
        pays = list(owner_pay)
        holder_self = self.holder_variant(first, last, rng)
        if tactic == "front_agency":
            pays.append(dict(agency_pay))
            if rng.random() < 0.4:
                pays.append({"method": "crypto", "account_ref": rng.choice(g["wallets"])})
        elif tactic == "laptop_farm":
            if rng.random() < 0.55:
                pays.append(dict(rng.choice(g["fac_accounts"])))        # the facilitator's account
            else:
                pays.append({"method": "bank", "account_ref": self.account("bank", "US", rng), "account_country": "US", "holder_name": holder_self})
            if rng.random() < 0.2:
                pays.append({"method": "payoneer", "account_ref": self.account("payoneer", "US", rng), "account_country": "US", "holder_name": holder_self})
        elif tactic == "rented_identity":
            m = rng.choice(["bank", "bank", "payoneer", "wise", "paypal"])
            pays.append({"method": m, "account_ref": self.account(m, cc, rng, email), "account_country": cc, "holder_name": holder_self})
            if rng.random() < sloppy * 0.5:
                pays.append(dict(rng.choice(g["fac_accounts"] + g["cn_accounts"])))
        elif tactic == "payout_layering":
            for _ in range(rng.randint(2, 5)):
                m = rng.choice(["crypto", "crypto", "wise", "payoneer", "other"])
                row = {"method": m, "account_ref": self.account(m, rng.choice([cc, "US", "HK", "SG", "AE"]), rng)}
                if m != "crypto":
                    row["account_country"] = rng.choice([cc, "US", "HK", "SG", "AE", "GB"])
                    mf, ml = self.name(rng.choice(["anglo", "chinese", "hispanic", "ukrainian", "filipino"]), rng)
                    row["holder_name"] = "%s %s" % (mf, ml)
                pays.append(row)
        else:
            r = rng.random()
            if r < sloppy * 0.7:
                pays.append(dict(rng.choice(g["cn_accounts"] + g["fac_accounts"])))
            elif r < sloppy * 0.7 + 0.25:
                pays.append({"method": "crypto", "account_ref": rng.choice(g["wallets"]) if rng.random() < sloppy else self.account("crypto", cc, rng)})
            else:
                m = rng.choice(["payoneer", "bank", "wise", "paypal"])
                pays.append({"method": m, "account_ref": self.account(m, cc, rng, email), "account_country": cc if rng.random() < 0.7 else "US",
                             "holder_name": holder_self})
        if not pays or rng.random() < 0.03:
            pays = pays[:1]
        a["payouts"] = pays
        # --- proposals: high-volume bidding from one template ---
        k = min(120, int(rng.expovariate(1 / 14.0)))
        if k:
            ts = sorted(self.end - dt.timedelta(seconds=rng.uniform(0, (self.end - start).total_seconds())) for _ in range(k))
            a["proposals"] = [{"submitted_at": rfc3339(t), "text": self.proposal(c, rng, prop_parts if rng.random() < sloppy + 0.2 else None)} for t in ts]
        a["label"] = 1
        self.out.append(a)
        self.truth.append((aid, 1, "front", tactic, cell, agency or "", g["gid"]))

    # ---------------- assemble ----------------
    def build(self):
        rng = self.rng
        n = self.n
        n_front = max(1, round(n * self.front_rate))
        self.tactic_queue = list(TACTICS)
        rng.shuffle(self.tactic_queue)
        made = 0
        groups = []
        while made < n_front:
            if not groups or rng.random() < 0.45:
                groups.append(self.new_group(rng))
            g = rng.choice(groups[-3:])
            size = min(n_front - made, max(2, int(rng.lognormvariate(math.log(7), 0.6))))
            made += self.front_cell(rng, size, g)
        n_legit = n - made
        quota = {k: int(round(v * n_legit)) for k, v in self.look_share.items()}
        done = collections.Counter()
        singles = {"privacy_vpn": self.seg_privacy_vpn, "traveller": self.seg_traveller, "asia_night_shift": self.seg_asia_night,
                   "cn_kr_ru_consistent": self.seg_cn_kr_ru, "romanisation": self.seg_romanisation, "voip_phone": self.seg_voip,
                   "web3_crypto": self.seg_web3, "remote_desktop": self.seg_remote_desktop}
        for seg, fn in singles.items():
            for _ in range(quota[seg]):
                fn(rng)
            done[seg] = quota[seg]
        while done["agency"] < quota["agency"]:
            done["agency"] += self.seg_agency(rng, quota["agency"] - done["agency"])
        while done["shared_connection"] < quota["shared_connection"]:
            done["shared_connection"] += self.seg_shared_connection(rng, quota["shared_connection"] - done["shared_connection"])
        while len(self.out) < n:
            self.legit("regular", rng=rng)
        order = list(range(len(self.out)))
        rng.shuffle(order)
        self.out = [self.out[i] for i in order]
        self.truth = [self.truth[i] for i in order]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--data", default=os.environ.get("INDEP_WORLD_DATA", DEFAULT_DATA))
    args = ap.parse_args(argv)
    t0 = time.time()
    w = World(args.n, args.seed, args.data)
    w.build()
    out = args.output
    os.makedirs(os.path.dirname(os.path.abspath(out)) or ".", exist_ok=True)
    opener = gzip.open if out.endswith(".gz") else open
    with opener(out, "wt", encoding="utf-8") as f:
        for a in w.out:
            f.write(json.dumps(a, ensure_ascii=False, separators=(",", ":")) + "\n")
    base = re.sub(r"\.jsonl(\.gz)?$", "", out)
    tpath = base + ".truth.csv"
    with open(tpath, "w", newline="") as f:
        cw = csv.writer(f)
        cw.writerow(["applicant_id", "label", "segment", "tactic", "cell_id", "agency_id", "group_id"])
        cw.writerows(w.truth)
    seg = collections.Counter(t[2] for t in w.truth)
    tac = collections.Counter(t[3] for t in w.truth if t[1] == 1)
    print("wrote %d applicants (%d fronts, base rate %.2f%%) to %s and %s in %.1fs" % (
        len(w.out), sum(t[1] for t in w.truth), 100 * w.front_rate, out, tpath, time.time() - t0), file=sys.stderr)
    print("segments: %s" % dict(seg), file=sys.stderr)
    print("tactics: %s" % dict(tac), file=sys.stderr)


if __name__ == "__main__":
    main()
