"""Resume and proposal texts written from many interchangeable sentences.

Independent people draw their own sentences, so two unrelated profiles share only the odd
stock phrase. A cell or an agency writes one template and reuses it with names and employers
swapped, optionally re-wording part of it (the "AI-polished" evasion) so reuse is partial.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from detector.synth.names import company_name

ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "fullstack": (("Full-Stack Developer", "Full Stack Engineer", "Senior Full-Stack Developer",
                   "Full-Stack Web Developer"),
                  ("React", "Node.js", "TypeScript", "Next.js", "Express", "PostgreSQL", "MongoDB",
                   "AWS", "Docker", "GraphQL", "Vue.js", "Tailwind CSS", "Redis"), True),
    "frontend": (("Frontend Developer", "React Developer", "Front-End Engineer", "UI Developer"),
                 ("React", "Vue.js", "Angular", "TypeScript", "JavaScript", "HTML5", "CSS3",
                  "Redux", "Next.js", "Figma", "Jest", "Webpack", "Svelte"), True),
    "backend": (("Backend Engineer", "Python Developer", "Backend Developer", "Django Developer",
                 "Go Developer"),
                ("Python", "Django", "FastAPI", "Flask", "Go", "PostgreSQL", "MySQL", "Redis",
                 "Celery", "Kafka", "REST APIs", "microservices", "Kubernetes"), True),
    "mobile": (("Mobile App Developer", "Flutter Developer", "iOS Developer", "Android Developer",
                "React Native Developer"),
               ("Flutter", "Dart", "Swift", "SwiftUI", "Kotlin", "Jetpack Compose", "React Native",
                "Firebase", "Xcode", "App Store deployment", "REST APIs", "Expo"), True),
    "blockchain": (("Blockchain Developer", "Smart Contract Engineer", "Web3 Developer",
                    "Solidity Developer"),
                   ("Solidity", "Ethereum", "Hardhat", "Foundry", "Web3.js", "ethers.js", "Rust",
                    "Solana", "DeFi", "NFT", "smart contract audits", "TypeScript", "The Graph"), True),
    "devops": (("DevOps Engineer", "Cloud Engineer", "Site Reliability Engineer",
                "AWS Solutions Architect"),
               ("AWS", "Azure", "GCP", "Terraform", "Kubernetes", "Docker", "CI/CD",
                "GitHub Actions", "Jenkins", "Ansible", "Linux", "Prometheus", "Helm"), True),
    "data": (("Data Engineer", "Data Scientist", "Machine Learning Engineer", "Data Analyst"),
             ("Python", "SQL", "pandas", "Spark", "Airflow", "dbt", "Snowflake", "TensorFlow",
              "PyTorch", "scikit-learn", "Power BI", "Tableau", "BigQuery"), True),
    "web_cms": (("WordPress Developer", "Shopify Developer", "PHP Developer", "Laravel Developer",
                 "Webflow Developer"),
                ("WordPress", "WooCommerce", "PHP", "Laravel", "Shopify", "Liquid", "Elementor",
                 "MySQL", "jQuery", "Webflow", "SEO", "custom themes", "plugins"), True),
    "java_net": ((".NET Developer", "Java Developer", "C# Developer", "Spring Boot Developer"),
                 ("Java", "Spring Boot", "C#", ".NET Core", "ASP.NET", "SQL Server", "Hibernate",
                  "Azure", "microservices", "Entity Framework", "Maven", "JUnit"), True),
    "game": (("Unity Developer", "Game Developer", "Unreal Engine Developer"),
             ("Unity", "C#", "Unreal Engine", "C++", "Blender", "multiplayer", "Photon",
              "shaders", "mobile games", "AR/VR"), True),
    "qa": (("QA Automation Engineer", "Software Tester", "QA Engineer"),
           ("Selenium", "Cypress", "Playwright", "Postman", "JIRA", "test plans", "Appium",
            "API testing", "regression testing", "Jest", "TestRail"), True),
    "design": (("UI/UX Designer", "Graphic Designer", "Product Designer", "Brand Designer"),
               ("Figma", "Adobe XD", "Photoshop", "Illustrator", "wireframes", "prototyping",
                "design systems", "branding", "user research", "Canva", "InDesign"), False),
    "writing": (("Content Writer", "Copywriter", "Technical Writer", "SEO Content Writer"),
                ("blog posts", "SEO", "copywriting", "technical documentation", "WordPress",
                 "editing", "proofreading", "email campaigns", "research", "ghostwriting"), False),
    "assistant": (("Virtual Assistant", "Executive Assistant", "Customer Support Specialist"),
                  ("email management", "calendar management", "data entry", "Google Workspace",
                   "CRM", "Zendesk", "customer service", "research", "Excel", "scheduling"), False),
    "marketing": (("Digital Marketing Specialist", "SEO Specialist", "Social Media Manager"),
                  ("Google Ads", "Facebook Ads", "SEO", "Google Analytics", "content strategy",
                   "email marketing", "Mailchimp", "HubSpot", "social media"), False),
    "video": (("Video Editor", "Motion Designer", "Animator"),
              ("Premiere Pro", "After Effects", "DaVinci Resolve", "motion graphics",
               "YouTube", "color grading", "2D animation", "Final Cut Pro"), False),
    "finance": (("Bookkeeper", "Accountant", "Financial Analyst"),
                ("QuickBooks", "Xero", "Excel", "financial modeling", "bookkeeping",
                 "payroll", "reconciliation", "tax preparation"), False),
}
DEV_ROLES = tuple(k for k, v in ROLES.items() if v[2])
ALL_ROLES = tuple(ROLES)

HEADLINES = (
    "{title} with {years}+ years of experience",
    "{adj} {title} | {s1}, {s2}, {s3}",
    "{title} — {s1} / {s2} / {s3}",
    "{adj} {title} specialising in {s1} and {s2}",
    "{title} | {years} years | {s1} & {s2}",
    "Hi, I'm {first}, a {title_l} based in {city}",
    "{title} focused on {s1}, {s2} and clean, maintainable work",
    "{adj} {title} ({s1}, {s2})",
    "I am {first}, {article} {title_l} with {years} years in the industry",
)
ADJECTIVES = ("Senior", "Experienced", "Results-driven", "Detail-oriented", "Certified",
              "Passionate", "Reliable", "Top Rated", "Creative", "Lead", "Professional")
SUMMARY = (
    "I have spent the last {years} years building {things} for startups and established companies.",
    "My core stack is {s1}, {s2} and {s3}, and I am comfortable picking up new tools quickly.",
    "I care about clear communication, realistic estimates and delivering on time.",
    "Clients describe me as responsive, thorough and easy to work with.",
    "I enjoy turning vague requirements into working software that people actually use.",
    "Most of my recent work has been with {s1} and {s2}.",
    "I have delivered more than {projects} projects for clients in {regions}.",
    "Before freelancing I worked in-house at {company} as part of a {team}-person team.",
    "I write tests, document my work and leave code better than I found it.",
    "I like long-term collaborations and many of my clients have worked with me for years.",
    "My background is in {field}, which helps me understand the business side of a project.",
    "I am used to working across time zones and overlapping with my clients' working hours.",
    "I can take a project from the first sketch to production and maintenance.",
    "I recently finished a {s1} project for {a_industry} company and I am looking for the next one.",
    "Quality matters to me more than speed, but I do not miss deadlines.",
    "I hold a degree in {field} and keep learning through courses and side projects.",
    "I speak {language} and fluent English.",
    "Fast learner, team player and self-motivated professional.",
    "I have experience with both small MVPs and large production systems serving thousands of users.",
    "I am comfortable working alone or as part of a distributed team using Slack, Jira and GitHub.",
    "Over the years I have worked with clients in {industry}, {industry2} and e-commerce.",
    "I focus on {s2} and performance, and I always explain my decisions.",
    "I started my career as a {junior} and grew into {article} {title_l}.",
    "My goal is simple: make your project a success and build a lasting relationship.",
    "I am available for both hourly and fixed-price contracts.",
    "I have a strong eye for detail and a habit of asking the right questions early.",
)
ACHIEVEMENTS = (
    "built and maintained {s1} applications used by thousands of customers",
    "led the migration of a legacy system to {s2}, cutting costs by {pct}%",
    "improved page load times by {pct}% through caching and code splitting",
    "designed the data model and APIs for {a_industry} platform",
    "mentored {team} junior colleagues and introduced code review practices",
    "delivered {projects} client projects on time and within budget",
    "set up CI/CD pipelines and automated testing with {s3}",
    "integrated payment gateways such as Stripe and PayPal",
    "created dashboards and reports for management using {s2}",
    "worked directly with clients to gather requirements and plan sprints",
    "reduced support tickets by {pct}% by fixing long-standing bugs",
    "shipped {projects} releases of {a_industry} product",
    "owned the {s1} part of the product from design to deployment",
    "wrote documentation and onboarding guides for the team",
)
CLOSINGS = (
    "Feel free to message me to discuss your project.",
    "Let's talk about how I can help you.",
    "Looking forward to working with you!",
    "Thanks for reading, and I hope to hear from you soon.",
    "I am available to start immediately.",
    "Send me a message and I will reply within a few hours.",
    "",
    "",
)
INDUSTRIES = ("fintech", "healthcare", "e-commerce", "logistics", "real estate", "education",
              "travel", "media", "gaming", "insurance", "SaaS", "retail", "crypto", "marketing")
FIELDS = ("Computer Science", "Software Engineering", "Information Technology", "Mathematics",
          "Electrical Engineering", "Business Administration", "Physics", "Graphic Design",
          "Economics", "Communications", "Statistics")
DEGREES = ("BSc", "BS", "Bachelor's degree", "MSc", "Master's degree", "B.Tech", "BA")
LANGUAGES = {"IN": "Hindi", "PK": "Urdu", "UA": "Ukrainian",
             "PH": "Filipino", "NG": "Yoruba", "BD": "Bengali", "DE": "German", "BR": "Portuguese",
             "EG": "Arabic", "RO": "Romanian", "PL": "Polish", "KE": "Swahili",
             "VN": "Vietnamese", "ES": "Spanish", "AR": "Spanish", "MX": "Spanish",
             "ID": "Indonesian", "FR": "French", "CN": "Mandarin", "KR": "Korean",
             "RU": "Russian", "JP": "Japanese", "TR": "Turkish", "IT": "Italian", "NL": "Dutch"}
REGIONS = ("the US and Europe", "North America", "the UK, US and Australia", "over 20 countries",
           "Europe and the Middle East", "the US, Canada and the UK")

GREETINGS = ("Hi,", "Hello,", "Hi there,", "Dear Hiring Manager,", "Hello! ", "Hi {client},",
             "Good day,", "Hey,", "Greetings,")
HOOKS = (
    "I read your job post carefully and I am confident I can deliver exactly what you need.",
    "Your project caught my attention because I built something very similar last month.",
    "I have {years} years of experience with {s1} and this looks like a great fit.",
    "I would love to help you with this {s1} project.",
    "I understand you need {need}, and this is exactly my area of expertise.",
    "This is the kind of work I enjoy most and do best.",
    "I am a {title_l} and I can start on your project today.",
    "After reading your description I already have a clear idea of how to approach it.",
)
EXPERIENCES = (
    "Recently I completed a {s1} project for {a_industry} client that had very similar requirements.",
    "I have delivered {projects}+ projects with {s1} and {s2}, some of which I can show you.",
    "You can see examples of my work in my portfolio.",
    "I have worked on {industry} products where reliability and security were critical.",
    "My last client was {a_industry} startup where I handled everything from {s1} to deployment.",
    "I am very comfortable with {s2} and {s3}, which your project needs.",
)
APPROACHES = (
    "I would start by reviewing the current state, then propose a short plan with milestones.",
    "My plan: clarify requirements, build a first version quickly, then iterate on your feedback.",
    "I will keep you updated daily and share progress so there are no surprises.",
    "I suggest we start with a short call to agree on scope and priorities.",
    "I can split the work into small milestones so you can review each step.",
    "I usually deliver a working prototype within the first few days.",
)
AVAILABILITY = (
    "I am available {hours} hours per week and can overlap with your working hours.",
    "I am flexible with time zones and can work during your business hours.",
    "I can start immediately and dedicate full time to this project.",
    "I work {hours} hours a week and usually reply within an hour.",
    "",
    "",
)
SIGNOFFS = ("Best regards,\n{name}", "Thanks,\n{first}", "Kind regards,\n{name}", "Regards,\n{first}",
            "Best,\n{first}", "Cheers,\n{first}", "{name}", "Thank you,\n{name}")
NEEDS = ("a reliable developer", "a long-term partner", "someone to fix and extend an existing app",
         "a fast turnaround", "a clean redesign", "an MVP in a few weeks")


@dataclass
class Writer:
    """The fixed facts and habits a text is written from."""

    first: str
    name: str
    role: str
    years: int
    city: str
    country: str
    companies: list[str]
    title: str = ""


class _Values(dict):
    """Placeholder values, drawn only when a sentence asks for them."""

    def __init__(self, rng: random.Random, w: Writer, skills: list[str]) -> None:
        super().__init__()
        self.rng, self.w, self.skills = rng, w, skills

    def __missing__(self, key: str) -> object:
        rng, w = self.rng, self.w
        title = w.title or ROLES[w.role][0][0]
        if key == "title":
            return title
        if key == "title_l":
            return title if title[:2].isupper() else title[0].lower() + title[1:]
        if key == "article":
            return "an" if title[0] in "AEIOU" else "a"
        if key in ("s1", "s2", "s3"):
            return self.skills[int(key[1]) - 1]
        if key in ("first", "name", "city", "years"):
            return getattr(w, key)
        if key == "company":
            return w.companies[0] if w.companies else "a startup"
        if key == "a_industry":
            ind = rng.choice(INDUSTRIES)
            return ("an " if ind[0] in "aeiou" else "a ") + ind
        if key == "language":
            return LANGUAGES.get(w.country) or rng.choice(("Spanish", "French", "German"))
        return rng.choice(_CHOICES[key])


_CHOICES: dict[str, tuple] = {
    "adj": ADJECTIVES, "things": ("web applications", "products", "tools", "systems", "apps"),
    "projects": (12, 20, 25, 30, 40, 50, 60, 80, 100, 150), "regions": REGIONS,
    "team": (3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 40), "field": FIELDS, "industry": INDUSTRIES,
    "industry2": INDUSTRIES, "junior": ("junior developer", "intern", "support engineer", "trainee"),
    "pct": (15, 20, 25, 30, 35, 40, 50, 60), "hours": (20, 30, 40, 50), "client": ("there", "team"),
    "need": NEEDS,
}


def _fill(rng: random.Random, sentence: str, w: Writer, skills: list[str]) -> str:
    return sentence.format_map(_Values(rng, w, skills)) if "{" in sentence else sentence


def _skills(rng: random.Random, role: str) -> list[str]:
    pool = ROLES[role][1]
    return rng.sample(pool, min(len(pool), rng.randint(5, 9)))


def resume(rng: random.Random, w: Writer) -> str:
    """A new resume in this writer's own words."""
    skills = _skills(rng, w.role)
    head = _fill(rng, rng.choice(HEADLINES), w, skills)
    parts = [_fill(rng, s, w, skills) for s in rng.sample(SUMMARY, rng.randint(3, 7))]
    if rng.random() < 0.85:
        parts.append(rng.choice(("Skills:", "Core skills:", "Tech stack:", "Tools:", "Expertise:"))
                     + " " + ", ".join(skills) + ".")
    for i, company in enumerate(w.companies):
        title = w.title if i == 0 and w.title else rng.choice(ROLES[w.role][0])
        span = f"{2025 - 2 * i - rng.randint(1, 3)}-{'present' if i == 0 else 2025 - 2 * i}"
        parts.append(f"{title}, {company} ({span}): "
                     + "; ".join(_fill(rng, a, w, skills) for a in rng.sample(ACHIEVEMENTS, 2)) + ".")
    if rng.random() < 0.6:
        parts.append(f"Education: {rng.choice(DEGREES)} in {rng.choice(FIELDS)}.")
    parts.append(rng.choice(CLOSINGS))
    return head + rng.choice(("\n", "\n\n", ". ")) + " ".join(p for p in parts if p)


