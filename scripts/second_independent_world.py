#!/usr/bin/env python3
"""Second independent synthetic world: freelance-platform applicants with DPRK IT-worker fronts.

Written without reading the detector's code, docs or the first independent generator. Built from
RED_FLAGS.md, INPUT.md and public reporting (DOJ/FBI/State/Treasury 2022-2025, Mandiant/GTIG,
Microsoft "Jasper Sleet", Unit 42, SEAL). All IPs are drawn from real ranges and re-checked
against two country databases (and hosting/VPN lists) in --data.

usage: second_independent_world.py -n 20000 --seed 1 -o /tmp/indep2/world-1.jsonl.gz [--data ../shared/data]
"""
import argparse, bisect, csv, gzip, hashlib, ipaddress, json, math, os, random, string, sys
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import maxminddb
import phonenumbers

EXPORT = datetime(2026, 11, 1, 6, 0, 0, tzinfo=timezone.utc)   # time of the platform export
WINDOW_DAYS = 150                                              # session history the platform keeps

# ----------------------------------------------------------------------------------- geography
# country: (weight among ordinary freelancers, [(tz, w)], [cities], name-culture mix)
COUNTRIES = {
    "US": (11, [("America/New_York", .46), ("America/Chicago", .29), ("America/Denver", .06), ("America/Phoenix", .03), ("America/Los_Angeles", .16)],
           ["New York", "Chicago", "Austin", "Seattle", "Atlanta", "Denver", "Miami", "Phoenix", "Columbus", "San Diego"], "NA"),
    "IN": (17, [("Asia/Kolkata", 1)], ["Bengaluru", "Pune", "Hyderabad", "Chennai", "Noida", "Ahmedabad", "Kochi", "Jaipur"], "in"),
    "PK": (8, [("Asia/Karachi", 1)], ["Lahore", "Karachi", "Islamabad", "Faisalabad", "Peshawar"], "pk"),
    "PH": (6, [("Asia/Manila", 1)], ["Manila", "Cebu City", "Davao City", "Quezon City"], "ph"),
    "BD": (4, [("Asia/Dhaka", 1)], ["Dhaka", "Chittagong", "Sylhet"], "bd"),
    "UA": (5, [("Europe/Kyiv", 1)], ["Kyiv", "Lviv", "Kharkiv", "Dnipro", "Odesa"], "ua"),
    "NG": (3, [("Africa/Lagos", 1)], ["Lagos", "Abuja", "Ibadan"], "ng"),
    "KE": (2, [("Africa/Nairobi", 1)], ["Nairobi", "Mombasa"], "ke"),
    "EG": (3, [("Africa/Cairo", 1)], ["Cairo", "Alexandria", "Giza"], "ar"),
    "GB": (4, [("Europe/London", 1)], ["London", "Manchester", "Leeds", "Bristol", "Glasgow"], "GB"),
    "CA": (3, [("America/Toronto", .55), ("America/Vancouver", .25), ("America/Edmonton", .15), ("America/Halifax", .05)],
           ["Toronto", "Vancouver", "Montreal", "Calgary", "Ottawa"], "CA"),
    "DE": (2, [("Europe/Berlin", 1)], ["Berlin", "Munich", "Hamburg", "Cologne"], "de"),
    "PL": (2.5, [("Europe/Warsaw", 1)], ["Warsaw", "Krakow", "Wroclaw", "Gdansk"], "pl"),
    "RO": (1.5, [("Europe/Bucharest", 1)], ["Bucharest", "Cluj-Napoca", "Iasi"], "ro"),
    "RS": (1.5, [("Europe/Belgrade", 1)], ["Belgrade", "Novi Sad", "Nis"], "rs"),
    "BR": (3, [("America/Sao_Paulo", 1)], ["Sao Paulo", "Rio de Janeiro", "Belo Horizonte", "Curitiba"], "br"),
    "AR": (1.5, [("America/Argentina/Buenos_Aires", 1)], ["Buenos Aires", "Cordoba", "Rosario"], "es"),
    "MX": (1.5, [("America/Mexico_City", 1)], ["Mexico City", "Guadalajara", "Monterrey"], "es"),
    "CO": (1, [("America/Bogota", 1)], ["Bogota", "Medellin", "Cali"], "es"),
    "VN": (2, [("Asia/Ho_Chi_Minh", 1)], ["Ho Chi Minh City", "Hanoi", "Da Nang"], "vn"),
    "ID": (2, [("Asia/Jakarta", 1)], ["Jakarta", "Bandung", "Surabaya", "Yogyakarta"], "id"),
    "LK": (1, [("Asia/Colombo", 1)], ["Colombo", "Kandy"], "lk"),
    "NP": (0.8, [("Asia/Kathmandu", 1)], ["Kathmandu", "Pokhara"], "np"),
    "AU": (1, [("Australia/Sydney", .5), ("Australia/Melbourne", .3), ("Australia/Perth", .1), ("Australia/Brisbane", .1)],
           ["Sydney", "Melbourne", "Perth", "Brisbane"], "AU"),
    "FR": (1, [("Europe/Paris", 1)], ["Paris", "Lyon", "Toulouse"], "fr"),
    "ES": (1, [("Europe/Madrid", 1)], ["Madrid", "Barcelona", "Valencia"], "es"),
    "IT": (0.8, [("Europe/Rome", 1)], ["Milan", "Rome", "Turin"], "it"),
    "NL": (0.6, [("Europe/Amsterdam", 1)], ["Amsterdam", "Rotterdam", "Utrecht"], "nl"),
    "TR": (1, [("Europe/Istanbul", 1)], ["Istanbul", "Ankara", "Izmir"], "tr"),
    "MA": (0.7, [("Africa/Casablanca", 1)], ["Casablanca", "Rabat", "Marrakesh"], "ar"),
    "ZA": (0.7, [("Africa/Johannesburg", 1)], ["Johannesburg", "Cape Town", "Durban"], "za"),
    "GE": (0.5, [("Asia/Tbilisi", 1)], ["Tbilisi", "Batumi"], "ge"),
    "AM": (0.5, [("Asia/Yerevan", 1)], ["Yerevan"], "am"),
    "KZ": (0.6, [("Asia/Almaty", 1)], ["Almaty", "Astana"], "ru"),
    "BY": (0.6, [("Europe/Minsk", 1)], ["Minsk", "Grodno"], "ru"),
    "UZ": (0.5, [("Asia/Tashkent", 1)], ["Tashkent", "Samarkand"], "uz"),
    "MY": (0.6, [("Asia/Kuala_Lumpur", 1)], ["Kuala Lumpur", "Penang", "Johor Bahru"], "my"),
    "TH": (0.5, [("Asia/Bangkok", 1)], ["Bangkok", "Chiang Mai"], "th"),
    "SG": (0.4, [("Asia/Singapore", 1)], ["Singapore"], "SG"),
    "JP": (0.7, [("Asia/Tokyo", 1)], ["Tokyo", "Osaka", "Fukuoka", "Sapporo"], "jp"),
    "PT": (0.5, [("Europe/Lisbon", 1)], ["Lisbon", "Porto"], "pt"),
    "GR": (0.4, [("Europe/Athens", 1)], ["Athens", "Thessaloniki"], "gr"),
    "HK": (0.3, [("Asia/Hong_Kong", 1)], ["Hong Kong"], "cn"),
    "TW": (0.3, [("Asia/Taipei", 1)], ["Taipei", "Taichung"], "cn"),
    # legitimate freelancers in the countries DPRK workers actually sit in / near (look-alike segment)
    "CN": (0, [("Asia/Shanghai", 1)], ["Shanghai", "Shenzhen", "Beijing", "Hangzhou", "Chengdu", "Shenyang", "Dalian", "Wuhan"], "cn"),
    "RU": (0, [("Europe/Moscow", .7), ("Asia/Yekaterinburg", .1), ("Asia/Novosibirsk", .1), ("Asia/Vladivostok", .1)],
           ["Moscow", "Saint Petersburg", "Novosibirsk", "Kazan", "Yekaterinburg", "Vladivostok"], "ru"),
    "KR": (0, [("Asia/Seoul", 1)], ["Seoul", "Busan", "Incheon", "Daejeon"], "kr"),
    "LA": (0, [("Asia/Vientiane", 1)], ["Vientiane"], "la"),
    "AE": (0.3, [("Asia/Dubai", 1)], ["Dubai", "Abu Dhabi"], "ar"),
}
TRAVEL_DEST = ["TH", "ID", "PT", "ES", "MX", "GE", "TR", "VN", "AE", "GB", "US", "DE", "FR", "IT", "JP", "MY", "CO", "AR", "NL", "GR"]
CULTURE_MIX = {
    "NA": [("en", .62), ("es", .12), ("in", .07), ("cn", .06), ("kr", .03), ("vn", .02), ("ar", .02), ("ru", .02), ("ng", .02), ("ph", .02)],
    "CA": [("en", .6), ("fr", .1), ("in", .1), ("cn", .1), ("kr", .03), ("ar", .03), ("ph", .04)],
    "GB": [("en", .72), ("in", .08), ("pk", .06), ("pl", .04), ("ng", .04), ("cn", .03), ("ar", .03)],
    "AU": [("en", .7), ("cn", .1), ("in", .08), ("vn", .04), ("kr", .03), ("es", .05)],
    "SG": [("cn", .7), ("my", .12), ("in", .12), ("en", .06)],
}
N = {  # first names, last names per culture
    "en": ("James Michael Robert John David William Richard Joseph Thomas Christopher Daniel Matthew Anthony Mark Steven Andrew Joshua Kevin Brian Ryan Jacob Tyler Mary Jennifer Linda Elizabeth Susan Jessica Sarah Karen Emily Ashley Amanda Megan Rachel Lauren Olivia Emma Hannah Nicole Brandon Justin Eric Adam Nathan Kyle Aaron",
           "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook Rogers Reed Bailey Cooper Howard Ward Brooks Bennett Gray Hughes Price Sanders Foster Russell Hayes Graham Ellis Fisher"),
    "es": ("Jose Luis Carlos Juan Miguel Jorge Alejandro Diego Andres Santiago Mateo Sebastian Maria Ana Lucia Sofia Valentina Camila Daniela Gabriela Fernanda Paula Carolina Javier Ricardo Fernando",
           "Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Flores Rivera Gomez Diaz Cruz Morales Ortiz Gutierrez Chavez Ramos Romero Alvarez Mendoza Castillo Vargas Rojas Herrera Medina Aguilar Silva"),
    "in": ("Rahul Amit Rohit Vikram Arjun Karthik Suresh Rajesh Sandeep Anil Vijay Pradeep Manish Nikhil Aditya Saurabh Priya Anjali Pooja Neha Kavya Divya Sneha Shreya Lakshmi Deepika Harish Ganesh Venkat Mahesh Abhishek Ankit Gaurav Sachin",
           "Sharma Verma Gupta Kumar Singh Patel Reddy Nair Iyer Rao Joshi Mehta Shah Desai Kulkarni Pillai Menon Agarwal Chopra Malhotra Bhat Mishra Pandey Yadav Das Banerjee Chatterjee Mukherjee Naidu Shetty"),
    "pk": ("Muhammad Ahmed Ali Hassan Hussain Usman Bilal Hamza Umar Zain Faisal Imran Kamran Asad Saad Waqas Ayesha Fatima Zainab Sana Hira Maryam Iqra Mahnoor Adeel Shahid",
           "Khan Ahmed Ali Malik Butt Chaudhry Qureshi Sheikh Hussain Raza Iqbal Akhtar Javed Mirza Siddiqui Abbasi Rana Bhatti Shah Aslam"),
    "bd": ("Mohammad Abdul Rahim Karim Rafiq Shakil Tanvir Rakib Sabbir Arif Nusrat Farzana Sharmin Tahmina Mehedi Hasan Sakib Imran Jannat",
           "Rahman Hossain Islam Ahmed Uddin Akter Chowdhury Sarkar Khan Miah Alam Haque Begum Talukder Roy Das"),
    "ph": ("Mark John Paul Christian Angelo Joshua Carlo Jerome Renz Kimberly Angelica Kristine Jasmine Maricel Rhea Joy Jessa Ramon Ernesto Nino",
           "Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Villanueva Ramos Aquino Castillo Flores Dela Cruz Navarro Salazar Domingo Gonzales Lim Tan"),
    "ua": ("Oleksandr Andriy Dmytro Serhiy Volodymyr Oleh Taras Bohdan Yurii Mykola Ivan Vitalii Olena Iryna Oksana Kateryna Nataliia Yuliia Tetiana Anastasiia Maksym Artem",
           "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Boyko Kovalchuk Oliinyk Shevchuk Polishchuk Lysenko Marchenko Savchenko Rudenko Moroz Pavlenko Klymenko Ponomarenko Havryliuk"),
    "ru": ("Aleksandr Dmitry Sergey Andrey Alexey Maxim Ivan Mikhail Nikolay Vladimir Artem Pavel Roman Denis Anna Elena Olga Natalia Tatiana Irina Ekaterina Maria Yulia Svetlana Kirill Igor Evgeny",
           "Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov Nikolaev Orlov Andreev Makarov Zakharov"),
    "pl": ("Piotr Krzysztof Tomasz Pawel Michal Marcin Jakub Lukasz Kamil Mateusz Anna Katarzyna Magdalena Agnieszka Joanna Aleksandra Monika Wojciech Bartosz Grzegorz",
           "Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski Szymanski Wozniak Dabrowski Kozlowski Jankowski Mazur Krawczyk Piotrowski Grabowski"),
    "cn": ("Wei Jing Li Min Jie Lei Yang Tao Hao Bo Xin Yan Fang Lin Hui Jun Qiang Ying Na Chao Peng Kai Yu Hua Ming Xiaoming Zihan Yiming Haoran Jiayi Yuxuan Chen Jian",
           "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng Liang Xie Song Tang Han Feng Deng Cao"),
    "kr": ("Minjun Seojun Doyun Jiho Junwoo Hyunwoo Jihoon Sungmin Donghyun Jaehyun Seoyeon Jiwoo Soyeon Minji Yuna Jiyoung Eunji Hyejin Sooyoung Taeyang Youngho Kyungsoo",
           "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song Yoo Hong"),
    "jp": ("Haruto Yuto Sota Riku Hinata Kaito Takumi Kenji Hiroshi Takeshi Daisuke Yuki Sakura Yui Aoi Hana Mei Rin Akiko Yumi Naoki Shota Ryo",
           "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori"),
    "vn": ("Anh Minh Huy Duc Hoang Tuan Khoa Long Nam Phuc Thao Linh Trang Huong Mai Ngoc Lan Quang Trung Dung",
           "Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly"),
    "ar": ("Mohamed Ahmed Mahmoud Omar Youssef Karim Mostafa Hassan Ali Khaled Amr Tarek Nour Salma Yasmin Mariam Aya Rana Hana Ibrahim Amine Hamza",
           "Hassan Ali Mohamed Ibrahim Mahmoud Abdelrahman Saleh Fathy Khalil Mansour Nasser Haddad Farouk Younes Benali Alaoui Tazi Saeed"),
    "ng": ("Chinedu Emeka Oluwaseun Tunde Adebayo Ifeanyi Chukwuma Segun Femi Babajide Ngozi Chioma Aisha Funmilayo Blessing Yetunde Kelechi Ibrahim Musa Samuel",
           "Okafor Adeyemi Okonkwo Olawale Eze Nwosu Bello Abubakar Ogunleye Balogun Obi Chukwu Adewale Afolabi Ibe Onyeka Ojo"),
    "ke": ("Brian Kevin Dennis Collins Victor Peter Joseph Faith Mercy Grace Esther Wanjiru Achieng Kiprono Otieno", "Otieno Mwangi Kamau Ochieng Njoroge Kipchoge Wanjiku Odhiambo Mutua Kariuki Chege Onyango"),
    "de": ("Lukas Jonas Felix Maximilian Leon Paul Tobias Florian Sebastian Julia Laura Anna Lena Katharina Sophie Jan Niklas", "Muller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Klein Wolf Neumann"),
    "fr": ("Lucas Hugo Louis Thomas Nicolas Julien Antoine Camille Manon Chloe Lea Sarah Pierre Mathieu Guillaume", "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre Michel Garcia"),
    "ro": ("Andrei Alexandru Ionut Mihai Stefan Cristian Gabriel Elena Ioana Maria Andreea Raluca Bogdan Florin Vlad", "Popescu Ionescu Popa Stan Dumitru Stoica Gheorghe Rusu Munteanu Matei Constantin Marin Tudor Dinu"),
    "rs": ("Nikola Marko Stefan Milos Luka Aleksandar Nemanja Jovana Milica Ana Jelena Ivana Dusan Vuk", "Jovanovic Petrovic Nikolic Markovic Djordjevic Stojanovic Ilic Stankovic Pavlovic Milosevic Popovic Zivkovic"),
    "br": ("Joao Pedro Lucas Gabriel Matheus Rafael Gustavo Felipe Bruno Ana Julia Beatriz Larissa Camila Fernanda Thiago Rodrigo", "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa Ribeiro Martins Carvalho Almeida"),
    "id": ("Budi Agus Andi Rizky Dimas Fajar Yoga Putri Dewi Siti Ayu Wulan Eko Hendra Arief Bayu", "Santoso Wijaya Saputra Pratama Hidayat Nugroho Setiawan Kurniawan Susanto Gunawan Halim Wibowo"),
    "lk": ("Kasun Nuwan Chamara Dinesh Ruwan Tharindu Sanduni Nadeesha Dilani Chathura Lahiru", "Perera Fernando Silva Jayasinghe Bandara Wickramasinghe Gunawardena Rathnayake Dissanayake"),
    "np": ("Sagar Bikash Suman Prakash Anish Sujan Sita Gita Anjali Roshan Bibek", "Shrestha Thapa Gurung Tamang Adhikari Karki Rai Magar Khadka Poudel"),
    "tr": ("Mehmet Mustafa Ahmet Emre Burak Can Murat Elif Zeynep Ayse Merve Selin Oguz Kerem", "Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan Kilic"),
    "za": ("Thabo Sipho Lerato Naledi Johan Pieter Ruan Sibusiso Themba Zanele", "Nkosi Dlamini Ndlovu Botha Van der Merwe Mokoena Khumalo Naidoo Pillay Smit"),
    "ge": ("Giorgi Davit Nikoloz Luka Irakli Nino Mariam Tamar Ana Levan", "Beridze Kapanadze Gelashvili Maisuradze Giorgadze Lomidze Tsiklauri Mamedov"),
    "am": ("Aram Armen Davit Hayk Narek Gor Ani Lilit Mariam Anahit", "Hovhannisyan Harutyunyan Sargsyan Grigoryan Petrosyan Khachatryan Vardanyan Karapetyan"),
    "uz": ("Aziz Bekzod Jasur Sardor Otabek Dilshod Nodira Malika Gulnora Sherzod", "Karimov Rakhimov Yusupov Tashkentov Abdullaev Ismoilov Nazarov Alimov"),
    "my": ("Ahmad Muhammad Nur Siti Amir Hafiz Aina Farah Wei Ling Kumar Arjun", "Abdullah Rahman Ismail Hamid Tan Lim Lee Wong Ng Raj"),
    "th": ("Somchai Nattapong Kittisak Chaiya Anan Siriporn Pimchanok Kanya Suda Thanawat", "Saetang Srisuk Wongsawat Chaiyaporn Boonmee Kaewkam Rattanakorn Thongdee"),
    "it": ("Marco Luca Andrea Matteo Alessandro Francesco Giulia Chiara Sara Martina Davide", "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno"),
    "nl": ("Daan Sem Lucas Bram Thijs Emma Sanne Lisa Anouk Joris Pieter", "de Jong Jansen de Vries van den Berg van Dijk Bakker Visser Smit Meijer de Boer"),
    "pt": ("Joao Tiago Rui Miguel Andre Ines Mariana Catarina Beatriz Nuno", "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes"),
    "gr": ("Giorgos Nikos Dimitris Kostas Yannis Maria Eleni Katerina Sofia Christos", "Papadopoulos Pappas Georgiou Nikolaidis Oikonomou Vlachos Karagiannis Dimitriou"),
    "la": ("Somsack Khamphone Bounmy Phonesavanh Vilayphone Keo Noy Souk", "Phommachanh Sisouk Vongsa Keomany Inthavong Chanthavong Sayavong"),
}
N = {k: (v[0].split(), v[1].split()) for k, v in N.items()}
for _c in ("GB", "CA", "AU", "NA", "SG"):
    pass
