"""Word pools for synthetic names, subjects and bodies (unicode and HTML on purpose)."""

from __future__ import annotations

import html
import random

FIRST_NAMES = (
    "Sarah", "James", "Amélie", "Jürgen", "Siobhán", "Øystein", "Zoë", "Chloé", "José", "Łukasz",
    "Mia", "Noah", "Olivia", "Liam", "Emma", "Aarav", "Yuki", "Wei", "Fatima", "Mohammed",
    "Ana", "Pedro", "Ingrid", "Björn", "Nadia", "Ivan", "Priya", "Kwame", "Thandiwe", "Mateo",
    "Hana", "Sven", "Élodie", "Dmitrii", "Gráinne", "Ngozi", "Tomás", "Leilani", "Ayşe", "Kenji",
)
LAST_NAMES = (
    "James", "Müller", "O'Brien", "García", "Nguyễn", "Kowalski", "Smith", "Dubois", "Rossi", "Tanaka",
    "Johansson", "Okafor", "Petrov", "Silva", "Chen", "Kim", "Patel", "Hernández", "Novák", "Andersen",
    "Fischer", "Moreau", "Costa", "Yılmaz", "Haddad", "Ivanova", "Schmidt", "Brown", "Wilson", "Lefèvre",
)
COMPANY_WORDS = (
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Cyberdyne",
    "Soylent", "Wonka", "Gringotts", "Oceanic", "Aperture", "Monarch", "Nakatomi", "Zenith", "Polaris", "Kōbe",
)
COMPANY_SUFFIXES = ("Inc", "Ltd", "GmbH", "S.A.", "BV", "Labs", "Group", "& Co", "AB", "KK")
INDUSTRIES = ("Manufacturing", "Retail", "Software", "Healthcare", "Finance", "Education", None)
TIERS = ("Basic", "Premium", "Enterprise", None)
HEALTH = ("Happy", "Doing okay", "At risk", None)
TIME_ZONES = ("London", "Eastern Time (US & Canada)", "Berlin", "Tokyo", "Magadan", "Chennai", "Sydney")
LANGUAGES = ("en", "en", "en", "fr", "de", "es", "ja", "pt-BR")
TICKET_TYPES = ("Question", "Incident", "Problem", "Feature Request", "Refund")
TAGS = (
    "refund", "damaged", "vip", "billing", "login", "bug", "urgent", "feedback", "shipping", "api",
    "renewal", "onboarding", "sso", "invoice", "größe", "配送", "churn-risk", "mobile", "export", "gdpr",
)
SUBJECT_TOPICS = (
    "Refund for order", "Cannot log in to", "Invoice question about", "Shipping delay for",
    "Feature request:", "Bug in", "Password reset for", "Upgrade plan for", "Data export of",
    "Crash when opening", "Billing address change on", "Café order", "Über-urgent issue with",
)
PRODUCTS = ("Widget Pro", "Gadget Cloud", "Sprocket API", "Doohickey Mobile", "Thingamajig")
WORDS = (
    "order", "refund", "arrived", "broken", "please", "help", "invoice", "account", "login", "error",
    "screen", "update", "thanks", "soon", "today", "cannot", "urgent", "billing", "price", "delivery",
    "naïve", "façade", "résumé", "straße", "日本語", "emoji 🎉", "ünïcödé", "<tag>", "&amp;", "quote\"d",
)


def sentence(rng: random.Random, n_min: int = 4, n_max: int = 14) -> str:
    """A short pseudo-sentence."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(n_min, n_max))]
    return " ".join(words).capitalize() + "."


def html_body(paragraphs: list[str]) -> tuple[str, str]:
    """An HTML body and its plain-text form, as Freshdesk returns `body`/`body_text`."""
    body = '<div dir="ltr">' + "<br>".join(html.escape(p, quote=False) for p in paragraphs) + "</div>"
    return body, "\n".join(paragraphs)


def slug(text: str) -> str:
    """Lowercase ASCII-ish slug for e-mail local parts and domains."""
    out = []
    for ch in text.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif ch in " -_.&'":
            out.append(".")
    s = "".join(out).strip(".")
    while ".." in s:
        s = s.replace("..", ".")
    return s or "x"
