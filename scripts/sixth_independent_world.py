#!/usr/bin/env python
"""Sixth independent synthetic world: freelance applicants, honest look-alikes and DPRK IT-worker
front cells, modelled on court records and government actions (docs/SIXTH_INDEPENDENT_WORLD.md).

    python scripts/sixth_independent_world.py -n 20000 --seed 1 -o world.jsonl.gz [--data DIR]

Writes nested JSON Lines (gzip, per spec/INPUT.md) and ``world.truth.csv`` beside it
(applicant_id,label,segment,tactic,cell_id). Standard library plus maxminddb and phonenumbers.
Written from the public record only, without reading the detector.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import gzip
import io
import ipaddress
import json
import math
import os
import random
import re
import socket
import sys
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import maxminddb
import phonenumbers

# ---------------------------------------------------------------------------------------------
# Static world knowledge
# ---------------------------------------------------------------------------------------------

# country: (marketplace weight, [(zone, weight)], cities, [(name culture, weight)], income level)
COUNTRIES: dict[str, tuple] = {
    "US": (13, [("America/New_York", 45), ("America/Chicago", 27), ("America/Denver", 6),
                ("America/Phoenix", 3), ("America/Los_Angeles", 19)],
           ["New York", "Chicago", "Austin", "Denver", "Seattle", "Atlanta", "Phoenix", "Miami",
            "Los Angeles", "San Francisco", "Boston", "Dallas", "Portland"],
           [("anglo", 60), ("hispanic", 14), ("chinese", 4), ("korean", 3), ("indian", 6),
            ("vietnamese", 3), ("russian", 2), ("filipino", 2), ("arabic", 2), ("nigerian", 2),
            ("german", 2)], 3),
    "IN": (13, [("Asia/Kolkata", 1)], ["Bengaluru", "Pune", "Hyderabad", "Chennai", "Noida"],
           [("indian", 1)], 1),
    "PK": (7, [("Asia/Karachi", 1)], ["Lahore", "Karachi", "Islamabad", "Faisalabad"],
           [("pakistani", 1)], 1),
    "PH": (6, [("Asia/Manila", 1)], ["Manila", "Cebu City", "Davao", "Quezon City"],
           [("filipino", 1)], 1),
    "UA": (5, [("Europe/Kyiv", 1)], ["Kyiv", "Lviv", "Kharkiv", "Dnipro", "Odesa"],
           [("ukrainian", 90), ("russian", 10)], 1),
    "BD": (5, [("Asia/Dhaka", 1)], ["Dhaka", "Chattogram", "Sylhet", "Khulna"],
           [("bengali", 1)], 1),
    "GB": (4, [("Europe/London", 1)], ["London", "Manchester", "Bristol", "Leeds", "Glasgow"],
           [("anglo", 78), ("indian", 7), ("pakistani", 4), ("polish", 3), ("nigerian", 3),
            ("chinese", 2), ("arabic", 3)], 3),
    "CA": (3, [("America/Toronto", 50), ("America/Vancouver", 20), ("America/Edmonton", 15),
               ("America/Winnipeg", 8), ("America/Halifax", 7)],
           ["Toronto", "Vancouver", "Montreal", "Calgary", "Ottawa", "Winnipeg", "Halifax"],
           [("anglo", 52), ("french", 14), ("chinese", 9), ("indian", 10), ("korean", 3),
            ("filipino", 4), ("arabic", 4), ("ukrainian", 4)], 3),
    "NG": (3, [("Africa/Lagos", 1)], ["Lagos", "Abuja", "Ibadan", "Port Harcourt"],
           [("nigerian", 1)], 1),
    "EG": (3, [("Africa/Cairo", 1)], ["Cairo", "Alexandria", "Giza", "Mansoura"],
           [("arabic", 1)], 1),
    "BR": (3, [("America/Sao_Paulo", 90), ("America/Manaus", 10)],
           ["Sao Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba", "Recife", "Manaus"],
           [("brazilian", 1)], 2),
    "RU": (2.5, [("Europe/Moscow", 70), ("Asia/Yekaterinburg", 10), ("Asia/Novosibirsk", 10),
                 ("Asia/Krasnoyarsk", 5), ("Asia/Vladivostok", 5)],
           ["Moscow", "Saint Petersburg", "Kazan", "Novosibirsk", "Yekaterinburg", "Krasnoyarsk",
            "Vladivostok"],
           [("russian", 1)], 2),
    "CN": (2, [("Asia/Shanghai", 1)], ["Shanghai", "Shenzhen", "Hangzhou", "Chengdu", "Beijing"],
           [("chinese", 1)], 2),
    "KR": (1, [("Asia/Seoul", 1)], ["Seoul", "Busan", "Incheon", "Daejeon", "Seongnam"],
           [("korean", 1)], 3),
    "JP": (1, [("Asia/Tokyo", 1)], ["Tokyo", "Osaka", "Fukuoka", "Nagoya"],
           [("japanese", 1)], 3),
    "VN": (2.5, [("Asia/Ho_Chi_Minh", 1)], ["Ho Chi Minh City", "Hanoi", "Da Nang"],
           [("vietnamese", 1)], 1),
    "ID": (2, [("Asia/Jakarta", 80), ("Asia/Makassar", 20)],
           ["Jakarta", "Bandung", "Yogyakarta", "Surabaya", "Denpasar", "Makassar"],
           [("indonesian", 1)], 1),
    "DE": (2, [("Europe/Berlin", 1)], ["Berlin", "Munich", "Hamburg", "Cologne", "Leipzig"],
           [("german", 85), ("turkish", 6), ("russian", 4), ("polish", 3), ("arabic", 2)], 3),
    "PL": (2, [("Europe/Warsaw", 1)], ["Warsaw", "Krakow", "Wroclaw", "Gdansk", "Poznan"],
           [("polish", 92), ("ukrainian", 8)], 2),
    "RO": (1.5, [("Europe/Bucharest", 1)], ["Bucharest", "Cluj-Napoca", "Iasi", "Timisoara"],
           [("romanian", 1)], 2),
    "RS": (1.5, [("Europe/Belgrade", 1)], ["Belgrade", "Novi Sad", "Nis"],
           [("serbian", 90), ("russian", 10)], 2),
    "AR": (2, [("America/Argentina/Buenos_Aires", 1)], ["Buenos Aires", "Cordoba", "Rosario"],
           [("hispanic", 1)], 2),
    "MX": (2, [("America/Mexico_City", 85), ("America/Tijuana", 15)],
           ["Mexico City", "Guadalajara", "Monterrey", "Puebla", "Tijuana"], [("hispanic", 1)], 2),
    "CO": (1.5, [("America/Bogota", 1)], ["Bogota", "Medellin", "Cali"], [("hispanic", 1)], 2),
    "KE": (2, [("Africa/Nairobi", 1)], ["Nairobi", "Mombasa", "Kisumu"], [("kenyan", 1)], 1),
    "TR": (1.5, [("Europe/Istanbul", 1)], ["Istanbul", "Ankara", "Izmir"], [("turkish", 1)], 2),
    "ES": (1.5, [("Europe/Madrid", 1)], ["Madrid", "Barcelona", "Valencia", "Seville"],
           [("hispanic", 1)], 3),
    "FR": (1.5, [("Europe/Paris", 1)], ["Paris", "Lyon", "Toulouse", "Nantes"],
           [("french", 88), ("arabic", 12)], 3),
    "IT": (1, [("Europe/Rome", 1)], ["Rome", "Milan", "Turin", "Bologna"], [("italian", 1)], 3),
    "NL": (1, [("Europe/Amsterdam", 1)], ["Amsterdam", "Rotterdam", "Utrecht"],
           [("dutch", 85), ("turkish", 7), ("arabic", 8)], 3),
    "AU": (1.5, [("Australia/Sydney", 50), ("Australia/Melbourne", 30), ("Australia/Perth", 10),
                 ("Australia/Brisbane", 10)], ["Sydney", "Melbourne", "Perth", "Brisbane"],
           [("anglo", 75), ("chinese", 8), ("indian", 8), ("vietnamese", 4), ("korean", 5)], 3),
    "MY": (1, [("Asia/Kuala_Lumpur", 1)], ["Kuala Lumpur", "Penang", "Johor Bahru"],
           [("indonesian", 60), ("chinese", 30), ("indian", 10)], 2),
    "LK": (1, [("Asia/Colombo", 1)], ["Colombo", "Kandy", "Galle"], [("indian", 1)], 1),
    "NP": (1, [("Asia/Kathmandu", 1)], ["Kathmandu", "Pokhara", "Lalitpur"], [("indian", 1)], 1),
    "GE": (0.5, [("Asia/Tbilisi", 1)], ["Tbilisi", "Batumi"], [("russian", 40), ("georgian", 60)],
           2),
    "AM": (0.5, [("Asia/Yerevan", 1)], ["Yerevan", "Gyumri"], [("russian", 40), ("armenian", 60)],
           2),
    "KZ": (0.5, [("Asia/Almaty", 1)], ["Almaty", "Astana"], [("russian", 60), ("kazakh", 40)], 2),
    "BY": (0.5, [("Europe/Minsk", 1)], ["Minsk", "Brest", "Gomel"], [("russian", 1)], 2),
    "MA": (1, [("Africa/Casablanca", 1)], ["Casablanca", "Rabat", "Marrakesh"], [("arabic", 1)],
           1),
    "ZA": (1, [("Africa/Johannesburg", 1)], ["Johannesburg", "Cape Town", "Durban"],
           [("anglo", 50), ("nigerian", 20), ("kenyan", 30)], 2),
    "TH": (0.7, [("Asia/Bangkok", 1)], ["Bangkok", "Chiang Mai", "Phuket"], [("thai", 1)], 2),
    "SG": (0.5, [("Asia/Singapore", 1)], ["Singapore"],
           [("chinese", 70), ("indonesian", 15), ("indian", 15)], 3),
    "AE": (0.7, [("Asia/Dubai", 1)], ["Dubai", "Abu Dhabi", "Sharjah"],
           [("arabic", 40), ("indian", 35), ("pakistani", 15), ("filipino", 10)], 3),
    "TW": (0.4, [("Asia/Taipei", 1)], ["Taipei", "Taichung", "Kaohsiung"], [("chinese", 1)], 3),
    "HK": (0.3, [("Asia/Hong_Kong", 1)], ["Hong Kong"], [("chinese", 1)], 3),
}

NAMES: dict[str, tuple[str, str]] = {
    "anglo": ("James John Robert Michael William David Richard Joseph Thomas Daniel Matthew Anthony "
              "Mark Steven Andrew Joshua Kevin Brian Ryan Jacob Mary Patricia Jennifer Linda "
              "Elizabeth Susan Jessica Sarah Karen Emily Ashley Amanda Megan Rachel Laura Hannah "
              "Olivia Emma Tyler Brandon Christina Heather Nicole",
              "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore "
              "Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King "
              "Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips "
              "Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Knoot"),
    "hispanic": ("Jose Luis Carlos Juan Miguel Jorge Pedro Alejandro Diego Fernando Javier Ricardo "
                 "Maria Guadalupe Ana Sofia Valentina Camila Lucia Gabriela Daniela Paula Andrea "
                 "Sebastian Mateo Santiago Alonso Emilio Ernesto Rosa",
                 "Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres "
                 "Flores Rivera Gomez Diaz Reyes Morales Cruz Ortiz Gutierrez Chavez Ramos Ruiz "
                 "Alvarez Mendoza Castillo Jimenez Vargas Romero Herrera Medina"),
    "indian": ("Rahul Amit Rohit Vikram Arjun Karthik Suresh Ramesh Anil Sanjay Pradeep Deepak "
               "Manoj Rajesh Vivek Nikhil Akash Aditya Priya Pooja Neha Anjali Divya Kavya Sneha "
               "Shreya Lakshmi Meera Swati Ritu Harish Ganesh Venkat Srinivas",
               "Sharma Verma Gupta Singh Kumar Patel Reddy Nair Iyer Rao Joshi Mehta Shah Desai "
               "Menon Pillai Chopra Malhotra Agarwal Bansal Mishra Pandey Yadav Das Banerjee "
               "Mukherjee Krishnan Subramanian Naidu Kulkarni"),
    "pakistani": ("Muhammad Ahmed Ali Hassan Usman Bilal Hamza Faisal Imran Kamran Zeeshan Asad "
                  "Waqas Danish Saad Omer Ayesha Fatima Sana Hira Amna Maryam Zainab Iqra Mahnoor "
                  "Rabia Areeb Talha Junaid",
                  "Khan Ahmed Ali Hussain Malik Qureshi Sheikh Butt Chaudhry Raza Iqbal Mirza "
                  "Siddiqui Abbasi Baig Awan Rana Javed Aslam Shah Akhtar Anwar Nawaz"),
    "bengali": ("Rahim Karim Tanvir Sabbir Shakil Rafiq Arif Mahmud Nayeem Rakib Sajid Fahim "
                "Tahmina Nusrat Sharmin Farhana Rumana Tania Sadia Mim Jannat Riya Arnab Sourav",
                "Hossain Rahman Islam Ahmed Uddin Chowdhury Akter Begum Sarkar Miah Haque Alam "
                "Karim Sultana Roy Das Saha Bhuiyan Talukder Mondal"),
    "filipino": ("Mark John Paul Jerome Christian Carlo Miguel Rafael Joshua Angelo Kevin Jasmine "
                 "Mary Grace Joy Kristine Angelica Maricel Jennifer Rowena Cherry Princess Aileen",
                 "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Castillo Flores "
                 "Villanueva Ramos Aquino Navarro Dela_Cruz Manalo Pascual Salazar Dizon Mercado"),
    "ukrainian": ("Oleksandr Andriy Dmytro Serhiy Volodymyr Mykola Yuriy Taras Bohdan Ivan Oleh "
                  "Vasyl Maksym Artem Olena Iryna Natalia Oksana Tetiana Yulia Kateryna Anastasiia "
                  "Viktoriia Svitlana",
                  "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Oliynyk Boyko Melnyk "
                  "Koval Lysenko Marchenko Rudenko Savchenko Petrenko Didenko Moroz Pavlenko "
                  "Kovalchuk Polishchuk Tkachuk Hnatyuk Levchenko"),
    "russian": ("Aleksandr Sergey Dmitriy Andrey Aleksey Maksim Ivan Mikhail Nikolay Vladimir "
                "Yuriy Pavel Artem Kirill Egor Anna Elena Olga Natalya Tatyana Irina Ekaterina "
                "Mariya Svetlana Yuliya Anastasiya Vitaliy",
                "Ivanov Smirnov Kuznetsov Popov Vasilyev Petrov Sokolov Mikhaylov Novikov Fedorov "
                "Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev "
                "Orlov Andreev Makarov Zakharov"),
    "polish": ("Piotr Krzysztof Tomasz Pawel Michal Marcin Lukasz Jakub Kamil Mateusz Anna "
               "Katarzyna Magdalena Agnieszka Joanna Aleksandra Monika Natalia Karolina Zofia",
               "Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski "
               "Szymanski Wozniak Dabrowski Kozlowski Jankowski Mazur Kwiatkowski Krawczyk"),
    "chinese": ("Wei Jun Hao Lei Jie Yong Tao Ming Chao Peng Bo Xin Yu Fang Jing Li Na Min Yan "
                "Hui Ying Lin Xiaoming Zhiwei Haoran Yifan Zihan Jiahui Siyu Yuxuan",
                "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao "
                "Luo Zheng Liang Xie Song Tang Han Feng Deng Cao"),
    "korean": ("Min-jun Seo-jun Do-yun Ji-ho Ha-jun Joon-ho Sung-il Jin-song Hyun-woo Dong-hyun "
               "Seung-min Tae-yang Ji-woo Seo-yeon Min-seo Ha-eun Ji-yoon Soo-ah Yoo-jin Eun-ji "
               "Hye-jin Young-ho Sang-man Kyung-soo",
               "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song "
               "Jeon Hong Yoo Ko Moon Yang Son Bae Baek Jin Pak"),
    "japanese": ("Haruto Yuto Sota Riku Takumi Kenta Daiki Shota Hiroshi Takeshi Yui Aoi Hina "
                 "Sakura Yuna Misaki Haruka Ayaka Mei Nanami",
                 "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
                 "Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori"),
    "vietnamese": ("Minh Anh Tuan Hung Duc Thanh Hoang Long Nam Quang Huy Phuong Linh Trang Mai "
                   "Thao Ngoc Lan Hoa Vy Khanh Bao",
                   "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly Vong"),
    "indonesian": ("Budi Agus Andi Dedi Rizky Fajar Hendra Irfan Wahyu Yusuf Putri Dewi Siti Ayu "
                   "Rina Indah Nur Sri Fitri Aisyah Ahmad Ikhsan",
                   "Santoso Wijaya Saputra Pratama Hidayat Kurniawan Setiawan Nugroho Siregar "
                   "Lubis Harahap Simanjuntak Hakim Rahman Abdullah Ismail Ibrahim Tan Lim"),
    "german": ("Lukas Leon Finn Jonas Paul Felix Maximilian Tobias Florian Stefan Julia Laura "
               "Lena Anna Lea Sarah Katharina Johanna Sophie Miriam",
               "Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch "
               "Richter Klein Wolf Schroder Neumann Schwarz Zimmermann Braun Kruger"),
    "french": ("Lucas Hugo Louis Jules Gabriel Arthur Nathan Thomas Antoine Mathieu Camille Manon "
               "Chloe Lea Ines Sarah Julie Clara Pauline Elise",
               "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
               "Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Tremblay"),
    "italian": ("Marco Luca Giuseppe Alessandro Andrea Matteo Francesco Lorenzo Davide Simone "
                "Giulia Francesca Chiara Sara Martina Valentina Alessia Elena",
                "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
                "Gallo Conti De_Luca Costa Giordano Mancini Rizzo Lombardi Moretti"),
    "brazilian": ("Joao Pedro Lucas Gabriel Matheus Rafael Gustavo Felipe Bruno Thiago Ana Maria "
                  "Juliana Fernanda Beatriz Larissa Camila Amanda Leticia Mariana",
                  "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa "
                  "Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa"),
    "arabic": ("Mohamed Ahmed Mahmoud Mostafa Omar Youssef Khaled Karim Amr Tarek Hesham Ali "
               "Fatma Nour Mariam Salma Yasmin Aya Hana Dina Rana Layla",
               "Hassan Mohamed Ibrahim Ali Mahmoud Abdelrahman Salem Saleh Mansour Nasser Farouk "
               "Khalil Haddad Youssef El_Sayed Fathy Gamal Said Othman Amin"),
    "nigerian": ("Chinedu Emeka Oluwaseun Tunde Ifeanyi Chukwuemeka Babatunde Segun Femi Kelechi "
                 "Ngozi Chioma Adaeze Funmilayo Yetunde Aisha Blessing Amaka Bisi Uche",
                 "Okafor Okonkwo Adeyemi Ogunleye Eze Nwosu Balogun Ibrahim Bello Obi Olawale "
                 "Adebayo Chukwu Onyeka Afolabi Okeke Nnamdi Ugwu Akinola Musa"),
    "kenyan": ("Brian Kevin Dennis Collins Victor Samuel Peter Joseph Faith Mercy Grace Esther "
               "Wanjiku Akinyi Achieng Njeri Cynthia Purity",
               "Otieno Odhiambo Ochieng Kamau Mwangi Njoroge Kariuki Wanjiru Kiptoo Cheruiyot "
               "Mutua Kiprono Omondi Onyango Wafula Barasa Muthoni Chebet"),
    "turkish": ("Mehmet Mustafa Ahmet Ali Huseyin Hasan Ibrahim Emre Burak Murat Can Zeynep "
                "Elif Ayse Fatma Merve Esra Busra Selin Ece",
                "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan "
                "Kilic Aslan Cetin Kara Koc Kurt Ozkan Simsek"),
    "romanian": ("Andrei Alexandru Ionut Mihai Stefan Florin Adrian Cristian Bogdan Vlad Elena "
                 "Ioana Maria Andreea Alexandra Cristina Diana Roxana",
                 "Popescu Ionescu Popa Stan Dumitru Stoica Gheorghe Matei Ciobanu Rusu Munteanu "
                 "Constantin Marin Tudor Dobre Barbu Nistor Florea"),
    "serbian": ("Nikola Marko Stefan Luka Milos Nemanja Aleksandar Dusan Jovan Filip Milica Ana "
                "Jelena Jovana Marija Ivana Tamara Teodora",
                "Jovanovic Petrovic Nikolic Markovic Djordjevic Stojanovic Ilic Stankovic "
                "Pavlovic Milosevic Popovic Tomic Kostic Lazic Mitrovic Zivkovic"),
    "dutch": ("Daan Sem Lucas Milan Levi Thijs Bram Ruben Jesse Tim Emma Julia Sophie Lotte Anne "
              "Fleur Sanne Lisa Eva Iris",
              "de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit Meijer "
              "de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker Brouwer"),
    "thai": ("Somchai Anan Kittisak Nattapong Chaiwat Prasert Somsak Wichai Siriporn Suda "
             "Nattaya Kanya Ploy Pim Malee Ratana",
             "Saetang Srisuk Wongsa Chaiyaporn Rattanakul Sukprasert Boonmee Thongchai Kaewkla "
             "Phromma Srisawat Chanthara"),
    "georgian": ("Giorgi Davit Levan Nikoloz Irakli Luka Nino Mariam Ana Tamar Salome Eka",
                 "Beridze Kapanadze Gelashvili Maisuradze Giorgadze Lomidze Tsiklauri "
                 "Bolkvadze Kvaratskhelia Nozadze"),
    "armenian": ("Aram Arman Davit Gevorg Hayk Narek Tigran Armen Anna Ani Mariam Lilit Nare "
                 "Gayane",
                 "Hakobyan Harutyunyan Sargsyan Grigoryan Khachatryan Petrosyan Vardanyan "
                 "Gevorgyan Karapetyan Avetisyan"),
    "kazakh": ("Nurlan Yerlan Daulet Arman Askar Bauyrzhan Aigerim Dana Aruzhan Madina Saule",
               "Nurlanov Seitkali Zhumabekov Akhmetov Abenov Tulegenov Bekov Dzhaksybekov "
               "Omarov Kassymov"),
}

# words in an AS organisation name that mark it as not a consumer (eyeball) network: hosting,
# transit, enterprise, government, education
NON_EYEBALL_WORDS = (
    "universit", "college", "school", "government", "ministry", "bank", "cloud", "host",
    "data cent", "datacent", "server", "amazon", "google", "microsoft", "akamai", "cloudflare",
    "facebook", "meta platforms", "apple", "digitalocean", "ovh", "hetzner", "leaseweb", "colo",
    "vps", "vpn", "proxy", "cdn", "research", "military", "police", "exchange", "department",
    "dod ", "network information", "level 3", "cogent", "motor", "insurance", "lilly",
    "business", "gtt ", "jisc", "nhs ", "mercedes", "bayer", "deutsche post", "t-systems",
    "entserv", "colt ", "eunetworks", "alibaba", "volcano", "egov", "cnic", "kisti",
    "samsungsds", "lg cns", "national", "rechenzentrum", "institut", "selectel", "timeweb",
    "content delivery", "byteplus", "tata communications", "sify", "genpact", "railtel",
    "church", "idc", "international", "at&t corp", "verizon uk", "exponential", "gamma telecom",
    "claranet", "wavenet", "prudential", "backbone", "cable company", "hurricane", "zayo",
    "lumen", "ntt america", "telia", "cable and wireless", "centurylink", "global crossing",
    "foundation", "verein", "scientific", "pharma", "airlines", "energy", " oil", "hospital",
    "xerox", "corporation of", "ixp", "internet exchange")

# zone of the cities of multi-zone countries (a claimed city agrees with the claimed zone)
CITY_ZONE = {
    "New York": "America/New_York", "Atlanta": "America/New_York", "Miami": "America/New_York",
    "Chicago": "America/Chicago", "Austin": "America/Chicago", "Denver": "America/Denver",
    "Phoenix": "America/Phoenix", "Seattle": "America/Los_Angeles",
    "Los Angeles": "America/Los_Angeles", "San Francisco": "America/Los_Angeles",
    "Portland": "America/Los_Angeles", "Boston": "America/New_York", "Dallas": "America/Chicago",
    "Winnipeg": "America/Winnipeg", "Halifax": "America/Halifax", "Krasnoyarsk":
    "Asia/Krasnoyarsk", "Vladivostok": "Asia/Vladivostok", "Manaus": "America/Manaus",
    "Tijuana": "America/Tijuana", "Makassar": "Asia/Makassar",
    "Toronto": "America/Toronto", "Montreal": "America/Toronto", "Ottawa": "America/Toronto",
    "Vancouver": "America/Vancouver", "Calgary": "America/Edmonton",
    "Moscow": "Europe/Moscow", "Saint Petersburg": "Europe/Moscow", "Kazan": "Europe/Moscow",
    "Novosibirsk": "Asia/Novosibirsk", "Yekaterinburg": "Asia/Yekaterinburg",
    "Sydney": "Australia/Sydney", "Melbourne": "Australia/Melbourne",
    "Perth": "Australia/Perth", "Brisbane": "Australia/Brisbane",
    "Jakarta": "Asia/Jakarta", "Bandung": "Asia/Jakarta", "Yogyakarta": "Asia/Jakarta",
    "Surabaya": "Asia/Jakarta", "Denpasar": "Asia/Makassar",
    "Mexico City": "America/Mexico_City", "Guadalajara": "America/Mexico_City",
    "Monterrey": "America/Mexico_City", "Puebla": "America/Mexico_City",
    "Sao Paulo": "America/Sao_Paulo", "Rio de Janeiro": "America/Sao_Paulo",
    "Belo Horizonte": "America/Sao_Paulo", "Curitiba": "America/Sao_Paulo",
    "Recife": "America/Sao_Paulo",
}

# romanisation / transliteration variants of the same name (honest name differences)
VARIANTS = {
    "Lee": ["Yi", "Rhee", "Ri"], "Park": ["Pak", "Bak"], "Choi": ["Choe", "Chwe"],
    "Kim": ["Gim"], "Jung": ["Jeong", "Chung"], "Kang": ["Gang"], "Cho": ["Jo", "Joe"],
    "Yoon": ["Yun"], "Lim": ["Im", "Rim"], "Shin": ["Sin"], "Kwon": ["Gwon"], "Song": ["Soung"],
    "Zhang": ["Chang", "Cheung"], "Wang": ["Wong"], "Chen": ["Chan", "Tan"], "Li": ["Lee", "Lei"],
    "Zhou": ["Chow", "Chou"], "Huang": ["Wong", "Hwang"], "Wu": ["Ng", "Woo"], "Xu": ["Hsu"],
    "Zhao": ["Chao", "Chiu"], "Liu": ["Lau", "Lew"], "Yang": ["Yeung"], "Guo": ["Kuo", "Kwok"],
    "Aleksandr": ["Alexander", "Alexandr", "Oleksandr"], "Sergey": ["Sergei", "Serhii"],
    "Dmitriy": ["Dmitry", "Dmitrii", "Dmytro"], "Yuriy": ["Yuri", "Iurii"],
    "Aleksey": ["Alexey", "Alexei"], "Mikhail": ["Michael"], "Nikolay": ["Nikolai"],
    "Natalya": ["Natalia", "Nataliya"], "Tatyana": ["Tatiana"], "Yuliya": ["Julia", "Iuliia"],
    "Oleksandr": ["Aleksandr", "Olexandr"], "Serhiy": ["Sergiy", "Serhii"], "Andriy": ["Andrii"],
    "Yulia": ["Iuliia", "Yuliia"], "Mykola": ["Nikolay"], "Volodymyr": ["Vladimir"],
    "Mohamed": ["Mohammed", "Muhammad"], "Muhammad": ["Mohammad", "Muhammed"],
    "Mahmoud": ["Mahmud"], "Youssef": ["Yousef", "Yusuf"], "Mostafa": ["Mustafa"],
    "Hossain": ["Hussain", "Hosen"], "Chowdhury": ["Chowdhary"], "Rahman": ["Rahaman"],
    "Muller": ["Mueller"], "Schroder": ["Schroeder"], "Kruger": ["Krueger"],
    "Smirnov": ["Smirnoff"], "Ivanov": ["Ivanoff"], "Petrov": ["Petroff"],
    "Shevchenko": ["Shevchenco"], "Kovalenko": ["Kowalenko"],
}

# operator bases (public record: Shenyang and Dandong in China, Yanbian, Vladivostok, Laos)
OPERATOR_BASES = [("CN", "Asia/Shanghai", 55), ("RU", "Asia/Vladivostok", 15),
                  ("LA", "Asia/Vientiane", 8), ("CN", "Asia/Harbin", 12), ("AE", "Asia/Dubai", 4),
                  ("KP", "Asia/Pyongyang", 6)]

# payout method shares by claimed country (platform help pages: ACH in US, local funds transfer
# in AU/BD/CA/CO/EU/IN/ID/KE/PK/PH, Payoneer not offered in US or India)
PAYOUT_MIX = {
    "US": {"bank": 68, "paypal": 27, "wise": 4, "crypto": 1},
    "IN": {"bank": 72, "paypal": 22, "wise": 5, "crypto": 1},
    "PK": {"bank": 45, "payoneer": 40, "wise": 10, "other": 5},
    "BD": {"bank": 42, "payoneer": 50, "other": 8},
    "PH": {"bank": 35, "paypal": 38, "payoneer": 22, "wise": 5},
    "UA": {"payoneer": 40, "bank": 28, "wise": 20, "paypal": 8, "crypto": 4},
    "NG": {"payoneer": 48, "bank": 25, "other": 20, "crypto": 7},
    "EG": {"payoneer": 50, "bank": 42, "other": 8},
    "RU": {"crypto": 30, "other": 25, "bank": 40, "wise": 5},
    "BY": {"crypto": 25, "other": 20, "bank": 50, "payoneer": 5},
    "CN": {"bank": 40, "paypal": 28, "payoneer": 22, "other": 10},
    "KE": {"bank": 30, "payoneer": 35, "paypal": 15, "other": 20},
}
DEFAULT_PAYOUT = {"bank": 45, "paypal": 27, "payoneer": 18, "wise": 10}

EMAIL_DOMAINS = {
    "default": [("gmail.com", 70), ("outlook.com", 12), ("yahoo.com", 8), ("hotmail.com", 6),
                ("protonmail.com", 2), ("icloud.com", 2)],
    "RU": [("mail.ru", 35), ("yandex.ru", 35), ("gmail.com", 30)],
    "BY": [("mail.ru", 30), ("yandex.by", 20), ("gmail.com", 50)],
    "KZ": [("mail.ru", 40), ("gmail.com", 60)],
    "CN": [("qq.com", 45), ("163.com", 25), ("gmail.com", 20), ("126.com", 10)],
    "KR": [("naver.com", 50), ("gmail.com", 35), ("daum.net", 15)],
    "JP": [("gmail.com", 55), ("yahoo.co.jp", 35), ("icloud.com", 10)],
    "UA": [("gmail.com", 80), ("ukr.net", 20)],
    "DE": [("gmail.com", 45), ("web.de", 25), ("gmx.de", 25), ("outlook.com", 5)],
    "FR": [("gmail.com", 60), ("orange.fr", 15), ("hotmail.fr", 15), ("free.fr", 10)],
    "PL": [("gmail.com", 60), ("wp.pl", 20), ("o2.pl", 10), ("onet.pl", 10)],
    "IN": [("gmail.com", 85), ("yahoo.co.in", 8), ("rediffmail.com", 4), ("outlook.com", 3)],
}

TITLES = ["Full Stack Developer", "Senior Software Engineer", "Backend Engineer",
          "React Developer", "Python Developer", "Mobile App Developer", "DevOps Engineer",
          "Data Scientist", "Blockchain Developer", "QA Engineer", "Web Developer",
          "Java Developer", "Node.js Developer", "Cloud Engineer", "UI/UX Designer"]
EMPLOYERS = ["Accenture", "Infosys", "Globant", "EPAM", "SoftServe", "Toptal", "Andela",
             "Wipro", "Capgemini", "Luxoft", "Deloitte", "IBM", "Oracle", "a fintech startup",
             "a logistics company", "a health-tech startup", "an e-commerce agency",
             "a marketing agency", "a SaaS company", "a game studio", "a local bank"]

PROPOSAL_OPENERS = ["Hi, I have read your job description carefully and I am confident I can "
                    "deliver this.", "Hello! This is exactly the kind of project I enjoy.",
                    "Dear client, I am an experienced developer and I can start right away.",
                    "Hi there, I went through your requirements and have a few questions.",
                    "Hello, I have done very similar work recently for another client.",
                    "Greetings! I can help you with this task within your timeline."]
PROPOSAL_BODIES = ["I have {y} years of experience with {s} and have shipped {k} production "
                   "projects.", "My main stack is {s}; I write clean, tested code and "
                   "communicate daily.", "I can build this with {s}, deliver in milestones and "
                   "provide documentation.", "Recently I finished a project using {s} for a client "
                   "in {c}; I can share the repository.", "I am available {h} hours a week and "
                   "can overlap with your working hours."]
PROPOSAL_CLOSERS = ["Looking forward to hearing from you.", "Best regards,", "Thanks, {n}",
                    "Let's discuss the details in chat.", "Kind regards, {n}",
                    "I am ready to start today."]
SKILLS = ["React", "Node.js", "Python", "Django", "Laravel", "Flutter", "Kotlin", "Swift",
          "AWS", "Docker", "Kubernetes", "Solidity", "Go", "Java Spring", "Vue.js", "Next.js",
          "PostgreSQL", "TypeScript", "Rust", "Web3.js"]

# what some browsers report instead of the canonical zone name (legacy links, same-offset zones)
ZONE_ALIASES = {
    "Asia/Kolkata": "Asia/Calcutta", "Europe/Kyiv": "Europe/Kiev",
    "Asia/Ho_Chi_Minh": "Asia/Saigon", "Asia/Kathmandu": "Asia/Katmandu",
    "America/Argentina/Buenos_Aires": "America/Buenos_Aires", "America/New_York":
    "America/Detroit", "America/Chicago": "America/Indiana/Knox", "America/Denver":
    "America/Boise", "America/Los_Angeles": "US/Pacific", "Asia/Shanghai": "Asia/Chongqing",
    "Europe/Istanbul": "Asia/Istanbul", "Asia/Dhaka": "Asia/Dacca", "America/Toronto":
    "America/Montreal", "Australia/Sydney": "Australia/NSW", "Asia/Jakarta": "Asia/Pontianak",
}

TACTICS = ["laptop_farm", "rented_account", "overseas_vpn", "front_company", "identity_lender",
           "proxy_careful"]
HONEST_SEGMENTS = ["privacy_vpn", "traveller", "asia_night_shift", "agency", "consistent_cn_kr_ru",
                   "romanised_name", "voip_phone", "web3_crypto", "shared_connection",
                   "remote_desktop", "emigrant", "mobile_cgnat", "relative_payout"]
NIGHT_COUNTRIES = ["PH", "IN", "PK", "BD", "VN", "ID", "LK", "NP", "CN", "KR", "MY", "TH", "JP"]
HOSTING_COUNTRIES = ["US", "DE", "NL", "GB", "SG", "FR", "CA", "JP", "HK", "FI", "SE", "PL"]


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def wchoice(rng: random.Random, pairs):
    """Weighted choice over [(item, weight)] or {item: weight}."""
    if isinstance(pairs, dict):
        pairs = list(pairs.items())
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x <= 0:
            return item
    return pairs[-1][0]


def iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def hexid(rng: random.Random, k: int) -> str:
    return f"{rng.getrandbits(4 * k):0{k}x}"


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def find_data(arg: str | None) -> str:
    if arg:
        if not os.path.isdir(arg):
            sys.exit(f"--data {arg!r} is not a folder")
        return arg
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for cand in (os.path.join(here, "..", "shared", "data"),
                 os.path.join(here, "..", "..", "shared", "data")):
        if os.path.isdir(cand):
            return os.path.normpath(cand)
    sys.exit("shared reference data not found: pass --data /path/to/shared/data "
             "(looked in ../shared/data and ../../shared/data beside the checkout)")


# ---------------------------------------------------------------------------------------------
# Reference data
# ---------------------------------------------------------------------------------------------

class RangePool:
    """IP ranges with cumulative sizes for size-weighted draws."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.asn: list[int] = []
        self.v6: list[bool] = []
        self.cum: list[float] = []
        self.total = 0.0

    def add(self, s: int, e: int, asn: int, v6: bool, weight: float | None = None):
        w = weight if weight is not None else float(e - s + 1)
        self.starts.append(s)
        self.ends.append(e)
        self.asn.append(asn)
        self.v6.append(v6)
        self.total += w
        self.cum.append(self.total)

    def __len__(self):
        return len(self.starts)

    def pick(self, rng: random.Random) -> int:
        return bisect.bisect_left(self.cum, rng.random() * self.total)

    def ip(self, rng: random.Random, idx: int | None = None) -> str:
        i = self.pick(rng) if idx is None else idx
        s, e = self.starts[i], self.ends[i]
        if self.v6[i]:
            # inside the first /64s of the range: host part random
            span = min(e - s, (1 << 80) - 1)
            return str(ipaddress.IPv6Address(s + rng.randint(1, max(1, span))))
        lo, hi = s + 1, max(s + 1, e - 1)
        v = rng.randint(lo, hi)
        if v & 0xFF in (0, 255):
            v = (v & ~0xFF) | rng.randint(1, 254)
            v = min(max(v, s), e)
        return str(ipaddress.IPv4Address(v))