ROMAN_VARIANTS = [("Muhammad", "Mohammed"), ("Mohamed", "Mohammed"), ("Aleksandr", "Alexander"), ("Alexey", "Aleksei"), ("Sergey", "Sergei"),
                  ("Dmitry", "Dmitrii"), ("Yulia", "Julia"), ("Oleksandr", "Alexandr"), ("Yurii", "Yuri"), ("Lee", "Yi"), ("Lee", "Rhee"),
                  ("Park", "Pak"), ("Choi", "Choe"), ("Jung", "Chung"), ("Zhou", "Chou"), ("Xu", "Hsu"), ("Zhang", "Chang"), ("Huang", "Wong"),
                  ("Nguyen", "Nguyễn"), ("Ahmed", "Ahmad"), ("Hussain", "Husain"), ("Chaudhry", "Choudhary"), ("Mikhail", "Michael")]

# -------------------------------------------------------------------------------------- content
ROLES = {
    "fullstack": ("Full-stack developer", ["React", "Node.js", "TypeScript", "PostgreSQL", "Next.js", "Express", "GraphQL", "Docker", "AWS", "Redis", "Vue.js", "Tailwind CSS"]),
    "frontend": ("Front-end engineer", ["React", "Vue.js", "Angular", "TypeScript", "CSS", "Figma", "Redux", "Webpack", "Jest", "Svelte"]),
    "backend": ("Back-end engineer", ["Python", "Django", "FastAPI", "Go", "Java", "Spring Boot", "Kafka", "PostgreSQL", "MongoDB", "Kubernetes", "gRPC"]),
    "mobile": ("Mobile developer", ["Flutter", "React Native", "Swift", "Kotlin", "Firebase", "Dart", "iOS", "Android", "Jetpack Compose"]),
    "web3": ("Blockchain developer", ["Solidity", "Ethereum", "Hardhat", "Web3.js", "ethers.js", "Rust", "Solana", "smart contracts", "DeFi", "The Graph"]),
    "data": ("Data engineer", ["Python", "SQL", "Airflow", "Spark", "dbt", "Snowflake", "BigQuery", "pandas", "Tableau", "ETL"]),
    "ml": ("Machine learning engineer", ["PyTorch", "TensorFlow", "scikit-learn", "LLMs", "LangChain", "NLP", "computer vision", "MLOps", "Hugging Face"]),
    "devops": ("DevOps engineer", ["Terraform", "Kubernetes", "AWS", "GCP", "Azure", "CI/CD", "GitHub Actions", "Ansible", "Prometheus", "Linux"]),
    "wordpress": ("WordPress developer", ["WordPress", "PHP", "WooCommerce", "Elementor", "MySQL", "Shopify", "SEO", "jQuery"]),
    "qa": ("QA engineer", ["Selenium", "Cypress", "Playwright", "Postman", "JMeter", "test automation", "Jira", "Appium"]),
    "design": ("UI/UX designer", ["Figma", "Adobe XD", "Sketch", "prototyping", "user research", "design systems", "Illustrator"]),
    "game": ("Game developer", ["Unity", "C#", "Unreal Engine", "C++", "Blender", "multiplayer", "Photon"]),
}
ROLE_W = {"fullstack": 20, "frontend": 10, "backend": 12, "mobile": 10, "web3": 4, "data": 7, "ml": 7, "devops": 6, "wordpress": 10, "qa": 5, "design": 6, "game": 3}
EMPLOYERS = ("Acme Digital|Bluewave Labs|Northwind Systems|Brightpath Software|Pixelcraft Studio|Cloudnine Tech|Vertex Solutions|Helix Data|Orbit Apps|"
             "Summit Interactive|Redline Media|Greenfield Analytics|Lumen Works|Quantum Leap IT|Silverline Consulting|Nimbus Retail|Atlas Fintech|"
             "Harbor Health IT|Crescent Logistics|Falcon Commerce|Ironclad Security|Maple Ventures|Sparrow Mobile|Tidal Networks|Zenith Labs|"
             "Keystone Group|Evergreen Software|Polaris Games|Cobalt Cloud|Nova Marketing|Riverstone Bank|Sunrise Travel|Apex Insurance").split("|")
