"""A synthetic corpus of about N chunks, for speed and memory benchmarks only.

Generated, deterministic, clearly synthetic French congress reports (each says so in its
front matter). Each paragraph is long enough to be its own chunk."""

from __future__ import annotations

import random
from pathlib import Path

CITIES = ["Marrakech", "Agadir", "Casablanca", "Rabat", "Fès", "Tanger", "Oujda", "Tétouan", "El Jadida", "Ifrane", "Meknès", "Essaouira"]
FIELDS = ["néphrologie", "cardiologie", "pneumologie", "oncologie", "pédiatrie", "dermatologie", "diabétologie", "radiologie", "hématologie", "neurologie"]
TOPICS = ["la prise en charge des patients", "le dépistage précoce", "la formation continue", "l'intelligence artificielle", "les nouveaux traitements", "la recherche clinique", "les parcours de soins", "la prévention"]
NAMES = ["Benali", "Alaoui", "Tazi", "Idrissi", "Berrada", "Chraibi", "Fassi", "Lahlou", "Bennani", "Amrani", "Kettani", "Naciri"]


def paragraph(rng: random.Random, field: str, city: str) -> str:
    sentences = [
        f"Les participants au congrès de {field} de {city} ont consacré une séance à {rng.choice(TOPICS)}, avec des experts venus de plusieurs pays.",
        f"Le Pr {rng.choice(NAMES)} a présenté les résultats d'une étude menée auprès de {rng.randint(50, 900)} patients suivis pendant {rng.randint(2, 10)} ans.",
        f"Les débats ont porté sur {rng.choice(TOPICS)} et sur {rng.choice(TOPICS)}, deux priorités soulignées par les organisateurs.",
        f"Un atelier pratique a réuni {rng.randint(20, 120)} jeunes médecins autour de cas cliniques en {field}.",
    ]
    rng.shuffle(sentences)
    return " ".join(sentences[: rng.randint(2, 3)])


def generate(target: Path, n_chunks: int = 10_000, seed: int = 0, paragraphs_per_file: int = 25) -> int:
    """Write about `n_chunks` paragraphs into files of `paragraphs_per_file`; returns the file count."""
    rng = random.Random(seed)
    target.mkdir(parents=True, exist_ok=True)
    files = max(1, n_chunks // paragraphs_per_file)
    for number in range(files):
        field, city, year = rng.choice(FIELDS), rng.choice(CITIES), rng.randint(2010, 2026)
        body = [f"La ville de {city} a accueilli en {year} la {rng.randint(1, 30)}e édition du congrès synthétique de {field} numéro {number}."]
        body += [paragraph(rng, field, city) for _ in range(paragraphs_per_file - 1)]
        text = '---\nnote: "Synthetic text generated for benchmarks"\n---\n' + "\n\n".join(body) + "\n"
        (target / f"synthetic-{number:05d}.md").write_text(text, encoding="utf-8")
    return files