@dataclass
class Template:
    """A resume skeleton reused across profiles: placeholders for names and employers."""

    sentences: list[str]
    role: str


def resume_template(rng: random.Random, role: str, years: int) -> Template:
    """One resume written with placeholders, to be filled per persona or agency member."""
    w = Writer("{first}", "{name}", role, years, "{city}", "US", ["{company0}", "{company1}"])
    text = resume(rng, w)
    return Template(text.split(". "), role)


def render_template(rng: random.Random, t: Template, w: Writer, rewrite: float) -> str:
    """Fill a template for one profile, rewording about ``rewrite`` of its sentences."""
    out = []
    skills = _skills(rng, t.role)
    for s in t.sentences:
        if rng.random() < rewrite:
            s = _fill(rng, rng.choice(SUMMARY), w, skills).rstrip(".")
        out.append(s)
    companies = w.companies + [company_name(rng), company_name(rng)]
    text = ". ".join(out)
    return (text.replace("{first}", w.first).replace("{name}", w.name).replace("{city}", w.city)
            .replace("{company0}", companies[0]).replace("{company1}", companies[1]))


@dataclass
class ProposalStyle:
    """The sentences a person (or a cell's script) habitually uses in bids."""

    greeting: str
    hook: str
    experience: str
    approach: str
    availability: str
    signoff: str


def proposal_style(rng: random.Random) -> ProposalStyle:
    return ProposalStyle(rng.choice(GREETINGS), rng.choice(HOOKS), rng.choice(EXPERIENCES),
                         rng.choice(APPROACHES), rng.choice(AVAILABILITY), rng.choice(SIGNOFFS))


def proposal(rng: random.Random, style: ProposalStyle, w: Writer, drift: float = 0.3) -> str:
    """One bid: mostly the person's usual sentences, some swapped for fresh ones."""
    skills = _skills(rng, w.role)

    def pick(habit: str, pool: tuple[str, ...]) -> str:
        return habit if rng.random() > drift else rng.choice(pool)

    body = [pick(style.hook, HOOKS), pick(style.experience, EXPERIENCES),
            pick(style.approach, APPROACHES), pick(style.availability, AVAILABILITY)]
    text = " ".join(_fill(rng, s, w, skills) for s in body if s)
    greeting = _fill(rng, pick(style.greeting, GREETINGS), w, skills)
    return f"{greeting}\n\n{text}\n\n{_fill(rng, pick(style.signoff, SIGNOFFS), w, skills)}"