SENT = [
    "I have {y} years of experience building {a} for {c}.", "Over the last {y} years I have shipped {a} with {s1} and {s2}.",
    "At {e} I led a team of {k} engineers delivering {a}.", "At {e} I built {a} using {s1}, {s2} and {s3}.",
    "I reduced page load time by {p}% at {e} by reworking the {s1} layer.", "I care about clean code, tests and clear communication.",
    "I am comfortable working across time zones and overlap with US hours.", "My recent work includes {a} for a {c} client.",
    "I enjoy turning vague requirements into working software.", "I hold a degree in {d} from {u}.",
    "I have been freelancing since {yr} and kept a {r}% job success score.", "Strong background in {s1}, {s2} and {s3}.",
    "I migrated a legacy {s1} codebase to {s2} at {e}, cutting costs by {p}%.", "Available {h} hours per week, usually responding within an hour.",
    "I write documentation that the next developer can actually use.", "Previously at {e}, where I owned {a} end to end.",
    "Certified in {s1}; I mentor junior developers in my spare time.", "I like small teams, direct feedback and shipping weekly.",
    "Built and maintained {a} serving {k}0,000 monthly users.", "Worked with startups and agencies on {a} and {a2}.",
    "Open-source contributor to several {s1} libraries.", "I prefer long-term collaborations over one-off tasks.",
    "Fluent in English; I also speak {lang}.", "I set up CI/CD and monitoring so releases are boring.",
    "My last project: {a2} with {s2}, delivered two weeks early.", "Passionate about performance, accessibility and security.",
    "I can start immediately and work full time on your project.", "Let's talk about how I can help with {a}.",
]
APPS = ["e-commerce platforms", "SaaS dashboards", "booking systems", "CRM integrations", "payment flows", "real-time chat apps", "analytics pipelines",
        "mobile banking apps", "inventory tools", "marketing sites", "NFT marketplaces", "DeFi protocols", "internal admin panels", "telehealth portals",
        "logistics trackers", "recommendation engines", "learning platforms", "REST APIs", "data warehouses", "browser extensions"]
SECTORS = ["fintech", "healthcare", "retail", "logistics", "education", "real-estate", "travel", "media", "gaming", "crypto", "insurance", "non-profit"]
DEGREES = ["Computer Science", "Software Engineering", "Information Technology", "Electrical Engineering", "Mathematics", "Physics"]
UNIS = ["State University", "Technical University", "National University", "Polytechnic Institute", "University of Technology", "City College"]
LANGS = ["Spanish", "Hindi", "Urdu", "Tagalog", "Ukrainian", "Russian", "Portuguese", "Arabic", "French", "German", "Polish", "Chinese", "Korean", "Japanese"]


def country_of(readers, ip):
    out = []
    for r in readers:
        try:
            rec = r.get(ip)
        except Exception:
            rec = None
        out.append((rec or {}).get("country_code"))
    return out


