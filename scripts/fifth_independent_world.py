# ruff: noqa: UP031  (printf-style formatting is this author's habit)
"""Fifth independent world: a synthetic freelance-platform population with DPRK IT-worker fronts.

Written apart from the detector (its code, tests, docs and models were not read) and apart from
the four earlier world generators, from the public record only (docs/FIFTH_INDEPENDENT_WORLD.md
lists the sources per segment and tactic). Output follows ../shared/spec/INPUT.md (nested JSON
Lines, gzip, every applicant labelled) plus a truth CSV with segment, tactic and cell.

    python scripts/fifth_independent_world.py -n 20000 --seed 1 -o world-1.jsonl.gz [--data DIR]

Real reference data (../shared/data): IP ranges and ASNs (ip-location-db), country MMDBs,
VPN / datacenter lists (X4BNet, brianhama), Tor exits, phone example numbers, resume texts and
OFAC's DPRK extract. All randomness comes from one ``random.Random(seed)``.
"""

from __future__ import annotations

import argparse
import bisect
import copy
import csv
import gzip
import io
import ipaddress
import json
import math
import re
import socket
import sys
import time
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from random import Random
from zoneinfo import ZoneInfo

import maxminddb
import pandas as pd

# --------------------------------------------------------------------------------------------
# Countries: base share of a global freelance platform, zones with cities, market rate (USD/h)
# and the name pool ("culture") their residents draw from.
# --------------------------------------------------------------------------------------------

COUNTRIES: dict[str, dict] = {
    "US": dict(w=17, rate=55, culture="us", zones={
        "America/New_York": "New York|Boston|Atlanta|Miami|Philadelphia|Charlotte|Pittsburgh",
        "America/Chicago": "Chicago|Dallas|Houston|Austin|Minneapolis|Nashville|Kansas City",
        "America/Denver": "Denver|Salt Lake City|Boise",
        "America/Phoenix": "Phoenix|Scottsdale|Tucson",
        "America/Los_Angeles": "Los Angeles|San Francisco|Seattle|San Diego|Portland|San Jose"}),
    "CA": dict(w=3, rate=45, culture="us", zones={
        "America/Toronto": "Toronto|Ottawa|Montreal", "America/Vancouver": "Vancouver|Victoria",
        "America/Edmonton": "Calgary|Edmonton"}),
    "GB": dict(w=5, rate=50, culture="gb", zones={"Europe/London": "London|Manchester|Leeds|Bristol|Glasgow|Birmingham"}),
    "AU": dict(w=1.5, rate=50, culture="gb", zones={
        "Australia/Sydney": "Sydney", "Australia/Melbourne": "Melbourne",
        "Australia/Brisbane": "Brisbane", "Australia/Perth": "Perth"}),
    "IN": dict(w=14, rate=20, culture="in", zones={"Asia/Kolkata": "Bengaluru|Pune|Hyderabad|Chennai|Delhi|Mumbai|Kolkata|Jaipur|Ahmedabad"}),
    "PK": dict(w=6, rate=18, culture="pk", zones={"Asia/Karachi": "Lahore|Karachi|Islamabad|Faisalabad|Rawalpindi"}),
    "BD": dict(w=3, rate=15, culture="bd", zones={"Asia/Dhaka": "Dhaka|Chittagong|Sylhet"}),
    "PH": dict(w=6, rate=12, culture="ph", zones={"Asia/Manila": "Manila|Quezon City|Cebu City|Davao City|Makati"}),
    "VN": dict(w=2, rate=20, culture="vn", zones={"Asia/Ho_Chi_Minh": "Ho Chi Minh City|Hanoi|Da Nang"}),
    "ID": dict(w=2, rate=15, culture="id", zones={"Asia/Jakarta": "Jakarta|Bandung|Surabaya|Yogyakarta"}),
    "MY": dict(w=0.8, rate=25, culture="my", zones={"Asia/Kuala_Lumpur": "Kuala Lumpur|Penang|Johor Bahru"}),
    "SG": dict(w=0.4, rate=55, culture="sg", zones={"Asia/Singapore": "Singapore"}),
    "TH": dict(w=0.5, rate=20, culture="th", zones={"Asia/Bangkok": "Bangkok|Chiang Mai|Phuket"}),
    "CN": dict(w=1.5, rate=30, culture="cn", zones={"Asia/Shanghai": "Shanghai|Beijing|Shenzhen|Hangzhou|Chengdu|Guangzhou|Shenyang"}),
    "KR": dict(w=0.7, rate=45, culture="kr", zones={"Asia/Seoul": "Seoul|Busan|Incheon|Daejeon"}),
    "JP": dict(w=0.5, rate=50, culture="jp", zones={"Asia/Tokyo": "Tokyo|Osaka|Fukuoka"}),
    "RU": dict(w=2, rate=30, culture="ru", zones={
        "Europe/Moscow": "Moscow|Saint Petersburg|Kazan", "Asia/Yekaterinburg": "Yekaterinburg",
        "Asia/Novosibirsk": "Novosibirsk"}),
    "UA": dict(w=4, rate=35, culture="ua", zones={"Europe/Kyiv": "Kyiv|Lviv|Kharkiv|Odesa|Dnipro"}),
    "PL": dict(w=2, rate=40, culture="pl", zones={"Europe/Warsaw": "Warsaw|Krakow|Wroclaw|Gdansk"}),
    "RO": dict(w=1.5, rate=35, culture="ro", zones={"Europe/Bucharest": "Bucharest|Cluj-Napoca|Iasi"}),
    "RS": dict(w=1.2, rate=35, culture="rs", zones={"Europe/Belgrade": "Belgrade|Novi Sad|Nis"}),
    "DE": dict(w=3, rate=60, culture="de", zones={"Europe/Berlin": "Berlin|Munich|Hamburg|Cologne|Frankfurt"}),
    "FR": dict(w=2, rate=55, culture="fr", zones={"Europe/Paris": "Paris|Lyon|Toulouse|Lille"}),
    "ES": dict(w=2, rate=40, culture="es", zones={"Europe/Madrid": "Madrid|Barcelona|Valencia|Seville"}),
    "IT": dict(w=1.5, rate=40, culture="it", zones={"Europe/Rome": "Rome|Milan|Turin|Bologna"}),
    "PT": dict(w=0.8, rate=35, culture="pt", zones={"Europe/Lisbon": "Lisbon|Porto|Braga"}),
    "NL": dict(w=1, rate=60, culture="nl", zones={"Europe/Amsterdam": "Amsterdam|Rotterdam|Utrecht"}),
    "SE": dict(w=0.5, rate=60, culture="se", zones={"Europe/Stockholm": "Stockholm|Gothenburg"}),
    "TR": dict(w=1, rate=25, culture="tr", zones={"Europe/Istanbul": "Istanbul|Ankara|Izmir"}),
    "GE": dict(w=0.5, rate=25, culture="ge", zones={"Asia/Tbilisi": "Tbilisi|Batumi"}),
    "AM": dict(w=0.5, rate=25, culture="am", zones={"Asia/Yerevan": "Yerevan"}),
    "KZ": dict(w=0.5, rate=25, culture="kz", zones={"Asia/Almaty": "Almaty|Astana"}),
    "AE": dict(w=0.4, rate=45, culture="ae", zones={"Asia/Dubai": "Dubai|Abu Dhabi"}),
    "BR": dict(w=3, rate=25, culture="br", zones={"America/Sao_Paulo": "Sao Paulo|Rio de Janeiro|Belo Horizonte|Curitiba|Florianopolis"}),
    "AR": dict(w=2, rate=25, culture="es", zones={"America/Argentina/Buenos_Aires": "Buenos Aires|Cordoba|Rosario"}),
    "MX": dict(w=2, rate=25, culture="es", zones={"America/Mexico_City": "Mexico City|Guadalajara|Monterrey"}),
    "CO": dict(w=1.5, rate=22, culture="es", zones={"America/Bogota": "Bogota|Medellin|Cali"}),
    "NG": dict(w=3, rate=15, culture="ng", zones={"Africa/Lagos": "Lagos|Abuja|Ibadan"}),
    "KE": dict(w=2, rate=15, culture="ke", zones={"Africa/Nairobi": "Nairobi|Mombasa"}),
    "EG": dict(w=2, rate=18, culture="eg", zones={"Africa/Cairo": "Cairo|Alexandria|Giza"}),
    "ZA": dict(w=1, rate=30, culture="za", zones={"Africa/Johannesburg": "Johannesburg|Cape Town|Durban"}),
}

TRUNK0 = {"GB", "DE", "FR", "NL", "SE", "TR", "UA", "IN", "PK", "BD", "PH", "VN", "ID", "MY", "CN", "KR", "JP",
          "AU", "NG", "KE", "EG", "ZA", "RS", "RO", "AR", "PE", "TH", "GE", "AM", "AE"}

# US area codes per city (phones built on the real +1 example numbers' format)
US_AREA = {"New York": "212 646 718 917", "Boston": "617 857", "Atlanta": "404 678", "Miami": "305 786",
           "Philadelphia": "215 267", "Charlotte": "704 980", "Pittsburgh": "412", "Chicago": "312 773 872",
           "Dallas": "214 469 972", "Houston": "713 832 281", "Austin": "512 737", "Minneapolis": "612",
           "Nashville": "615 629", "Kansas City": "816", "Denver": "303 720", "Salt Lake City": "801 385",
           "Boise": "208", "Phoenix": "602 480", "Scottsdale": "480", "Tucson": "520",
           "Los Angeles": "213 310 323", "San Francisco": "415 628", "Seattle": "206", "San Diego": "619 858",
           "Portland": "503 971", "San Jose": "408 669", "Toronto": "416 647", "Ottawa": "613",
           "Montreal": "514 438", "Vancouver": "604 778", "Victoria": "250", "Calgary": "403 587",
           "Edmonton": "780 587"}