class World:
    def __init__(self, data: str):
        self.data = data
        self.geo = maxminddb.open_database(os.path.join(data, "ip-location-db", "dbip-country.mmdb"))
        self._load_hosting_asns()
        self._load_asn_ranges()
        self._load_vpn()
        self._load_tor()
        self._load_phones()
        self._load_resumes()
        self.sdn_wallets = self._load_sdn_wallets()

    def cc(self, ip: str) -> str | None:
        rec = self.geo.get(ip)
        return rec.get("country_code") if rec else None

    def _load_hosting_asns(self):
        hosting: set[int] = set()
        with open(os.path.join(self.data, "brianhama-bad-asn-list", "bad-asn-list.csv"),
                  encoding="utf-8") as f:
            for row in csv.reader(f):
                if row and row[0].strip().isdigit():
                    hosting.add(int(row[0].strip()))
        for rel in ("input/datacenter/ASN.txt", "input/vpn/ASN.txt"):
            with open(os.path.join(self.data, "x4bnet-lists_vpn", rel), encoding="utf-8") as f:
                for line in f:
                    m = re.match(r"\s*AS(\d+)", line)
                    if m:
                        hosting.add(int(m.group(1)))
        self.hosting_asns = hosting

    def _load_asn_ranges(self):
        bad_words = NON_EYEBALL_WORDS
        res_by_cc: dict[str, dict[int, list]] = {}
        host_by_cc: dict[str, RangePool] = {}
        self.asn_org: dict[int, str] = {}
        geo = self.geo
        org_bad: dict[int, bool] = {}
        hosting = self.hosting_asns
        inet_pton, af4, af6 = socket.inet_pton, socket.AF_INET, socket.AF_INET6
        # IPv4: hosting pools and the candidate consumer networks of each country
        with gzip.open(os.path.join(self.data, "ip-location-db", "asn-ipv4.csv.gz"), "rt",
                       encoding="utf-8", errors="replace") as f:
            for row in csv.reader(f):
                if len(row) < 4 or not row[2].isdigit():
                    continue
                asn = int(row[2])
                if asn not in self.asn_org:
                    self.asn_org[asn] = row[3]
                is_host = asn in hosting
                try:
                    s = int.from_bytes(inet_pton(af4, row[0]), "big")
                    e = int.from_bytes(inet_pton(af4, row[1]), "big")
                except OSError:
                    continue
                if e - s < 255:
                    continue
                rec = geo.get(row[0])
                cc = rec.get("country_code") if rec else None
                if not cc:
                    continue
                if is_host:
                    host_by_cc.setdefault(cc, RangePool()).add(s, e, asn, False)
                else:
                    res_by_cc.setdefault(cc, {}).setdefault(asn, []).append(
                        (s, e, False, float(e - s + 1)))
        # residential: the largest consumer ASNs of each country (by IPv4 space)
        top_of: dict[str, list[int]] = {}
        home_cc: dict[int, str] = {}
        for cc, by_asn in res_by_cc.items():
            sizes = sorted(((sum(r[3] for r in rs), asn) for asn, rs in by_asn.items()),
                           reverse=True)
            top = []
            for sz, asn in sizes:  # largest first; the organisation name is checked lazily
                if len(top) == 15 or sz < 1024:
                    break
                bad = org_bad.get(asn)
                if bad is None:
                    low = self.asn_org[asn].lower()
                    bad = org_bad[asn] = any(k in low for k in bad_words)
                if not bad:
                    top.append(asn)
            if top:
                top_of[cc] = top
                for asn in top:
                    home_cc.setdefault(asn, cc)
        # IPv6 ranges of those same ISPs, in the same country
        with gzip.open(os.path.join(self.data, "ip-location-db", "asn-ipv6.csv.gz"), "rt",
                       encoding="utf-8", errors="replace") as f:
            for row in csv.reader(f):
                if len(row) < 4 or not row[2].isdigit():
                    continue
                asn = int(row[2])
                if asn not in home_cc:
                    continue
                try:
                    s = int.from_bytes(inet_pton(af6, row[0]), "big")
                    e = int.from_bytes(inet_pton(af6, row[1]), "big")
                except OSError:
                    continue
                if e - s < (1 << 64) - 1:
                    continue
                rec = geo.get(row[0])
                cc = rec.get("country_code") if rec else None
                if cc and cc in res_by_cc and asn in res_by_cc[cc]:
                    res_by_cc[cc][asn].append((s, e, True, 4096.0))
        self.res: dict[str, RangePool] = {}
        self.res_asns: dict[str, list[int]] = {}
        for cc, top in top_of.items():
            pool = RangePool()
            for asn in top:
                for s, e, v6, w in res_by_cc[cc][asn]:
                    pool.add(s, e, asn, v6, w)
            self.res[cc] = pool
            self.res_asns[cc] = top
        self.host = host_by_cc

    def _load_vpn(self):
        self.vpn: dict[str, RangePool] = {}
        geo = self.geo
        files = ["output/vpn/ipv4.txt", "input/vpn/ips/protonvpn.txt", "input/vpn/ips/pia.txt",
                 "input/vpn/ips/mullvadvpn.txt"]
        seen = set()
        for rel in files:
            with open(os.path.join(self.data, "x4bnet-lists_vpn", rel), encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if not line or line.startswith("#") or ":" in line or line in seen:
                        continue
                    seen.add(line)
                    try:
                        net = ipaddress.IPv4Network(line, strict=False)
                    except ValueError:
                        continue
                    s, e = int(net.network_address), int(net.broadcast_address)
                    rec = geo.get(str(ipaddress.IPv4Address(s + (e - s) // 2)))
                    cc = rec.get("country_code") if rec else None
                    if cc:
                        self.vpn.setdefault(cc, RangePool()).add(s, e, 0, False, 1.0)
        self.vpn_countries = sorted(c for c, p in self.vpn.items() if len(p) >= 5)

    def _load_tor(self):
        out = []
        with open(os.path.join(self.data, "tor-nodes", "exit-relay-ips.txt"),
                  encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and ":" not in line:
                    out.append(line)
        self.tor = out

    def _load_phones(self):
        self.phone_ex: dict[tuple[str, str], str] = {}
        with open(os.path.join(self.data, "phone-vectors", "phonenumbers_example_numbers.csv"),
                  encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["valid"] == "True":
                    self.phone_ex[(row["region"], row["type"])] = row["e164"]
        self._phone_cache: dict[tuple[str, str], list[str]] = {}

    def _load_resumes(self):
        raw = open(os.path.join(self.data, "resume-updatedresumedataset",
                                "UpdatedResumeDataSet.csv"), "rb").read()
        text = raw.decode("utf-8", errors="ignore")
        rows = list(csv.reader(io.StringIO(text)))[1:]
        seen = set()
        self.resumes: dict[str, list[list[str]]] = {}
        for cat, body in rows:
            body = re.sub(r"[^\x20-\x7e]+", " ", body)
            body = re.sub(r"\s+", " ", body).strip()
            if body in seen or len(body) < 200:
                continue
            seen.add(body)
            chunks = [c.strip(" -*,") for c in re.split(r"(?<=[.!?])\s+|\s\*\s|\s-\s", body)]
            chunks = [c for c in chunks if 20 <= len(c) <= 400]
            if len(chunks) >= 4:
                self.resumes.setdefault(cat, []).append(chunks)
        self.categories = sorted(self.resumes)
        self.it_categories = [c for c in self.categories if c in (
            "Java Developer", "Python Developer", "DevOps Engineer", "Data Science", "Testing",
            "Web Designing", "Blockchain", "Database", "Hadoop", "DotNet Developer",
            "Network Security Engineer", "SAP Developer", "ETL Developer", "Automation Testing",
            "Business Analyst", "Operations Manager", "PMO")] or self.categories

    def _load_sdn_wallets(self):
        path = os.path.join(self.data, "ofac-sdn", "dprk_it_worker_related_2024-05-03.csv")
        out = []
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                for row in csv.DictReader(f):
                    for part in (row.get("digital_currency_addresses") or "").split(";"):
                        if ":" in part:
                            out.append(part.split(":", 1)[1].strip())
        return sorted(a for a in out if a)

    # -- draws ---------------------------------------------------------------------------------
    def res_ip(self, rng, cc, asn_idx: int | None = None) -> tuple[str, int]:
        pool = self.res.get(cc) or self.res["US"]
        i = pool.pick(rng)
        return pool.ip(rng, i), pool.asn[i]

    def host_ip(self, rng, cc) -> str:
        pool = self.host.get(cc)
        if not pool or len(pool) < 3:
            pool = self.host[rng.choice([c for c in HOSTING_COUNTRIES if c in self.host])]
        return pool.ip(rng)

    def vpn_ip(self, rng, cc) -> str:
        pool = self.vpn.get(cc)
        if not pool or len(pool) < 5:
            if rng.random() < 0.5:
                return self.host_ip(rng, cc)
            pool = self.vpn[rng.choice(["US", "NL", "DE", "GB", "SG", "JP"])
                            if "US" in self.vpn else self.vpn_countries[0]]
        return pool.ip(rng)

    def phone(self, rng, region: str, kind: str = "MOBILE") -> str | None:
        key = (region, kind)
        ex = self.phone_ex.get(key) or self.phone_ex.get((region, "FIXED_LINE_OR_MOBILE"))
        if not ex:
            return None
        cc_len = len(str(phonenumbers.parse(ex, None).country_code))
        digits = ex[1:]
        national = len(digits) - cc_len
        for i in range(16):
            # vary most of the national number first (area codes, carriers), then fewer digits
            k = max(3, min(national - 1, 9) - i // 3)
            cand = "+" + digits[:-k] + "".join(str(rng.randint(0, 9)) for _ in range(k))
            try:
                num = phonenumbers.parse(cand, None)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(num):
                return cand
        return ex


# ---------------------------------------------------------------------------------------------
# Per-seed parameters
# ---------------------------------------------------------------------------------------------

def draw_params(rng: random.Random) -> dict:
    p = {}
    p["front_rate"] = rng.uniform(0.02, 0.10)
    p["lookalike_share"] = rng.uniform(0.22, 0.38)
    raw = {s: rng.uniform(0.4, 1.6) for s in HONEST_SEGMENTS}
    t = sum(raw.values())
    p["seg_share"] = {s: v / t for s, v in raw.items()}
    raw = {s: rng.uniform(0.3, 1.7) for s in TACTICS}
    t = sum(raw.values())
    p["tactic_mix"] = {s: v / t for s, v in raw.items()}
    p["multi_trait"] = rng.uniform(0.12, 0.40)
    p["care_a"], p["care_b"] = rng.uniform(1.0, 3.5), rng.uniform(1.0, 3.5)
    p["export"] = datetime(2024, 10, 1, tzinfo=UTC) + timedelta(days=rng.randint(0, 440))
    p["sessions_median"] = rng.uniform(12, 35)
    p["proposals_mean"] = rng.uniform(1.5, 6)
    p["vpn_general"] = rng.uniform(0.02, 0.07)  # regular people with occasional VPN sessions
    p["ipv6_share"] = rng.uniform(0.0, 0.25)
    p["retention_days"] = rng.randint(180, 730)
    p["zone_alias"] = rng.uniform(0.03, 0.2)  # share of people whose browser reports an alias  # how far back the session export reaches
    p["miss"] = {
        "full_name": rng.uniform(0.0, 0.05), "email": rng.uniform(0.02, 0.15),
        "phone": rng.uniform(0.05, 0.40), "claimed_city": rng.uniform(0.05, 0.30),
        "claimed_timezone": rng.uniform(0.2, 0.7), "resume_text": rng.uniform(0.03, 0.2),
        "photo_phash": rng.uniform(0.1, 0.4), "github_url": rng.uniform(0.45, 0.8),
        "hourly_rate_usd": rng.uniform(0.05, 0.2), "shipping_country": rng.uniform(0.6, 0.95),
        "device_id": rng.uniform(0.0, 0.1), "browser_timezone": rng.uniform(0.02, 0.2),
        "remote_access": rng.uniform(0.0, 0.3), "duration_s": rng.uniform(0.0, 0.1),
        "no_payout": rng.uniform(0.05, 0.25), "holder_name": rng.uniform(0.05, 0.3),
        "account_country": rng.uniform(0.05, 0.2),
    }
    return p


# ---------------------------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------------------------

class Gen:
    def __init__(self, world: World, n: int, seed: int):
        self.w = world
        self.n = n
        self.rng = random.Random(seed)
        self.p = draw_params(self.rng)
        self.export: datetime = self.p["export"]
        self.ids: set[str] = set()
        self.records: list[dict] = []
        self.truth: list[tuple] = []
        self.zones: dict[str, ZoneInfo] = {}
        self.country_pairs = [(c, v[0]) for c, v in COUNTRIES.items()]
        self.stock_photos = [hexid(self.rng, 16) for _ in range(6)]
        self.public_templates = [self._proposal_template() for _ in range(8)]
        self.cgnat: dict[str, list[str]] = {}
        self.cur_alias = False

    # -- small draws -----------------------------------------------------------------------
    def zone(self, name: str) -> ZoneInfo:
        z = self.zones.get(name)
        if z is None:
            z = self.zones[name] = ZoneInfo(name)
        return z

    def new_id(self) -> str:
        while True:
            a = "ap_" + hexid(self.rng, 12)
            if a not in self.ids:
                self.ids.add(a)
                return a

    def name(self, culture: str) -> tuple[str, str]:
        firsts, lasts = NAMES[culture]
        f = self.rng.choice(firsts.split())
        last = self.rng.choice(lasts.split()).replace("_", " ")
        return f, last

    def person_name(self, cc: str) -> tuple[str, str, str]:
        culture = wchoice(self.rng, COUNTRIES[cc][3])
        f, last = self.name(culture)
        return f, last, culture

    def full_name(self, f, last, culture, order_family_first=False):
        if order_family_first or (culture in ("chinese", "korean") and self.rng.random() < 0.15):
            return f"{last} {f}"
        return f"{f} {last}"

    def variant_name(self, f: str, last: str) -> str:
        rng = self.rng
        f2 = rng.choice(VARIANTS[f]) if f in VARIANTS and rng.random() < 0.7 else f
        l2 = rng.choice(VARIANTS[last]) if last in VARIANTS and rng.random() < 0.8 else last
        if "-" in f2 and rng.random() < 0.6:
            f2 = f2.replace("-", "" if rng.random() < 0.5 else " ")
            f2 = f2.title() if " " in f2 else f2.capitalize()
        if f2 == f and l2 == last:
            return f"{last.upper()} {f}" if rng.random() < 0.5 else f"{f[0]}. {last}"
        return f"{f2} {l2}"

    def email(self, f: str, last: str, cc: str, digits: str | None = None) -> str:
        rng = self.rng
        fl, ll = re.sub(r"[^a-z]", "", f.lower()), re.sub(r"[^a-z]", "", last.lower())
        style = rng.random()
        if digits is not None:
            local = f"{fl}{ll}{digits}" if style < 0.6 else f"{fl}.{ll}{digits}"
        elif style < 0.3:
            local = f"{fl}.{ll}"
        elif style < 0.5:
            local = f"{fl}{ll}"
        elif style < 0.6:
            local = f"{fl[0]}{ll}"
        elif style < 0.7:
            local = f"{fl}_{ll}"
        elif style < 0.9:
            local = f"{fl}{ll}{rng.choice([rng.randint(1, 99), rng.randint(1975, 2004)])}"
        else:
            local = f"{fl}.{ll}.{rng.choice(['dev', 'work', 'pro', 'it'])}"
        dom = wchoice(rng, EMAIL_DOMAINS.get(cc, EMAIL_DOMAINS["default"]))
        return f"{local}@{dom}"

    def claimed_zone(self, cc: str) -> str:
        return wchoice(self.rng, COUNTRIES[cc][1])

    def rate(self, cc: str) -> float:
        lvl = COUNTRIES[cc][4] if cc in COUNTRIES else 2
        base = {1: 18, 2: 32, 3: 60}[lvl]
        return round(max(5.0, base * math.exp(self.rng.gauss(0, 0.45))), 2)

    def account_ref(self, method: str, cc: str, email: str | None = None) -> str:
        rng = self.rng
        if method == "bank":
            if cc in ("DE", "FR", "ES", "IT", "NL", "PL", "RO", "GB", "UA", "TR", "RS", "GE", "AE",
                      "PK", "EG", "KZ", "AM", "BY"):
                return f"{cc}{rng.randint(10, 99)}{''.join(str(rng.randint(0, 9)) for _ in range(18))}"
            return f"ACCT-{cc}-{''.join(str(rng.randint(0, 9)) for _ in range(12))}"
        if method == "paypal":
            return email if email and rng.random() < 0.7 else f"pp-{hexid(rng, 10)}"
        if method == "payoneer":
            return f"PYN-{rng.randint(10**9, 10**10 - 1)}"
        if method == "wise":
            return f"WISE-{rng.randint(10**7, 10**8 - 1)}"
        if method == "crypto":
            k = rng.random()
            if k < 0.5:
                return "T" + "".join(rng.choice(B58) for _ in range(33))
            if k < 0.85:
                return "0x" + hexid(rng, 40)
            return "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))
        return f"{rng.choice(['ALIPAY', 'GREY', 'SKRILL', 'PAYME', 'CARD'])}-{hexid(rng, 10)}"

    def phash(self) -> str:
        return hexid(self.rng, 16)

    def flip_bits(self, h: str, k: int) -> str:
        v = int(h, 16)
        for _ in range(k):
            v ^= 1 << self.rng.randrange(64)
        return f"{v:016x}"

    # -- content ---------------------------------------------------------------------------
    def resume_parts(self, category: str | None = None, n_sources: int = 3) -> tuple[str, list]:
        rng = self.rng
        cat = category or rng.choice(self.w.it_categories)
        pool = self.w.resumes[cat]
        chunks = []
        for _ in range(n_sources):
            src = rng.choice(pool)
            take = [c for c in src if rng.random() < 0.45]
            chunks.extend(take)
        rng.shuffle(chunks)
        if len(chunks) < 4:
            chunks = list(rng.choice(pool))
        return cat, chunks[:rng.randint(6, 16)]

    def resume_text(self, fullname, title, city, cc, chunks, years, employer) -> str:
        rng = self.rng
        head = rng.choice([
            f"{fullname} - {title}. Based in {city}, {cc}.",
            f"{title} with {years}+ years of experience.",
            f"{fullname}, {title} ({years} years). Previously at {employer}.",
            f"I am a {title.lower()} from {city} with {years} years in the industry.",
        ])
        tail = rng.choice(["", f" Worked at {employer}.", " Open to long-term contracts.",
                           f" Available for {rng.choice([20, 30, 40])} hours per week."])
        return head + " " + " ".join(chunks) + tail

    def _proposal_template(self) -> list[str]:
        rng = self.rng
        return [rng.choice(PROPOSAL_OPENERS), rng.choice(PROPOSAL_BODIES),
                rng.choice(PROPOSAL_BODIES), rng.choice(PROPOSAL_CLOSERS)]

    def proposal_text(self, tpl: list[str], first: str, cc: str, personal: float) -> str:
        rng = self.rng
        parts = []
        for i, t in enumerate(tpl):
            if 0 < i < len(tpl) - 1 and rng.random() < personal * 0.5:
                t = rng.choice(PROPOSAL_BODIES)
            parts.append(t.format(y=rng.randint(3, 12), s=", ".join(rng.sample(SKILLS, 2)),
                                  k=rng.randint(5, 40), c=rng.choice(list(COUNTRIES)),
                                  h=rng.choice([20, 30, 40]), n=first))
        if rng.random() < personal:
            parts.insert(1, rng.choice(["I noticed you need this done quickly.",
                                        "Your project description is very clear.",
                                        "I have a question about the deadline.",
                                        "I checked your website before applying."]))
        return " ".join(parts)

    # -- sessions --------------------------------------------------------------------------
    def local_times(self, n, start: datetime, end: datetime, zone: str, day_start: float,
                    day_len: float, days_per_week: int, rest_day: int = 6):
        """n session start times (UTC) from a daily routine in the given zone."""
        rng = self.rng
        z = self.zone(zone)
        start = max(start, self.export - timedelta(days=self.p["retention_days"]))
        if end <= start:
            return []
        span_days = max(1, (end - start).days)
        out = []
        tries = 0
        while len(out) < n and tries < n * 6:
            tries += 1
            d = start + timedelta(days=rng.randrange(span_days))
            local = d.astimezone(z)
            wd = local.weekday()
            if days_per_week <= 5 and wd >= 5 and rng.random() < 0.9:
                continue
            if days_per_week == 6 and wd == rest_day and rng.random() < 0.85:
                continue
            h = day_start + rng.random() * day_len
            if rng.random() < 0.08:
                h = rng.uniform(0, 24)  # odd-hour check-in
            base = datetime(local.year, local.month, local.day, tzinfo=z)
            t = base + timedelta(hours=h, minutes=rng.random())
            t = t.astimezone(UTC)
            if start <= t <= end:
                out.append(t)
        out.sort()
        return out

    def session(self, aid, t, ip, device, btz, remote, dur, miss):
        rng = self.rng
        s = {"applicant_id": aid, "started_at": iso(t), "ip": ip}
        if self.cur_alias and btz in ZONE_ALIASES:
            btz = ZONE_ALIASES[btz]
        if device and rng.random() >= miss["device_id"]:
            s["device_id"] = device
        if btz and rng.random() >= miss["browser_timezone"]:
            s["browser_timezone"] = btz
        if rng.random() >= miss["remote_access"]:
            s["remote_access"] = bool(remote)
        if rng.random() >= miss["duration_s"]:
            s["duration_s"] = int(dur)
        return s

    def duration(self) -> int:
        return int(min(36000, max(30, 60 * math.exp(self.rng.gauss(3.4, 1.0)))))

    def n_sessions(self, scale=1.0) -> int:
        if self.rng.random() < 0.05:
            return 0
        return max(1, min(220, int(self.p["sessions_median"] * scale
                                   * math.exp(self.rng.gauss(0, 0.8)))))

    # -- applicant assembly ------------------------------------------------------------------
    def base_profile(self, cc, f, last, culture, created, zone, title, email=None, phone=None):
        rng, miss = self.rng, self.p["miss"]
        fullname = self.full_name(f, last, culture)
        cities = [c for c in COUNTRIES[cc][2] if CITY_ZONE.get(c, zone) == zone]
        city = rng.choice(cities or COUNTRIES[cc][2])
        rec = {"applicant_id": self.new_id(), "created_at": iso(created)}
        if rng.random() >= miss["full_name"]:
            rec["full_name"] = fullname
        if email and rng.random() >= miss["email"]:
            rec["email"] = email
        if phone and rng.random() >= miss["phone"]:
            rec["phone"] = phone
        rec["claimed_country"] = cc
        if rng.random() >= miss["claimed_city"]:
            rec["claimed_city"] = city
        multi_zone = len(COUNTRIES[cc][1]) > 1
        if rng.random() >= (miss["claimed_timezone"] * (0.4 if multi_zone else 1.0)):
            rec["claimed_timezone"] = zone
        return rec, fullname, city

    def add_common(self, rec, fullname, f, city, cc, title, chunks, years, employer, photo,
                   github, rate, ship=None):
        rng, miss = self.rng, self.p["miss"]
        if chunks is not None and rng.random() >= miss["resume_text"]:
            rec["resume_text"] = self.resume_text(fullname, title, city, cc, chunks, years,
                                                  employer)
        if photo and rng.random() >= miss["photo_phash"]:
            rec["photo_phash"] = photo
        if github and rng.random() >= miss["github_url"]:
            rec["github_url"] = github
        if rng.random() >= miss["hourly_rate_usd"]:
            rec["hourly_rate_usd"] = rate
        if ship and rng.random() >= miss["shipping_country"]:
            rec["shipping_country"] = ship

    def payout(self, aid, method, ref, cc, holder):
        rng, miss = self.rng, self.p["miss"]
        po = {"applicant_id": aid, "method": method, "account_ref": ref}
        if cc and rng.random() >= miss["account_country"]:
            po["account_country"] = cc
        if holder and rng.random() >= miss["holder_name"]:
            po["holder_name"] = holder
        return po

    def github(self, f, last):
        rng = self.rng
        handle = re.sub(r"[^a-z0-9-]", "", rng.choice([f"{f}{last}", f"{f}-{last}", f"{f[0]}{last}",
                                                        f"{f}{rng.randint(1, 999)}"]).lower())
        return f"https://github.com/{handle}"

    def proposals(self, aid, created, tpl, first, cc, personal, times=None, scale=1.0):
        rng = self.rng
        k = int(rng.expovariate(1 / (self.p["proposals_mean"] * scale)))
        out = []
        span = max(1, (self.export - created).days)
        for _ in range(min(k, 30)):
            if times and rng.random() < 0.8:
                t = rng.choice(times) + timedelta(minutes=rng.randint(1, 50))
            else:
                t = created + timedelta(days=rng.randrange(span), seconds=rng.randrange(86400))
            if t > self.export:
                t = self.export - timedelta(minutes=rng.randint(1, 600))
            out.append({"applicant_id": aid, "submitted_at": iso(t),
                        "text": self.proposal_text(tpl, first, cc, personal)})
        out.sort(key=lambda x: x["submitted_at"])
        return out

    def created_at(self, max_years=8.0, min_days=5) -> datetime:
        rng = self.rng
        days = min_days + int((max_years * 365 - min_days) * (rng.random() ** 1.7))
        return self.export - timedelta(days=days, seconds=rng.randrange(86400))

    # -- honest people -------------------------------------------------------------------------
    def honest(self, segment: str, traits: set, cc: str | None = None, group: dict | None = None):
        rng, miss = self.rng, self.p["miss"]
        w = self.w
        self.cur_alias = rng.random() < self.p["zone_alias"]
        if cc is None:
            if segment == "asia_night_shift":
                cc = rng.choice(NIGHT_COUNTRIES)
            elif segment == "consistent_cn_kr_ru":
                cc = wchoice(rng, [("CN", 35), ("KR", 20), ("RU", 35), ("BY", 10)])
            elif segment == "emigrant":
                cc = wchoice(rng, [("DE", 12), ("PL", 10), ("GE", 10), ("AM", 8), ("RS", 10),
                                   ("TR", 8), ("AE", 8), ("US", 12), ("CA", 8), ("NL", 6),
                                   ("KZ", 8)])
            elif segment == "mobile_cgnat":
                cc = rng.choice(["PK", "NG", "IN", "PH", "ID", "EG", "BD", "KE", "VN"])
            elif segment == "romanised_name":
                cc = wchoice(rng, [("KR", 15), ("CN", 10), ("US", 20), ("CA", 10), ("UA", 15),
                                   ("RU", 8), ("EG", 8), ("BD", 8), ("AU", 6)])
            else:
                cc = wchoice(rng, self.country_pairs)
        zone = self.claimed_zone(cc)
        if segment == "emigrant":
            origin = wchoice(rng, [("RU", 45), ("UA", 20), ("BY", 12), ("CN", 15), ("KR", 8)])
            culture = wchoice(rng, COUNTRIES[origin][3])
            f, last = self.name(culture)
        elif segment == "romanised_name":
            culture = rng.choice(["korean", "chinese", "russian", "ukrainian", "arabic", "bengali"])
            f, last = self.name(culture)
        elif group and group.get("surname") and rng.random() < 0.6:
            culture = group["culture"]
            f, _ = self.name(culture)
            last = group["surname"]
        else:
            f, last, culture = self.person_name(cc)
        created = self.created_at()
        title = rng.choice(TITLES)
        # phone
        phone = None
        if "voip" in traits:
            if rng.random() < 0.55:
                phone = w.phone(rng, cc, "VOIP") or w.phone(rng, "US", "FIXED_LINE_OR_MOBILE")
            else:  # a US virtual number (Google Voice style) used by someone abroad
                phone = w.phone(rng, "US", "FIXED_LINE_OR_MOBILE")
        else:
            phone = w.phone(rng, cc, "MOBILE")
            if phone and rng.random() < 0.25:
                try:
                    phone = phonenumbers.format_number(phonenumbers.parse(phone, None),
                                                       phonenumbers.PhoneNumberFormat.NATIONAL)
                except phonenumbers.NumberParseException:
                    pass
        if phone and rng.random() < 0.006:
            phone = phone[:-1]  # a typo: honest people mistype their own number too
        email = self.email(f, last, cc)
        rec, fullname, city = self.base_profile(cc, f, last, culture, created, zone, title, email,
                                                phone)
        aid = rec["applicant_id"]
        cat = "Blockchain" if "web3" in traits and "Blockchain" in w.resumes else None
        if group and group.get("kind") == "agency":
            rec["agency_id"] = group["agency_id"]
            base = group["chunks"]
            chunks = [c for c in base if rng.random() < 0.8] + self.resume_parts(cat, 1)[1][:4]
        else:
            chunks = self.resume_parts(cat)[1]
        years = rng.randint(1, 15)
        photo = rng.choice(self.stock_photos) if rng.random() < 0.01 else self.phash()
        self.add_common(rec, fullname, f, city, cc, title, chunks, years,
                        rng.choice(EMPLOYERS), photo, self.github(f, last), self.rate(cc),
                        ship=(cc if rng.random() < 0.9 else rng.choice(list(COUNTRIES))))
        # devices
        n_dev = rng.choice([1, 1, 1, 2, 2, 3])
        devices = ["dv_" + hexid(rng, 14) for _ in range(n_dev)]
        if group and group.get("device") and rng.random() < 0.35:
            devices.append(group["device"])  # the family computer / office workstation
        # routine
        if segment == "asia_night_shift" or "night" in traits:
            day_start = rng.uniform(17, 22)
            day_len = rng.uniform(7, 12)
        else:
            day_start = rng.uniform(6.5, 11)
            day_len = rng.uniform(5, 11)
        dpw = rng.choice([5, 5, 5, 6, 6, 7])
        n = self.n_sessions()
        start = created + timedelta(hours=rng.uniform(0.1, 48))
        if rng.random() < 0.3:  # dormant then active recently
            start = max(start, self.export - timedelta(days=rng.randint(20, 400)))
        end = self.export
        times = self.local_times(n, start, end, zone, day_start, day_len, dpw) if n else []
        # home connection
        if group and group.get("ip"):
            home_ip = group["ip"]
        else:
            home_ip, _ = w.res_ip(rng, cc)
        home_ips = [home_ip]
        sessions = []
        # trips for travellers / digital nomads
        trips = []
        if "travel" in traits and times:
            for _ in range(rng.randint(1, 4)):
                tc = wchoice(rng, self.country_pairs)
                t0 = start + timedelta(days=rng.uniform(0, max(1, (end - start).days)))
                trips.append((t0, t0 + timedelta(days=rng.uniform(4, 60)), tc,
                              self.claimed_zone(tc)))
        emig_until = None
        if segment == "emigrant" and times:
            emig_until = times[0] + timedelta(days=rng.uniform(7, 120))
            origin_zone = self.claimed_zone(origin)
            origin_ip, _ = w.res_ip(rng, origin)
        vpn_share = 0.0
        if "vpn" in traits:
            vpn_share = rng.uniform(0.3, 1.0)
        elif rng.random() < self.p["vpn_general"]:
            vpn_share = rng.uniform(0.05, 0.3)
        if cc == "CN" and rng.random() < 0.6:  # reaching foreign platforms from China
            vpn_share = max(vpn_share, rng.uniform(0.4, 1.0))
        tor_user = "vpn" in traits and w.tor and rng.random() < 0.06
        vpn_exit = cc if rng.random() < 0.45 else rng.choice(["US", "NL", "DE", "GB", "SG", "JP",
                                                               "CH", "SE", "HK"])
        remote_share = rng.uniform(0.3, 0.95) if "remote" in traits else (
            0.01 if rng.random() < 0.05 else 0.0)
        cloud_ws = w.host_ip(rng, rng.choice([cc, "US", "DE", "SG"])) if "remote" in traits \
            and rng.random() < 0.6 else None
        mobile_ip_pool = self.cgnat_pool(cc) if "cgnat" in traits else None
        ipv6 = rng.random() < self.p["ipv6_share"]
        for t in times:
            ip, btz, dev = None, zone, rng.choice(devices)
            remote = False
            if emig_until and t < emig_until:
                ip = origin_ip if rng.random() < 0.7 else w.res_ip(rng, origin)[0]
                btz = origin_zone
            for t0, t1, tc, tz in trips:
                if t0 <= t <= t1:
                    ip = w.res_ip(rng, tc)[0] if rng.random() < 0.75 else w.host_ip(rng, tc)
                    btz = tz if rng.random() < 0.6 else zone
            if ip is None:
                if mobile_ip_pool and rng.random() < 0.75:
                    ip = rng.choice(mobile_ip_pool)
                elif rng.random() < 0.8:
                    if rng.random() < 0.04:  # ISP re-assigns the address now and then
                        home_ips.append(w.res_ip(rng, cc)[0])
                    ip = home_ips[-1] if rng.random() < 0.85 else rng.choice(home_ips)
                    if ipv6 and rng.random() < 0.5:
                        pool = w.res.get(cc)
                        if pool:
                            v6i = [i for i in range(min(len(pool), 200)) if pool.v6[i]]
                            if v6i:
                                ip = pool.ip(rng, rng.choice(v6i))
                else:  # phone on mobile data, cafe
                    ip = w.res_ip(rng, cc)[0]
            if vpn_share and rng.random() < vpn_share:
                ip = w.vpn_ip(rng, vpn_exit if rng.random() < 0.8 else rng.choice(
                    w.vpn_countries))
                if tor_user and rng.random() < 0.3:
                    ip = rng.choice(w.tor)
            if remote_share and rng.random() < remote_share:
                remote = True
                if cloud_ws and rng.random() < 0.7:
                    ip = cloud_ws
            if rng.random() < 0.03:
                btz = "UTC" if rng.random() < 0.5 else btz
            sessions.append(self.session(aid, t, ip, dev, btz, remote, self.duration(), miss))
        # payouts
        payouts = []
        if rng.random() >= miss["no_payout"]:
            holder = fullname
            if "romanised" in traits:
                holder = self.variant_name(f, last)
            if "relative" in traits:
                rf, _ = self.name(culture)
                holder = f"{rf} {last}" if rng.random() < 0.7 else \
                    f"{rf} {self.name(culture)[1]}"
            if group and group.get("kind") == "agency" and group.get("payout") and \
                    rng.random() < 0.8:
                payouts.append(dict(group["payout"], applicant_id=aid))
            elif "web3" in traits:
                payouts.append(self.payout(aid, "crypto", self.account_ref("crypto", cc), None,
                                           None))
                if rng.random() < 0.5:
                    m = wchoice(rng, PAYOUT_MIX.get(cc, DEFAULT_PAYOUT))
                    payouts.append(self.payout(aid, m, self.account_ref(m, cc, email), cc,
                                               holder))
            else:
                m = wchoice(rng, PAYOUT_MIX.get(cc, DEFAULT_PAYOUT))
                acc_cc = cc
                if cc in ("RU", "BY") and m == "bank" and rng.random() < 0.6:
                    acc_cc = rng.choice(["KZ", "AM", "GE", "AE", "TR", "RS"])
                if segment == "emigrant" and rng.random() < 0.35:
                    acc_cc = origin
                if group and group.get("kind") == "household" and group.get("payout") and \
                        rng.random() < 0.35:
                    payouts.append(dict(group["payout"], applicant_id=aid))
                else:
                    po = self.payout(aid, m, self.account_ref(m, acc_cc, email),
                                     acc_cc if m != "crypto" else None, holder)
                    payouts.append(po)
                    if group and group.get("kind") == "household" and not group.get("payout"):
                        group["payout"] = po
                if rng.random() < 0.12:
                    m2 = wchoice(rng, PAYOUT_MIX.get(cc, DEFAULT_PAYOUT))
                    payouts.append(self.payout(aid, m2, self.account_ref(m2, acc_cc, email),
                                               acc_cc, holder))
        tpl = group["tpl"] if group and group.get("kind") == "agency" else (
            rng.choice(self.public_templates) if rng.random() < 0.25 else self._proposal_template())
        rec["sessions"] = sessions
        rec["payouts"] = payouts
        rec["proposals"] = self.proposals(aid, created, tpl, f, cc, rng.uniform(0.2, 0.9),
                                          times[-20:] if times else None)
        return rec

    def cgnat_pool(self, cc):
        if cc not in self.cgnat:
            self.cgnat[cc] = [self.w.res_ip(self.rng, cc)[0] for _ in range(self.rng.randint(3, 8))]
        return self.cgnat[cc]

    # -- fronts ----------------------------------------------------------------------------
    def cell(self, tactic: str, size: int, cell_id: str) -> list[dict]:
        rng, w, miss = self.rng, self.w, self.p["miss"]
        care = rng.betavariate(self.p["care_a"], self.p["care_b"])
        leak = 1.0 - care
        choice = wchoice(rng, [((c, z), wt) for c, z, wt in OPERATOR_BASES])
        op_cc, op_zone = choice
        # operator workers: each runs several personas
        per_worker = rng.randint(2, 6)
        n_workers = max(1, math.ceil(size / per_worker))
        workers = []
        for _ in range(n_workers):
            # leaky: operator's own daytime; careful: shift into the client's (claimed) daytime
            workers.append({
                "device": "dv_" + hexid(rng, 14),
                "start": rng.uniform(8, 10.5), "len": rng.uniform(10, 15),
                "vpn_cc": None,
            })
        # claimed countries
        if tactic in ("laptop_farm", "identity_lender"):
            claim_pairs = [("US", 88), ("CA", 6), ("GB", 6)]
        elif tactic == "rented_account":
            claim_pairs = [("US", 45), ("UA", 10), ("PL", 6), ("GB", 8), ("CA", 8), ("RS", 5),
                           ("PH", 6), ("MX", 6), ("DE", 6)]
        elif tactic == "front_company":
            claim_pairs = [("US", 40), ("SG", 10), ("AE", 8), ("HK", 6), ("JP", 8), ("CA", 8),
                           ("GB", 10), ("VN", 5), ("MY", 5)]
        else:
            claim_pairs = [("US", 30), ("CA", 8), ("JP", 8), ("UA", 6), ("PL", 6), ("GB", 8),
                           ("SG", 5), ("DE", 5), ("AU", 5), ("VN", 4), ("RS", 4), ("IT", 3),
                           ("KR", 3), ("MY", 3)]
        # cell-wide template and shared infrastructure
        cat = rng.choice(w.it_categories + (["Blockchain"] * 3 if "Blockchain" in w.resumes
                                            else []))
        template = list(rng.choice(w.resumes[cat]))
        extra = self.resume_parts(cat, 1)[1]
        prop_tpl = self._proposal_template()
        digits = str(rng.randint(10, 9999)) if rng.random() < leak else None
        photo_base = [self.phash() for _ in range(rng.randint(1, 3))]
        shared_phone_pool = [w.phone(rng, "US", "FIXED_LINE_OR_MOBILE") for _ in range(2)]
        title = rng.choice(TITLES)
        cell_created = self.export - timedelta(days=rng.randint(40, 5 * 365))
        # payout infrastructure
        facil_f, facil_l, _ = self.person_name("US")
        facil_name = f"{facil_f} {facil_l}"
        pool_methods = []
        for _ in range(rng.randint(1, 3)):
            if tactic == "laptop_farm":
                m = wchoice(rng, {"bank": 70, "paypal": 10, "payoneer": 10, "wise": 10})
                pool_methods.append((m, self.account_ref(m, "US"), "US", facil_name))
            elif tactic == "front_company":
                comp = rng.choice(["Tech", "Soft", "IT", "Digital", "Global"])
                comp = f"{rng.choice(['Silver', 'Nova', 'Bright', 'Apex', 'Blue', 'Star'])}{comp} " \
                       f"{rng.choice(['LLC', 'Ltd', 'Co., Ltd', 'Solutions LLC'])}"
                acc = wchoice(rng, [("US", 40), ("HK", 20), ("CN", 15), ("SG", 10), ("AE", 15)])
                pool_methods.append(("bank", self.account_ref("bank", acc), acc, comp))
            else:
                m = wchoice(rng, {"payoneer": 40, "crypto": 20, "paypal": 15, "wise": 15,
                                  "bank": 10})
                acc = wchoice(rng, [("CN", 30), ("HK", 25), ("US", 25), ("SG", 10), ("AE", 10)])
                holder = facil_name if rng.random() < 0.5 else None
                pool_methods.append((m, self.account_ref(m, acc), acc if m != "crypto" else None,
                                     holder))
        if tactic == "front_company":
            agency_id = "ag_" + hexid(rng, 8)
        # laptop farms: facilitator households in the US (29 farms in 16 states in June 2025)
        farms = []
        if tactic in ("laptop_farm", "front_company") or (tactic == "rented_account"
                                                           and rng.random() < 0.3):
            for _ in range(rng.randint(1, 3)):
                fz = wchoice(rng, COUNTRIES["US"][1])
                ip, asn = w.res_ip(rng, "US")
                farms.append({"ips": [ip], "zone": fz})
        ops_vpn_cc = rng.choice(["US", "US", "NL", "SG", "JP", "DE", "GB", "HK"])
        shift_to_client = rng.random() < care * 1.1
        out = []
        for k in range(size):
            wk = workers[k % n_workers]
            self.cur_alias = rng.random() < self.p["zone_alias"]
            cc = wchoice(rng, claim_pairs)
            zone = self.claimed_zone(cc)
            f, last, culture = self.person_name(cc)
            aid_created = cell_created + timedelta(days=rng.uniform(0, 200))
            if tactic == "rented_account":  # bought / rented aged accounts
                aid_created = self.export - timedelta(days=rng.randint(400, 8 * 365))
            if aid_created > self.export - timedelta(days=3):
                aid_created = self.export - timedelta(days=rng.randint(3, 30))
            # phone
            if tactic == "identity_lender":
                phone = w.phone(rng, cc, "MOBILE")  # the lender's own
            elif rng.random() < leak * 0.5:
                phone = rng.choice(shared_phone_pool)
            elif tactic == "rented_account":
                phone = w.phone(rng, cc, "MOBILE")
            elif rng.random() < leak * 0.12 and tactic in ("overseas_vpn", "front_company"):
                phone = (w.phone(rng, cc, "MOBILE") or "+10000000")[:-1]  # mistyped, invalid
            elif rng.random() < leak * 0.25:
                phone = w.phone(rng, rng.choice(["CN", "RU", "LA"]), "MOBILE")
            elif rng.random() < 0.4:
                phone = w.phone(rng, cc, "VOIP") or w.phone(rng, cc, "FIXED_LINE_OR_MOBILE")
            else:
                phone = w.phone(rng, cc, "MOBILE")
            email = self.email(f, last, cc, digits if digits and rng.random() < 0.8 else None) \
                if tactic not in ("rented_account", "identity_lender") else self.email(f, last, cc)
            rec, fullname, city = self.base_profile(cc, f, last, culture, aid_created, zone, title,
                                                    email, phone)
            aid = rec["applicant_id"]
            if tactic == "front_company":
                rec["agency_id"] = agency_id
            # resume: cell template with names and employers swapped
            keep = 0.9 - 0.5 * care
            chunks = [c for c in template if rng.random() < keep]
            if rng.random() < care:  # reworded / AI-polished
                chunks = chunks[: max(2, len(chunks) // 2)] + self.resume_parts(None, 2)[1]
                rng.shuffle(chunks)
            else:
                chunks = chunks + extra[: rng.randint(0, 3)]
            years = rng.randint(6, 16)
            if rng.random() < leak * 0.8:
                photo = self.flip_bits(rng.choice(photo_base), rng.randint(0, 4))
            else:
                photo = self.phash()
            ship = cc
            if farms and rng.random() < leak * 0.3:
                ship = rng.choice(["CN", "CN", "RU", "AE"])
            self.add_common(rec, fullname, f, city, cc, title, chunks, years,
                            rng.choice(EMPLOYERS), photo, self.github(f, last),
                            round(self.rate(cc) * rng.uniform(0.9, 1.4), 2), ship=ship)
            # sessions
            n = self.n_sessions(1.4)
            start = aid_created + timedelta(hours=rng.uniform(1, 72))
            if tactic == "rented_account":
                takeover = self.export - timedelta(days=rng.randint(30, 360))
                takeover = max(takeover, start + timedelta(days=5))
            else:
                takeover = start
            own_zone = zone
            if shift_to_client and rng.random() < 0.9:
                # work the client's business hours, i.e. the operator's night
                work_zone, ds, dl = zone, rng.uniform(8, 10), rng.uniform(8, 12)
            else:
                work_zone, ds, dl = op_zone, wk["start"], wk["len"]
            dpw = 6 if rng.random() < 0.6 * leak + 0.2 else 5
            times = self.local_times(n, takeover, self.export, work_zone, ds, dl, dpw) if n else []
            pre = []
            if tactic == "rented_account" and n:
                n_pre = rng.randint(3, 25)
                pre = self.local_times(n_pre, start, takeover, own_zone, rng.uniform(7, 11),
                                       rng.uniform(5, 9), 5)
            devices_own = "dv_" + hexid(rng, 14)
            persona_device = "dv_" + hexid(rng, 14)
            share_dev = leak * (0.3 if tactic == "proxy_careful" else 0.8)
            device = wk["device"] if rng.random() < share_dev else persona_device
            farm = rng.choice(farms) if farms else None
            # a farm laptop keeps one clock: the farm's zone, or the one its company IT set
            laptop_zone = (farm["zone"] if rng.random() < 0.6 else zone) if farm else zone
            lender_ip = w.res_ip(rng, cc)[0] if tactic == "identity_lender" else None
            lender_zone = zone
            proxy_sticky = rng.random() < care
            proxy_ip = w.res_ip(rng, cc)[0]
            sessions = []
            owner_ip = w.res_ip(rng, cc)[0]
            for t in pre:
                sessions.append(self.session(aid, t, owner_ip, devices_own, own_zone, False,
                                             self.duration(), miss))
            btz_leaky = op_zone if rng.random() < leak else zone
            # a careless operator slips often (direct logins, the wrong VPN, the own machine);
            # a careful one almost never
            slip_rate = 0.15 * leak * leak
            # onboarding logins straight from the operator base before the VPN routine
            n_early = rng.randint(1, 4) if tactic in ("overseas_vpn", "front_company",
                                                      "proxy_careful") and \
                rng.random() < 0.5 * leak else 0
            for ti, t in enumerate(times):
                remote = False
                btz = zone if rng.random() < care else btz_leaky
                dev = device
                slip = rng.random() < slip_rate or ti < n_early
                if tactic == "laptop_farm" or (tactic == "front_company" and farm
                                               and rng.random() < 0.5) or \
                        (tactic == "rented_account" and farm and rng.random() < 0.7):
                    if rng.random() < 0.03:
                        farm["ips"].append(w.res_ip(rng, "US")[0])
                    ip = farm["ips"][-1]
                    btz = laptop_zone
                    remote = rng.random() < 0.85 * (1 - 0.7 * care)
                    dev = persona_device
                elif tactic == "identity_lender":
                    ip = lender_ip
                    btz = lender_zone  # the browser runs on the lender's own computer
                    remote = rng.random() < 0.8 * (1 - 0.6 * care)
                    dev = persona_device
                elif tactic == "proxy_careful":
                    if proxy_sticky and rng.random() < 0.8:
                        ip = proxy_ip
                        if rng.random() < 0.05:
                            proxy_ip = w.res_ip(rng, cc)[0]
                    else:
                        ip = w.res_ip(rng, cc)[0]
                    btz = zone if rng.random() < 0.7 + 0.3 * care else op_zone
                else:  # overseas_vpn, front_company, rented_account after takeover
                    r = rng.random()
                    if r < 0.65:
                        ip = w.vpn_ip(rng, cc if rng.random() < 0.7 else ops_vpn_cc)
                    elif r < 0.9:
                        ip = w.host_ip(rng, cc if rng.random() < 0.5 else ops_vpn_cc)
                    else:
                        ip = w.res_ip(rng, cc)[0]  # residential proxy exit
                    remote = rng.random() < 0.1 * leak
                if slip:
                    r = rng.random()
                    if r < 0.55:
                        ip = w.res_ip(rng, op_cc if op_cc in w.res else "CN")[0]
                    elif r < 0.75:
                        ip = w.vpn_ip(rng, rng.choice(w.vpn_countries))
                    elif r < 0.85 and w.tor:
                        ip = rng.choice(w.tor)
                    else:
                        ip = w.host_ip(rng, ops_vpn_cc)
                    btz = op_zone if rng.random() < 0.7 else btz
                    if rng.random() < leak:
                        dev = wk["device"]
                sessions.append(self.session(aid, t, ip, dev, btz, remote, self.duration(), miss))
            sessions.sort(key=lambda s: s["started_at"])
            # payouts
            payouts = []
            if rng.random() >= miss["no_payout"] * 0.5:
                if tactic in ("identity_lender", "rented_account"):
                    m = wchoice(rng, PAYOUT_MIX.get(cc, DEFAULT_PAYOUT))
                    payouts.append(self.payout(aid, m, self.account_ref(m, cc, email), cc,
                                               fullname))
                    if tactic == "rented_account" and rng.random() < 0.3 + 0.5 * leak:
                        m, ref, acc, holder = rng.choice(pool_methods)
                        payouts.append(self.payout(aid, m, ref, acc, holder if holder else None))
                elif tactic == "proxy_careful":
                    if rng.random() < leak * 0.5:
                        m, ref, acc, holder = rng.choice(pool_methods)
                        payouts.append(self.payout(aid, m, ref, acc, holder))
                    else:
                        m = wchoice(rng, PAYOUT_MIX.get(cc, DEFAULT_PAYOUT))
                        payouts.append(self.payout(aid, m, self.account_ref(m, cc, email), cc,
                                                   fullname if rng.random() < 0.8 else
                                                   self.variant_name(f, last)))
                else:
                    if rng.random() < 0.35 + 0.6 * leak:
                        m, ref, acc, holder = rng.choice(pool_methods)
                        if tactic == "laptop_farm" and rng.random() < 0.5:
                            holder = fullname  # accounts opened in the stolen name
                        payouts.append(self.payout(aid, m, ref, acc, holder))
                    else:
                        m = wchoice(rng, {"payoneer": 30, "wise": 20, "paypal": 20, "bank": 25,
                                          "crypto": 5})
                        acc = cc if rng.random() < 0.6 else rng.choice(["CN", "HK", "US"])
                        payouts.append(self.payout(aid, m, self.account_ref(m, acc, email),
                                                   acc if m != "crypto" else None,
                                                   fullname if rng.random() < 0.6 else
                                                   self.variant_name(f, last)))
                    if rng.random() < 0.2 * leak:
                        payouts.append(self.payout(aid, "crypto", self.account_ref("crypto", "CN"),
                                                   None, None))
            if w.sdn_wallets and rng.random() < 0.004 * leak:
                payouts.append(self.payout(aid, "crypto", rng.choice(w.sdn_wallets), None, None))
            rec["sessions"] = sessions
            rec["payouts"] = payouts
            rec["proposals"] = self.proposals(aid, aid_created, prop_tpl, f, cc,
                                              0.1 + 0.8 * care, [s_t for s_t in times[-20:]],
                                              scale=1.6)
            out.append(rec)
        return out, care

    # -- whole world -------------------------------------------------------------------------
    def build(self):
        rng, p = self.rng, self.p
        n = self.n
        n_front_target = max(len(TACTICS) * 5, int(round(n * p["front_rate"])))
        rows = []  # (record, truth)
        # front quota per tactic: every tactic gets at least a tenth of the fronts
        quota = {t: max(0.1, p["tactic_mix"][t]) for t in TACTICS}
        tq = sum(quota.values())
        quota = {t: max(5, int(round(n_front_target * v / tq))) for t, v in quota.items()}
        made = 0
        cells = 0
        for tactic in TACTICS:
            left = quota[tactic]
            while left > 0:
                size = max(5, min(30, int(rng.lognormvariate(2.4, 0.55))))
                if left - size < 5:
                    size = max(5, min(30, left))
                cid = f"cell_{cells:03d}_{hexid(rng, 4)}"
                recs, care = self.cell(tactic, size, cid)
                for r in recs:
                    r["label"] = 1
                    rows.append((r, (r["applicant_id"], 1, "front", tactic, cid)))
                made += len(recs)
                left -= len(recs)
                cells += 1
        n_honest = max(0, n - made)
        n_look = int(n_honest * p["lookalike_share"])
        segs = []
        for s in HONEST_SEGMENTS:
            segs += [s] * max(1, int(round(n_look * p["seg_share"][s])))
        segs += ["regular"] * max(0, n_honest - len(segs))
        segs = segs[:n_honest]
        rng.shuffle(segs)
        trait_of = {"privacy_vpn": "vpn", "traveller": "travel", "asia_night_shift": "night",
                    "romanised_name": "romanised", "voip_phone": "voip", "web3_crypto": "web3",
                    "remote_desktop": "remote", "mobile_cgnat": "cgnat",
                    "relative_payout": "relative"}
        extra_traits = ["vpn", "travel", "voip", "web3", "remote", "romanised", "relative"]
        i = 0
        agency_left, household_left = 0, 0
        agency, household = None, None
        while i < len(segs):
            seg = segs[i]
            traits = {trait_of[seg]} if seg in trait_of else set()
            if seg != "regular" and rng.random() < p["multi_trait"]:
                traits.add(rng.choice(extra_traits))
                if rng.random() < 0.3:
                    traits.add(rng.choice(extra_traits))
            group, cc = None, None
            if seg == "agency":
                if agency_left <= 0:
                    cc_a = wchoice(rng, [(c, wt) for c, wt in self.country_pairs
                                         if COUNTRIES[c][4] <= 2] + [("US", 3), ("GB", 1)])
                    owner = self.person_name(cc_a)
                    agency = {"kind": "agency", "agency_id": "ag_" + hexid(rng, 8), "cc": cc_a,
                              "ip": self.w.res_ip(rng, cc_a)[0],
                              "chunks": self.resume_parts(None, 2)[1],
                              "tpl": self._proposal_template(),
                              "device": "dv_" + hexid(rng, 14) if rng.random() < 0.3 else None}
                    m = wchoice(rng, PAYOUT_MIX.get(cc_a, DEFAULT_PAYOUT))
                    if m == "crypto":
                        m = "bank"
                    agency["payout"] = {"applicant_id": "", "method": m,
                                        "account_ref": self.account_ref(m, cc_a),
                                        "account_country": cc_a,
                                        "holder_name": f"{owner[0]} {owner[1]}" if rng.random()
                                        < 0.5 else f"{owner[1]} Digital Solutions"}
                    agency_left = rng.randint(3, 25)
                group, cc = agency, agency["cc"]
                agency_left -= 1
                if rng.random() < 0.2:  # remote member of the agency, own connection
                    group = dict(agency, ip=None)
            elif seg == "shared_connection":
                if household_left <= 0:
                    cc_h = wchoice(rng, self.country_pairs)
                    f, last, cul = self.person_name(cc_h)
                    kind_fam = rng.random() < 0.6
                    household = {"kind": "household", "cc": cc_h,
                                 "ip": self.w.res_ip(rng, cc_h)[0],
                                 "surname": last if kind_fam else None, "culture": cul,
                                 "device": "dv_" + hexid(rng, 14)}
                    household_left = rng.randint(2, 5) if kind_fam else rng.randint(3, 9)
                group, cc = household, household["cc"]
                household_left -= 1
            rec = self.honest(seg, traits, cc, group)
            rec["label"] = 0
            rows.append((rec, (rec["applicant_id"], 0, seg, "", "")))
            i += 1
        rng.shuffle(rows)
        return rows


def write(rows, out_path: str):
    truth_path = re.sub(r"\.jsonl(\.gz)?$", "", out_path) + ".truth.csv"
    with open(out_path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz:
            buf = []
            for rec, _ in rows:
                buf.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
                if len(buf) >= 2000:
                    gz.write(("\n".join(buf) + "\n").encode("utf-8"))
                    buf = []
            if buf:
                gz.write(("\n".join(buf) + "\n").encode("utf-8"))
    with open(truth_path, "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f, lineterminator="\n")
        wr.writerow(["applicant_id", "label", "segment", "tactic", "cell_id"])
        for _, t in rows:
            wr.writerow(t)
    return truth_path


def generate(world: World, n: int, seed: int, out: str):
    """Build one world from loaded reference data and write it; returns (rows, truth path)."""
    rows = Gen(world, n, seed).build()
    return rows, write(rows, out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=20000, help="number of applicants")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", required=True, help="output .jsonl.gz")
    ap.add_argument("--data", default=None, help="shared reference data folder")
    args = ap.parse_args(argv)
    if args.n < 60:
        sys.exit("-n must be at least 60 (six front cells of five and some honest people)")
    t0 = time.time()
    world = World(find_data(args.data))
    rows, truth = generate(world, args.n, args.seed, args.out)
    fronts = sum(1 for _, t in rows if t[1] == 1)
    print(f"wrote {len(rows)} applicants ({fronts} fronts) to {args.out} and {truth} "
          f"in {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main()