class Net:
    """Real IPv4 pools by country and kind, from ip-location-db ASN ranges, hosting ASN lists, VPN CIDRs, Tor exits."""

    def __init__(self, data, rng):
        self.rng = rng
        self.readers = [maxminddb.open_database(os.path.join(data, "ip-location-db", f)) for f in ("geo-whois-asn-country.mmdb", "dbip-country.mmdb")]
        hosting = set()
        with open(os.path.join(data, "brianhama-bad-asn-list", "bad-asn-list.csv")) as f:
            for row in csv.reader(f):
                if row and row[0].strip().isdigit():
                    hosting.add(int(row[0]))
        for fn in ("input/datacenter/ASN.txt", "input/vpn/ASN.txt"):
            with open(os.path.join(data, "x4bnet-lists_vpn", fn)) as f:
                for line in f:
                    t = line.split("#")[0].strip()
                    if t.upper().startswith("AS") and t[2:].isdigit():
                        hosting.add(int(t[2:]))
        self.hosting_asn = hosting
        # datacenter CIDRs as sorted intervals, to keep "residential" picks off them
        dc = []
        for fn in ("output/datacenter/ipv4.txt", "output/vpn/ipv4.txt"):
            with open(os.path.join(data, "x4bnet-lists_vpn", fn)) as f:
                for line in f:
                    line = line.strip()
                    if line and not line.startswith("#"):
                        try:
                            n = ipaddress.ip_network(line, strict=False)
                        except ValueError:
                            continue
                        dc.append((int(n.network_address), int(n.broadcast_address)))
        dc.sort()
        self.dc_starts = [a for a, b in dc]
        self.dc = dc
        self.res, self.host = {}, {}
        with gzip.open(os.path.join(data, "ip-location-db", "asn-ipv4.csv.gz"), "rt") as f:
            for row in csv.reader(f):
                a, b, asn = int(ipaddress.IPv4Address(row[0])), int(ipaddress.IPv4Address(row[1])), int(row[2])
                if b - a < 255:
                    continue
                cc = country_of(self.readers[:1], str(ipaddress.IPv4Address(a + 1)))[0]
                if not cc:
                    continue
                org = row[3].lower()
                is_host = asn in hosting or any(w in org for w in ("hosting", "cloud", "datacenter", "data center", "server", "vps", "colo"))
                (self.host if is_host else self.res).setdefault(cc, []).append((a, b, asn))
        self.vpn = {}
        with open(os.path.join(data, "x4bnet-lists_vpn", "output/vpn/ipv4.txt")) as f:
            for line in f:
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                try:
                    n = ipaddress.ip_network(line, strict=False)
                except ValueError:
                    continue
                cc = country_of(self.readers[:1], str(n.network_address + (1 if n.num_addresses > 2 else 0)))[0]
                if cc:
                    self.vpn.setdefault(cc, []).append((int(n.network_address), int(n.broadcast_address)))
        self.tor = [l.strip() for l in open(os.path.join(data, "tor-nodes", "exit-relay-ips.txt")) if l.strip() and ":" not in l]
        self.weights = {}

    def in_dc(self, x):
        i = bisect.bisect_right(self.dc_starts, x) - 1
        return i >= 0 and self.dc[i][0] <= x <= self.dc[i][1]

    def _pick_range(self, pool, cc):
        lst = pool.get(cc)
        if not lst:
            return None
        key = (id(pool), cc)
        if key not in self.weights:
            acc, cum = 0, []
            for a, b, *_ in lst:
                acc += math.sqrt(b - a + 1)   # big ISPs more likely, but not overwhelmingly
                cum.append(acc)
            self.weights[key] = cum
        cum = self.weights[key]
        return lst[bisect.bisect_left(cum, self.rng.random() * cum[-1])]

    def ip(self, cc, kind="res", rng_range=None):
        """A verified address: both country DBs say cc; res: not in any DC/VPN list; host: hosting ASN."""
        rng = self.rng
        for _ in range(60):
            if rng_range is not None:
                a, b = rng_range[0], rng_range[1]
            elif kind == "vpn":
                lst = self.vpn.get(cc)
                if not lst:
                    return None
                a, b = rng.choice(lst)
            else:
                r = self._pick_range(self.res if kind == "res" else self.host, cc)
                if r is None:
                    return None
                a, b = r[0], r[1]
            x = rng.randint(a + 1, max(a + 1, b - 1))
            if x & 0xFF in (0, 255):
                continue
            if kind == "res" and self.in_dc(x):
                continue
            s = str(ipaddress.IPv4Address(x))
            c = country_of(self.readers, s)
            if c[0] == cc and c[1] == cc:
                return s
        return None

    def home(self, cc, kind="res"):
        """A home connection: a range (so the IP can drift inside it) and a first verified IP."""
        for _ in range(20):
            if kind == "vpn":
                lst = self.vpn.get(cc)
                r = self.rng.choice(lst) if lst else None
            else:
                r = self._pick_range(self.res if kind == "res" else self.host, cc)
            if r is None:
                return None
            # DHCP drift stays in one /20-ish slice of the range
            a, b = r[0], r[1]
            lo = self.rng.randint(a, max(a, b - 4096)) if b - a > 4096 else a
            sub = (lo, min(b, lo + 4095))
            ip = self.ip(cc, kind, sub)
            if ip:
                return {"range": sub, "cc": cc, "kind": kind, "ips": [ip]}
        return None

    def from_home(self, h, p_new=0.08):
        if self.rng.random() < p_new:
            ip = self.ip(h["cc"], h["kind"], h["range"])
            if ip:
                h["ips"].append(ip)
        return self.rng.choice(h["ips"][-3:])

    def tor_ip(self):
        return self.rng.choice(self.tor)


class Phones:
    def __init__(self, data, rng):
        self.rng = rng
        self.ex = {}
        with open(os.path.join(data, "phone-vectors", "phonenumbers_example_numbers.csv")) as f:
            for row in csv.DictReader(f):
                self.ex.setdefault((row["region"], row["type"]), row["e164"])

    def number(self, region, typ="MOBILE"):
        ex = self.ex.get((region, typ)) or self.ex.get((region, "FIXED_LINE_OR_MOBILE")) or self.ex.get((region, "MOBILE")) or self.ex.get((region, "FIXED_LINE"))
        if not ex:
            return None
        for _ in range(40):
            k = min(len(ex) - 4, 6)
            cand = ex[:-k] + "".join(self.rng.choice(string.digits) for _ in range(k))
            try:
                p = phonenumbers.parse(cand)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(p) and not (region in ("US", "CA") and cand[5:8] == "555"):
                return p
        return None

    def fmt(self, p, claimed):
        r = self.rng.random()
        if r < 0.55:
            return phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.E164)
        if r < 0.85 or phonenumbers.region_code_for_number(p) != claimed:
            return phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        return phonenumbers.format_number(p, phonenumbers.PhoneNumberFormat.NATIONAL)


CITY_TZ = {
    "America/New_York": ["New York", "Atlanta", "Miami", "Columbus", "Boston", "Charlotte", "Philadelphia"],
    "America/Chicago": ["Chicago", "Austin", "Dallas", "Houston", "Minneapolis", "Nashville"],
    "America/Denver": ["Denver", "Salt Lake City", "Boise"], "America/Phoenix": ["Phoenix", "Tucson"],
    "America/Los_Angeles": ["Seattle", "San Diego", "Los Angeles", "San Francisco", "Portland"],
    "America/Toronto": ["Toronto", "Ottawa", "Montreal"], "America/Vancouver": ["Vancouver", "Victoria"],
    "America/Edmonton": ["Calgary", "Edmonton"], "America/Halifax": ["Halifax"],
    "Australia/Sydney": ["Sydney"], "Australia/Melbourne": ["Melbourne"], "Australia/Perth": ["Perth"], "Australia/Brisbane": ["Brisbane"],
    "Europe/Moscow": ["Moscow", "Saint Petersburg", "Kazan"], "Asia/Yekaterinburg": ["Yekaterinburg"], "Asia/Novosibirsk": ["Novosibirsk"],
    "Asia/Vladivostok": ["Vladivostok"],
}


def city_for(rng, cc, tz):
    if tz in CITY_TZ and rng.random() < 0.97:
        return rng.choice(CITY_TZ[tz])
    return rng.choice(COUNTRIES[cc][2])


def wchoice(rng, pairs):
    tot = sum(w for _, w in pairs)
    x = rng.random() * tot
    for k, w in pairs:
        x -= w
        if x <= 0:
            return k
    return pairs[-1][0]