NAMES: dict[str, tuple[str, str]] = {
    "us": ("James Michael Robert David William John Christopher Daniel Matthew Anthony Kevin Brian Jason Ryan Eric "
           "Mary Jennifer Linda Sarah Jessica Emily Ashley Amanda Megan Rachel Lauren Nicole Olivia Tyler Brandon "
           "Jose Carlos Luis Maria Ana Wei Priya Andre Marcus Tanisha Jamal Kenji Minh Grace Hannah Ethan Noah",
           "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson "
           "Thompson White Harris Clark Lewis Walker Hall Young Allen King Wright Scott Green Baker Adams Nelson "
           "Garcia Rodriguez Martinez Hernandez Lopez Nguyen Kim Patel Chen Lee Washington Brooks Murphy Rivera "
           "Cooper Reed Bailey Bell Howard Ward Cox Peterson Gray Hughes Price Sanders Foster Bryant Russell"),
    "gb": ("Oliver George Harry Jack Jacob Thomas James William Charlie Samuel Amelia Olivia Isla Emily Sophie "
           "Jessica Lucy Chloe Grace Ella Daniel Liam Aisha Mohammed Rohan Callum Fiona Niamh",
           "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White "
           "Roberts Green Hall Wood Jackson Clarke Patel Khan Hughes Edwards Campbell Murray Kelly"),
    "in": ("Rahul Amit Priya Anjali Rohit Vikram Sneha Pooja Arjun Karthik Suresh Ramesh Deepak Neha Kavya "
           "Aditya Nikhil Ravi Sanjay Divya Meera Harsh Varun Shreya Manish Gaurav Akash Swati",
           "Sharma Verma Gupta Kumar Singh Patel Reddy Nair Iyer Rao Joshi Mehta Shah Das Chatterjee Pillai "
           "Menon Agarwal Mishra Yadav Kulkarni Deshpande Bhat Naidu Saxena"),
    "pk": ("Muhammad Ahmed Ali Hassan Usman Bilal Hamza Ayesha Fatima Zainab Sana Imran Kamran Faisal Asad "
           "Saad Hira Maryam Umar Zeeshan", "Khan Ahmed Malik Hussain Sheikh Iqbal Butt Chaudhry Qureshi Raza "
           "Siddiqui Akhtar Javed Aslam Mirza Rana Abbasi"),
    "bd": ("Md Rafiq Kamal Tanvir Sabbir Nusrat Farhana Arif Rakib Shakil Mahmud Tasnim Jannat Rifat",
           "Hossain Rahman Islam Ahmed Chowdhury Uddin Akter Sarker Karim Haque Miah Talukder"),
    "ph": ("Mark John Paul Christian Angelo Jerome Kristine Maricel Jocelyn Rhea Joanna Carlo Miguel Bea "
           "Patricia Ronald Jayson Ella", "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Villanueva "
           "Ramos Aquino Castillo DelaCruz Flores Gonzales Lopez Navarro Pascual"),
    "vn": ("Minh Anh Huy Tuan Linh Trang Hieu Duc Thao Nam Quang Phuong Long Hoa Khanh",
           "Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do Ho Ngo Duong Ly"),
    "id": ("Budi Agus Dewi Siti Rizky Andi Putri Fajar Indah Yusuf Reza Ayu Dimas Wahyu",
           "Santoso Wijaya Saputra Hidayat Pratama Setiawan Kurniawan Nugroho Lestari Wibowo Susanto"),
    "my": ("Ahmad Nur Siti Mohd Wei Jun Li Mei Kumar Priya Hafiz Aina Farid",
           "Abdullah Ibrahim Ismail Tan Lim Lee Wong Ng Rahman Othman Raj"),
    "sg": ("Wei Jun Hui Ling Ming Jia Kai Rachel Marcus Priya Daniel Shawn",
           "Tan Lim Lee Ng Ong Wong Goh Chua Koh Teo Chan Yeo"),
    "th": ("Somchai Niran Kittipong Ploy Nattapong Siriporn Anan Wanida Chaiwat Pim",
           "Srisuk Chaiyaporn Wongsa Thongchai Rattanakorn Saelim Boonmee Kaewkla"),
    "cn": ("Wei Jing Li Na Min Jun Hao Yan Lei Tao Fang Xin Yu Ying Qiang Jian Hui Bo Xiaoming Zhiwei Yifan Haoran",
           "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo"),
    "kr": ("Min-jun Seo-yeon Ji-hoon Ji-woo Hyun-woo Soo-jin Eun-ji Dong-hyun Jae-won Ye-jin Sung-min Hye-jin "
           "Young-ho Jin-woo Da-eun", "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Song"),
    "jp": ("Haruto Yuto Sota Yui Hina Sakura Ren Takumi Kenta Aoi Daiki Yuki Shota Mai",
           "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada"),
    "ru": ("Aleksandr Dmitry Sergey Andrey Alexey Maxim Ivan Mikhail Nikolay Olga Elena Tatiana Natalia Anna "
           "Yulia Ekaterina Pavel Artem Igor Vladimir Yuriy Svetlana",
           "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov "
           "Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov"),
    "ua": ("Oleksandr Dmytro Andrii Serhii Yurii Mykola Taras Bohdan Olena Iryna Oksana Nataliia Kateryna "
           "Viktoriia Maksym Vladyslav Anastasiia Roman", "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko "
           "Melnyk Boyko Kovalchuk Oliynyk Shevchuk Polishchuk Lysenko Marchenko Savchenko Rudenko Moroz"),
    "pl": ("Jakub Kacper Piotr Tomasz Krzysztof Anna Katarzyna Magdalena Agnieszka Michal Pawel Marta Lukasz",
           "Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski Szymanski Wozniak Dabrowski"),
    "ro": ("Andrei Alexandru Mihai Ionut Elena Ioana Maria Cristian Florin Adriana Bogdan Raluca",
           "Popescu Ionescu Popa Radu Stan Dumitru Stoica Gheorghe Matei Constantin Marin Tudor"),
    "rs": ("Nikola Marko Stefan Milos Luka Jelena Milica Ana Ivana Nemanja Aleksandar Dragana",
           "Jovanovic Petrovic Nikolic Markovic Djordjevic Stojanovic Ilic Stankovic Pavlovic Milosevic"),
    "de": ("Lukas Leon Felix Jonas Maximilian Paul Anna Lena Laura Julia Sophie Tobias Katharina Jan",
           "Mueller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Wolf"),
    "fr": ("Lucas Hugo Louis Gabriel Jules Emma Lea Chloe Manon Camille Thomas Nicolas Julie Mathieu",
           "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre"),
    "es": ("Alejandro Daniel Pablo David Javier Lucia Maria Paula Sofia Carmen Diego Mateo Valentina Camila "
           "Santiago Sebastian Juan Andres", "Garcia Rodriguez Gonzalez Fernandez Lopez Martinez Sanchez Perez "
           "Gomez Martin Diaz Hernandez Ruiz Alvarez Romero Torres Ramirez Castro"),
    "it": ("Francesco Alessandro Lorenzo Matteo Andrea Giulia Sofia Chiara Martina Luca Marco Giorgia",
           "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti"),
    "pt": ("Joao Rodrigo Tiago Diogo Ana Beatriz Mariana Ines Rui Pedro Catarina Miguel",
           "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Goncalves"),
    "br": ("Lucas Gabriel Matheus Rafael Felipe Ana Julia Beatriz Larissa Camila Bruno Thiago Fernanda Leticia",
           "Silva Santos Oliveira Souza Lima Pereira Ferreira Costa Rodrigues Almeida Nascimento Carvalho Araujo"),
    "nl": ("Daan Sem Lucas Milan Emma Julia Sophie Lotte Thijs Bram Anouk Ruben",
           "deJong Jansen deVries vandenBerg Bakker Visser Smit Meijer deBoer Mulder Bos Vos"),
    "se": ("Erik Lars Anders Johan Emma Maja Elsa Astrid Oskar Nils Sara Karin",
           "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson"),
    "tr": ("Mehmet Mustafa Ahmet Emre Burak Zeynep Elif Ayse Fatma Can Deniz Murat Selin",
           "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan"),
    "ge": ("Giorgi Davit Nino Mariam Levan Irakli Tamar Ana Luka Nika",
           "Beridze Kapanadze Gelashvili Maisuradze Giorgadze Lomidze Tsiklauri Bolkvadze"),
    "am": ("Armen Davit Narek Tigran Anna Mariam Lilit Gor Hayk Ani",
           "Harutyunyan Sargsyan Hovhannisyan Grigoryan Petrosyan Khachatryan Vardanyan Karapetyan"),
    "kz": ("Nursultan Daniyar Aigerim Aruzhan Yerlan Dinara Askar Madina Timur Saule",
           "Nurlanov Abenov Serikbayev Zhakupov Akhmetov Iskakov Tulegenov Omarov"),
    "ae": ("Omar Khalid Ahmed Fatima Mariam Rashid Aisha Saeed Layla Hamdan",
           "AlMansouri AlHashimi AlNuaimi AlMarri AlShamsi AlKetbi AlZaabi AlDhaheri"),
    "ng": ("Chinedu Emeka Oluwaseun Tunde Ifeoma Ngozi Adebayo Chiamaka Ibrahim Aisha Femi Kelechi Bola Uche",
           "Okafor Adeyemi Okonkwo Eze Balogun Ogunleye Nwosu Abubakar Ibrahim Olawale Chukwu Adeleke"),
    "ke": ("Brian Kevin Faith Mercy Dennis Collins Wanjiru Achieng Otieno Kamau Njeri Mwangi",
           "Otieno Kamau Mwangi Odhiambo Njoroge Wanjiku Kiprop Cheruiyot Mutua Ochieng Kariuki"),
    "eg": ("Mohamed Ahmed Mahmoud Mostafa Omar Youssef Nour Mariam Salma Hana Karim Amr",
           "Hassan Ibrahim Ali Mahmoud Mostafa Abdelrahman ElSayed Fathy Gamal Salah Farouk"),
    "za": ("Thabo Sipho Lerato Naledi Johan Pieter Annelie Zanele Kabelo Ayanda Ruan Megan",
           "Nkosi Dlamini Ndlovu Mokoena vanderMerwe Botha Naidoo Pillay Khumalo Smit Mahlangu"),
}

# transliteration / romanisation variants seen between a profile, a payout account and documents
ROMAN = {"Aleksandr": "Alexander Alexandr Oleksandr", "Dmitry": "Dmitrii Dmitriy Dmytro", "Sergey": "Sergei Serhii",
         "Andrey": "Andrei Andrii", "Alexey": "Aleksei Alexei", "Maxim": "Maksim Maksym", "Yuriy": "Yuri Iurii Yurii",
         "Nikolay": "Nikolai Mykola", "Tatiana": "Tatyana Tetiana", "Natalia": "Natalya Nataliia",
         "Yulia": "Julia Iuliia", "Ekaterina": "Yekaterina Kateryna", "Oleksandr": "Aleksandr Olexandr",
         "Dmytro": "Dmitry Dmitro", "Andrii": "Andriy Andrey", "Serhii": "Sergiy Sergey", "Yurii": "Yuriy Iurii",
         "Mykola": "Nikolai Mykola", "Iryna": "Irina", "Olena": "Elena Olena", "Kateryna": "Ekaterina Katerina",
         "Muhammad": "Mohammad Mohammed Muhammed", "Mohamed": "Mohammed Muhammad", "Ahmed": "Ahmad Ahmet",
         "Mahmoud": "Mahmud", "Youssef": "Yousef Yusuf", "Mostafa": "Mustafa", "Md": "Mohammad Muhammad",
         "Ivanov": "Ivanoff", "Vasiliev": "Vasilyev Vasilev", "Alekseev": "Alexeev", "Fedorov": "Fyodorov",
         "Semenov": "Semyonov", "Kovalenko": "Kowalenko", "Shevchenko": "Shevtchenko", "Tkachenko": "Tkatchenko",
         "Lee": "Yi Rhee", "Park": "Pak Bak", "Choi": "Choe", "Jung": "Jeong Chung", "Kang": "Gang",
         "Cho": "Jo", "Yoon": "Yun", "Lim": "Im", "Shin": "Sin", "Kwon": "Gwon",
         "Nguyen": "Nguyễn", "Tran": "Trần", "Le": "Lê", "Pham": "Phạm", "Zhang": "Chang", "Wang": "Wong",
         "Chen": "Chan Tan", "Huang": "Wong Hwang", "Wu": "Ng Woo", "Zhou": "Chou Chow", "Xu": "Hsu Tsui",
         "Mueller": "Müller Muller", "Wisniewski": "Wiśniewski", "Wojcik": "Wójcik", "Yilmaz": "Yılmaz",
         "Ozturk": "Öztürk", "Joao": "João", "Goncalves": "Gonçalves"}

UNIVERSITIES = {
    "us": "University of Texas at Austin|Georgia Institute of Technology|Arizona State University|Purdue University|"
          "University of Washington|Rutgers University|Ohio State University|University of Florida|"
          "San Jose State University|University of Illinois Urbana-Champaign|Penn State University",
    "gb": "University of Manchester|University of Leeds|King's College London|University of Bristol|University of Glasgow",
    "in": "Anna University|VIT Vellore|Savitribai Phule Pune University|Osmania University|Manipal Institute of Technology|Mumbai University",
    "asia": "National University of Singapore|University of Malaya|University of Tokyo|Tsinghua University|"
            "Hong Kong University of Science and Technology|Nanyang Technological University|Kyoto University|"
            "Universiti Teknologi Malaysia|Vietnam National University|Zhejiang University",
    "eu": "Kyiv Polytechnic Institute|Warsaw University of Technology|University of Belgrade|TU Munich|"
          "Politecnico di Milano|University of Lisbon|Babes-Bolyai University|Ivane Javakhishvili Tbilisi State University",
    "other": "University of Lagos|University of Nairobi|Cairo University|University of Sao Paulo|UNAM|"
             "Universidad de Buenos Aires|University of the Philippines|Bandung Institute of Technology|"
             "Lahore University of Management Sciences|BUET|Moscow State University|Seoul National University|"
             "KAIST|Sun Yat-sen University|University of Cape Town|Middle East Technical University",
}

EMPLOYERS = ("Northwind Analytics|Bluefin Labs|Crestline Software|Harbor Digital|Pinecone Systems|Lumen Retail|"
             "Keystone Health IT|Silverleaf Payments|Summit Logistics|Atlas Media Group|Redwood Cloud Services|"
             "Granite Insurance|Orchid Commerce|Brightwave Studios|Meridian Fintech|Copperline Data|Vantage Mobility|"
             "Sable Security|Ironclad Robotics|Nimbus Education|Horizon Travel Tech|Quarry Games|Tidal Energy Software|"
             "Beacon Marketing|Fjord Consulting|Cobalt Devices|Juniper Biotech|Maple Street Bank|Evergreen Telecom")

TECH = ("React|Node.js|TypeScript|Python|Django|Flask|FastAPI|Go|Rust|Java|Spring Boot|Kotlin|Swift|Flutter|"
        "React Native|Vue.js|Angular|Next.js|PostgreSQL|MongoDB|Redis|AWS|GCP|Azure|Docker|Kubernetes|Terraform|"
        "Solidity|Web3.js|Ethers.js|Laravel|PHP|WordPress|Shopify|Ruby on Rails|C#|.NET|Unity|TensorFlow|PyTorch|"
        "LangChain|Selenium|Cypress|GraphQL|Elasticsearch|Kafka|Airflow|Snowflake|Tableau").split("|")

