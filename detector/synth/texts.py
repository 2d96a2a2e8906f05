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
             "Good day,", "Hey,", "Greetings,", "Dear client,", "Hello team,", "Good morning,",
             "Hi, hope you are well.", "Dear {client},")

# Proposal sentences are put together from parts, so independent people rarely write the same
# sentence; a cell's or an agency's script repeats whole sentences. A few stock bids copied from
# the internet (STOCK_PROPOSALS) give unrelated honest people the occasional identical text too.
HOOK_OPENERS = (
    "I read your job post carefully", "Your project caught my attention", "I saw your posting today",
    "Thanks for sharing the details of this project", "I went through your requirements",
    "I noticed you are looking for {need}", "This job matches what I do every day",
    "I was glad to see this opening", "Having looked at your brief", "Reading your description",
    "Your {industry} idea sounds interesting", "I just finished a similar contract",
    "I specialise in exactly this kind of {s1} work", "Your post stood out to me",
)
HOOK_CLAIMS = (
    "and I am confident I can deliver exactly what you need.",
    "and I believe my background is a strong match.", "and I can start on it right away.",
    "because I built something very similar last month.", "since {s1} is my main stack.",
    "and I have {years} years of experience with {s1}.", "so I already know where the risks are.",
    "and I would be happy to take it from here.", "and it fits my skills in {s1} and {s2} well.",
    "and I have a few ideas on how to speed it up.", "which is why I am applying.",
    "and I think we would work well together.",
)
EXPERIENCE_LEADS = (
    "Recently I completed", "Last year I finished", "In my previous contract I delivered",
    "At {company} I led", "I have shipped", "My most recent engagement was",
    "Over the past {years} years I built", "One of my favourite projects was",
    "Earlier this year I worked on", "Among my past work is",
)
EXPERIENCE_OBJECTS = (
    "a {s1} project for {a_industry} client", "a {s2} migration for {a_industry} company",
    "{projects}+ projects with {s1} and {s2}", "a {s1} dashboard used by thousands of people",
    "an internal tool in {s1} and {s3}", "a payments flow in {s2}", "a customer portal for {a_industry} firm",
    "a rebuild of a legacy {industry} platform", "an API layer with {s1}",
    "the {s3} integration of {a_industry} product", "a reporting system in {s2}",
)
EXPERIENCE_TAILS = (
    " with very similar requirements.", ", and I can share the details.", " that is still running in production.",
    ".", " on a tight deadline.", ", which cut their costs by {pct}%.", " together with a small team.",
    " from the first sketch to launch.", " and the client hired me again afterwards.",
)
APPROACH_FIRST = (
    "I would start by reviewing the current state", "First I would clarify the requirements with you",
    "My first step would be a short technical audit", "I like to begin with a quick call",
    "I would begin by setting up the project skeleton", "To start, I would map out the main user flows",
    "I would first read through your existing code", "Before writing code I would agree on milestones",
)
APPROACH_THEN = (
    ", then propose a short plan with milestones.", ", then build a first version quickly.",
    " and share a prototype within a few days.", ", then iterate on your feedback.",
    " and keep you updated daily.", ", then split the work into small reviewable steps.",
    " and write tests as I go.", ", then deliver in weekly increments.",
)
AVAILABILITY = (
    "I am available {hours} hours per week and can overlap with your working hours.",
    "I am flexible with time zones and can work during your business hours.",
    "I can start immediately and dedicate full time to this project.",
    "I work {hours} hours a week and usually reply within an hour.",
    "I can start this week.", "My schedule is open for the next few months.",
    "I usually answer messages the same day.", "I am happy to work on your time zone.",
    "", "", "", "",
)
SIGNOFFS = ("Best regards,\n{name}", "Thanks,\n{first}", "Kind regards,\n{name}", "Regards,\n{first}",
            "Best,\n{first}", "Cheers,\n{first}", "{name}", "Thank you,\n{name}",
            "Looking forward to hearing from you,\n{name}", "All the best,\n{first}")