def ts(d):
    return d.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class World:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        rng = self.rng
        self.net = Net(args.data, random.Random(args.seed * 7919 + 1))
        self.ph = Phones(args.data, random.Random(args.seed * 104729 + 3))
        self.resume_corpus = []
        try:
            with open(os.path.join(args.data, "resume-updatedresumedataset", "UpdatedResumeDataSet.csv"), encoding="utf-8", errors="ignore") as f:
                for row in csv.DictReader(f):
                    if row["Category"] in ("Java Developer", "Python Developer", "DevOps Engineer", "Web Designing", "Testing", "Data Science",
                                           "Blockchain", "Database", "DotNet Developer", "Network Security Engineer", "SAP Developer"):
                        self.resume_corpus.append(" ".join(row["Resume"].split())[:1800])
        except OSError:
            pass
        self.records, self.truth = [], []
        self.used_ids = set()
        self.emails = set()
        self.front_rate = rng.uniform(0.003, 0.04)

    # ------------------------------------------------------------------ helpers
    def new_id(self):
        while True:
            i = "u" + "".join(self.rng.choice("0123456789abcdef") for _ in range(10))
            if i not in self.used_ids:
                self.used_ids.add(i)
                return i

    def culture(self, cc):
        cul = COUNTRIES[cc][3]
        if cul in CULTURE_MIX:
            return wchoice(self.rng, CULTURE_MIX[cul])
        if cul in ("NA", "GB", "CA", "AU", "SG"):
            return "en"
        return cul if cul in N else "en"

    def name(self, cul):
        f, l = N[cul]
        first, last = self.rng.choice(f), self.rng.choice(l)
        if cul in ("cn", "kr", "vn") and self.rng.random() < 0.35:
            return f"{last} {first}"      # family name first
        if cul == "en" and self.rng.random() < 0.12:
            return f"{first} {self.rng.choice(string.ascii_uppercase)}. {last}"
        return f"{first} {last}"

    def tz_of(self, cc):
        return wchoice(self.rng, COUNTRIES[cc][1])

    def email(self, name, style="normal", suffix=None):
        rng = self.rng
        parts = [p.strip(".").lower() for p in name.split() if len(p.strip(".")) > 1]
        parts = ["".join(ch for ch in p if ch.isascii() and ch.isalnum()) or "x" for p in parts]
        first, last = parts[0], parts[-1]
        dom = wchoice(rng, [("gmail.com", 60), ("outlook.com", 10), ("hotmail.com", 6), ("yahoo.com", 6), ("proton.me", 4), ("icloud.com", 4),
                            ("mail.ru", 0), ("yandex.ru", 0), ("qq.com", 0), ("naver.com", 0), ("own", 10)])
        if style == "digits":
            local = f"{first}{last}{suffix}" if rng.random() < 0.6 else f"{first}.{last}{suffix}"
            dom = wchoice(rng, [("gmail.com", 70), ("outlook.com", 20), ("proton.me", 5), ("hotmail.com", 5)])
        else:
            local = wchoice(rng, [(f"{first}.{last}", 30), (f"{first}{last}", 15), (f"{first[0]}{last}", 12), (f"{first}", 4),
                                  (f"{first}.{last}{rng.randint(1, 99)}", 18), (f"{first}{rng.randint(1970, 2004)}", 8), (f"{last}.{first}", 5),
                                  (f"{first}.dev", 4), (f"{first}{last[0]}.codes", 2)])
        if dom == "own":
            dom = f"{last}{rng.choice(['', 'dev', 'studio', 'tech'])}.{rng.choice(['com', 'dev', 'io', 'net', 'me'])}"
            local = rng.choice(["hello", "contact", first, "me"])
        e = f"{local}@{dom}"
        while e in self.emails:
            e = f"{local}{rng.randint(1, 9999)}@{dom}"
        self.emails.add(e)
        return e

    def resume(self, name, role, years, cc, n_sent=None, seed_text=None):
        rng = self.rng
        title, skills = ROLES[role]
        sk = rng.sample(skills, min(len(skills), rng.randint(3, 6)))
        out = [f"{name} - {('Senior ' if years >= 7 else '')}{title}" if rng.random() < 0.5 else f"{('Senior ' if years >= 7 else '')}{title} | {', '.join(sk[:3])}"]
        for tpl in rng.sample(SENT, n_sent or rng.randint(3, 8)):
            out.append(self.fill(tpl, years, sk))
        if seed_text:
            out.append(seed_text)
        return " ".join(out)

    def fill(self, tpl, years, sk, emps=None):
        rng = self.rng
        sk = sk + ["Git", "SQL", "Linux"]
        return tpl.format(y=years, a=rng.choice(APPS), a2=rng.choice(APPS), c=rng.choice(SECTORS), s1=sk[0], s2=sk[1], s3=sk[2],
                          e=rng.choice(emps or EMPLOYERS), k=rng.randint(2, 12), p=rng.randint(15, 70), d=rng.choice(DEGREES),
                          u=rng.choice(UNIS), yr=2026 - rng.randint(1, 10), r=rng.randint(88, 100), h=rng.choice([20, 30, 40, 50]),
                          lang=rng.choice(LANGS))

    def proposal(self, role):
        rng = self.rng
        op = rng.choice(["Hi,", "Hello,", "Hi there,", "Dear client,", "Good day,", "Hey!"])
        body = " ".join(self.fill(t, rng.randint(2, 12), rng.sample(ROLES[role][1], 3)) for t in rng.sample(SENT, rng.randint(2, 4)))
        return f"{op} {body} {rng.choice(['Thanks,', 'Best regards,', 'Cheers,', 'Looking forward to hearing from you.', ''])}".strip()

    def phash(self):
        return "%016x" % self.rng.getrandbits(64)

    @staticmethod
    def flip(h, bits, rng):
        v = int(h, 16)
        for b in rng.sample(range(64), bits):
            v ^= 1 << b
        return "%016x" % v

    def rate(self, cc, years):
        hi = cc in ("US", "GB", "CA", "AU", "DE", "NL", "FR", "SG", "JP", "KR", "IT", "ES")
        base = (45 if hi else 22) * (1 + years / 10)
        return round(max(5, self.rng.lognormvariate(math.log(base), 0.4)), 0 if self.rng.random() < 0.7 else 2)

    def payout_ref(self, method, cc):
        rng = self.rng
        if method == "bank":
            if cc in ("GB", "DE", "FR", "ES", "IT", "NL", "PL", "RO", "UA", "PT", "GR", "TR", "GE", "RS", "PK", "AE", "KZ", "BY"):
                return f"{cc}{rng.randint(10, 99)}" + "".join(rng.choice(string.ascii_uppercase[:6] + string.digits) for _ in range(4)) + "".join(rng.choice(string.digits) for _ in range(14))
            return f"{cc}-{rng.choice(['BK', 'ACCT', 'BNK'])}-{rng.randint(10**9, 10**12 - 1)}"
        if method == "paypal":
            return "PP-" + "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(13))
        if method == "payoneer":
            return f"PAYO-{rng.randint(10**7, 10**8 - 1)}"
        if method == "wise":
            return f"WISE-{rng.randint(10**7, 10**9 - 1)}"
        if method == "crypto":
            if rng.random() < 0.6:
                return "0x" + "".join(rng.choice("0123456789abcdef") for _ in range(40))
            return "T" + "".join(rng.choice("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz") for _ in range(33))
        return f"OTH-{rng.randint(10**6, 10**9)}"

    def legit_payout_method(self, cc):
        table = {"US": [("bank", 55), ("paypal", 30), ("wise", 5), ("payoneer", 5), ("other", 5)],
                 "IN": [("bank", 45), ("payoneer", 35), ("paypal", 12), ("wise", 8)],
                 "PK": [("payoneer", 55), ("bank", 35), ("wise", 5), ("other", 5)],
                 "BD": [("payoneer", 55), ("bank", 40), ("other", 5)],
                 "PH": [("paypal", 45), ("payoneer", 25), ("bank", 25), ("wise", 5)],
                 "UA": [("payoneer", 40), ("bank", 30), ("wise", 25), ("crypto", 5)],
                 "NG": [("payoneer", 50), ("bank", 30), ("wise", 10), ("crypto", 10)],
                 "CN": [("payoneer", 45), ("bank", 40), ("paypal", 10), ("other", 5)],
                 "RU": [("bank", 40), ("crypto", 25), ("payoneer", 15), ("other", 20)],
                 }
        return wchoice(self.rng, table.get(cc, [("bank", 40), ("paypal", 25), ("payoneer", 20), ("wise", 15)]))

    # ------------------------------------------------------------------ sessions
    def sessions(self, created, n, work_tz, hours, days_per_week, dur_med, net_plan, devices, browser_tz, ra_rate, long_days=False,
                 opt_missing=None):
        """work_tz: where the person actually is (whose local clock the hours refer to).
        hours: (start_hour, span) of their usual activity in that local clock.
        net_plan(i, when) -> ip string."""
        rng = self.rng
        start = max(created, EXPORT - timedelta(days=WINDOW_DAYS))
        span_days = max(1, (EXPORT - start).days)
        z = ZoneInfo(work_tz)
        out = []
        wd_ok = rng.sample(range(7), days_per_week) if days_per_week < 7 else list(range(7))
        h0, hspan = hours
        days = sorted(rng.sample(range(span_days), min(span_days, max(1, int(n * (0.45 if long_days else 0.8))))))
        i = 0
        while len(out) < n and i < 10 * n:
            d = days[i % len(days)] if days else 0
            i += 1
            local_day = (start + timedelta(days=d)).astimezone(z).date()
            if local_day.weekday() not in wd_ok and rng.random() < 0.85:
                continue
            hour = h0 + rng.random() * hspan if rng.random() < 0.9 else rng.random() * 24
            loc = datetime(local_day.year, local_day.month, local_day.day, tzinfo=z) + timedelta(hours=hour)
            when = loc.astimezone(timezone.utc)
            if when < created:
                when = created + timedelta(seconds=rng.randint(5, 3000))
            if when > EXPORT:
                continue
            s = {"started_at": ts(when), "ip": net_plan(len(out), when)}
            om = opt_missing or {}
            if rng.random() > om.get("device_id", 0.04):
                s["device_id"] = rng.choice(devices) if isinstance(devices, list) else devices(len(out))
            btz = browser_tz(len(out), when) if callable(browser_tz) else browser_tz
            if btz and rng.random() > om.get("browser_timezone", 0.08):
                s["browser_timezone"] = btz
            if rng.random() > om.get("remote_access", 0.15):
                s["remote_access"] = rng.random() < ra_rate
            if rng.random() > om.get("duration_s", 0.06):
                s["duration_s"] = int(min(57600, rng.lognormvariate(math.log(dur_med), 0.9)))
            out.append(s)
        if not out:  # at least the sign-up session
            out.append({"started_at": ts(created + timedelta(seconds=rng.randint(0, 600))), "ip": net_plan(0, created)})
        out.sort(key=lambda s: s["started_at"])
        return out

    def n_sessions(self, kind="legit"):
        rng = self.rng
        if kind == "legit":
            # many dormant or occasional profiles, a tail of very active ones
            return wchoice(rng, [(lambda: rng.randint(1, 3), 30), (lambda: rng.randint(4, 15), 35), (lambda: rng.randint(16, 60), 27),
                                 (lambda: rng.randint(61, 160), 8)])()
        return wchoice(rng, [(lambda: rng.randint(2, 10), 20), (lambda: rng.randint(11, 50), 50), (lambda: rng.randint(51, 150), 30)])()

    def legit_hours(self, cc):
        rng = self.rng
        return (max(0, rng.gauss(9.5, 2.0)), rng.uniform(5, 12))

    def device(self):
        return "d-" + "".join(self.rng.choice("0123456789abcdef") for _ in range(12))

    # ------------------------------------------------------------------ legitimate applicants
    def legit(self, segment, cc=None, agency=None, household=None, group_id=""):
        rng = self.rng
        if cc is None:
            cc = wchoice(rng, [(c, v[0]) for c, v in COUNTRIES.items() if v[0] > 0])
        cul = self.culture(cc)
        name = self.name(cul)
        if segment == "romanisation" and cul not in ("cn", "kr", "ru", "ua", "pk", "ar", "vn", "bd", "in"):
            cul = rng.choice(["cn", "kr", "ru", "ua", "pk", "ar", "vn"])
            name = self.name(cul)
        tz = self.tz_of(cc)
        aid = self.new_id()
        age_days = rng.lognormvariate(math.log(420), 1.1)
        age_days = min(age_days, 365 * 11)
        created = EXPORT - timedelta(days=age_days, seconds=rng.randint(0, 86399))
        role = wchoice(rng, list(ROLE_W.items())) if segment != "web3_crypto" else "web3"
        years = max(1, int(rng.lognormvariate(math.log(5), 0.6)))
        rec = {"applicant_id": aid, "created_at": ts(created), "claimed_country": cc}
        if rng.random() > 0.03:
            rec["full_name"] = name
        if rng.random() > 0.12:
            rec["email"] = self.email(name)
        # phone: many platforms only have it for verified accounts
        if rng.random() > 0.3 or segment == "voip_user":
            if segment == "voip_user":
                if rng.random() < 0.6 and cc not in ("US", "CA"):
                    p = self.ph.number("US", "FIXED_LINE_OR_MOBILE")   # e.g. a Google Voice number kept for US clients
                else:
                    p = self.ph.number(cc, "VOIP") if (cc, "VOIP") in self.ph.ex else self.ph.number(cc)
            else:
                p = self.ph.number(cc)
            if p:
                rec["phone"] = self.ph.fmt(p, cc)
        if rng.random() > 0.15:
            rec["claimed_city"] = city_for(rng, cc, tz)
        if rng.random() > 0.25 or len(COUNTRIES[cc][1]) > 1 and rng.random() > 0.5:
            rec["claimed_timezone"] = tz
        if agency and agency.get("template") and rng.random() < 0.8:
            emps = [agency["name"]] + rng.sample(EMPLOYERS, 2)
            sk = rng.sample(ROLES[agency["role"]][1], 3)
            rec["resume_text"] = f"{name} - {ROLES[agency['role']][0]} at {agency['name']}. " + agency["template"] + " " + self.fill(rng.choice(SENT), years, sk, emps)
            role = agency["role"]
        elif rng.random() > 0.1:
            seed_text = rng.choice(self.resume_corpus) if self.resume_corpus and cc in ("IN", "PK", "BD", "LK", "NP") and rng.random() < 0.04 else None
            rec["resume_text"] = self.resume(name, role, years, cc, seed_text=seed_text)
        if rng.random() > 0.22:
            rec["photo_phash"] = agency["logo"] if agency and rng.random() < 0.15 else self.phash()
        if rng.random() < 0.38:
            rec["github_url"] = f"https://github.com/{name.split()[0].lower()}{rng.choice(['', '-dev', str(rng.randint(1, 999)), name.split()[-1].lower()])}"
        if rng.random() > 0.08:
            rec["hourly_rate_usd"] = self.rate(cc, years)
        if rng.random() < 0.05:
            rec["shipping_country"] = cc if rng.random() < 0.97 else rng.choice(TRAVEL_DEST)
        if agency:
            rec["agency_id"] = agency["id"]

        # ---- network plan
        home = household["home"] if household else (agency["office"] if agency and agency["office"]["cc"] == cc and rng.random() < 0.7 else None)
        if home is None:
            home = self.net.home(cc, "res") or self.net.home("US", "res")
        mobile = self.net.home(cc, "res") if rng.random() < 0.5 else None
        vpn_share = 0.0
        if rng.random() < 0.04:
            vpn_share = rng.uniform(0.1, 0.6)
        if segment == "privacy_vpn":
            vpn_share = rng.uniform(0.5, 1.0)
        if segment == "web3_crypto" and rng.random() < 0.5:
            vpn_share = rng.uniform(0.2, 0.9)
        if cc == "CN" and rng.random() < 0.45:   # GFW: many Chinese freelancers reach foreign platforms through a VPN
            vpn_share = max(vpn_share, rng.uniform(0.4, 1.0))
        vpn_cc = rng.choice(["US", "NL", "DE", "GB", "SE", "CH", "SG", "JP", "HK", "CA", "FR"]) if rng.random() < 0.6 else cc
        if vpn_cc not in self.net.vpn:
            vpn_cc = "US"
        vpn_ips = [self.net.ip(vpn_cc, "vpn") or self.net.ip(vpn_cc, "host") for _ in range(rng.randint(1, 6))]
        vpn_ips = [v for v in vpn_ips if v]
        trips = []
        if segment == "traveller":
            t0 = EXPORT - timedelta(days=rng.uniform(1, WINDOW_DAYS))
            for _ in range(rng.randint(1, 3)):
                dcc = rng.choice([c for c in TRAVEL_DEST if c != cc])
                length = timedelta(days=rng.uniform(3, 40))
                trips.append((t0, t0 + length, dcc, self.net.home(dcc, "res"), self.tz_of(dcc)))
                t0 = t0 - timedelta(days=rng.uniform(10, 60))
        tor = segment == "privacy_vpn" and rng.random() < 0.1

        def plan(i, when):
            for a, b, dcc, h, _ in trips:
                if a <= when <= b and h:
                    return self.net.from_home(h, 0.3)
            if vpn_ips and rng.random() < vpn_share:
                return rng.choice(self.net.tor) if tor and rng.random() < 0.3 else rng.choice(vpn_ips)
            if mobile and rng.random() < 0.15:
                return self.net.from_home(mobile, 0.4)
            return self.net.from_home(home)

        def btz(i, when):
            for a, b, _, _, ttz in trips:
                if a <= when <= b:
                    return ttz if rng.random() < 0.7 else tz
            return tz if rng.random() > 0.01 else rng.choice(["UTC", "Europe/London", "America/New_York"])

        hours = self.legit_hours(cc)
        dpw = wchoice(rng, [(5, 50), (6, 20), (7, 10), (4, 12), (3, 8)])
        if segment == "asia_night_shift":
            # works US/EU business hours: the local night
            target = rng.choice(["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London"])
            off_local = ZoneInfo(tz).utcoffset(datetime(2026, 10, 1)).total_seconds() / 3600
            off_t = ZoneInfo(target).utcoffset(datetime(2026, 10, 1)).total_seconds() / 3600
            hours = (((rng.gauss(9, 1.5) - off_t + off_local) % 24), rng.uniform(7, 11))
            dpw = rng.choice([5, 5, 6])
        devices = [self.device() for _ in range(wchoice(rng, [(1, 55), (2, 35), (3, 10)]))]
        if household and rng.random() < 0.3:
            devices.append(household["shared_device"])
        if agency and rng.random() < 0.3:
            devices.append(rng.choice(agency["devices"]))
        ra = 0.0 if rng.random() < 0.93 else rng.uniform(0.05, 0.5)   # IT support, remote dev boxes
        if agency and rng.random() < 0.2:
            ra = max(ra, rng.uniform(0.05, 0.4))
        ns = self.n_sessions("legit")
        rec["sessions"] = self.sessions(created, ns, tz, hours, dpw, rng.choice([900, 1800, 2700, 3600, 5400]), plan, devices, btz, ra,
                                        opt_missing=self.platform_missing)
        # ---- payouts
        pays = []
        if rng.random() > 0.15:
            if agency and rng.random() < 0.75:
                pays.append(dict(agency["payout"]))
            else:
                m = "crypto" if segment == "web3_crypto" and rng.random() < 0.8 else self.legit_payout_method(cc)
                holder = name
                if segment == "romanisation":
                    holder = self.romanise(name)
                elif rng.random() < 0.04:
                    holder = name.split()[0] + " " + rng.choice(N[cul][1])   # spouse / family account
                p = {"method": m, "account_ref": self.payout_ref(m, cc)}
                if m != "crypto" or rng.random() < 0.2:
                    acc_cc = cc
                    if m in ("payoneer", "wise") and rng.random() < 0.35:
                        acc_cc = rng.choice(["US", "GB", "BE"])   # receiving accounts issued abroad
                    if segment == "traveller" and rng.random() < 0.3:
                        acc_cc = rng.choice(["US", "GB", "DE", "PT"])
                    p["account_country"] = acc_cc
                if m != "crypto" and rng.random() > 0.1:
                    p["holder_name"] = holder
                pays.append(p)
                if rng.random() < 0.15 or segment == "web3_crypto" and rng.random() < 0.4:
                    m2 = rng.choice(["paypal", "wise", "payoneer", "crypto"])
                    p2 = {"method": m2, "account_ref": self.payout_ref(m2, cc)}
                    if m2 != "crypto":
                        p2["account_country"] = cc
                        p2["holder_name"] = holder
                    pays.append(p2)
        rec["payouts"] = pays
        rec["proposals"] = self.proposals(created, role, rng.choice([0, 0, 1, 2, 3, 5, 8]), agency)
        rec["label"] = 0
        self.records.append(rec)
        self.truth.append((aid, 0, segment, "", "", agency["id"] if agency else "", group_id))
        return rec

    def romanise(self, name):
        rng = self.rng
        parts = name.split()
        for a, b in rng.sample(ROMAN_VARIANTS, len(ROMAN_VARIANTS)):
            if a in parts:
                return " ".join(b if p == a else p for p in parts)
            if b in parts:
                return " ".join(a if p == b else p for p in parts)
        if len(parts) >= 2:
            return " ".join(reversed(parts)) if rng.random() < 0.6 else name.upper()
        return name

    def proposals(self, created, role, k, agency=None, template=None):
        rng = self.rng
        out = []
        for _ in range(k):
            when = created + timedelta(seconds=rng.uniform(0, max(60, (EXPORT - created).total_seconds())))
            if template and rng.random() < template[1]:
                text = template[0]
                if rng.random() < 0.5:
                    text = text.replace("Hi,", rng.choice(["Hello,", "Hi there,", "Dear hiring manager,"]))
            elif agency and rng.random() < 0.5:
                text = agency["pitch"]
            else:
                text = self.proposal(role)
            out.append({"submitted_at": ts(when), "text": text})
        out.sort(key=lambda p: p["submitted_at"])
        return out

    # ------------------------------------------------------------------ fronts
    TACTICS = [("vpn_only", 14), ("laptop_farm", 20), ("residential_proxy", 10), ("rented_identity", 12), ("aged_account", 9),
               ("night_shift", 9), ("ai_content", 9), ("payout_layering", 8), ("fake_agency", 4), ("compartmentalised", 5)]

    def cell(self, size, cell_no, farm_pool):
        rng = self.rng
        cid = f"cell-{cell_no:04d}"
        disc = rng.betavariate(1.6, 1.6)          # 0 = sloppy .. 1 = very careful
        tactic = wchoice(rng, self.TACTICS)
        if tactic == "compartmentalised":
            disc = max(disc, 0.85)
        if tactic == "vpn_only":
            disc = min(disc, 0.45)
        base_loc = wchoice(rng, [("CN", 62), ("RU", 20), ("LA", 6), ("KP", 3), ("AE", 4), ("NG", 2), ("VN", 3)])
        real_tz = {"CN": rng.choice(["Asia/Shanghai", "Asia/Shanghai", "Asia/Harbin"]), "RU": "Asia/Vladivostok", "LA": "Asia/Vientiane",
                   "KP": "Asia/Pyongyang", "AE": "Asia/Dubai", "NG": "Africa/Lagos", "VN": "Asia/Ho_Chi_Minh"}[base_loc]
        if real_tz == "Asia/Harbin":
            real_tz = "Asia/Shanghai"
        claim_mix = wchoice(rng, [("us", 55), ("west", 15), ("asia", 15), ("east_eu", 10), ("mixed", 5)])
        role = wchoice(rng, [("fullstack", 30), ("web3", 15), ("mobile", 14), ("backend", 12), ("frontend", 8), ("ml", 6), ("game", 5), ("devops", 4),
                             ("wordpress", 6)])
        sk = rng.sample(ROLES[role][1], 4)
        template_sents = rng.sample(SENT, rng.randint(5, 8))
        template = [self.fill(t, rng.randint(5, 10), sk) for t in template_sents]
        proposal_tpl = (self.proposal(role), 0.4 + 0.5 * (1 - disc))
        photos = [self.phash() for _ in range(rng.randint(1, 4))]
        suffix = str(rng.randint(10, 9999)) if rng.random() < 0.7 else rng.choice(["0", "1", "7", "88"])
        shared_devices = [self.device() for _ in range(rng.randint(1, 3))]
        vpn_cc = "US"
        facilitator = {"name": self.name(self.culture("US")) if rng.random() < 0.6 else self.name("cn"),
                       "cc": wchoice(rng, [("US", 40), ("CN", 25), ("HK", 15), ("AE", 5), ("SG", 5), ("RU", 5), ("GB", 5)])}
        fac_pay = {"method": wchoice(rng, [("payoneer", 35), ("bank", 25), ("crypto", 20), ("wise", 10), ("paypal", 10)])}
        fac_pay["account_ref"] = self.payout_ref(fac_pay["method"], facilitator["cc"])
        if fac_pay["method"] != "crypto":
            fac_pay["account_country"] = facilitator["cc"]
            fac_pay["holder_name"] = facilitator["name"]
        leak_homes = [self.net.home(base_loc, "res") for _ in range(2)]
        leak_homes = [h for h in leak_homes if h]
        agency = None
        if tactic == "fake_agency":
            agency = {"id": f"ag-{rng.getrandbits(32):08x}"}
        farm = rng.choice(farm_pool) if tactic == "laptop_farm" or (disc > 0.5 and rng.random() < 0.35) else None
        c = dict(id=cid, disc=disc, tactic=tactic, base_loc=base_loc, real_tz=real_tz, claim_mix=claim_mix, role=role, sk=sk, template=template,
                 proposal_tpl=proposal_tpl, photos=photos, suffix=suffix, shared_devices=shared_devices, facilitator=facilitator, fac_pay=fac_pay,
                 leak_homes=leak_homes, agency=agency, farm=farm, astrill=[self.net.ip(rng.choice(["US", "JP", "SG", "HK", "GB", "DE"]), "vpn") for _ in range(rng.randint(2, 8))])
        c["astrill"] = [x for x in c["astrill"] if x] or [self.net.ip("US", "host")]
        # cell operators start the personas over a few weeks/months; bought accounts are old
        c["start"] = EXPORT - timedelta(days=rng.uniform(20, 420))
        for _ in range(size):
            self.front(c)

    def front(self, c):
        rng = self.rng
        disc, tactic = c["disc"], c["tactic"]
        farm = c["farm"]
        if rng.random() < 0.25:   # operators mix techniques inside one cell
            tactic = wchoice(rng, [t for t in self.TACTICS if t[0] != "fake_agency"])
            if tactic == "laptop_farm" and not farm:
                farm = rng.choice(self.farms)
            if tactic == "compartmentalised":
                disc = max(disc, 0.85)
            if tactic == "vpn_only":
                disc = min(disc, 0.45)
        careful = lambda p=1.0: rng.random() < disc * p
        mix = c["claim_mix"]
        if mix == "us" or (mix == "mixed" and rng.random() < 0.5):
            cc = "US"
        elif mix == "west":
            cc = rng.choice(["CA", "GB", "US", "AU", "NL", "DE"])
        elif mix == "asia":
            cc = rng.choice(["JP", "SG", "MY", "VN", "JP", "HK", "TW"])
        else:
            cc = rng.choice(["UA", "PL", "RS", "RO", "GE", "UA"])
        if farm and farm["cc"] != cc and tactic == "laptop_farm":
            cc = farm["cc"]
        tz = self.tz_of(cc)
        cul = self.culture(cc)
        if cc in ("JP",) and rng.random() < 0.3:
            cul = "jp"
        name = self.name(cul)
        aid = self.new_id()
        # account creation
        if tactic == "aged_account" and rng.random() < 0.85:
            created = EXPORT - timedelta(days=rng.uniform(400, 2600))
            taken_over = c["start"] + timedelta(days=rng.uniform(0, 30))
        else:
            created = min(EXPORT - timedelta(hours=6), c["start"] + timedelta(days=rng.uniform(0, 120)))
            taken_over = created
        years = rng.randint(5, 11)
        rec = {"applicant_id": aid, "created_at": ts(created), "claimed_country": cc}
        rec["full_name"] = name
        # email: sloppy cells reuse a digit suffix
        if rng.random() > 0.05:
            if not careful(0.9) and rng.random() < 0.8:
                rec["email"] = self.email(name, "digits", c["suffix"])
            else:
                rec["email"] = self.email(name)
        # phone: VoIP / foreign / shared
        if rng.random() > 0.15:
            r = rng.random()
            if tactic == "rented_identity" or careful(0.8):
                p = self.ph.number(cc)
            elif r < 0.5:
                p = self.ph.number(cc, "VOIP") if (cc, "VOIP") in self.ph.ex else self.ph.number("US", "FIXED_LINE_OR_MOBILE")
            elif r < 0.7:
                c.setdefault("shared_phone", self.ph.number(rng.choice(["US", "CN", "HK"])))
                p = c["shared_phone"]
            elif r < 0.85:
                p = self.ph.number(rng.choice(["CN", "HK", "RU", "LA", "US"]))
            else:
                p = None
                rec["phone"] = "+1 " + "".join(rng.choice(string.digits) for _ in range(10))  # typo / made-up
            if p:
                rec["phone"] = self.ph.fmt(p, cc)
        if rng.random() > 0.08:
            rec["claimed_city"] = city_for(rng, cc, tz)
        if rng.random() > 0.15:
            rec["claimed_timezone"] = tz
        # resume: template reuse unless AI-polished / careful
        if rng.random() > 0.04:
            if tactic == "ai_content" or careful(0.7):
                rec["resume_text"] = self.resume(name, c["role"], years, cc, n_sent=rng.randint(5, 9))
            else:
                emps = rng.sample(EMPLOYERS, 3)
                sents = [s for s in c["template"]]
                # swap employers and numbers; paraphrase a share of sentences by discipline
                for j in range(len(sents)):
                    if rng.random() < 0.6 * disc:
                        sents[j] = self.fill(rng.choice(SENT), years, c["sk"], emps)
                    else:
                        for e in EMPLOYERS:
                            if e in sents[j]:
                                sents[j] = sents[j].replace(e, rng.choice(emps))
                hdr = f"{name} - Senior {ROLES[c['role']][0]}" if rng.random() < 0.5 else f"Senior {ROLES[c['role']][0]} | {', '.join(c['sk'][:3])}"
                rec["resume_text"] = hdr + " " + " ".join(sents)
        if rng.random() > 0.1:
            if tactic == "ai_content" or careful(0.8):
                rec["photo_phash"] = self.phash()
            else:
                rec["photo_phash"] = self.flip(rng.choice(c["photos"]), rng.randint(0, 5), rng)
        if rng.random() < 0.65:
            rec["github_url"] = f"https://github.com/{name.split()[0].lower()}{rng.choice(['', '-dev', str(rng.randint(1, 999)), 'codes', name.split()[-1].lower()])}"
        if rng.random() > 0.05:
            rec["hourly_rate_usd"] = round(rng.uniform(25, 75) if cc in ("US", "CA", "GB", "AU", "JP") else rng.uniform(18, 50))
        if rng.random() < 0.3:
            rec["shipping_country"] = (farm["cc"] if farm else cc) if careful(0.9) or rng.random() < 0.6 else rng.choice(["CN", "HK", "RU", "AE"])
        if c["agency"]:
            rec["agency_id"] = c["agency"]["id"]

        # ---- network plan
        own_proxy = []
        if tactic == "residential_proxy":
            own_proxy = [self.net.ip(cc, "res") for _ in range(rng.randint(3, 15))]
            own_proxy = [p for p in own_proxy if p]
        own_vpn = [x for x in (self.net.ip(cc, "vpn") for _ in range(rng.randint(1, 3))) if x] if cc in self.net.vpn else []
        if not careful(0.9):
            own_vpn = rng.sample(c["astrill"], min(len(c["astrill"]), rng.randint(1, 3)))
        leak_rate = max(0.0, 0.25 * (1 - disc) ** 1.5)
        early_leak = rng.random() < (1 - disc) * 0.6
        res_home = self.net.home(cc, "res") if tactic in ("rented_identity", "aged_account") and rng.random() < 0.5 else None
        old_owner = None
        if tactic == "aged_account":
            occ = wchoice(rng, [("US", 3), ("IN", 3), ("PK", 2), ("UA", 2), ("KE", 2), ("PH", 2), (cc, 3)])
            old_owner = (self.net.home(occ, "res"), self.tz_of(occ))

        def plan(i, when):
            if old_owner and when < taken_over and old_owner[0]:
                return self.net.from_home(old_owner[0])
            if c["leak_homes"] and (rng.random() < leak_rate or (early_leak and i < 3)):
                return self.net.from_home(rng.choice(c["leak_homes"]))
            if farm and (tactic == "laptop_farm" or rng.random() < 0.6):
                return self.net.from_home(rng.choice(farm["homes"]), 0.05)
            if own_proxy:
                return rng.choice(own_proxy) if rng.random() < 0.85 else rng.choice(own_vpn or c["astrill"])
            if res_home and rng.random() < 0.7:
                return self.net.from_home(res_home)
            if tactic == "compartmentalised" and rng.random() < 0.3 and own_vpn:
                return rng.choice(own_vpn)
            pool = own_vpn or c["astrill"]
            if rng.random() < 0.03 * (1 - disc):
                return self.net.tor_ip()
            return rng.choice(pool)

        # working hours: Korea/China-time days unless they shift to the client's day
        if tactic == "night_shift" or careful(0.5):
            z = ZoneInfo(tz)
            off_c = z.utcoffset(datetime(2026, 10, 1)).total_seconds() / 3600
            off_r = ZoneInfo(c["real_tz"]).utcoffset(datetime(2026, 10, 1)).total_seconds() / 3600
            hours = ((rng.gauss(9, 1.2) - off_c + off_r) % 24, rng.uniform(8, 12))
        else:
            hours = (rng.gauss(8.5, 1.0) % 24, rng.uniform(11, 15))
        dpw = 6 if rng.random() < 0.75 - 0.3 * disc else rng.choice([5, 6, 7])
        if farm and (tactic == "laptop_farm"):
            devices = [farm["laptops"].pop() if farm["laptops"] else self.device()]
        elif careful(1.0) or tactic == "compartmentalised":
            devices = [self.device()]
        else:
            devices = rng.sample(c["shared_devices"], rng.randint(1, len(c["shared_devices"]))) + ([self.device()] if rng.random() < 0.5 else [])

        def btz(i, when):
            if farm and tactic == "laptop_farm":
                return farm["tz"] if rng.random() < 0.9 else c["real_tz"]
            if careful(1.0):
                return tz
            return c["real_tz"] if rng.random() < 0.7 else tz

        if farm and tactic == "laptop_farm":
            ra = 0.85 * (1 - disc) + 0.02   # careful farms use PiKVM / hardware KVM: invisible to the browser
        else:
            ra = 0.25 * (1 - disc)
        ns = self.n_sessions("front")
        rec["sessions"] = self.sessions(created, ns, c["real_tz"], hours, dpw, rng.choice([3600, 5400, 7200, 10800]), plan, devices, btz, ra,
                                        long_days=True, opt_missing=self.platform_missing)
        # ---- payouts
        pays = []
        if rng.random() > 0.1:
            if tactic in ("rented_identity", "payout_layering") or careful(0.8):
                m = wchoice(rng, [("payoneer", 40), ("bank", 30), ("wise", 20), ("paypal", 10)])
                p = {"method": m, "account_ref": self.payout_ref(m, cc), "account_country": cc if rng.random() < 0.85 else "US"}
                p["holder_name"] = name if rng.random() < 0.85 else self.romanise(name)
                pays.append(p)
                if tactic == "payout_layering" and rng.random() < 0.6:
                    m2 = rng.choice(["crypto", "crypto", "wise", "payoneer"])
                    p2 = {"method": m2, "account_ref": self.payout_ref(m2, "US")}
                    if m2 != "crypto":
                        p2["account_country"] = rng.choice(["US", "HK", "SG", "GB"])
                        p2["holder_name"] = name
                    pays.append(p2)
            else:
                pays.append(dict(c["fac_pay"]))
                if rng.random() < 0.3:
                    m = rng.choice(["crypto", "payoneer", "paypal"])
                    p = {"method": m, "account_ref": self.payout_ref(m, c["facilitator"]["cc"])}
                    if m != "crypto":
                        p["account_country"] = c["facilitator"]["cc"]
                        p["holder_name"] = rng.choice([name, c["facilitator"]["name"]])
                    pays.append(p)
        rec["payouts"] = pays
        rec["proposals"] = self.proposals(created, c["role"], rng.choice([0, 1, 3, 5, 8, 12]), template=c["proposal_tpl"] if not careful() else None)
        rec["label"] = 1
        self.records.append(rec)
        self.truth.append((aid, 1, "front", tactic, c["id"], c["agency"]["id"] if c["agency"] else "", c["id"]))

    # ------------------------------------------------------------------ assembly
    def run(self):
        rng = self.rng
        n = self.args.n
        # which optional fields this platform export tends to leave empty (per world)
        self.platform_missing = {"device_id": rng.uniform(0.01, 0.12), "browser_timezone": rng.uniform(0.03, 0.3),
                                 "remote_access": rng.uniform(0.05, 0.4), "duration_s": rng.uniform(0.02, 0.2)}
        n_front = max(3, int(round(n * self.front_rate)))
        # laptop farms in the US (and a few elsewhere), each hosting several cells' laptops
        farms = []
        for _ in range(max(1, n_front // 25)):
            fcc = wchoice(rng, [("US", 85), ("CA", 5), ("GB", 5), ("PL", 5)])
            homes = [h for h in (self.net.home(fcc, "res") for _ in range(rng.randint(1, 3))) if h]
            farms.append({"cc": fcc, "homes": homes, "tz": self.tz_of(fcc), "laptops": [self.device() for _ in range(200)]})
        self.farms = farms
        made, cell_no = 0, 0
        while made < n_front:
            size = min(n_front - made, max(1, int(rng.paretovariate(1.3) * 3)), 30)
            self.cell(size, cell_no, farms)
            made += size
            cell_no += 1
        n_legit = n - n_front
        shares = {"privacy_vpn": 0.03, "traveller": 0.02, "asia_night_shift": 0.04, "agency_member": 0.06, "cn_kr_ru_consistent": 0.045,
                  "romanisation": 0.015, "voip_user": 0.02, "web3_crypto": 0.015, "shared_connection": 0.025}
        jit = {k: v * rng.uniform(0.7, 1.3) for k, v in shares.items()}
        count = {k: int(round(n_legit * v)) for k, v in jit.items()}
        n_regular = n_legit - sum(count.values())
        for _ in range(n_regular):
            self.legit("regular")
        for seg in ("privacy_vpn", "traveller", "romanisation", "voip_user", "web3_crypto"):
            for _ in range(count[seg]):
                self.legit(seg)
        for _ in range(count["asia_night_shift"]):
            self.legit("asia_night_shift", cc=wchoice(rng, [("PH", 30), ("IN", 25), ("VN", 8), ("ID", 6), ("PK", 12), ("BD", 6), ("LK", 3),
                                                              ("CN", 4), ("KR", 2), ("MY", 2), ("TH", 2)]))
        for _ in range(count["cn_kr_ru_consistent"]):
            self.legit("cn_kr_ru_consistent", cc=wchoice(rng, [("CN", 40), ("RU", 42), ("KR", 12), ("HK", 3), ("TW", 3)]))
        left = count["agency_member"]
        a_no = 0
        while left > 0:
            size = min(left, rng.randint(3, 25))
            acc = wchoice(rng, [("IN", 30), ("PK", 15), ("UA", 12), ("BD", 8), ("PH", 6), ("VN", 5), ("EG", 5), ("NG", 4), ("CN", 5), ("RU", 4), ("US", 3), ("PL", 3)])
            role = wchoice(rng, list(ROLE_W.items()))
            aname = rng.choice(["Code", "Pixel", "Soft", "Byte", "Nexa", "Bright", "Web", "App", "Cloud", "Smart"]) + rng.choice(["Labs", "Craft", "Minds", "Works", "Hive", "Solutions", "Studio", "Tech"])
            holder = f"{aname} {rng.choice(['Pvt Ltd', 'LLC', 'Ltd', 'Sp. z o.o.', 'FOP'])}"
            m = rng.choice(["bank", "payoneer", "payoneer", "wise"])
            ag = {"id": f"ag-{rng.getrandbits(32):08x}", "name": aname, "role": role, "office": self.net.home(acc, "res") or self.net.home("US", "res"),
                  "template": " ".join(self.fill(t, rng.randint(3, 9), rng.sample(ROLES[role][1], 3)) for t in rng.sample(SENT, 4)) if rng.random() < 0.7 else None,
                  "payout": {"method": m, "account_ref": self.payout_ref(m, acc), "account_country": acc, "holder_name": holder},
                  "devices": [self.device() for _ in range(rng.randint(1, 4))], "logo": self.phash(), "pitch": self.proposal(role)}
            for _ in range(size):
                self.legit("agency_member", cc=acc if rng.random() < 0.9 else None, agency=ag, group_id=ag["id"])
            left -= size
            a_no += 1
        left = count["shared_connection"]
        while left > 0:
            size = min(left, rng.choice([2, 2, 2, 3, 3, 4, 6]))
            hcc = wchoice(rng, [(c, v[0]) for c, v in COUNTRIES.items() if v[0] > 0])
            hh = {"home": self.net.home(hcc, "res") or self.net.home("US", "res"), "shared_device": self.device()}
            gid = f"hh-{rng.getrandbits(32):08x}"
            for _ in range(size):
                self.legit("shared_connection", cc=hcc, household=hh, group_id=gid)
            left -= size
        order = list(range(len(self.records)))
        rng.shuffle(order)
        return [self.records[i] for i in order], [self.truth[i] for i in order]


def validate(recs):
    ids = set()
    allowed = {"bank", "paypal", "payoneer", "wise", "crypto", "other"}
    for r in recs:
        assert r["applicant_id"] not in ids
        ids.add(r["applicant_id"])
        datetime.strptime(r["created_at"], "%Y-%m-%dT%H:%M:%SZ")
        assert len(r["claimed_country"]) == 2 and r["claimed_country"].isupper()
        if "claimed_timezone" in r:
            ZoneInfo(r["claimed_timezone"])
        if "photo_phash" in r:
            assert len(r["photo_phash"]) == 16
            int(r["photo_phash"], 16)
        for s in r["sessions"]:
            datetime.strptime(s["started_at"], "%Y-%m-%dT%H:%M:%SZ")
            ipaddress.ip_address(s["ip"])
            if "browser_timezone" in s:
                ZoneInfo(s["browser_timezone"])
        for p in r["payouts"]:
            assert p["method"] in allowed and p["account_ref"]
        for p in r["proposals"]:
            datetime.strptime(p["submitted_at"], "%Y-%m-%dT%H:%M:%SZ")
            assert p["text"]
        assert r["label"] in (0, 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--out", required=True)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data"))
    args = ap.parse_args()
    w = World(args)
    recs, truth = w.run()
    validate(recs)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)) or ".", exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    base = args.out
    for ext in (".gz", ".jsonl"):
        if base.endswith(ext):
            base = base[: -len(ext)]
    with open(base + ".truth.csv", "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["applicant_id", "label", "segment", "tactic", "cell_id", "agency_id", "group_id"])
        wr.writerows(truth)
    nf = sum(t[1] for t in truth)
    print(f"wrote {len(recs)} applicants ({nf} fronts, base rate {nf / len(recs):.4f}, world front_rate {w.front_rate:.4f}) "
          f"to {args.out} and {base}.truth.csv", file=sys.stderr)


if __name__ == "__main__":
    main()
