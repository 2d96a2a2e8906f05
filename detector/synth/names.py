"""Hand-written given and family names per naming culture, and romanisation variants.

Lists are deliberately broad (common and less common names) so that unrelated people rarely
share a full name, yet common names do repeat across a large population, as they do in reality.
"""

from __future__ import annotations

import random


def _w(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN: dict[str, tuple[str, ...]] = {
    "anglo": _w("James John Robert Michael William David Richard Joseph Thomas Christopher Daniel "
                "Matthew Anthony Mark Steven Andrew Joshua Kevin Brian Ryan Jacob Nicholas Tyler "
                "Brandon Justin Nathan Kyle Aaron Adam Ethan Logan Connor Dylan Mary Patricia "
                "Jennifer Linda Elizabeth Susan Jessica Sarah Karen Emily Ashley Megan Rachel "
                "Lauren Hannah Olivia Emma Chloe Samantha Amanda Melissa Rebecca Laura Grace "
                "Abigail Madison Natalie Victoria Sophie Claire Jack Harry Oliver George Charlie "
                "Amelia Isla Holly Liam Noah Lucas Owen Caleb Evan Ian Sean Derek Travis"),
    "hispanic": _w("José Juan Carlos Luis Miguel Jorge Alejandro Diego Andrés Javier Fernando "
                   "Ricardo Eduardo Sergio Pablo Mateo Santiago Sebastián Emiliano Rodrigo María "
                   "Guadalupe Fernanda Valentina Camila Sofía Daniela Gabriela Lucía Ana Paula "
                   "Mariana Isabella Ximena Carolina Florencia Agustina Martina Julieta Natalia"),
    "indian": _w("Rahul Amit Rohit Vikram Arjun Karan Suresh Ramesh Rajesh Anil Sandeep Vivek "
                 "Aditya Nikhil Pranav Siddharth Abhishek Manish Deepak Harish Gaurav Akash "
                 "Venkatesh Srinivas Pradeep Priya Ananya Pooja Neha Sneha Divya Kavya Shruti "
                 "Aishwarya Lakshmi Meera Swati Deepika Anjali Nisha Ritu Shreya Aarti Sunita "
                 "Kiran Yash Harsh Varun Tanvi Ishaan"),
    "pakistani": _w("Muhammad Ahmed Ali Hassan Usman Bilal Hamza Umar Zain Faisal Imran Kamran "
                    "Asad Saad Waqas Shahzad Adnan Fahad Junaid Talha Ayesha Fatima Zainab Maryam "
                    "Hira Sana Mahnoor Iqra Amna Rabia Sadia Noor Areeba Komal Maham"),
    "bangladeshi": _w("Mohammad Abdul Rahim Karim Tanvir Rakib Shakib Sabbir Mahmud Arif Nayeem "
                      "Riyad Fahim Imran Sajid Mehedi Shuvo Rasel Tahmid Nusrat Farzana Sumaiya "
                      "Tasnim Jannat Sharmin Nasrin Ruma Anika Tahmina Afsana"),
    "arabic": _w("Mohamed Ahmed Mahmoud Mostafa Omar Khaled Youssef Amr Tarek Hossam Karim Hany "
                 "Sherif Ibrahim Hassan Yassine Anas Hamza Walid Said Nour Mariam Salma Yasmin "
                 "Aya Heba Dina Rania Fatma Sara Nadia Laila Hana Amira Imane Khadija"),
    "ukrainian": _w("Oleksandr Andrii Dmytro Serhii Oleksii Volodymyr Mykola Taras Bohdan Yurii "
                    "Ivan Vasyl Maksym Artem Denys Vitalii Roman Ihor Pavlo Oleh Olena Iryna "
                    "Nataliia Tetiana Oksana Kateryna Yuliia Anastasiia Svitlana Mariia Viktoriia "
                    "Khrystyna Halyna Daryna Sofiia"),
    "russian": _w("Aleksandr Sergey Dmitry Andrey Alexey Maxim Ivan Mikhail Nikolai Vladimir "
                  "Pavel Evgeny Artem Denis Roman Kirill Igor Anton Yuri Oleg Elena Olga Natalia "
                  "Tatiana Anna Maria Ekaterina Irina Svetlana Yulia Anastasia Daria Ksenia "
                  "Polina Vera"),
    "polish": _w("Piotr Krzysztof Tomasz Paweł Michał Marcin Jakub Łukasz Kamil Mateusz Adam "
                 "Bartosz Grzegorz Wojciech Szymon Anna Katarzyna Magdalena Agnieszka Joanna "
                 "Aleksandra Monika Natalia Karolina Marta Zuzanna Justyna Ewa Dominika"),
    "romanian": _w("Andrei Alexandru Mihai Ionuț Cristian Adrian Florin Bogdan Răzvan Gabriel "
                   "Vlad Ștefan Radu Cătălin Ana Maria Elena Ioana Andreea Alexandra Cristina "
                   "Mihaela Diana Roxana Raluca Bianca Irina"),
    "german": _w("Lukas Jonas Leon Finn Maximilian Felix Paul Jan Tim Niklas Tobias Florian "
                 "Sebastian Stefan Markus Thomas Michael Anna Lena Laura Julia Lea Hannah Sophie "
                 "Katharina Sarah Johanna Marie Lisa Nina Franziska Sabine"),
    "french": _w("Lucas Hugo Louis Gabriel Arthur Jules Thomas Nicolas Julien Antoine Maxime "
                 "Alexandre Pierre Mathieu Romain Camille Léa Manon Chloé Emma Inès Sarah Julie "
                 "Marie Pauline Claire Élodie Mathilde Océane Margaux"),
    "spanish": _w("Alejandro Daniel Pablo David Javier Sergio Adrián Álvaro Carlos Jorge Raúl "
                  "Iván Rubén Marcos Hugo Lucía María Paula Laura Marta Sara Andrea Carmen Elena "
                  "Irene Cristina Alba Nerea Claudia"),
    "italian": _w("Marco Alessandro Andrea Luca Matteo Francesco Lorenzo Davide Simone Federico "
                  "Riccardo Giuseppe Stefano Giulia Francesca Chiara Sara Martina Valentina "
                  "Alessia Elisa Federica Silvia"),
    "dutch": _w("Daan Sem Lars Bram Thijs Ruben Jesse Niels Joris Pieter Sanne Lotte Femke "
                "Anouk Fleur Iris Lieke Eva Maud Noor"),
    "brazilian": _w("João Pedro Lucas Gabriel Matheus Rafael Gustavo Felipe Bruno Thiago Rodrigo "
                    "Vinícius Leonardo Guilherme Caio Ana Beatriz Juliana Mariana Larissa Camila "
                    "Fernanda Letícia Amanda Bruna Carolina Isabela Gabriela Vitória"),
    "filipino": _w("Jose Mark John Michael Jerome Christian Paolo Carlo Rafael Miguel Joshua "
                   "Kenneth Angelo Renz Ramon Bryan Maria Kristine Angelica Jasmine Patricia "
                   "Camille Nicole Princess Kathleen Joanna Mae Rhea Charmaine Trisha"),
    "nigerian": _w("Chinedu Emeka Oluwaseun Tunde Babatunde Adebayo Ifeanyi Chukwuemeka Segun "
                   "Ibrahim Musa Uche Kelechi Tobi Femi Olamide Damilola Ngozi Chioma Funmilayo "
                   "Aisha Blessing Adaeze Yetunde Folake Temitope Amaka Zainab Precious Ifeoma"),
    "kenyan": _w("Brian Kevin Dennis Collins Victor Evans Felix Kelvin Samuel Peter Joseph "
                 "Wanjiru Achieng Akinyi Njeri Wambui Faith Mercy Esther Cynthia Sharon Purity "
                 "Otieno Kiprono Mwangi"),
    "vietnamese": _w("Minh Anh Duc Hung Tuan Long Nam Hieu Quang Huy Thanh Phong Khoa Bao Dung "
                     "Linh Trang Huong Thao Mai Ngoc Lan Phuong Hoa Thu Vy Nhung Giang Yen Ha"),
    "indonesian": _w("Budi Agus Andi Rizky Dimas Fajar Hendra Arief Yoga Bayu Eko Wahyu Ilham "
                     "Siti Dewi Putri Ayu Rina Nurul Indah Fitri Ratna Sari Wulan Intan Maya"),
    "chinese": _w("Wei Jun Hao Lei Yang Jie Tao Bin Chao Peng Ming Qiang Hui Jian Feng Xin "
                  "Yong Zhiwei Haoran Zihan Yuxuan Junjie Jiahao Xiaoming Tianyu Yifan Zhen "
                  "Xiaoyu Jing Li Na Fang Min Yan Ying Xue Yue Lin Mei Ting Xiaohong Shuang "
                  "Yuting Jiayi Xinyi Ruoxi"),
    "korean": _w("Ji-hoon Min-jun Seo-jun Do-yun Ha-jun Jun-young Sung-min Hyun-woo Jae-won "
                 "Dong-hyun Tae-yang Woo-jin Sang-woo Kyung-ho Young-jae Seung-hyun Ji-woo "
                 "Seo-yeon Min-seo Ji-yeon Su-bin Ha-eun Ye-jin Eun-ji Hye-jin Soo-ah Da-eun "
                 "Yoo-na Mi-kyung Hye-won"),
    "japanese": _w("Haruto Yuto Sota Ren Hiroshi Takeshi Kenji Daiki Kazuki Shota Yusuke Ryo "
                   "Takumi Naoki Yui Aoi Sakura Hina Yuki Haruka Misaki Ayaka Nanami Mei Rin "
                   "Kaori Emi"),
    "turkish": _w("Mehmet Mustafa Ahmet Ali Emre Burak Can Mert Oğuz Serkan Murat Kerem Yusuf "
                  "Ayşe Fatma Zeynep Elif Emine Merve Büşra Esra Derya Selin Ebru"),
    "serbian": _w("Nikola Marko Stefan Aleksandar Luka Milan Nemanja Miloš Dušan Vuk Jovana "
                  "Milica Ana Jelena Marija Teodora Ivana Katarina Dragana"),
    "srilankan": _w("Kasun Nuwan Chamara Dilshan Tharindu Lahiru Sandun Pradeep Ruwan Isuru "
                    "Nadeesha Dilini Sachini Chathurika Hasini Nethmi Ishara Madushani"),
    "nepali": _w("Bikash Suman Roshan Sandesh Prakash Anil Binod Sujan Nabin Rajan Sabina "
                 "Sarita Anjali Pooja Srijana Sunita Gita Asmita"),
    "southafrican": _w("Thabo Sipho Themba Lwazi Bongani Kagiso Tshepo Mandla Sizwe Johan Pieter "
                       "Nomvula Lerato Zanele Thandiwe Naledi Palesa Annika Lindiwe"),
    "thai": _w("Somchai Anan Chaiya Kittisak Nattapong Prasert Wichai Thanakorn Siriporn "
               "Ploy Nattaya Kanokwan Pimchanok Suda Malee Rattana"),
}

FAMILY: dict[str, tuple[str, ...]] = {
    "anglo": _w("Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas "
                "Moore Martin Jackson Thompson White Harris Clark Lewis Robinson Walker Young "
                "Allen King Wright Scott Hill Green Adams Baker Nelson Carter Mitchell Roberts "
                "Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy Cook "
                "Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson "
                "Wood Watson Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster "
                "Powell Jenkins Perry Russell Sullivan Fisher Henderson Hayes Graham Wallace"),
    "hispanic": _w("García Rodríguez Martínez Hernández López González Pérez Sánchez Ramírez "
                   "Torres Flores Rivera Gómez Díaz Cruz Morales Reyes Gutiérrez Ortiz Ramos "
                   "Castillo Jiménez Vargas Romero Herrera Medina Aguilar Mendoza Ruiz Álvarez "
                   "Castro Fernández Silva Rojas Navarro Domínguez Vega Guerrero"),
    "indian": _w("Sharma Verma Gupta Singh Kumar Patel Shah Mehta Reddy Rao Iyer Nair Menon "
                 "Pillai Joshi Desai Kulkarni Chatterjee Banerjee Mukherjee Das Bose Agarwal "
                 "Jain Malhotra Kapoor Chopra Bhatia Saxena Mishra Pandey Tiwari Yadav Naidu "
                 "Krishnan Subramanian Gowda Hegde Shetty Chauhan Thakur"),
    "pakistani": _w("Khan Ahmed Ali Hussain Malik Iqbal Butt Chaudhry Qureshi Sheikh Raza Shah "
                    "Akhtar Javed Aslam Mirza Abbasi Siddiqui Rana Baig Awan Mughal Hashmi Zafar"),
    "bangladeshi": _w("Rahman Hossain Islam Ahmed Khan Chowdhury Uddin Alam Miah Sarkar Haque "
                      "Akter Begum Talukder Mondal Karim Kabir Biswas Das Roy"),
    "arabic": _w("Hassan Ali Ibrahim Mahmoud Mohamed Abdelrahman Mostafa Saleh Fathy Youssef "
                 "Elsayed Abdallah Khalil Nasser Farouk Soliman Gamal Hamdy Ramadan Shawky "
                 "Mansour Haddad Benali Alaoui Bennani Idrissi Tazi El-Sayed"),
    "ukrainian": _w("Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Oliinyk Shevchuk "
                    "Koval Polishchuk Boiko Melnyk Tkachuk Marchenko Lysenko Rudenko Savchenko "
                    "Petrenko Moroz Kovalchuk Pavlenko Romaniuk Hnatiuk Ivanenko Levchenko "
                    "Zinchenko Klymenko Yaremchuk"),
    "russian": _w("Ivanov Smirnov Kuznetsov Popov Vasiliev Petrov Sokolov Mikhailov Novikov "
                  "Fedorov Morozov Volkov Alekseev Lebedev Semenov Egorov Pavlov Kozlov Stepanov "
                  "Nikolaev Orlov Andreev Makarov Zaitsev Solovyov Borisov Romanov Vinogradov "
                  "Belov Titov Gusev Kiselev Medvedev Sorokin"),
    "polish": _w("Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
                 "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Kwiatkowski Krawczyk "
                 "Piotrowski Grabowski Nowakowski Pawłowski Michalski Zając Król Wieczorek"),
    "romanian": _w("Popescu Ionescu Popa Pop Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu "
                   "Rusu Munteanu Constantin Moldovan Lazăr Marin Tudor Dinu Florea Barbu Preda"),
    "german": _w("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann "
                 "Schäfer Koch Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann "
                 "Braun Krüger Hofmann Hartmann Lange Schmitt Werner Krause Lehmann"),
    "french": _w("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
                 "Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel "
                 "Girard André Mercier Dupont Lambert Bonnet François Fontaine"),
    "spanish": _w("García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez "
                  "Martín Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Alonso "
                  "Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Serrano Blanco"),
    "italian": _w("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco "
                  "Bruno Gallo Conti De_Luca Costa Giordano Mancini Rizzo Lombardi Moretti "
                  "Barbieri Fontana Santoro"),
    "dutch": _w("de_Jong Jansen de_Vries van_den_Berg van_Dijk Bakker Janssen Visser Smit "
                "Meijer de_Boer Mulder de_Groot Bos Vos Peters Hendriks van_Leeuwen Dekker"),
    "brazilian": _w("Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes "
                    "Costa Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa "
                    "Rocha Dias Nascimento Andrade Moreira Nunes Marques Mendes Araújo Cardoso"),
    "filipino": _w("Santos Reyes Cruz Bautista Ocampo Garcia Mendoza Torres Tomas Andrada "
                   "Castillo Flores Villanueva Ramos Castro Rivera Aquino Navarro Salazar "
                   "Mercado dela_Cruz Domingo Gonzales Dizon Manalo Pascual"),
    "nigerian": _w("Okafor Okonkwo Adeyemi Balogun Ogunleye Eze Nwosu Adebayo Olawale Okeke "
                   "Ibrahim Abubakar Bello Chukwu Obi Afolabi Ogunbiyi Nnamdi Oyelaran Akande "
                   "Uzoma Onyeka Adewale Lawal Danjuma"),
    "kenyan": _w("Otieno Odhiambo Ochieng Mwangi Kamau Kariuki Njoroge Wanjiku Kiprop Cheruiyot "
                 "Kipchumba Mutua Musyoka Wambua Onyango Owino Omondi Kimani Macharia Nyambura"),
    "vietnamese": _w("Nguyen Tran Le Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ho Ngo Duong Ly"),
    "indonesian": _w("Santoso Wijaya Saputra Pratama Hidayat Kusuma Setiawan Nugroho Wibowo "
                     "Susanto Halim Gunawan Lestari Rahmawati Putra Permana Hakim Sihombing"),
    "chinese": _w("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao "
                  "Lin Luo Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong"),
    "korean": _w("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn "
                 "Song Jeon Hong Yoo Ko Moon Yang Son Bae Baek Heo Nam"),
    "japanese": _w("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
                   "Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori"),
    "turkish": _w("Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan "
                  "Doğan Kılıç Aslan Çetin Kara Koç Kurt Özkan Şimşek"),
    "serbian": _w("Jovanović Petrović Nikolić Marković Đorđević Stojanović Ilić Stanković "
                  "Pavlović Milošević Popović Todorović Kostić Ristić"),
    "srilankan": _w("Perera Fernando Silva Jayasinghe Bandara Wickramasinghe Gunawardena "
                    "Dissanayake Rajapaksa Herath Kumara Wijesinghe Ranasinghe"),
    "nepali": _w("Shrestha Sharma Adhikari Thapa Gurung Tamang Rai Magar Karki Khadka Poudel "
                 "Bhandari Maharjan Basnet"),
    "southafrican": _w("Nkosi Dlamini Ndlovu Khumalo Mokoena Mahlangu Botha van_der_Merwe "
                       "Pretorius Naidoo Mthembu Zulu Molefe Venter Mabaso"),
    "thai": _w("Saetang Srisuk Wongsakul Chaiyaporn Boonmee Thongchai Rattanakorn Kaewmanee "
               "Sukprasert Phromma"),
}

# Cultures whose names are often written family name first.
FAMILY_FIRST = frozenset({"chinese", "korean", "vietnamese", "japanese"})

# Romanisation and transliteration variants (each row: spellings of one name).
_VARIANT_ROWS = (
    "Park Bak Pak", "Lee Yi Rhee I", "Choi Choe Choy", "Kim Gim", "Jung Jeong Chung Joung",
    "Kang Gang", "Cho Jo Joe", "Yoon Yun", "Shin Sin Shinn", "Lim Im Rim", "Oh O", "Kwon Gwon",
    "Ahn An", "Song Soung", "Jang Chang", "Hwang Whang", "Bae Pae", "Baek Paik Paek",
    "Zhang Chang Cheung", "Chen Chan Chin", "Liu Lau Lao", "Huang Wong Hwang", "Zhou Chow Chou",
    "Wu Ng Woo", "Xu Hsu Tsui", "Li Lee Lei", "Zhao Chiu Chao", "Lin Lam", "Guo Kwok Kuo",
    "Zheng Cheng Tay", "Xie Tse Hsieh", "Nguyen Nguyễn Ng", "Tran Trần", "Le Lê", "Pham Phạm",
    "Aleksandr Alexander Oleksandr Alexandr", "Sergey Sergei Serhii Serhiy", "Dmitry Dmitriy Dmytro Dmitrii",
    "Andrey Andrei Andrii Andriy", "Alexey Aleksei Oleksii Alexei", "Yuri Yuriy Yurii Iurii",
    "Evgeny Yevgeniy Yevhen Evgenii", "Maxim Maksim Maksym", "Mikhail Mykhailo Michael",
    "Nikolai Nikolay Mykola", "Vladimir Volodymyr Wladimir", "Natalia Nataliia Natalya",
    "Tatiana Tetiana Tatyana", "Yulia Yuliia Julia Iuliia", "Olga Olha", "Ekaterina Kateryna Yekaterina",
    "Irina Iryna", "Elena Olena Yelena", "Anastasia Anastasiia", "Maria Mariia Mariya",
    "Ivanov Ivanoff", "Smirnov Smirnoff", "Kuznetsov Kuznetsoff", "Volkov Volkoff",
    "Mohamed Mohammed Muhammad Mohammad Mohamad", "Ahmed Ahmad Ahmet", "Mahmoud Mahmud",
    "Mostafa Mustafa Moustafa", "Youssef Yousef Yusuf Joseph", "Hussain Hussein Hosein Husain",
    "Abdelrahman Abdul-Rahman Abdulrahman", "Khaled Khalid", "Omar Umar", "Hamza Hamzah",
    "Chowdhury Choudhury Chaudhry", "Rahman Rehman", "Hossain Hosain Hussain",
    "Shevchenko Shevtchenko Schewtschenko", "Kovalenko Kowalenko", "Boiko Boyko",
)
NAME_VARIANTS: dict[str, tuple[str, ...]] = {}
for _row in _VARIANT_ROWS:
    _names = tuple(_row.split())
    for _n in _names:
        NAME_VARIANTS.setdefault(_n, tuple(x for x in _names if x != _n))


def display(part: str) -> str:
    """Name parts use ``_`` for inner spaces (``van_den_Berg``)."""
    return part.replace("_", " ")


def draw_name(rng: random.Random, culture: str, family: str | None = None) -> tuple[str, str]:
    """A (given, family) pair of one culture; a fixed family name for relatives."""
    given = rng.choice(GIVEN[culture])
    if culture in ("hispanic", "brazilian", "spanish") and rng.random() < 0.25:
        given = f"{given} {rng.choice(GIVEN[culture])}" if rng.random() < 0.5 else given
    fam = family or rng.choice(FAMILY[culture])
    if culture in ("hispanic", "spanish", "brazilian") and family is None and rng.random() < 0.3:
        fam = f"{fam} {rng.choice(FAMILY[culture])}"
    return given, display(fam)


def full_name(rng: random.Random, given: str, family: str, culture: str) -> str:
    """How the person writes their name on a profile."""
    if culture in FAMILY_FIRST and rng.random() < 0.3:
        return f"{family} {given}"
    if culture == "anglo" and rng.random() < 0.06:
        return f"{given} {rng.choice('ABCDEFGHJKLMNPRSTW')}. {family}"
    return f"{given} {family}"


def _respell(rng: random.Random, word: str) -> str:
    options = NAME_VARIANTS.get(word)
    if options:
        return rng.choice(options)
    if "-" in word:  # Korean given names: Ji-hoon / Jihoon / Ji Hoon
        a, b = word.split("-", 1)
        return rng.choice([a + b.lower(), f"{a} {b.capitalize()}", f"{a}-{b.capitalize()}"])
    return word


def romanisation_variant(rng: random.Random, given: str, family: str, culture: str) -> str:
    """Another plausible rendering of the same person's name (bank records, documents)."""
    for _ in range(4):
        g = " ".join(_respell(rng, w) if rng.random() < 0.7 else w for w in given.split())
        f = " ".join(_respell(rng, w) if rng.random() < 0.7 else w for w in family.split())
        if " " in f and rng.random() < 0.5:  # drop one of two family names
            f = f.split()[-1] if rng.random() < 0.5 else f.split()[0]
        if " " in g and rng.random() < 0.5:
            g = g.split()[0]
        order_swap = rng.random() < (0.6 if culture in FAMILY_FIRST else 0.25)
        name = f"{f} {g}" if order_swap else f"{g} {f}"
        if rng.random() < 0.3:
            name = name.upper()
        if name.lower() != f"{given} {family}".lower():
            return name
    return f"{family.upper()} {given}"


def holder_rendering(rng: random.Random, given: str, family: str, profile_name: str) -> str:
    """The name a bank or wallet provider shows for the profile owner: mostly the same."""
    r = rng.random()
    if r < 0.72:
        return profile_name
    if r < 0.84:
        return profile_name.upper()
    if r < 0.9:
        return f"{given.split()[0]} {family}"
    if r < 0.95:
        return f"{family.upper()} {given.upper()}"
    return f"{given[0]}. {family}"


COMPANY_STEMS = _w("Apex Nova Blue Bright North Silver Peak Vertex Harbor Quantum Pixel Cloud "
                   "Summit Orbit Cedar Falcon Lumen Atlas Zenith Iron Maple Coral Delta Echo "
                   "Vector Nimbus Sparrow Granite Willow Redwood Pioneer Horizon Beacon Cobalt")
COMPANY_SUFFIXES = ("Labs", "Soft", "Digital", "Systems", "Technologies", "Solutions", "Studio",
                    "Works", "Tech", "IT", "Apps", "Consulting", "Data", "Interactive", "Dev")
LEGAL_FORMS = {
    "US": ("LLC", "Inc."), "GB": ("Ltd",), "IN": ("Pvt Ltd", "LLP"), "PK": ("(Pvt) Ltd",),
    "CN": ("Co., Ltd.", "Trading Co., Ltd."), "HK": ("Limited", "Trading Limited"),
    "UA": ("LLC", "TOV"), "DE": ("GmbH",), "PL": ("Sp. z o.o.",), "RO": ("SRL",),
}


def company_name(rng: random.Random, country: str | None = None) -> str:
    base = f"{rng.choice(COMPANY_STEMS)}{rng.choice(['', ' '])}{rng.choice(COMPANY_SUFFIXES)}"
    forms = LEGAL_FORMS.get(country or "", ("LLC", "Ltd", "Inc."))
    return f"{base} {rng.choice(forms)}" if rng.random() < 0.8 else base


def culture_for(rng: random.Random, cultures: tuple[tuple[str, float], ...]) -> str:
    names, weights = zip(*cultures, strict=True)
    return rng.choices(names, weights)[0]