JOB_REFERENCES = (
    "For the {job} you mentioned, I would {action}.", "About the {job}: I would {action}.",
    "Regarding the {job}, my suggestion is to {action}.", "On the {job} part, I can {action}.",
    "The {job} looks straightforward; I would {action}.",
)
JOBS = ("login page", "checkout flow", "admin panel", "mobile layout", "search feature",
        "data import", "reporting module", "booking system", "chat widget", "email notifications",
        "landing page", "user onboarding", "API integration", "inventory sync", "PDF export",
        "analytics dashboard", "subscription billing", "image upload", "map view", "role permissions")
ACTIONS = ("reuse a component I already have", "fix the performance issue first",
           "add automated tests before changing it", "redesign the data model slightly",
           "use a managed service to save time", "keep the current stack and refactor",
           "build it as a separate module", "start with a simple version and extend it",
           "cache the slow queries", "move the logic to the backend")
STOCK_PROPOSALS = (
    ("Dear Hiring Manager,", "I read your job post carefully and I am confident I can deliver exactly what you need.",
     "I have rich experience in this field and can show you my previous work.",
     "I will keep you updated daily and share progress so there are no surprises.",
     "I am available to start immediately.", "Best regards,\n{name}"),
    ("Hello,", "I am very interested in your project and I have the required skills to complete it.",
     "I have completed many similar projects with 100% client satisfaction.",
     "Please contact me so we can discuss the details.", "", "Thank you,\n{name}"),
    ("Hi there,", "I can do this job perfectly and on time.",
     "I am an expert with years of experience and my clients are always happy with my work.",
     "Let's discuss your project in chat.", "I am online now.", "Regards,\n{first}"),
)
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
    seed: int = 0  # fills the habitual sentences' slots the same way every time
    pasted: bool = False  # a template circulating among freelancers, pasted with few changes


def _hook(rng: random.Random) -> str:
    return f"{rng.choice(HOOK_OPENERS)} {rng.choice(HOOK_CLAIMS)}"


def _experience(rng: random.Random) -> str:
    return f"{rng.choice(EXPERIENCE_LEADS)} {rng.choice(EXPERIENCE_OBJECTS)}{rng.choice(EXPERIENCE_TAILS)}"


def _approach(rng: random.Random) -> str:
    return f"{rng.choice(APPROACH_FIRST)}{rng.choice(APPROACH_THEN)}"


def proposal_style(rng: random.Random, stock_p: float = 0.05) -> ProposalStyle:
    """A person's habits, or (with ``stock_p``) a stock bid copied from the internet."""
    if rng.random() < stock_p:
        return ProposalStyle(*rng.choice(STOCK_PROPOSALS), seed=rng.getrandbits(32))
    return ProposalStyle(rng.choice(GREETINGS), _hook(rng), _experience(rng), _approach(rng),
                         rng.choice(AVAILABILITY), rng.choice(SIGNOFFS), rng.getrandbits(32))


def proposal(rng: random.Random, style: ProposalStyle, w: Writer, drift: float = 0.3) -> str:
    """One bid: mostly the person's usual sentences (filled the same way each time, as a pasted
    script is), some swapped for fresh ones, and a line about the job at hand."""
    habit_rng = random.Random(style.seed)
    habit_skills = _skills(habit_rng, w.role)
    skills = _skills(rng, w.role)

    def say(habit: str, fresh) -> str:
        if rng.random() > drift:
            return _fill(habit_rng, habit, w, habit_skills)
        return _fill(rng, fresh(), w, skills)

    job = rng.choice(JOB_REFERENCES).replace("{job}", rng.choice(JOBS)).replace("{action}", rng.choice(ACTIONS))
    body = [say(style.hook, lambda: _hook(rng)), say(style.experience, lambda: _experience(rng)), job,
            say(style.approach, lambda: _approach(rng)),
            say(style.availability, lambda: rng.choice(AVAILABILITY))]
    greeting = say(style.greeting, lambda: rng.choice(GREETINGS))
    signoff = say(style.signoff, lambda: rng.choice(SIGNOFFS))
    return f"{greeting}\n\n{' '.join(s for s in body if s)}\n\n{signoff}"