IT_CATEGORIES = {"Java Developer", "Testing", "DevOps Engineer", "Python Developer", "Web Designing", "Hadoop",
                 "Data Science", "ETL Developer", "Blockchain", "Database", "DotNet Developer", "Automation Testing",
                 "Network Security Engineer", "SAP Developer", "Business Analyst"}

FRONT_COMPANY_NAMES = ["Brightpath Tech Solutions LLC", "Apex Remote Staffing Inc", "Silverline Dev Partners",
                       "NovaBridge Software Group", "Pacific Crest IT Services", "BlueOcean Talent LLC",
                       "Vertex Digital Works", "Clearwater Consulting Group", "Summit Peak Technologies LLC",
                       "Redstone Talent Network", "Greenfield Code Labs", "Harborview Systems Ltd"]
AGENCY_NAMES = ["Codenest", "PixelForge", "DevSquare", "Softlane", "BrightBytes", "Appcraft", "Nordlight",
                "CloudKite", "Bitwise Studio", "Lambda Works", "Greenhouse Dev", "Stackfield", "Quantix",
                "Webmint", "Datavista", "Kodelab", "Sprintly", "Hexa Soft", "Blueprint Digital", "Zenith IT"]
HK_CN_HOLDERS = ["Dandong Xinyi Trading Co Ltd", "Shenyang Jinhui Network Technology Co", "Yanji Haoyu Commerce Co",
                 "Hong Kong Tianfu International Ltd", "Wing Fat Global Trading Ltd", "Liaoning Ruida Technology Co"]

# operator locations from the public record: Shenyang/Dandong (UTC+8), Pyongyang (+9),
# Vladivostok (+10), Vientiane (+7), Russia-based networks (Moscow)
OPERATOR_ZONES = [("Asia/Shanghai", "CN", 0.5), ("Asia/Pyongyang", "KP", 0.12), ("Asia/Vladivostok", "RU", 0.14),
                  ("Asia/Vientiane", "LA", 0.08), ("Europe/Moscow", "RU", 0.08), ("Asia/Dubai", "AE", 0.08)]

HONEST_SEGMENTS = ["privacy_vpn", "digital_nomad", "asia_night_shift", "agency_member", "declared_cn_ru_kr",
                   "romanised_name", "voip_phone", "crypto_web3", "shared_connection", "remote_desktop",
                   "emigrant", "payout_changer", "cloud_workstation"]
TACTICS = ["laptop_farm", "vpn_vps", "residential_proxy", "rented_identity", "stolen_identity", "bought_account",
           "facilitator_payout", "front_company", "ai_polished", "crypto_layering", "europe_pivot"]

ORG_EXCLUDE = re.compile(r"univ|college|school|bank|government|ministry|hosting|host|cloud|data ?cent|server|"
                         r"amazon|google|microsoft|akamai|cloudflare|digitalocean|ovh|hetzner|vultr|linode|"
                         r"oracle|alibaba|tencent|colo|vps|research|institute|academ|hospital|gov|military|"
                         r"dns|cdn|fastly|leaseweb|choopa|m247|datacamp|contabo|ionos|department|dod |defen[cs]e|navy|army|"
                         r"air force|motor|level 3|cogent|hurricane|zayo|lumen|gtt |carrier|transit|backbone|"
                         r"mercedes|ford |apple|ibm|hewlett|intel |general electric|boeing|verein|t-systems|"
                         r"postal|exchange|inter-exch|ix |internet2|merit|enterprise solutions|business|"
                         r"consult|software|timeweb|selectel|byteplus|diamondip|bamboozle|netassets|jisc|nhs |bytedance|facebook|meta platforms|netflix|shopify|salesforce", re.I)

UTC_ = UTC


@cache
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def rfc3339(dt: datetime) -> str:
    return dt.astimezone(UTC_).strftime("%Y-%m-%dT%H:%M:%SZ")


def wchoice(rng: Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------

def find_data(arg: str | None) -> Path:
    here = Path(__file__).resolve().parent.parent
    cands = [Path(arg)] if arg else [here.parent / "shared" / "data", here.parent.parent / "shared" / "data"]
    for c in cands:
        if (c / "ip-location-db" / "dbip-country.mmdb").is_file():
            return c
    sys.exit("reference data not found (looked in %s); pass --data /path/to/shared/data"
             % ", ".join(str(c) for c in cands))


_IP_SPACES: dict[Path, IPSpace] = {}


def ip_space(data: Path) -> IPSpace:
    """An IPSpace for one world: the networks are read once per data folder per process (~10 s);
    the carrier-grade NAT pools are drawn per world, so each world gets its own."""
    key = data.resolve()
    if key not in _IP_SPACES:
        _IP_SPACES[key] = IPSpace(data)
    space = copy.copy(_IP_SPACES[key])
    space.cgnat = {}
    return space


class IPSpace:
    """Real networks by country and kind: residential ISPs, hosting/VPS, commercial VPN, Tor, relay."""

    def __init__(self, data: Path):
        self.db = maxminddb.open_database(str(data / "ip-location-db" / "dbip-country.mmdb"))
        self.db2 = maxminddb.open_database(str(data / "ip-location-db" / "geo-whois-asn-country.mmdb"))
        hosting: set[int] = set()
        for line in (data / "brianhama-bad-asn-list" / "bad-asn-list.csv").read_text().splitlines()[1:]:
            m = re.match(r"\s*(\d+)", line)
            if m:
                hosting.add(int(m.group(1)))
        for f in ("datacenter", "vpn"):
            for line in (data / "x4bnet-lists_vpn" / "input" / f / "ASN.txt").read_text().splitlines():
                m = re.match(r"AS(\d+)", line.strip())
                if m:
                    hosting.add(int(m.group(1)))
        want = set(COUNTRIES) | {"KP", "LA", "HK", "CH"}
        self.res: dict[str, list] = {}      # cc -> list of isps [asn, org, ranges, cum]
        self.host: dict[str, list] = {}     # cc -> list of (start, end, version)
        self.res6: dict[str, dict] = {}     # cc -> asn -> ranges
        for fname, ver in (("asn-ipv4.csv.gz", 4), ("asn-ipv6.csv.gz", 6)):
            df = pd.read_csv(data / "ip-location-db" / fname, header=None, names=["s", "e", "asn", "org"],
                             dtype={"s": str, "e": str, "asn": "Int64", "org": str}, keep_default_na=False)
            isps: dict[tuple, list] = {}
            fam = socket.AF_INET if ver == 4 else socket.AF_INET6
            excluded: dict[str, bool] = {}
            for s, e, asn, org in zip(df.s.values, df.e.values, df.asn.values, df.org.values, strict=True):
                c1 = self.db.get(s)
                if not c1:
                    continue
                cc = c1.get("country_code")
                if cc not in want:
                    continue
                si = int.from_bytes(socket.inet_pton(fam, s), "big")
                ei = int.from_bytes(socket.inet_pton(fam, e), "big")
                if ver == 4 and ei - si < 255:
                    continue
                c2 = self.db.get(e)
                c3 = self.db2.get(s)
                if not c2 or c2.get("country_code") != cc or not c3 or c3.get("country_code") != cc:
                    continue
                asn = int(asn) if asn is not pd.NA else 0
                org = str(org)
                if asn in hosting:
                    if ver == 4:
                        self.host.setdefault(cc, []).append((si, ei, 4))
                    continue
                ex = excluded.get(org)
                if ex is None:
                    ex = excluded[org] = bool(ORG_EXCLUDE.search(org))
                if ex:
                    continue
                isps.setdefault((cc, asn, org), []).append((si, ei))
            for (cc, asn, org), rngs in isps.items():
                if ver == 4:
                    size = sum(e - s + 1 for s, e in rngs)
                    # eyeball ISPs announce many prefixes; legacy /8 holders few
                    score = len(rngs) ** 0.7 * size ** 0.3
                    self.res.setdefault(cc, []).append([asn, org, rngs, score])
                else:
                    self.res6.setdefault(cc, {})[asn] = rngs
        for lst in self.res.values():
            lst.sort(key=lambda x: -x[3])
            del lst[40:]                      # the big eyeball ISPs of the country
            for isp in lst:
                cum, t = [], 0
                for s, e in isp[2]:
                    t += e - s + 1
                    cum.append(t)
                isp.append(cum)
        self.vpn = self._cidr_file(data / "x4bnet-lists_vpn" / "output" / "vpn" / "ipv4.txt", want)
        self.apple = self._cidr_file(data / "x4bnet-lists_vpn" / "input" / "vpn" / "ips" / "apple.txt", want)
        self.cgnat: dict[tuple, list[str]] = {}
        self.tor = [ip for ip in (data / "tor-nodes" / "exit-relay-ips.txt").read_text().split() if ":" not in ip]

    def _cidr_file(self, path: Path, want: set) -> dict[str, list]:
        out: dict[str, list] = {}
        for line in path.read_text().split():
            try:
                net = ipaddress.ip_network(line.strip(), strict=False)
            except ValueError:
                continue
            if net.version != 4:
                continue
            r = self.db.get(str(net.network_address))
            cc = r.get("country_code") if r else None
            if cc in want:
                out.setdefault(cc, []).append((int(net.network_address), int(net.broadcast_address), 4))
        return out

    def country(self, ip: str) -> str | None:
        r = self.db.get(ip)
        return r.get("country_code") if r else None

    def pick_isp(self, rng: Random, cc: str) -> list:
        lst = self.res.get(cc) or self.res["US"]
        return wchoice(rng, lst, [x[3] ** 0.7 for x in lst])

    def isp_ip(self, rng: Random, isp: list, cc: str | None = None) -> str:
        rngs, cum = isp[2], isp[4]
        for _ in range(6):
            k = bisect.bisect_right(cum, rng.randrange(cum[-1]))
            s, e = rngs[min(k, len(rngs) - 1)]
            ip = str(ipaddress.IPv4Address(rng.randint(s + 1, max(s + 1, e - 1))))
            if cc is None or self.country(ip) == cc:
                return ip
        return ip

    def cgnat_ip(self, rng: Random, isp: list, cc: str) -> str:
        """Mobile carriers put many subscribers behind a small pool of public addresses (CGNAT)."""
        key = (cc, isp[0])
        pool = self.cgnat.get(key)
        if pool is None:
            pool = self.cgnat[key] = [self.isp_ip(rng, isp, cc) for _ in range(rng.choice([32, 64, 128, 256]))]
        return rng.choice(pool)

    def isp_ip6(self, rng: Random, isp: list, cc: str) -> str | None:
        rngs = self.res6.get(cc, {}).get(isp[0])
        if not rngs:
            return None
        s, e = rng.choice(rngs)
        ip = str(ipaddress.IPv6Address(rng.randint(s, e)))
        return ip if self.country(ip) == cc else None

    def from_ranges(self, rng: Random, ranges: list, cc: str | None = None) -> str:
        for _ in range(6):
            s, e, _v = rng.choice(ranges)
            ip = str(ipaddress.IPv4Address(rng.randint(s, e) if e - s < 4 else rng.randint(s + 1, e - 1)))
            if cc is None or self.country(ip) == cc:
                return ip
        return ip

    def hosting_ip(self, rng: Random, cc: str) -> str:
        cc = cc if self.host.get(cc) else rng.choice(["US", "DE", "NL", "GB", "SG"])
        return self.from_ranges(rng, self.host[cc], cc)

    def vpn_ip(self, rng: Random, cc: str) -> str:
        pool = self.vpn.get(cc)
        if not pool:
            cc = rng.choice(["US", "NL", "DE", "GB", "SE", "CH", "SG"])
            pool = self.vpn.get(cc) or self.vpn["US"]
        return self.from_ranges(rng, pool, cc)

    def apple_ip(self, rng: Random, cc: str) -> str:
        pool = self.apple.get(cc) or self.apple.get("US")
        return self.from_ranges(rng, pool)


class Phones:
    """Numbers derived from phonenumbers' real example numbers (phone-vectors)."""

    def __init__(self, data: Path):
        self.ex: dict[tuple[str, str], str] = {}
        self.code: dict[str, str] = {}
        with open(data / "phone-vectors" / "phonenumbers_example_numbers.csv", newline="") as f:
            for r in csv.DictReader(f):
                if r["valid"] == "True":
                    self.ex[(r["region"], r["type"])] = r["e164"]
                    self.code[r["region"]] = r["international"].split()[0].lstrip("+")

    def number(self, rng: Random, cc: str, kind: str = "MOBILE", city: str | None = None,
               national: bool = False) -> str:
        if cc in ("US", "CA"):
            codes = US_AREA.get(city or "", "")
            if not codes or kind == "VOIP":
                cities = COUNTRIES[cc]["zones"].values()
                codes = " ".join(US_AREA.get(c, "") for z in cities for c in z.split("|"))
            area = rng.choice(codes.split())
            num = "+1%s%d%02d%04d" % (area, rng.randint(2, 9), rng.randint(0, 99), rng.randint(0, 9999))
            if num[5:8] == "555":
                num = num[:5] + "556" + num[8:]
            return ("(%s) %s-%s" % (num[2:5], num[5:8], num[8:])) if national else num
        ex = self.ex.get((cc, kind)) or self.ex.get((cc, "MOBILE")) or self.ex.get((cc, "FIXED_LINE_OR_MOBILE"))
        if not ex:
            ex = self.ex[("GB", "MOBILE")]
        digits = ex[1:]
        k = 6 if len(digits) >= 11 else 4
        num = "+" + digits[:-k] + "".join(str(rng.randint(0, 9)) for _ in range(k))
        code = self.code.get(cc, "")
        if national and cc in TRUNK0 and num.startswith("+" + code):
            return "0" + num[1 + len(code):]          # national format with the trunk prefix
        return num


# places and schooling of the corpus' authors: kept out so every persona carries its own
LOCAL_DETAIL = re.compile(r"Maharashtra|Mumbai|Pune|Nagpur|Pradesh|Gujarat|Karnataka|Bangalore|Bengaluru|Hyderabad|"
                          r"Chennai|Delhi|Kolkata|India|Jalgaon|Allahabad|Sangli|Lucknow|Noida|Gurgaon|Indore|Bhopal|"
                          r"Nashik|Aurangabad|Thane|Kerala|Tamil|Rajasthan|Jaipur|Punjab|Bihar|Odisha|Hindi|Marathi|"
                          r"\bS\.?S\.?C\b|\bH\.?S\.?C\b|\bB\.?E\b|B\.?Tech|M\.?Tech|\bMCA\b|\bBCA\b|Diploma|"
                          r"Universit|College|Institute|School|CGPA|Percentage|Date of Birth|Marital|Gender|Nationality")


def load_resumes(data: Path) -> dict[str, list[str]]:
    """Resume corpus split into reusable fragments per category (corpus has heavy duplication)."""
    raw = (data / "resume-updatedresumedataset" / "UpdatedResumeDataSet.csv").read_bytes()
    text = raw.decode("utf-8", errors="replace")
    seen: set[str] = set()
    frags: dict[str, list[str]] = {}
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        if len(row) < 2 or row[1] in seen:
            continue
        seen.add(row[1])
        t = row[1].replace("\ufffd", " ").replace("\r", " ")
        t = re.sub(r"[^\x20-\x7e\n]", " ", t)
        parts = re.split(r"\s*(?:\n|\*|\u2022|(?<=[a-z)])\.\s)\s*", t)
        parts = [re.sub(r"\s+", " ", p).strip(" -:,") for p in parts]
        parts = [re.sub(r"\s\?\s", "; ", re.sub(r"^\?\s*", "", p)) for p in parts]
        parts = [p for p in parts if 25 <= len(p) <= 400 and not LOCAL_DETAIL.search(p)]
        frags.setdefault(row[0], []).extend(parts)
    return frags


# --------------------------------------------------------------------------------------------
# Text: resumes and proposals
# --------------------------------------------------------------------------------------------

OPENERS = ["Hi there,", "Hello,", "Hi,", "Good day,", "Dear hiring manager,", "Hello! ", "Hey,", "Greetings,"]
HOOKS = ["I read your job post carefully and I am confident I can deliver exactly what you need.",
         "Your project caught my attention because I have built very similar systems before.",
         "I have {y} years of hands-on experience with {t1} and {t2}, which is a close match for this job.",
         "This looks like a great fit for my background in {t1}.",
         "I recently finished a project almost identical to this one using {t1} and {t2}.",
         "I can start right away and I am available during your business hours.",
         "I specialise in {t1} work and would love to help you with this.",
         "Quick question before we start: do you already have designs or an existing codebase?"]
BODIES = ["My approach would be to review the current setup, agree on milestones and ship a first version within a week.",
          "I would begin with a short call to clarify requirements, then deliver in small increments you can test.",
          "In my last role at {e} I led the migration to {t2} and cut page load time by around 40%.",
          "I have worked with clients from startups to enterprises, most recently {e}.",
          "I write clean, tested code and document everything so your team can maintain it.",
          "You can see similar work in my portfolio; I am happy to walk you through it.",
          "I am comfortable with {t1}, {t2} and {t3}, and I use CI pipelines for every project.",
          "I will keep you updated daily and you will always have access to the repository."]
CLOSERS = ["Looking forward to hearing from you.", "Thanks for your time!", "Best regards,", "Kind regards,",
           "Let me know if you have any questions.", "Happy to discuss further on a call.", "Cheers,", "Thank you."]
AI_POLISH = ["Results-driven engineer passionate about building scalable, maintainable solutions.",
             "I pride myself on clear communication, reliability and attention to detail.",
             "Leveraging modern best practices, I deliver robust, production-ready code on time.",
             "I thrive in fast-paced, collaborative environments and adapt quickly to new technologies."]


def fill(rng: Random, s: str, techs: list[str], emps: list[str]) -> str:
    return s.format(y=rng.randint(3, 12), t1=techs[0], t2=techs[1 % len(techs)], t3=techs[2 % len(techs)],
                    e=rng.choice(emps))


def proposal_template(rng: Random) -> list[int]:
    return [rng.randrange(len(OPENERS)), rng.randrange(len(HOOKS)), rng.randrange(len(BODIES)),
            rng.randrange(len(BODIES)), rng.randrange(len(CLOSERS))]


def proposal_text(rng: Random, tpl: list[int], techs, emps, name: str, drift: float, polish: bool) -> str:
    idx = [(rng.randrange(n) if rng.random() < drift else i)
           for i, n in zip(tpl, (len(OPENERS), len(HOOKS), len(BODIES), len(BODIES), len(CLOSERS)), strict=True)]
    parts = [OPENERS[idx[0]], fill(rng, HOOKS[idx[1]], techs, emps), fill(rng, BODIES[idx[2]], techs, emps)]
    if idx[3] != idx[2]:
        parts.append(fill(rng, BODIES[idx[3]], techs, emps))
    if polish:
        parts.insert(2, rng.choice(AI_POLISH))
    parts.append(CLOSERS[idx[4]])
    parts.append(name.split()[0])
    return " ".join(parts)


class ResumeMaker:
    def __init__(self, frags: dict[str, list[str]]):
        self.frags = frags
        self.it = [c for c in frags if c in IT_CATEGORIES]
        self.all = list(frags)

    def body(self, rng: Random, cat: str, k: int) -> list[str]:
        pool = self.frags[cat]
        other = self.frags[rng.choice(self.it)]
        out = rng.sample(pool, min(len(pool), max(3, int(k * 0.75))))
        out += rng.sample(other, min(len(other), max(1, k - len(out))))
        rng.shuffle(out)
        return out

    def render(self, rng: Random, name: str, city: str, cc: str, title: str, techs, emps, uni: str,
               body: list[str], polish: bool) -> str:
        yrs = rng.randint(3, 14)
        lines = [name, "%s | %s, %s" % (title, city, cc)]
        summ = "Summary: %s with %d years of experience in %s." % (title, yrs, ", ".join(techs[:4]))
        lines.append(summ)
        if polish:
            lines += rng.sample(AI_POLISH, 2)
        lines.append("Skills: " + ", ".join(techs))
        y = 2025 - rng.randint(0, 2)
        for e in emps[:rng.randint(2, 3)]:
            y0 = y - rng.randint(1, 4)
            lines.append("%s - %s (%d-%d)" % (rng.choice(["Senior Developer", "Software Engineer", "Developer",
                                                           "Consultant", "Lead Engineer", "Specialist"]), e, y0, y))
            y = y0
        lines += body
        lines.append("Education: %s, %d" % (uni, y - rng.randint(0, 3)))
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# World
# --------------------------------------------------------------------------------------------

class World:
    def __init__(self, n: int, seed: int, data: Path):
        self.n, self.seed = n, seed
        self.rng = rng = Random(seed)
        self.ips = ip_space(data)
        self.phones = Phones(data)
        self.resumes = ResumeMaker(load_resumes(data))
        self.sdn_wallets = self._sdn_wallets(data)
        self.sdn_entities = ["Yanbian Silverstar Network Technology Co., Ltd.", "Volasys Silver Star",
                             "Chinyong Information Technology Cooperation Company"]
        self.used_ids: set[str] = set()
        self.used_emails: set[str] = set()
        self.rows: list[tuple[dict, dict]] = []
        # ---- seed-varied parameters ----
        self.now = datetime(2025, 3, 1, tzinfo=UTC_) + timedelta(days=rng.randint(0, 570), hours=rng.randint(0, 23))
        self.P = {
            "front_share": rng.uniform(0.03, 0.08),
            "lookalike_share": {s: rng.uniform(0.009, 0.032) for s in HONEST_SEGMENTS},
            "tactic_w": {t: rng.lognormvariate(0, 0.6) for t in TACTICS},
            "care_a": rng.uniform(0.8, 3.0), "care_b": rng.uniform(0.8, 3.0),
            "sessions_per_month": rng.uniform(4, 14),
            "new_signup_share": rng.uniform(0.12, 0.35),
            "dormant_share": rng.uniform(0.1, 0.35),
            "ipv6_share": rng.uniform(0.0, 0.35),
            "mobile_share": rng.uniform(0.05, 0.3),
            "trip_share": rng.uniform(0.04, 0.15),
            "miss": {k: rng.uniform(lo, hi) for k, lo, hi in [
                ("device_id", 0, .15), ("browser_timezone", 0, .25), ("remote_access", 0, .4), ("duration_s", 0, .2),
                ("email", 0, .1), ("phone", .05, .4), ("claimed_city", .05, .3), ("claimed_timezone", .1, .5),
                ("resume_text", .05, .3), ("photo_phash", .1, .4), ("github_url", .3, .6),
                ("hourly_rate_usd", .05, .2), ("holder_name", 0, .2), ("account_country", 0, .2),
                ("full_name", 0, .03)]},
            "tokenised_refs": rng.random() < 0.35,
            "honest_ai_polish": rng.uniform(0.05, 0.3),
            "fulltime_share": rng.uniform(0.1, 0.35),
            "bench_share": rng.uniform(0.2, 0.5),
            "device_churn": rng.uniform(0.004, 0.03),
            "national_phone": rng.uniform(0, 0.3),
            "proposals_mean": rng.uniform(2, 10),
            "country_w": {c: v["w"] * rng.lognormvariate(0, 0.35) for c, v in COUNTRIES.items()},
        }

    @staticmethod
    def _sdn_wallets(data: Path) -> list[str]:
        out = []
        with open(data / "ofac-sdn" / "dprk_it_worker_related_2024-05-03.csv", newline="") as f:
            for r in csv.DictReader(f):
                for a in (r.get("digital_currency_addresses") or "").split(";"):
                    if ":" in a and a.split(":")[0] in ("USDT", "USDC", "ETH"):
                        out.append(a.split(":", 1)[1])
        return sorted(set(out))

    # ---------------- identities ----------------
    def new_id(self) -> str:
        while True:
            i = "%08x" % self.rng.getrandbits(32)
            aid = "fl_" + i
            if aid not in self.used_ids:
                self.used_ids.add(aid)
                return aid

    def name(self, culture: str) -> str:
        rng = self.rng
        first, last = NAMES[culture]
        f, la = rng.choice(first.split()), rng.choice(last.split())
        if culture in ("nl", "ae", "za") and la[:2] in ("de", "va", "Al"):
            la = re.sub(r"^(de|van|vander|Al)([A-Z])", lambda m: {"de": "de ", "van": "van ", "vander": "van der ",
                                                                     "Al": "Al "}[m.group(1)] + m.group(2), la)
        if culture == "ph" and la == "DelaCruz":
            la = "Dela Cruz"
        if culture in ("cn", "kr", "jp") and rng.random() < 0.5:
            return "%s %s" % (la, f)
        if culture == "us" and rng.random() < 0.12:
            return "%s %s. %s" % (f, rng.choice("ABCDEJKLMRST"), la)
        return "%s %s" % (f, la)

    def variant(self, name: str) -> str:
        """A romanisation / ordering variant of a name, as seen on bank or ID documents."""
        rng = self.rng
        parts = name.split()
        swapped = False
        for i, p in enumerate(parts):
            if p in ROMAN and rng.random() < 0.8:
                parts[i] = rng.choice(ROMAN[p].split())
                swapped = True
        if not swapped:
            r = rng.random()
            if r < 0.35 and len(parts) >= 2:
                parts = [parts[-1].upper()] + parts[:-1]
            elif r < 0.6:
                parts = [p.replace("-", "") if "-" in p else p for p in parts]
                if "-" not in name:
                    parts[0] = parts[0][0] + "."
            else:
                parts = [p.upper() for p in parts]
        return " ".join(parts)

    def email(self, name: str, cc: str, style: str = "honest", suffix: str | None = None) -> str:
        rng = self.rng
        parts = [re.sub(r"[^a-z]", "", p.lower()) for p in name.split()]
        parts = [p for p in parts if p] or ["user"]
        f, la = parts[0], parts[-1]
        local_dom = {"RU": "mail.ru yandex.ru", "CN": "qq.com 163.com", "KR": "naver.com daum.net",
                     "JP": "yahoo.co.jp", "DE": "gmx.de web.de", "FR": "orange.fr", "UA": "ukr.net",
                     "IN": "rediffmail.com", "BR": "hotmail.com"}.get(cc, "")
        if style == "front":
            dom = rng.choice(["gmail.com", "outlook.com", "gmail.com", "hotmail.com", "proton.me", "yahoo.com"])
            local = "%s%s%s" % (f, rng.choice(["", ".", "_"]), la) + (suffix or str(rng.randint(10, 9999)))
        else:
            doms = ["gmail.com"] * 6 + ["outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me"]
            doms += local_dom.split() * 3
            dom = rng.choice(doms)
            r = rng.random()
            if r < 0.3:
                local = "%s.%s" % (f, la)
            elif r < 0.5:
                local = "%s%s" % (f[0], la)
            elif r < 0.7:
                local = "%s%s%d" % (f, la, rng.randint(70, 2005) if rng.random() < 0.7 else rng.randint(1, 99))
            elif r < 0.85:
                local = "%s_%s" % (la, f)
            else:
                local = "%s.%s" % (f, la)
                dom = "%s%s.%s" % (la, rng.choice(["dev", "studio", "labs", ""]), rng.choice(["com", "io", "dev"]))
        e = "%s@%s" % (local, dom)
        while e in self.used_emails:
            e = "%s%d@%s" % (local, rng.randint(1, 99), dom)
        self.used_emails.add(e)
        return e

    def account_ref(self, method: str, cc: str, email: str | None = None) -> str:
        rng = self.rng
        if self.P["tokenised_refs"] and method != "crypto":
            return "%s_%s" % ({"bank": "ba", "paypal": "pp", "payoneer": "po", "wise": "tw", "other": "ot"}[method],
                              "%024x" % rng.getrandbits(96))
        if method == "bank":
            iban_len = {"GB": 22, "DE": 22, "FR": 27, "ES": 24, "IT": 27, "PL": 28, "RO": 24, "RS": 22, "UA": 29,
                        "NL": 18, "PT": 25, "SE": 24, "TR": 26, "GE": 22, "KZ": 20, "PK": 24, "AE": 23, "EG": 29}
            if cc in iban_len:
                bban = "".join(str(rng.randint(0, 9)) for _ in range(iban_len[cc] - 4))
                num = int("".join(str(int(ch, 36)) for ch in bban + cc + "00"))
                return "%s%02d%s" % (cc, 98 - num % 97, bban)
            if cc == "US":
                return "%09d:%d" % (rng.choice([21000021, 26009593, 121000248, 111000025, 322271627, 71000013,
                                                 31176110, 91000019, 122105155, 44000037]),
                                    rng.randint(10 ** 8, 10 ** 11))
            return "%s-%d" % (cc, rng.randint(10 ** 9, 10 ** 13))
        if method == "paypal":
            return email or "%s%d@gmail.com" % (rng.choice(["pay", "work", "dev"]), rng.randint(100, 99999))
        if method == "payoneer":
            return "payoneer:%d" % rng.randint(10 ** 7, 10 ** 8)
        if method == "wise":
            return "wise:%d" % rng.randint(10 ** 7, 10 ** 9)
        if method == "crypto":
            r = rng.random()
            if r < 0.55:
                b58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
                return "T" + "".join(rng.choice(b58) for _ in range(33))
            if r < 0.9:
                return "0x%040x" % rng.getrandbits(160)
            return "bc1q" + "".join(rng.choice("023456789acdefghjklmnpqrstuvwxyz") for _ in range(38))
        return "%s:%d" % (rng.choice(["upi", "alipay", "skrill", "payeer", "gcash", "mpesa"]), rng.randint(10 ** 8, 10 ** 11))

    # ---------------- time ----------------
    def session_times(self, start: datetime, end: datetime, n: int, zname: str, hours: list[tuple],
                      days: set[int], weekend_p: float = 0.12) -> list[datetime]:
        """n session starts in [start, end], drawn as local working hours in zone zname."""
        rng = self.rng
        if n <= 0 or end <= start:
            return []
        z = zone(zname)
        span = (end - start).total_seconds()
        out: list[datetime] = []
        weights = [h[0] for h in hours]
        for _ in range(n * 3):
            t = start + timedelta(seconds=rng.random() * span)
            ld = t.astimezone(z)
            if ld.weekday() not in days and rng.random() > weekend_p:
                continue
            _w, mu, sd = wchoice(rng, hours, weights)
            h = rng.gauss(mu, sd)
            local = datetime(ld.year, ld.month, ld.day) + timedelta(hours=h, seconds=rng.randrange(3600))
            u = local.replace(tzinfo=z).astimezone(UTC_)
            if start <= u <= end:
                out.append(u)
                if len(out) >= n:
                    break
        out.sort()
        return out

    def profile_age(self) -> int:
        """Days since sign-up: new sign-ups, then an exponential tail of older profiles."""
        rng = self.rng
        if rng.random() < self.P["new_signup_share"]:
            return rng.randint(0, 60)
        return int(min(2400, rng.expovariate(1 / 500)) + 30)

    def n_sessions(self, start: datetime, end: datetime, intensity: float) -> int:
        months = max(0.05, (end - start).days / 30.4)
        lam = self.P["sessions_per_month"] * intensity * months
        if lam > 60:
            lam = 60 + (lam - 60) ** 0.7
        return min(220, int(self.rng.gammavariate(2.0, lam / 2.0) + 0.5))

    # ---------------- helpers ----------------
    def garble(self, phone: str) -> str:
        rng = self.rng
        digits = [i for i, ch in enumerate(phone) if ch.isdigit()]
        i = rng.choice(digits[2:])
        return phone[:i] + phone[i + 1:] if rng.random() < 0.6 else phone[:i] + str(rng.randint(0, 9)) * 2 + phone[i + 1:]

    def phash(self) -> str:
        return "%016x" % self.rng.getrandbits(64)

    @staticmethod
    def flip(ph: str, rng: Random, bits: int) -> str:
        v = int(ph, 16)
        for _ in range(bits):
            v ^= 1 << rng.randrange(64)
        return "%016x" % v

    def device(self) -> str:
        return "dv_%016x" % self.rng.getrandbits(64)

    def techs(self) -> list[str]:
        return self.rng.sample(TECH, self.rng.randint(4, 7))

    def emps(self, k: int = 3) -> list[str]:
        return self.rng.sample(EMPLOYERS.split("|"), k)

    def university(self, cc: str, foreign: bool = False) -> str:
        key = {"US": "us", "CA": "us", "GB": "gb", "AU": "gb", "IN": "in"}.get(cc, "other")
        if cc in ("UA", "PL", "RS", "DE", "IT", "PT", "RO", "GE"):
            key = "eu"
        if cc in ("SG", "MY", "JP", "VN", "CN"):
            key = "asia"
        if foreign:
            key = self.rng.choice(["asia", "asia", "eu", "other"])
        return self.rng.choice(UNIVERSITIES[key].split("|"))

    def title(self, cat: str) -> str:
        base = {"Blockchain": "Blockchain Developer|Smart Contract Engineer|Web3 Developer",
                "Web Designing": "Web Developer|Full-Stack Web Developer|Front-End Developer|Web Designer",
                "Data Science": "Data Scientist|ML Engineer|Data / ML Engineer", "Testing": "QA Engineer|Software Tester",
                "Automation Testing": "QA Automation Engineer|SDET", "Hadoop": "Big Data Engineer|Hadoop Developer",
                "Database": "Database Administrator|Database Developer|SQL Developer",
                "ETL Developer": "ETL Developer|Data Engineer", "DevOps Engineer": "DevOps Engineer|Cloud Engineer|SRE",
                "Network Security Engineer": "Network Security Engineer|Security Engineer",
                "Health and fitness": "Fitness Coach|Nutrition Consultant", "Arts": "Illustrator|Graphic Designer",
                "Advocate": "Legal Consultant|Contract Lawyer", "HR": "HR Consultant|Recruiter",
                "Sales": "Sales Consultant|Lead Generation Specialist", "PMO": "Project Manager|PMO Analyst",
                }.get(cat, cat)
        t = self.rng.choice(base.split("|"))
        return ("Senior " + t) if self.rng.random() < 0.3 else t

    def rate(self, cc: str, mult: float = 1.0) -> float:
        return round(COUNTRIES[cc]["rate"] * mult * self.rng.lognormvariate(0, 0.35), 0)

    def pick_country(self, exclude: tuple = ()) -> str:
        cw = self.P["country_w"]
        cs = [c for c in cw if c not in exclude]
        return wchoice(self.rng, cs, [cw[c] for c in cs])

    def pick_zone_city(self, cc: str) -> tuple[str, str]:
        zs = COUNTRIES[cc]["zones"]
        z = self.rng.choice(list(zs))
        return z, self.rng.choice(zs[z].split("|"))

    # ---------------- honest people ----------------
    def honest(self, segment: str, cc: str | None = None, **kw) -> tuple[dict, dict]:
        rng, P, ips = self.rng, self.P, self.ips
        if cc is None:
            if segment == "declared_cn_ru_kr":
                cc = rng.choice(["CN", "CN", "RU", "RU", "KR"])
            elif segment == "asia_night_shift":
                cc = wchoice(rng, ["PH", "IN", "PK", "VN", "ID", "BD", "MY", "CN"], [5, 5, 2, 2, 1.5, 1.5, 0.7, 0.8])
            elif segment == "romanised_name":
                cc = rng.choice(["RU", "UA", "UA", "CN", "KR", "EG", "PK", "BD", "VN", "DE", "PL", "TR", "PT"])
            elif segment == "digital_nomad":
                cc = rng.choice(["US", "US", "GB", "DE", "CA", "AU", "NL", "FR", "RU", "UA", "BR", "ES"])
            else:
                cc = self.pick_country(exclude=("CN", "RU", "KR") if segment == "regular" and rng.random() < 0.5 else ())
        home_cc = cc
        origin = None
        if segment == "emigrant":
            origin = rng.choice(["UA", "UA", "RU", "RU", "IN", "NG", "PK", "BR", "TR", "EG", "CN", "KR", "VN", "PH"])
            home_cc = rng.choice([c for c in ["DE", "PL", "GB", "US", "CA", "NL", "PT", "GE", "AM", "RS", "TR",
                                              "AE", "KZ", "ES"] if c != origin])
        culture = COUNTRIES[origin or home_cc]["culture"]
        if segment == "regular" and home_cc in ("US", "GB", "CA", "AU", "DE", "NL") and rng.random() < 0.15:
            culture = COUNTRIES[self.pick_country()]["culture"]      # immigrants and their children
        nm = self.name(culture)
        hh = kw.get("household")
        if hh and hh["family"]:
            nm = "%s %s" % (nm.split()[0], hh["family"])
            hh.setdefault("holder", nm)
        if segment == "declared_cn_ru_kr" and culture == "kr" and rng.random() < 0.15:
            nm = rng.choice(["Kim Sang-man", "Sang Man Kim", "Jon Yun-gun", "Sim Hyon-seop", "Kim Sang-min"])
        zname, city = self.pick_zone_city(home_cc)
        age_days = self.profile_age()
        created = self.now - timedelta(days=age_days, seconds=rng.randrange(86400))
        dormant = rng.random() < P["dormant_share"] and age_days > 120
        last = self.now - timedelta(days=rng.randint(30, max(31, age_days // 2))) if dormant else self.now
        fulltime = rng.random() < P["fulltime_share"]
        intensity = rng.lognormvariate(0, 0.7) * (2.2 if fulltime else 1.0)
        is_dev = rng.random() < 0.7 or segment in ("crypto_web3", "remote_desktop", "cloud_workstation", "agency_member")
        a = {"applicant_id": self.new_id(), "created_at": rfc3339(created), "full_name": nm,
             "claimed_country": home_cc, "claimed_city": city, "claimed_timezone": zname}
        # --- people who use VoIP or keep another country's number
        kind = "MOBILE" if rng.random() < 0.85 else "FIXED_LINE"
        phone_cc = home_cc
        if segment == "voip_phone":
            if rng.random() < 0.55 and (home_cc, "VOIP") in self.phones.ex:
                kind = "VOIP"
            elif home_cc in ("US", "CA"):
                kind = "VOIP"          # Google Voice style: geographic number, city unrelated
            else:
                phone_cc = rng.choice(["US", "GB", "CA"])
                kind = "VOIP" if (phone_cc, "VOIP") in self.phones.ex else "MOBILE"
        if segment == "emigrant" and rng.random() < 0.65:
            phone_cc = origin
        if rng.random() < 0.25 and home_cc in ("US", "CA"):
            city_for_phone = rng.choice(list(US_AREA))       # people keep numbers when they move
        else:
            city_for_phone = city
        a["phone"] = self.phones.number(rng, phone_cc, kind, city_for_phone,
                                        national=(phone_cc == home_cc and rng.random() < P["national_phone"]))
        if rng.random() < 0.015:
            a["phone"] = self.garble(a["phone"])        # typo
        a["email"] = self.email(nm, origin or home_cc)
        techs = self.techs()
        emps = self.emps()
        cats = self.resumes.it if is_dev else self.resumes.all
        cat = "Blockchain" if segment == "crypto_web3" else rng.choice(cats)
        title = self.title(cat)
        agency = kw.get("agency")
        body = self.resumes.body(rng, cat, rng.randint(5, 12))
        if agency:
            body = agency["resume_body"][:rng.randint(3, len(agency["resume_body"]))] + body[:rng.randint(1, 4)]
        a["resume_text"] = self.resumes.render(rng, nm, city, home_cc, title, techs, emps,
                                               self.university(origin or home_cc), body,
                                               rng.random() < P["honest_ai_polish"])
        a["photo_phash"] = agency["logo"] if agency and rng.random() < 0.4 else self.phash()
        if is_dev and rng.random() < 0.7:
            handle = re.sub(r"[^a-z0-9]", "", nm.lower().replace(" ", rng.choice(["", "-", ""])))
            a["github_url"] = "https://github.com/%s%s" % (handle[:18], rng.choice(["", "", str(rng.randint(1, 99))]))
        a["hourly_rate_usd"] = self.rate(origin if segment == "emigrant" and rng.random() < 0.3 else home_cc)
        if agency:
            a["agency_id"] = agency["id"]
        if rng.random() < 0.04:
            a["shipping_country"] = home_cc if rng.random() < 0.85 else (origin or self.pick_country())
        # --- devices and networks
        devices = [self.device() for _ in range(rng.choice([1, 1, 2, 2, 3]))]
        if hh and rng.random() < 0.35:
            devices.append(hh["device"])
        home_isp = hh["isp"] if hh else ips.pick_isp(rng, home_cc)
        mob_isp = ips.pick_isp(rng, home_cc)
        state = {"ip": hh["ips"][0] if hh else ips.isp_ip(rng, home_isp, home_cc), "v6": None}
        use_v6 = rng.random() < P["ipv6_share"]
        vpn_p = {"privacy_vpn": rng.uniform(0.25, 0.9), "crypto_web3": rng.uniform(0.0, 0.5),
                 "declared_cn_ru_kr": (rng.uniform(0.3, 0.8) if home_cc == "CN" else
                                       rng.uniform(0.0, 0.4) if home_cc == "RU" else 0.02),
                 "digital_nomad": rng.uniform(0.1, 0.5)}.get(segment, 0.02 if rng.random() < 0.2 else 0.0)
        vpn_cc = rng.choice([home_cc, home_cc, "US", "NL", "SE", "CH", "DE", "SG", "JP", "HK"])
        apple_p = rng.uniform(0.1, 0.5) if segment == "privacy_vpn" and rng.random() < 0.4 else 0.0
        tor_p = rng.uniform(0.02, 0.2) if rng.random() < 0.15 else 0.0
        rdp_p = rng.uniform(0.15, 0.7) if segment == "remote_desktop" else (0.01 if rng.random() < 0.1 else 0.0)
        cloud_p = rng.uniform(0.3, 0.9) if segment == "cloud_workstation" else 0.0
        cloud_cc = home_cc if (home_cc in ips.host and rng.random() < 0.6) else rng.choice(["US", "DE", "NL", "SG", "GB"])
        office = agency["office_ips"] if agency else None
        # --- where they are over time: trips, nomad stays, emigration
        stays: list[tuple[datetime, datetime, str, str]] = []
        if segment == "digital_nomad":
            t = created + timedelta(days=rng.randint(0, 60))
            while t < last:
                dur = timedelta(days=rng.randint(20, 120))
                c2 = rng.choice(["PT", "ES", "MX", "CO", "TH", "ID", "GE", "VN", "AR", "BR", "TR", "AE", "IT", "MY",
                                 home_cc, home_cc])
                z2, _ = self.pick_zone_city(c2)
                stays.append((t, t + dur, c2, z2))
                t = t + dur
        elif segment == "emigrant":
            move = created + (last - created) * rng.uniform(0.2, 0.7)
            oz, _ = self.pick_zone_city(origin)
            stays.append((created - timedelta(days=1), move, origin, oz))
        elif rng.random() < P["trip_share"] and (last - created).days > 40:
            for _ in range(rng.randint(1, 3)):
                t = created + (last - created) * rng.random()
                c2 = self.pick_country(exclude=(home_cc,))
                z2, _ = self.pick_zone_city(c2)
                stays.append((t, t + timedelta(days=rng.randint(3, 16)), c2, z2))
        stay_isps: dict[str, list] = {}
        # --- hours
        if segment == "asia_night_shift":
            client = rng.choice([14.0, 13.0, 15.5, 16.5, 9.0])     # ET/CT/PT/UK overlap in local time
            mu = {"Asia/Manila": 21.5, "Asia/Kolkata": 19.5, "Asia/Karachi": 18.5, "Asia/Dhaka": 19.5,
                  "Asia/Ho_Chi_Minh": 20.5, "Asia/Jakarta": 20.5, "Asia/Kuala_Lumpur": 21.5,
                  "Asia/Shanghai": 21.5}.get(zname, 21.0) + rng.uniform(-1, 2) + (0 if client > 10 else -8)
            hours = [(0.85, mu + 2.5, 2.2), (0.15, 14, 3)]
        else:
            st = rng.gauss(10.5, 1.5)
            hours = [(0.75, st + 2.5, 2.6), (0.2, rng.uniform(19, 22), 1.5), (0.05, 1.0, 1.5)]
        days = {0, 1, 2, 3, 4} if rng.random() < 0.8 else {0, 1, 2, 3, 4, 5}
        n = self.n_sessions(created, last, intensity * (1.6 if segment == "agency_member" else 1.0))
        if age_days <= 60 and rng.random() < 0.7:
            n = min(n, rng.randint(0, 6))
        times = self.session_times(created, last, n, zname, hours, days)
        sessions = []
        for t in times:
            loc_cc, loc_z = home_cc, zname
            for s0, s1, c2, z2 in stays:
                if s0 <= t < s1:
                    loc_cc, loc_z = c2, z2
                    break
            remote = rng.random() < rdp_p
            if rng.random() < P["device_churn"]:     # new laptop/phone, reinstalled or updated browser
                devices[rng.randrange(len(devices))] = self.device()
            dev = wchoice(rng, devices, [1.0 / (i + 1) for i in range(len(devices))])
            btz = zname if loc_cc == home_cc else (loc_z if rng.random() < 0.75 else zname)
            if segment == "emigrant" and loc_cc != home_cc:
                btz = loc_z
            r = rng.random()
            if loc_cc != home_cc:
                if r < vpn_p:
                    ip = ips.vpn_ip(rng, vpn_cc)
                else:
                    isp = stay_isps.get(loc_cc) or stay_isps.setdefault(loc_cc, ips.pick_isp(rng, loc_cc))
                    ip = ips.isp_ip(rng, isp, loc_cc)
            elif r < apple_p:
                ip = ips.apple_ip(rng, home_cc)
            elif segment == "privacy_vpn" and rng.random() < tor_p:
                ip = rng.choice(ips.tor)
            elif r < apple_p + vpn_p:
                ip = ips.vpn_ip(rng, vpn_cc)
            elif r < apple_p + vpn_p + cloud_p:
                ip = ips.hosting_ip(rng, cloud_cc)
                remote = remote or rng.random() < 0.3
            elif office and rng.random() < 0.7:
                ip = rng.choice(office)
                if rng.random() < 0.3:
                    dev = rng.choice(agency["devices"])
            elif rng.random() < P["mobile_share"]:
                ip = ips.cgnat_ip(rng, mob_isp, home_cc)
                dev = devices[-1]
            else:
                if hh:
                    ip = rng.choice(hh["ips"])
                else:
                    if rng.random() < 0.06:
                        state["ip"] = ips.isp_ip(rng, home_isp, home_cc)
                    ip = state["ip"]
                    if use_v6 and rng.random() < 0.6:
                        if state["v6"] is None or rng.random() < 0.05:
                            state["v6"] = ips.isp_ip6(rng, home_isp, home_cc)
                        ip = state["v6"] or ip
            sessions.append(self.session(a["applicant_id"], t, ip, dev, btz, remote,
                                         int(rng.lognormvariate(7.6 + 0.6 * fulltime, 0.9))))
        a["sessions"] = sessions
        # --- payouts
        a["payouts"] = self.honest_payouts(a, segment, home_cc, origin, nm, agency, created)
        if hh and hh["joint"] and rng.random() < 0.7:
            a["payouts"].insert(0, {"applicant_id": a["applicant_id"], "method": "bank", "account_ref": hh["joint"],
                                    "account_country": home_cc, "holder_name": hh["holder"]})
        a["proposals"] = self.proposals(a, times, techs, emps, nm,
                                        agency["proposal_tpl"] if agency else proposal_template(rng),
                                        drift=0.25 if agency else 0.5,
                                        polish=rng.random() < P["honest_ai_polish"])
        return a, {"segment": segment, "tactic": "", "cell_id": ""}

    def honest_payouts(self, a, segment, cc, origin, nm, agency, created) -> list[dict]:
        rng = self.rng
        methods = ["bank", "paypal", "payoneer", "wise", "crypto", "other"]
        w = {"US": [50, 30, 5, 8, 3, 4], "GB": [55, 20, 5, 15, 2, 3], "PK": [20, 5, 50, 15, 3, 7],
             "BD": [20, 2, 55, 10, 3, 10], "PH": [25, 35, 25, 8, 2, 5], "NG": [20, 5, 40, 15, 15, 5],
             "KE": [20, 10, 35, 10, 5, 20], "EG": [30, 5, 45, 10, 5, 5], "IN": [60, 10, 15, 10, 1, 4],
             "RU": [25, 0, 5, 3, 40, 27], "CN": [55, 5, 10, 5, 10, 15], "UA": [35, 5, 25, 15, 15, 5],
             "AR": [15, 15, 25, 15, 25, 5], "TR": [40, 5, 25, 10, 15, 5]}.get(cc, [45, 20, 12, 15, 3, 5])
        k = 1 if rng.random() < 0.8 else 2
        if segment == "payout_changer":
            k = rng.randint(3, 6)
        out = []
        if agency:
            out.append({"applicant_id": a["applicant_id"], "method": "bank", "account_ref": agency["payout_ref"],
                        "account_country": agency["cc"], "holder_name": agency["name"]})
            k = 0 if rng.random() < 0.7 else 1
        for _ in range(k):
            m = wchoice(rng, methods, w)
            if segment == "crypto_web3" and rng.random() < 0.8:
                m = "crypto"
            acc_cc = cc
            if segment == "emigrant" and rng.random() < 0.5:
                acc_cc = origin
            if m in ("payoneer", "wise") and rng.random() < 0.35:
                acc_cc = rng.choice(["US", "GB", "BE", "US"])      # fintech receiving accounts
            holder = nm
            if segment in ("romanised_name", "emigrant", "declared_cn_ru_kr") and rng.random() < 0.7:
                holder = self.variant(nm)
            elif rng.random() < 0.05:
                holder = self.variant(nm)
            p = {"applicant_id": a["applicant_id"], "method": m,
                 "account_ref": self.account_ref(m, acc_cc, a.get("email") if rng.random() < 0.6 else None),
                 "account_country": acc_cc, "holder_name": holder}
            if m == "crypto":
                p.pop("account_country")
                if rng.random() < 0.5:
                    p.pop("holder_name")
            out.append(p)
        return out

    def proposals(self, a, times, techs, emps, nm, tpl, drift, polish) -> list[dict]:
        rng = self.rng
        if not times:
            return []
        k = min(len(times), int(rng.expovariate(1 / self.P["proposals_mean"])))
        out = []
        for t in sorted(rng.sample(times, k)):
            out.append({"applicant_id": a["applicant_id"], "submitted_at": rfc3339(t + timedelta(minutes=rng.randint(2, 50))),
                        "text": proposal_text(rng, tpl, techs, emps, nm, drift, polish)})
        return out

    @staticmethod
    def session(aid, t, ip, dev, btz, remote, dur) -> dict:
        return {"applicant_id": aid, "started_at": rfc3339(t), "ip": ip, "device_id": dev,
                "browser_timezone": btz, "remote_access": bool(remote), "duration_s": max(20, dur)}

    # ---------------- honest groups ----------------
    def agency(self) -> list[tuple[dict, dict]]:
        rng = self.rng
        cc = wchoice(rng, ["IN", "PK", "UA", "BD", "PH", "VN", "EG", "NG", "PL", "RS", "AR", "BR", "US", "GB"],
                     [6, 5, 4, 3, 3, 2, 2, 2, 2, 2, 1.5, 1.5, 1, 1])
        name = "%s %s" % (rng.choice(AGENCY_NAMES), rng.choice(["Technologies", "Solutions", "Agency", "Labs",
                                                                  "Pvt Ltd", "LLC", "Studio", "Software House"]))
        isp = self.ips.pick_isp(rng, cc)
        ag = {"id": "ag_%06x" % rng.getrandbits(24), "name": name, "cc": cc,
              "office_ips": [self.ips.isp_ip(rng, isp, cc) for _ in range(rng.randint(1, 3))],
              "devices": [self.device() for _ in range(rng.randint(1, 4))],
              "payout_ref": self.account_ref("bank", cc), "logo": self.phash(),
              "proposal_tpl": proposal_template(rng),
              "resume_body": self.resumes.body(rng, rng.choice(self.resumes.it), 8)}
        size = rng.randint(3, 25)
        return [self.honest("agency_member", cc=cc, agency=ag) for _ in range(size)]

    def household(self) -> list[tuple[dict, dict]]:
        rng = self.rng
        cc = self.pick_country()
        isp = self.ips.pick_isp(rng, cc)
        hh = {"isp": isp, "ips": [self.ips.isp_ip(rng, isp, cc) for _ in range(rng.randint(1, 3))],
              "device": self.device(), "family": None, "joint": None}
        if rng.random() < 0.6:
            hh["family"] = self.name(COUNTRIES[cc]["culture"]).split()[-1]
            if rng.random() < 0.3:
                hh["joint"] = self.account_ref("bank", cc)
        return [self.honest("shared_connection", cc=cc, household=hh) for _ in range(rng.randint(2, 5))]

    # ---------------- fronts ----------------
    def cell(self, cid: str, tactic: str, size: int) -> list[tuple[dict, dict]]:
        rng, ips, P = self.rng, self.ips, self.P
        care = rng.betavariate(P["care_a"], P["care_b"])
        if tactic == "ai_polished":
            care = 0.75 + 0.25 * care
        if tactic == "europe_pivot":
            claim = wchoice(rng, ["GB", "DE", "PL", "IT", "PT", "UA", "JP", "MY", "SG", "VN", "NL", "RS"],
                            [2, 2, 1.5, 1.5, 1.5, 2, 1, 1, 1, 1, 1, 1])
            claims = [claim] + ([rng.choice(["GB", "DE", "UA", "JP", "IT"])] if rng.random() < 0.4 else [])
        elif tactic == "bought_account":
            claims = [rng.choice(["UA", "KE", "PK", "NG", "PH", "US", "RS", "KZ", "GE", "BD"])]
        else:
            claims = ["US"] if rng.random() < 0.75 else [rng.choice(["US", "CA", "GB", "AU"]), "US"]
        opz = wchoice(rng, [o[0] for o in OPERATOR_ZONES], [o[2] for o in OPERATOR_ZONES])
        op_cc = dict((o[0], o[1]) for o in OPERATOR_ZONES)[opz]
        leak_cc = {"KP": "CN", "LA": "LA", "AE": "AE"}.get(op_cc, op_cc)
        n_ops = max(1, math.ceil(size / rng.randint(3, 8)))
        ops = []
        for _ in range(n_ops):
            night = rng.random() < care          # careful operators shift to the client's daytime
            ops.append({"device": self.device(), "night": night,
                        "isp": ips.pick_isp(rng, leak_cc) if ips.res.get(leak_cc) else None,
                        "vpn_cc": rng.choice(claims)})
        # the team's shared infrastructure
        farm_n = rng.randint(1, 3)
        farms = []
        for k in range(max(farm_n, len(set(claims)))):
            fcc = claims[k % len(claims)]
            fz, fcity = self.pick_zone_city(fcc)
            isp = ips.pick_isp(rng, fcc)
            farms.append({"cc": fcc, "zone": fz, "city": fcity, "isp": isp,
                          "ips": [ips.isp_ip(rng, isp, fcc) for _ in range(rng.randint(1, 2))]
                          + ([ips.isp_ip6(rng, isp, fcc)] if rng.random() < P["ipv6_share"] else []),
                          "facilitator": self.name("us" if fcc in ("US", "CA") else COUNTRIES[fcc]["culture"])})
        proxy_pool = []
        for c in claims:
            for _ in range(rng.randint(20, 60)):
                proxy_pool.append((c, ips.isp_ip(rng, ips.pick_isp(rng, c), c)))
        payout_mode = {"laptop_farm": ["facilitator", "stolen_own"], "facilitator_payout": ["facilitator", "cn_hk"],
                       "crypto_layering": ["crypto"], "front_company": ["company"],
                       "stolen_identity": ["stolen_own", "facilitator"], "rented_identity": ["renter"],
                       "bought_account": ["crypto", "payoneer_other", "facilitator"],
                       "europe_pivot": ["payoneer_other", "stolen_own", "crypto"],
                       "ai_polished": ["stolen_own", "payoneer_other"],
                       }.get(tactic, ["facilitator", "stolen_own", "crypto", "cn_hk", "payoneer_other"])
        shared_accts = {
            "facilitator": [("bank", self.account_ref("bank", f["cc"]), f["cc"], f["facilitator"]) for f in farms]
            + [("paypal", self.account_ref("paypal", claims[0]), claims[0], farms[0]["facilitator"])],
            "cn_hk": [("bank", self.account_ref("bank", c), c,
                       rng.choice(HK_CN_HOLDERS + self.sdn_entities * (rng.random() < 0.1))) for c in ("HK", "CN", "HK")],
            "crypto": [("crypto", self.account_ref("crypto", ""), "", "") for _ in range(rng.randint(1, 3))],
            "company": [],
        }
        if rng.random() < 0.08 and self.sdn_wallets:
            shared_accts["crypto"].append(("crypto", rng.choice(self.sdn_wallets), "", ""))
        company = None
        if tactic == "front_company" or (rng.random() < 0.1 and tactic in ("vpn_vps", "laptop_farm")):
            cname = rng.choice(FRONT_COMPANY_NAMES)
            company = {"id": "ag_%06x" % rng.getrandbits(24), "name": cname,
                       "ref": self.account_ref("bank", claims[0]), "cc": claims[0] if rng.random() < 0.6 else "HK"}
        suffix = str(rng.randint(10, 9999)) if care < 0.6 else None
        photo = self.phash()
        tpl = proposal_template(rng)
        cat = rng.choice(["Blockchain", "Python Developer", "Web Designing", "Java Developer", "DevOps Engineer",
                          "Data Science", "DotNet Developer", "Blockchain"])
        cell_body = self.resumes.body(rng, cat, 10)
        cell_techs = self.techs()
        created0 = self.now - timedelta(days=max(5, self.profile_age()))
        burst = rng.uniform(3, 30) * (1 + 6 * care)
        rate_mult = rng.uniform(0.7, 1.15)
        out = []
        for i in range(size):
            op = ops[i % n_ops]
            cc = rng.choice(claims)
            culture = COUNTRIES[cc]["culture"]
            if tactic == "europe_pivot" and rng.random() < 0.5:
                culture = COUNTRIES[rng.choice(claims)]["culture"]
            nm = self.name(culture)
            zname, city = self.pick_zone_city(cc)
            a = {"applicant_id": self.new_id(), "full_name": nm, "claimed_country": cc,
                 "claimed_city": city, "claimed_timezone": zname}
            # when the account was made
            if tactic == "bought_account" or (tactic == "rented_identity" and rng.random() < 0.6):
                created = self.now - timedelta(days=rng.randint(300, 2200))
                handover = self.now - timedelta(days=rng.randint(20, 260))
                if handover <= created:
                    handover = created + (self.now - created) * 0.6
            else:
                created = created0 + timedelta(days=rng.uniform(0, burst))
                created = min(created, self.now - timedelta(days=1)) + timedelta(seconds=rng.randrange(86400))
                handover = created
            a["created_at"] = rfc3339(created)
            # contact details
            if tactic == "rented_identity" or (tactic == "stolen_identity" and rng.random() < care):
                a["phone"] = self.phones.number(rng, cc, "MOBILE", city)
            elif rng.random() < 0.3 * (1 - care):
                a["phone"] = out[0][0].get("phone", self.phones.number(rng, cc, "VOIP")) if out else \
                    self.phones.number(rng, cc, "VOIP")
            elif rng.random() < 0.12 * (1 - care):
                a["phone"] = self.phones.number(rng, rng.choice(["CN", "RU", "LA", "HK"] if cc != "CN" else ["RU"]),
                                                "MOBILE")
            else:
                a["phone"] = self.phones.number(rng, cc, "VOIP" if rng.random() < 0.6 else "MOBILE",
                                                None if rng.random() < 0.7 else city,
                                                national=rng.random() < P["national_phone"])
            if rng.random() < 0.1 * (1 - care) + 0.01:
                a["phone"] = self.garble(a["phone"])    # made-up or mistyped number
            if tactic in ("rented_identity", "bought_account"):
                a["email"] = self.email(nm, cc)
            else:
                a["email"] = self.email(nm, cc, style="front" if rng.random() > care * 0.8 else "honest",
                                        suffix=suffix if rng.random() < 0.8 else None)
            # content
            emps = self.emps()
            techs = cell_techs if rng.random() > care else self.techs()
            polish = tactic == "ai_polished" or rng.random() < 0.15 + 0.5 * care
            if rng.random() < (1 - care) * 0.9 + 0.05:
                body = [f for f in cell_body if rng.random() > 0.15 + 0.5 * care]
                if rng.random() < care:
                    body += self.resumes.body(rng, cat, 3)
                    rng.shuffle(body)
            else:
                body = self.resumes.body(rng, cat, rng.randint(6, 11))
            title = self.title(cat)
            a["resume_text"] = self.resumes.render(rng, nm, city, cc, title, techs, emps,
                                                   self.university(cc, foreign=rng.random() < 0.6 * (1 - care) + 0.1),
                                                   body, polish)
            a["photo_phash"] = (self.flip(photo, rng, rng.randint(0, 4)) if rng.random() < 0.6 * (1 - care)
                                else self.phash())
            if rng.random() < 0.75:
                gh = re.sub(r"[^a-z0-9]", "", nm.lower())[:14] + (suffix or rng.choice(["", "dev", str(rng.randint(1, 999))]))
                if out and rng.random() < 0.15 * (1 - care):
                    gh = out[0][0].get("github_url", "https://github.com/" + gh).rsplit("/", 1)[-1]
                a["github_url"] = "https://github.com/" + gh
            a["hourly_rate_usd"] = self.rate(cc, rate_mult)
            if company and (tactic == "front_company" or rng.random() < 0.6):
                a["agency_id"] = company["id"]
            if rng.random() < 0.04 + 0.08 * (tactic == "laptop_farm"):
                a["shipping_country"] = cc if rng.random() < 0.75 + 0.2 * care else rng.choice(["CN", "RU", "AE", "HK"])
            # sessions
            r_state = rng.random()
            if r_state < 0.2:        # persona burned or abandoned
                last = self.now - timedelta(days=rng.randint(30, 200))
            else:
                last = self.now - (timedelta(days=rng.randint(0, 40)) if r_state < 0.45 else timedelta(0))
            last = min(self.now, max(last, handover + timedelta(days=rng.randint(2, 30))))
            # only some personas win work; the rest log in to apply now and then
            bench = rng.random() < P["bench_share"]
            sessions, times = [], []
            if handover > created:         # the real owner's own history (seller or renter)
                owner_isp = ips.pick_isp(rng, cc)
                owner_dev = [self.device(), self.device()]
                n0 = self.n_sessions(created, handover, rng.lognormvariate(-0.3, 0.6))
                t0 = self.session_times(created, handover, n0, zname, [(0.8, 13, 2.6), (0.2, 20, 1.5)],
                                        {0, 1, 2, 3, 4})
                oip = ips.isp_ip(rng, owner_isp, cc)
                for t in t0:
                    if rng.random() < 0.07:
                        oip = ips.isp_ip(rng, owner_isp, cc)
                    sessions.append(self.session(a["applicant_id"], t, oip, rng.choice(owner_dev), zname,
                                                 False, int(rng.lognormvariate(7.4, 0.9))))
                times += t0
            # operator's sessions
            if op["night"]:
                # client-day shift: activity in the claimed zone's working hours, in operator time
                hours, hz = [(0.9, 13.0, 2.4), (0.1, 19, 2)], zname
            else:
                hours, hz = [(0.85, 15.5, 3.6), (0.15, 22.5, 1.5)], opz
            days = {0, 1, 2, 3, 4, 5} if rng.random() < 0.8 * (1 - care) + 0.1 else {0, 1, 2, 3, 4}
            n1 = self.n_sessions(handover, last, rng.lognormvariate(0.1, 0.6) * (0.25 if bench else 1.0))
            t1 = self.session_times(handover, last, max(n1, rng.randint(1, 4)), hz, hours, days, weekend_p=0.3)
            farm = [f for f in farms if f["cc"] == cc][i % len([f for f in farms if f["cc"] == cc])]
            own_dev = self.device()
            leak_p = 0.2 * (1 - care) ** 2 + 0.004
            btz_leak = 0.75 * (1 - care) ** 1.5
            shared_dev_p = 0.7 * (1 - care) ** 1.5
            net = {"laptop_farm": "farm", "vpn_vps": "vpn", "residential_proxy": "proxy",
                   "ai_polished": rng.choice(["proxy", "farm"]), "europe_pivot": "vpn",
                   "stolen_identity": rng.choice(["vpn", "farm", "proxy"]),
                   "rented_identity": "renter", "bought_account": rng.choice(["vpn", "proxy", "vps"]),
                   "front_company": rng.choice(["vpn", "farm", "vps"]),
                   "facilitator_payout": rng.choice(["vpn", "vps", "proxy"]),
                   "crypto_layering": rng.choice(["vpn", "vps"])}[tactic]
            renter_ip = sessions[-1]["ip"] if sessions else ips.isp_ip(rng, ips.pick_isp(rng, cc), cc)
            vps_ip = ips.hosting_ip(rng, cc)
            cur_proxy = rng.choice(proxy_pool)[1]
            early = rng.randint(1, 3) if rng.random() < 0.5 * (1 - care) else 0
            tor_p = 0.05 * (1 - care) if rng.random() < 0.2 else 0.0
            for k, t in enumerate(t1):
                remote = False
                if rng.random() < P["device_churn"]:
                    own_dev = self.device()
                dev = op["device"] if rng.random() < shared_dev_p else own_dev
                btz = opz if rng.random() < btz_leak else zname
                r = rng.random()
                if r < tor_p:
                    ip = rng.choice(ips.tor)
                elif r < leak_p + tor_p or k < early:
                    if op["isp"] is not None and rng.random() < 0.85:
                        ip = ips.isp_ip(rng, op["isp"], leak_cc)
                    elif op_cc == "KP" and rng.random() < 0.3:
                        ip = "175.45.%d.%d" % (rng.randint(176, 179), rng.randint(1, 254))
                    else:
                        ip = ips.isp_ip(rng, ips.pick_isp(rng, rng.choice(["CN", "RU"])))
                    btz = opz if rng.random() < 0.7 else btz
                elif net == "farm":
                    ip = rng.choice([x for x in farm["ips"] if x])
                    dev = own_dev                      # the company laptop in the farm
                    btz = farm["zone"] if rng.random() < 0.85 else btz
                    remote = rng.random() < 0.9 - 0.6 * care   # KVM hardware is harder to see than software
                elif net == "vpn":
                    ip = ips.vpn_ip(rng, op["vpn_cc"]) if rng.random() < 0.8 else ips.hosting_ip(rng, op["vpn_cc"])
                elif net == "vps":
                    ip = vps_ip if rng.random() < 0.8 else ips.hosting_ip(rng, cc)
                    remote = rng.random() < 0.5 * (1 - care)
                elif net == "proxy":
                    if rng.random() < 0.5 + 0.4 * care:
                        cur_proxy = (rng.choice(proxy_pool)[1] if rng.random() < 0.6 * (1 - care)
                                     else ips.isp_ip(rng, ips.pick_isp(rng, cc), cc))
                    ip = cur_proxy
                else:   # renter: the operator drives the renter's own machine remotely
                    ip = renter_ip if rng.random() < 0.75 else ips.vpn_ip(rng, cc)
                    remote = rng.random() < 0.8 - 0.5 * care
                    dev = sessions[0]["device_id"] if sessions and rng.random() < 0.7 else dev
                dur = int(rng.lognormvariate(8.1 - 0.5 * care - 0.5 * bench, 0.9))
                sessions.append(self.session(a["applicant_id"], t, ip, dev, btz, remote, dur))
            times += t1
            sessions.sort(key=lambda s: s["started_at"])
            a["sessions"] = sessions
            # payouts
            pays = []
            if handover > created and tactic == "bought_account":
                meth = rng.choice(["payoneer", "bank", "paypal"])
                pays.append((meth, self.account_ref(meth, cc), cc, nm))
            mode = rng.choice(payout_mode)
            n_pay = 1 + (rng.random() < 0.5 * (1 - care) + 0.15) + (rng.random() < 0.3 * (1 - care))
            for j in range(n_pay):
                m = mode if j == 0 else rng.choice(payout_mode + ["stolen_own"])
                if m == "company" and company:
                    pays.append(("bank", company["ref"], company["cc"], company["name"]))
                elif m in ("facilitator", "cn_hk", "crypto") and (rng.random() > care * 0.7 or m == "crypto"):
                    meth, ref, acc_cc, holder = rng.choice(shared_accts.get(m) or shared_accts["facilitator"])
                    if m == "crypto" and rng.random() < care:
                        ref, acc_cc, holder = self.account_ref("crypto", ""), "", ""
                    pays.append((meth, ref, acc_cc, holder))
                elif m == "payoneer_other":
                    meth = rng.choice(["payoneer", "wise"])
                    pays.append((meth, self.account_ref(meth, cc),
                                 rng.choice([cc, "US", "HK", "GB"]),
                                 nm if rng.random() < care else self.name(rng.choice(["us", "cn", "ua"]))))
                elif m == "renter":
                    pays.append(("bank", self.account_ref("bank", cc), cc, nm))
                else:    # accounts opened in the stolen identity's own name
                    meth = rng.choice(["bank", "bank", "paypal", "wise"])
                    pays.append((meth, self.account_ref(meth, cc, a.get("email") if rng.random() < 0.5 else None), cc,
                                 nm if rng.random() < 0.85 else self.variant(nm)))
            seen = set()
            for meth, ref, acc_cc, holder in pays:
                if ref in seen:
                    continue
                seen.add(ref)
                p = {"applicant_id": a["applicant_id"], "method": meth, "account_ref": ref}
                if acc_cc:
                    p["account_country"] = acc_cc
                if holder:
                    p["holder_name"] = holder
                pays_out = p
                a.setdefault("payouts", []).append(pays_out)
            a.setdefault("payouts", [])
            a["proposals"] = self.proposals(a, t1, techs, emps, nm, tpl, drift=0.1 + 0.8 * care,
                                            polish=polish)
            out.append((a, {"segment": "front", "tactic": tactic, "cell_id": cid}))
        return out

    # ---------------- assemble ----------------
    def build(self) -> list[tuple[dict, dict]]:
        rng, P, n = self.rng, self.P, self.n
        n_front = max(5, round(n * P["front_share"]))
        rows: list[tuple[dict, dict]] = []
        # fronts: cells of 5-30
        sizes = []
        left = n_front
        while left > 0:
            s = int(5 + 25 * rng.betavariate(1.3, 2.6))
            s = min(s, left) if left - s >= 5 or left <= 30 else s
            if left - s < 5 and left - s > 0:
                s = left
            sizes.append(s)
            left -= s
        tw = P["tactic_w"]
        order = TACTICS[:]
        rng.shuffle(order)
        if len(sizes) >= 2 * len(TACTICS):      # two cells per tactic at least, where the world allows
            order = order + rng.sample(order, len(order))
        for k, s in enumerate(sizes):
            tac = order[k] if k < len(order) else wchoice(rng, TACTICS, [tw[t] for t in TACTICS])
            rows += self.cell("cell-%03d" % (k + 1), tac, s)
        # honest look-alikes
        for seg in HONEST_SEGMENTS:
            target = max(1, round(n * P["lookalike_share"][seg]))
            got = 0
            while got < target:
                grp = (self.agency() if seg == "agency_member" else self.household() if seg == "shared_connection"
                       else [self.honest(seg)])
                grp = grp[:target - got] if seg not in ("agency_member", "shared_connection") else grp
                rows += grp
                got += len(grp)
        while len(rows) < n:
            rows.append(self.honest("regular"))
        rows = rows[:n] if len(rows) > n else rows
        rng.shuffle(rows)
        self.drop_fields(rows)
        return rows

    def drop_fields(self, rows):
        rng, miss = self.rng, self.P["miss"]
        for a, _t in rows:
            for f in ("email", "phone", "claimed_city", "claimed_timezone", "resume_text", "photo_phash",
                      "github_url", "hourly_rate_usd", "full_name"):
                if f in a and rng.random() < miss[f]:
                    del a[f]
            for s in a["sessions"]:
                for f in ("device_id", "browser_timezone", "remote_access", "duration_s"):
                    if rng.random() < miss[f]:
                        del s[f]
            for p in a["payouts"]:
                for f in ("holder_name", "account_country"):
                    if f in p and rng.random() < miss[f]:
                        del p[f]


APPLICANT_ORDER = ["applicant_id", "created_at", "full_name", "email", "phone", "claimed_country", "claimed_city",
                   "claimed_timezone", "resume_text", "photo_phash", "github_url", "hourly_rate_usd",
                   "shipping_country", "agency_id", "sessions", "payouts", "proposals"]


def write(rows, out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=6) as gz:
        buf = []
        for a, t in rows:
            rec = {k: a[k] for k in APPLICANT_ORDER if k in a}
            rec["label"] = 1 if t["segment"] == "front" else 0
            buf.append(json.dumps(rec, ensure_ascii=False, separators=(",", ":")))
            if len(buf) >= 500:
                gz.write(("\n".join(buf) + "\n").encode())
                buf = []
        if buf:
            gz.write(("\n".join(buf) + "\n").encode())
    name = out.name
    for ext in (".jsonl.gz", ".jsonl", ".gz"):
        if name.endswith(ext):
            name = name[: -len(ext)]
            break
    truth = out.with_name(name + ".truth.csv")
    with open(truth, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["applicant_id", "label", "segment", "tactic", "cell_id"])
        for a, t in rows:
            w.writerow([a["applicant_id"], 1 if t["segment"] == "front" else 0, t["segment"], t["tactic"], t["cell_id"]])
    return truth


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=20000, help="number of applicants")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True, help="output .jsonl.gz")
    ap.add_argument("--data", default=None, help="reference data folder (default ../shared/data)")
    args = ap.parse_args(argv)
    t0 = time.time()
    data = find_data(args.data)
    world = World(args.n, args.seed, data)
    rows = world.build()
    truth = write(rows, Path(args.output))
    nf = sum(t["segment"] == "front" for _a, t in rows)
    print("wrote %d applicants (%d fronts) to %s and %s in %.1fs"
          % (len(rows), nf, args.output, truth, time.time() - t0), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
