"""Write the FICTIONAL fixture corpus and its question set from one table of invented facts.

    python -m eval.corpora.make_fictional

Every organisation, person, theme and figure below is invented (cities are real Moroccan
cities). The corpus imitates Moroccan French-language press reports on congresses and is
built to be hard in the ways attendees are confused: the same society meets every year
or two in different cities, some editions share a city or a year, articles mention the
previous edition, and later paragraphs say "la présente édition" without its number.
Questions are generated from the same facts, so their gold documents and expected
strings are right by construction; their wording varies the way attendees ask (acronym
or specialty only, city or year only, English and Arabic about French texts).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "fictional-editions"
QUESTIONS = HERE.parent / "sets" / "editions.jsonl"
NOTE = "Fictional article written for congress-chat tests; organisations, people and figures are invented."

ORD_FR = {1: "1ère", 2: "2e", 3: "3e", 4: "4e", 5: "5e", 6: "6e", 7: "7e", 8: "8e", 9: "9e", 10: "10e", 11: "11e", 12: "12e"}
ORD_FR_WORD = {1: "première", 2: "deuxième", 3: "troisième", 4: "quatrième", 5: "cinquième", 6: "sixième", 7: "septième", 8: "huitième", 9: "neuvième", 10: "dixième", 11: "onzième", 12: "douzième"}
ORD_EN = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 5: "5th", 6: "6th", 7: "7th", 8: "8th", 9: "9th", 10: "10th", 11: "11th", 12: "12th"}
ORD_AR = {1: "الأولى", 2: "الثانية", 3: "الثالثة", 4: "الرابعة", 5: "الخامسة", 6: "السادسة", 7: "السابعة", 8: "الثامنة", 9: "التاسعة", 10: "العاشرة"}
CITY_AR = {
    "Marrakech": "مراكش", "Agadir": "أكادير", "Casablanca": "الدار البيضاء", "Rabat": "الرباط", "Fès": "فاس",
    "Tanger": "طنجة", "Oujda": "وجدة", "Tétouan": "تطوان", "El Jadida": "الجديدة", "Ifrane": "إفران",
    "Meknès": "مكناس", "Essaouira": "الصويرة", "Dakhla": "الداخلة", "Laâyoune": "العيون",
}
CITY_EN = {"Fès": "Fez", "Tanger": "Tangier", "Tétouan": "Tetouan", "Meknès": "Meknes", "Laâyoune": "Laayoune"}
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


@dataclass(frozen=True)
class Society:
    acronym: str
    name: str  # with its article: "la Société ...", "l'Association ..."
    of_name: str  # "de la Société ...", "de l'Association ..."
    congress: str  # "Congrès national de néphrologie"
    specialty_fr: str
    specialty_en: str
    specialty_ar: str
    president_title: str  # "président" / "présidente"

    @property
    def of_acronym(self) -> str:
        """'de la SCSR', "de l'AAP", 'du CPN'."""
        if self.name.startswith("le "):
            return f"du {self.acronym}"
        if self.name.startswith("l'"):
            return f"de l'{self.acronym}"
        return f"de la {self.acronym}"


@dataclass(frozen=True)
class Edition:
    society: Society
    number: int
    city: str
    year: int
    month: int
    first_day: int
    days: int
    theme: str
    president: str
    participants: int
    partner: str
    workshops: tuple[str, str]
    award: str
    previous: tuple[int, str, int] | None  # (number, city, year) mentioned in the text

    @property
    def doc_id(self) -> str:
        city = self.city.lower().replace("è", "e").replace("é", "e").replace("â", "a").replace(" ", "-")
        return f"{self.society.acronym.lower()}-{self.number}e-{city}-{self.year}"

    @property
    def dates_fr(self) -> str:
        month = MONTHS[self.month - 1]
        last = self.first_day + self.days - 1
        return f"les {self.first_day} et {last} {month} {self.year}" if self.days == 2 else f"du {self.first_day} au {last} {month} {self.year}"


SOCIETIES = [
    Society("SCSR", "la Société Chérifienne des Sciences Rénales", "de la Société Chérifienne des Sciences Rénales", "Congrès national de néphrologie", "néphrologie", "nephrology", "أمراض الكلى", "président"),
    Society("AAP", "l'Association de l'Atlas pour la Pneumologie", "de l'Association de l'Atlas pour la Pneumologie", "Congrès de pneumologie de l'Atlas", "pneumologie", "pulmonology", "أمراض الرئة", "président"),
    Society("SMAC", "la Société Maghrébine des Amis du Cœur", "de la Société Maghrébine des Amis du Cœur", "Congrès maghrébin de cardiologie", "cardiologie", "cardiology", "أمراض القلب", "présidente"),
    Society("ADEO", "l'Alliance des Diabétologues de l'Oriental", "de l'Alliance des Diabétologues de l'Oriental", "Journées de diabétologie et d'endocrinologie", "diabétologie", "diabetes", "السكري", "président"),
    Society("CPN", "le Collège de Pédiatrie du Nord", "du Collège de Pédiatrie du Nord", "Congrès de pédiatrie et de néonatologie", "pédiatrie", "pediatrics", "طب الأطفال", "présidente"),
    Society("SDSO", "la Société de Dermatologie du Souss", "de la Société de Dermatologie du Souss", "Congrès de dermatologie du Souss", "dermatologie", "dermatology", "أمراض الجلد", "président"),
    Society("GOA", "le Groupe d'Oncologie de l'Atlantique", "du Groupe d'Oncologie de l'Atlantique", "Congrès d'oncologie de l'Atlantique", "oncologie", "oncology", "الأورام", "présidente"),
    Society("ARIM", "l'Association de Réanimation et d'Infectiologie du Maroc", "de l'Association de Réanimation et d'Infectiologie du Maroc", "Congrès de réanimation et d'infectiologie", "réanimation", "intensive care", "الإنعاش", "président"),
    Society("SOMV", "la Société d'Ophtalmologie de la Méditerranée et de la Vision", "de la Société d'Ophtalmologie de la Méditerranée et de la Vision", "Congrès d'ophtalmologie méditerranéen", "ophtalmologie", "ophthalmology", "طب العيون", "président"),
]
S = {society.acronym: society for society in SOCIETIES}

# (society, edition, city, year, month, first day, days, theme, president, participants, partner, workshops, award)
FACTS = [
    ("SCSR", 2, "Marrakech", 2015, 3, 12, 3, "La maladie rénale chronique, un défi silencieux", "Pr Hicham Lamrani", 450, "la Faculté de médecine fictive de l'Atlas", ("la dialyse péritonéale", "l'échographie rénale"), "Dr Salma Ouhaddou"),
    ("SCSR", 3, "Agadir", 2017, 4, 20, 3, "Greffe rénale : du donneur vivant au suivi", "Pr Hicham Lamrani", 620, "l'Hôpital universitaire fictif du Souss", ("la biopsie rénale", "la prise en charge de l'hyperkaliémie"), "Dr Yassine Berrada"),
    ("SCSR", 4, "Marrakech", 2019, 3, 14, 3, "Néphrologie et vieillissement", "Pr Karima Benslimane", 800, "la Fondation fictive Rein et Vie", ("l'abord vasculaire", "la néphroprotection"), "Dr Imane Tazi"),
    ("SCSR", 5, "Fès", 2025, 10, 9, 3, "Intelligence artificielle et dialyse", "Pr Karima Benslimane", 1100, "l'Université fictive des Mérinides", ("la télésurveillance des dialysés", "la nutrition du patient rénal"), "Dr Omar Fassi"),
    ("AAP", 1, "Ifrane", 2016, 5, 6, 2, "L'asthme de l'enfant à l'adulte", "Pr Driss Amrani", 300, "le Centre fictif de pneumologie d'Ifrane", ("la spirométrie", "l'éducation thérapeutique"), "Dr Nawal Chraibi"),
    ("AAP", 2, "Tanger", 2018, 11, 22, 3, "BPCO : dépister tôt pour mieux traiter", "Pr Driss Amrani", 520, "la Clinique fictive du Détroit", ("la réhabilitation respiratoire", "le sevrage tabagique"), "Dr Mehdi Alaoui"),
    ("AAP", 3, "Marrakech", 2021, 12, 2, 3, "La tuberculose à l'heure de la résistance", "Pr Leila Benjelloun", 700, "l'Institut fictif des maladies thoraciques", ("la fibroscopie bronchique", "la lecture du scanner thoracique"), "Dr Anas Kettani"),
    ("AAP", 4, "Agadir", 2023, 3, 16, 3, "Pollution de l'air et santé respiratoire", "Pr Leila Benjelloun", 900, "l'Observatoire fictif de l'air du Souss", ("la polysomnographie", "la ventilation non invasive"), "Dr Hajar Bennani"),
    ("AAP", 5, "Rabat", 2025, 5, 22, 3, "Cancer du poumon : dépistage et immunothérapie", "Pr Youssef Naciri", 1250, "l'Agence fictive de santé publique", ("la biopsie pulmonaire", "l'oncologie thoracique"), "Dr Rim El Amrani"),
    ("SMAC", 6, "Casablanca", 2015, 6, 4, 3, "Hypertension artérielle : agir avant l'accident", "Pr Samira Idrissi", 1000, "le Réseau fictif des cardiologues libéraux", ("l'échocardiographie", "la mesure ambulatoire de la pression"), "Dr Kamal Ziani"),
    ("SMAC", 7, "Rabat", 2017, 6, 8, 3, "Insuffisance cardiaque : parcours du patient", "Pr Samira Idrissi", 1150, "l'Hôpital fictif des Oudayas", ("l'électrocardiogramme", "la réadaptation cardiaque"), "Dr Noura Saadi"),
    ("SMAC", 8, "Marrakech", 2019, 6, 13, 3, "Cœur de la femme", "Pr Farida Lahlou", 1300, "la Fondation fictive Cœur du Maghreb", ("la cardiologie interventionnelle", "l'imagerie cardiaque"), "Dr Ilyas Bouazza"),
    ("SMAC", 9, "Casablanca", 2023, 6, 15, 3, "Prévention cardiovasculaire et nouvelles technologies", "Pr Farida Lahlou", 1500, "l'École fictive de santé numérique", ("les objets connectés", "la rythmologie"), "Dr Sofia Mernissi"),
    ("ADEO", 1, "Oujda", 2016, 2, 18, 2, "Le diabète de type 2 au quotidien", "Pr Abdelkader Zerouali", 280, "la Délégation fictive de santé de l'Oriental", ("l'insulinothérapie", "le pied diabétique"), "Dr Latifa Mansouri"),
    ("ADEO", 2, "Oujda", 2018, 2, 22, 2, "Diabète et Ramadan", "Pr Abdelkader Zerouali", 350, "l'Association fictive des diabétiques de Berkane", ("l'autosurveillance glycémique", "la diététique"), "Dr Hamid Boutaleb"),
    ("ADEO", 3, "Fès", 2022, 3, 10, 2, "Obésité et diabète : une épidémie jumelle", "Pr Nadia Guessous", 480, "l'Université fictive du Saïs", ("la chirurgie bariatrique", "les capteurs de glucose"), "Dr Reda Fihri"),
    ("ADEO", 4, "Essaouira", 2024, 4, 25, 2, "Diabète de l'enfant et de l'adolescent", "Pr Nadia Guessous", 530, "la Fondation fictive Mogador Santé", ("la pompe à insuline", "l'éducation des familles"), "Dr Zineb Alami"),
    ("CPN", 10, "Tétouan", 2016, 10, 13, 3, "Le nouveau-né prématuré", "Pr Amina Tazi", 600, "la Maternité fictive du Rif", ("la réanimation néonatale", "l'allaitement maternel"), "Dr Karim Ouazzani"),
    ("CPN", 11, "Tanger", 2019, 10, 17, 3, "Vaccination de l'enfant : rattraper le retard", "Pr Amina Tazi", 720, "le Centre fictif de vaccinologie du Nord", ("le calendrier vaccinal", "les urgences pédiatriques"), "Dr Ghita Benkirane"),
    ("CPN", 12, "Tétouan", 2024, 10, 10, 3, "Santé mentale de l'adolescent", "Pr Rachid Skalli", 850, "l'Espace fictif Jeunesse et Santé", ("les troubles du sommeil", "le harcèlement scolaire"), "Dr Salma Hajji"),
    ("SDSO", 3, "Agadir", 2017, 1, 26, 2, "Le soleil et la peau", "Pr Mustapha Ait Brahim", 320, "la Ligue fictive contre le mélanome", ("la dermoscopie", "la photoprotection"), "Dr Houda Amzil"),
    ("SDSO", 4, "Agadir", 2019, 1, 24, 2, "Dermatologie pédiatrique", "Pr Mustapha Ait Brahim", 390, "l'Hôpital fictif Hassan du Souss", ("l'eczéma atopique", "les angiomes"), "Dr Younes Ait Lahcen"),
    ("SDSO", 5, "Essaouira", 2022, 1, 20, 2, "Peau et maladies chroniques", "Pr Khadija Oubella", 410, "l'Association fictive des patients psoriasiques", ("le psoriasis", "les biothérapies"), "Dr Fatima Zahra Idbella"),
    ("SDSO", 6, "Dakhla", 2025, 1, 30, 2, "Dermatologie tropicale et voyages", "Pr Khadija Oubella", 300, "le Centre fictif de médecine des voyages", ("la leishmaniose cutanée", "les piqûres et envenimations"), "Dr Said Boukhriss"),
    ("GOA", 1, "El Jadida", 2018, 9, 27, 3, "Cancer du sein : dépister plus tôt", "Pr Meryem Chraibi", 500, "la Fondation fictive Océan Rose", ("l'échographie mammaire", "la consultation d'annonce"), "Dr Ayoub Sqalli"),
    ("GOA", 2, "Casablanca", 2020, 9, 24, 3, "Cancers digestifs : de la chirurgie à l'immunothérapie", "Pr Meryem Chraibi", 750, "l'Institut fictif du cancer de l'Atlantique", ("la coloscopie", "la chimiothérapie orale"), "Dr Hind Berrada"),
    ("GOA", 3, "El Jadida", 2022, 9, 29, 3, "Soins de support en oncologie", "Pr Tarik Mouline", 680, "la Maison fictive des patients d'Azemmour", ("la douleur cancéreuse", "la nutrition en oncologie"), "Dr Lamia Filali"),
    ("GOA", 4, "Casablanca", 2025, 9, 25, 3, "Médecine de précision et cancers rares", "Pr Tarik Mouline", 980, "le Laboratoire fictif de génomique Anfa", ("le séquençage tumoral", "les essais cliniques"), "Dr Adil Chami"),
    ("ARIM", 1, "Meknès", 2017, 11, 9, 3, "Sepsis : chaque heure compte", "Pr Jamal Eddine Harrak", 400, "l'Hôpital militaire fictif de Meknès", ("l'antibiothérapie probabiliste", "le remplissage vasculaire"), "Dr Sanaa Rami"),
    ("ARIM", 2, "Fès", 2019, 11, 14, 3, "Résistance aux antibiotiques", "Pr Jamal Eddine Harrak", 560, "le Laboratoire fictif de microbiologie du Saïs", ("l'hygiène des mains", "le bon usage des carbapénèmes"), "Dr Mourad Jebbar"),
    ("ARIM", 3, "Meknès", 2023, 11, 16, 3, "Réanimation et épidémies", "Pr Ilham Saidi", 640, "l'Observatoire fictif des infections nosocomiales", ("la ventilation mécanique", "l'oxygénothérapie à haut débit"), "Dr Bilal Hamdouchi"),
    ("SOMV", 4, "Tanger", 2015, 4, 16, 2, "Glaucome : le voleur silencieux de la vue", "Pr Omar Bensouda", 350, "la Clinique fictive de la Vision du Détroit", ("la tonométrie", "le champ visuel"), "Dr Asmae Kadiri"),
    ("SOMV", 5, "Tétouan", 2018, 4, 19, 2, "Rétinopathie diabétique", "Pr Omar Bensouda", 420, "le Réseau fictif de télé-ophtalmologie", ("l'angiographie rétinienne", "le laser"), "Dr Nabil Akhannouch"),
    ("SOMV", 6, "Tanger", 2025, 4, 24, 2, "Chirurgie de la cataracte", "Pr Siham Raji", 510, "l'Hôpital fictif du Cap Spartel", ("la phacoémulsification", "les implants premium"), "Dr Taha Belkadi"),
]

ONE_OFFS = [
    # (doc id, title, text paragraphs)
    ("master-class-echographie-laayoune-2024", "Une master class d'échographie d'urgence à Laâyoune", [
        "Laâyoune a accueilli, les 7 et 8 mars 2024, une master class d'échographie d'urgence organisée par le Collectif fictif des urgentistes du Sahara, au profit de 60 médecins généralistes et urgentistes.",
        "Animée par le Pr Hamza Ouali, la formation a alterné cours théoriques et ateliers pratiques sur simulateur, consacrés à l'échographie pulmonaire et au protocole FAST chez le polytraumatisé.",
        "Les organisateurs annoncent une seconde session à Dakhla, sans en préciser la date.",
    ]),
    ("caravane-ophtalmologie-ouarzazate-2023", "Caravane médicale d'ophtalmologie à Ouarzazate", [
        "Une caravane médicale d'ophtalmologie, initiée par l'Association fictive Regard du Sud, s'est tenue du 2 au 4 juin 2023 à Ouarzazate.",
        "Près de 1 300 consultations ont été réalisées et 180 interventions de la cataracte pratiquées, selon le Dr Lina Amghar, coordinatrice de l'opération.",
        "La caravane a également distribué 700 paires de lunettes aux élèves des écoles rurales de la région.",
    ]),
    ("journee-anesthesie-rabat-2022", "Journée scientifique d'anesthésie à Rabat", [
        "La Société fictive d'anesthésie ambulatoire a tenu, le 19 novembre 2022 à Rabat, sa journée scientifique annuelle consacrée à l'anesthésie du sujet âgé.",
        "Le Pr Mounir Kabbaj, président de la société, a insisté sur l'évaluation préopératoire de la fragilité et sur la prévention du délire postopératoire.",
        "Un atelier de simulation sur l'intubation difficile a réuni 45 résidents.",
    ]),
    ("symposium-hematologie-marrakech-2024", "Symposium d'hématologie à Marrakech", [
        "Marrakech a abrité, le 12 avril 2024, un symposium fictif consacré aux anémies de l'enfant, organisé par le Cercle fictif d'hématologie pédiatrique.",
        "Les 150 participants ont débattu de la drépanocytose, de la thalassémie et du dépistage néonatal, sous la présidence du Pr Souad Benamar.",
        "Le symposium a recommandé la création d'un registre national fictif des hémoglobinopathies.",
    ]),
    ("forum-sante-numerique-casablanca-2025", "Forum de la santé numérique", [
        "La 1ère édition du Forum fictif de la santé numérique s'est tenue les 3 et 4 février 2025 à Casablanca, à l'initiative de la Fédération fictive des hôpitaux connectés.",
        "Quelque 900 professionnels ont assisté aux débats sur le dossier médical partagé, la téléconsultation et la cybersécurité des établissements de santé.",
        "Le prix de la start-up de l'année a été remis à la jeune pousse fictive MediScan, qui développe une application de lecture automatique des radiographies thoraciques.",
    ]),
    ("congress-rheumatology-rabat-2024", "International rheumatology meeting held in Rabat", [
        "The fictional Moroccan Rheumatology Circle held its international meeting in Rabat on 14 and 15 June 2024, bringing together 420 rheumatologists from twelve countries.",
        "The meeting, chaired by Professor Anouar Sebti, focused on biologic treatments for rheumatoid arthritis and on osteoporosis screening in women over fifty.",
        "A workshop on joint ultrasound was attended by 80 young rheumatologists.",
    ]),
    ("conference-urology-tangier-2023", "Urology conference in Tangier focuses on robotic surgery", [
        "The fictional Northern Urology Society held its annual conference in Tangier from 5 to 7 October 2023, under the theme 'Robotic surgery: promises and limits'.",
        "Society president Dr Kenza Rifai said that 350 urologists took part in live surgery sessions broadcast from the operating theatre.",
        "The conference ended with a recommendation to create regional training centres for robotic surgery.",
    ]),
]


def to_phrase(noun_phrase: str) -> str:
    """'à' + a French noun phrase, with the contractions the press uses: au, aux."""
    if noun_phrase.startswith("le "):
        return "au " + noun_phrase[3:]
    if noun_phrase.startswith("les "):
        return "aux " + noun_phrase[4:]
    return "à " + noun_phrase


def bare(noun_phrase: str) -> str:
    for article_ in ("la ", "le ", "les ", "l'"):
        if noun_phrase.startswith(article_):
            return noun_phrase[len(article_):]
    return noun_phrase


def article(edition: Edition, rng: random.Random) -> list[str]:
    s = edition.society
    ordinal = ORD_FR[edition.number] if rng.random() < 0.6 else ORD_FR_WORD[edition.number]
    lede = rng.choice([
        f"La ville de {edition.city} a abrité, {edition.dates_fr}, la {ordinal} édition du {s.congress}, organisé par {s.name} ({s.acronym}), sous le thème « {edition.theme} ».",
        f"{edition.city} a accueilli, {edition.dates_fr}, les travaux de la {ordinal} édition du {s.congress} {s.of_acronym}, placée sous le thème « {edition.theme} ».",
        f"Quelque {edition.participants} spécialistes se sont réunis {edition.dates_fr} à {edition.city} pour la {ordinal} édition du {s.congress}, organisée par {s.name} ({s.acronym}) autour du thème « {edition.theme} ».",
    ])
    paragraphs = [lede]
    paragraphs.append(rng.choice([
        f"Organisé en partenariat avec {edition.partner}, ce rendez-vous scientifique a réuni près de {edition.participants} participants, médecins, résidents et étudiants venus de tout le Maroc et de l'étranger.",
        f"Selon les organisateurs, la présente édition, montée en partenariat avec {edition.partner}, a enregistré la participation de {edition.participants} congressistes.",
    ]))
    paragraphs.append(rng.choice([
        f"« Notre ambition est de rapprocher la recherche de la pratique quotidienne », a déclaré le {edition.president}, {s.president_title} {s.of_acronym}, à l'ouverture des travaux.",
        f"Présidée par {edition.president}, {s.president_title} {s.of_acronym}, la séance inaugurale a mis l'accent sur la formation continue des jeunes spécialistes.",
    ]))
    paragraphs.append(
        f"Le programme comprenait des conférences plénières, une table ronde et des ateliers pratiques consacrés {to_phrase(edition.workshops[0])} et {to_phrase(edition.workshops[1])}."
    )
    if edition.previous is not None:
        number, city, year = edition.previous
        paragraphs.append(
            f"Après le succès de la {ORD_FR[number]} édition, tenue à {city} en {year}, les organisateurs ont voulu donner cette année une place plus large aux jeunes chercheurs."
        )
    paragraphs.append(rng.choice([
        f"La rencontre s'est achevée par la remise du prix de la meilleure communication au {edition.award}, et par l'adoption de recommandations qui seront transmises aux autorités sanitaires.",
        f"En clôture, le prix du jeune chercheur a été décerné au {edition.award}. Les participants ont adopté une série de recommandations pour améliorer la prise en charge des patients.",
    ]))
    return paragraphs


def editions() -> list[Edition]:
    result = []
    for row in FACTS:
        acronym, number, city, year, month, day, days, theme, president, participants, partner, workshops, award = row
        earlier = [r for r in FACTS if r[0] == acronym and r[1] < number]
        previous = (earlier[-1][1], earlier[-1][2], earlier[-1][3]) if earlier and number % 2 == 1 else None
        result.append(Edition(S[acronym], number, city, year, month, day, days, theme, president, participants, partner, workshops, award, previous))
    return result


def write_corpus() -> list[Edition]:
    CORPUS.mkdir(parents=True, exist_ok=True)
    for old in CORPUS.glob("*.md"):
        old.unlink()
    all_editions = editions()
    for index, edition in enumerate(all_editions):
        rng = random.Random(edition.doc_id)
        title = rng.choice([
            f"{edition.city} : {ORD_FR[edition.number]} édition du {edition.society.congress}",
            f"{edition.society.name[0].upper()}{edition.society.name[1:].split(' ', 1)[0]} {edition.society.acronym} tient son congrès à {edition.city}".replace("L' ", "L'"),
            None,
        ])
        front = ["---"] + ([f'title: "{title}"'] if title else []) + [f'note: "{NOTE}"', "---"]
        body = "\n\n".join(article(edition, rng))
        (CORPUS / f"{edition.doc_id}.md").write_text("\n".join(front) + "\n" + body + "\n", encoding="utf-8")
    for doc_id, title, paragraphs in ONE_OFFS:
        front = ["---", f'title: "{title}"', f'note: "{NOTE}"', "---"]
        (CORPUS / f"{doc_id}.md").write_text("\n".join(front) + "\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return all_editions


def case(kind: str, lang: str, question: str, answer: str, must: list[str], docs: list[str], history: list[str] | None = None) -> dict:
    return {"question": question, "lang": lang, "answer": answer, "must_contain": must, "doc_ids": docs, "kind": kind, "history": history or []}


def questions(all_editions: list[Edition]) -> list[dict]:
    rng = random.Random(7)
    cases: list[dict] = []
    for e in all_editions:
        s = e.society
        en_city = CITY_EN.get(e.city, e.city)
        ar_city = CITY_AR[e.city]
        pick = rng.random()
        ar_ord = ORD_AR.get(e.number)
        # "the SOMV congress in Tangier" is ambiguous when the SOMV met twice in Tangier: name the edition then
        twice = sum(1 for other in all_editions if other.society is s and other.city == e.city) > 1
        en_which = f"{ORD_EN[e.number]} " if twice else ""
        ar_which = f"الدورة {ar_ord} من " if twice and ar_ord else ""
        # where
        cases.append(rng.choice([
            case("factoid", "fr", f"C'était où, la {ORD_FR[e.number]} édition du congrès {s.of_acronym} ?", f"À {e.city}.", [e.city], [e.doc_id]),
            case("factoid", "fr", f"Dans quelle ville s'est tenu le congrès de {s.specialty_fr} {s.of_acronym} en {e.year} ?", f"À {e.city}.", [e.city], [e.doc_id]),
        ]))
        cases.append(case("factoid", "en", f"Which city hosted the {ORD_EN[e.number]} {s.acronym} {s.specialty_en} congress?", f"{en_city}.", [e.city], [e.doc_id]))
        if ar_ord:
            cases.append(case("factoid", "ar", f"أين انعقدت الدورة {ar_ord} لمؤتمر {s.specialty_ar} الذي تنظمه {s.acronym}؟", f"في {ar_city}.", [e.city], [e.doc_id]))
        else:
            cases.append(case("factoid", "ar", f"ما هو موضوع مؤتمر {s.acronym} في {ar_city} سنة {e.year}؟", e.theme, [e.theme.split(" ")[0]], [e.doc_id]))
        # theme, president, participants, award, dates: a few per edition, in rotating languages
        if pick < 0.34:
            cases.append(case("factoid", "fr", f"Quel était le thème du congrès {s.of_acronym} à {e.city} en {e.year} ?", e.theme, [e.theme], [e.doc_id]))
            cases.append(case("factoid", "ar", f"من ترأس مؤتمر {s.specialty_ar} في {ar_city} سنة {e.year}؟", e.president, [e.president.removeprefix("Pr ")], [e.doc_id]))
            cases.append(case("factoid", "en", f"How many people attended the {s.acronym} congress in {en_city} in {e.year}?", str(e.participants), [str(e.participants)], [e.doc_id]))
        elif pick < 0.67:
            cases.append(case("factoid", "en", f"What was the theme of the {ORD_EN[e.number]} edition of the {s.acronym} congress?", e.theme, [e.theme], [e.doc_id]))
            cases.append(case("factoid", "fr", f"Qui a reçu le prix lors du congrès {s.acronym} de {e.year} à {e.city} ?", e.award, [e.award.removeprefix("Dr ")], [e.doc_id]))
            cases.append(case("factoid", "ar", f"متى انعقدت {ar_which}مؤتمر {s.acronym} في {ar_city}؟" if ar_which else f"متى انعقد مؤتمر {s.acronym} في {ar_city}؟", e.dates_fr, [str(e.first_day), str(e.year)], [e.doc_id]))
        else:
            cases.append(case("factoid", "fr", f"Qui présidait {s.name.split(' ', 1)[0]} {s.acronym} au moment du congrès de {e.city} en {e.year} ?", e.president, [e.president.removeprefix("Pr ")], [e.doc_id]))
            cases.append(case("factoid", "en", f"When was the {en_which}{s.specialty_en} congress of the {s.acronym} held in {en_city}?", e.dates_fr, [str(e.first_day), str(e.year)], [e.doc_id]))
            cases.append(case("list", "fr", f"Quels ateliers étaient proposés au congrès {s.acronym} de {e.year} ?", f"{e.workshops[0]} et {e.workshops[1]}", [bare(e.workshops[0]), bare(e.workshops[1])], [e.doc_id]))
        if rng.random() < 0.5:
            history = [rng.choice([f"Parle-moi du congrès {s.of_acronym} à {e.city} en {e.year}", f"Le congrès de {s.specialty_fr} de {e.city} en {e.year}, c'était organisé par qui ?"])]
            cases.append(rng.choice([
                case("follow_up", "fr", "Et combien de participants y avait-il ?", str(e.participants), [str(e.participants)], [e.doc_id], history),
                case("follow_up", "fr", "Et quel était son thème ?", e.theme, [e.theme], [e.doc_id], history),
            ]))
        else:
            cases.append(rng.choice([
                case("follow_up", "en", "And who was the partner?", e.partner, [e.partner.removeprefix("la ").removeprefix("le ").removeprefix("l'")], [e.doc_id], [f"Tell me about the {s.acronym} congress in {en_city} in {e.year}"]),
                case("follow_up", "ar", "وما هو موضوعه؟", e.theme, [e.theme], [e.doc_id], [f"حدثني عن مؤتمر {s.acronym} في {ar_city} سنة {e.year}"]),
            ]))
    for s in SOCIETIES:
        own = [e for e in all_editions if e.society is s]
        cities = sorted({e.city for e in own})
        cases.append(case("multi_doc", "fr", f"Dans quelles villes le congrès {s.of_acronym} s'est-il tenu ?", ", ".join(cities), [], [e.doc_id for e in own]))
        cases.append(case("multi_doc", "en", f"List the editions of the {s.acronym} congress.", "; ".join(f"{e.number}: {e.city} {e.year}" for e in own), [], [e.doc_id for e in own]))
        missing = max(e.number for e in own) + 3
        never = next(c for c in ["Dakhla", "Oujda", "Ifrane", "Laâyoune", "Essaouira"] if c not in cities)
        cases.append(case("unanswerable", "fr", f"Où se tiendra la {missing}e édition du congrès {s.of_acronym} ?", "", [], []))
        cases.append(case("unanswerable", "en", f"What was the registration fee for the {s.acronym} congress?", "", [], []))
        cases.append(case("unanswerable", "ar", f"كم كان ثمن التسجيل في مؤتمر {s.acronym}؟", "", [], []))
        if s.acronym in ("AAP", "SMAC", "GOA", "SCSR"):
            cases.append(case("unanswerable", "fr", f"Quel hôtel a accueilli le congrès {s.of_acronym} à {never} ?", "", [], []))
            cases.append(case("unanswerable", "ar", f"أين يمكن ركن السيارة خلال مؤتمر {s.acronym}؟", "", [], []))
    for doc_id, question, lang, answer, must in [
        ("master-class-echographie-laayoune-2024", "Combien de médecins ont suivi la master class d'échographie de Laâyoune ?", "fr", "60", ["60"]),
        ("master-class-echographie-laayoune-2024", "Who led the emergency ultrasound master class?", "en", "Pr Hamza Ouali", ["Hamza Ouali"]),
        ("caravane-ophtalmologie-ouarzazate-2023", "كم عدد عمليات الساد التي أجريت في قافلة ورزازات؟", "ar", "180", ["180"]),
        ("caravane-ophtalmologie-ouarzazate-2023", "How many glasses did the Ouarzazate caravan hand out?", "en", "700", ["700"]),
        ("journee-anesthesie-rabat-2022", "Sur quoi portait la journée d'anesthésie de Rabat ?", "fr", "l'anesthésie du sujet âgé", ["sujet âgé"]),
        ("symposium-hematologie-marrakech-2024", "Qui présidait le symposium sur les anémies de l'enfant ?", "fr", "Pr Souad Benamar", ["Souad Benamar"]),
        ("symposium-hematologie-marrakech-2024", "ما هي توصية ندوة أمراض الدم في مراكش؟", "ar", "registre national des hémoglobinopathies", ["registre national"]),
        ("forum-sante-numerique-casablanca-2025", "Which start-up won the prize at the digital health forum?", "en", "MediScan", ["MediScan"]),
        ("forum-sante-numerique-casablanca-2025", "Combien de professionnels au forum de la santé numérique ?", "fr", "900", ["900"]),
        ("congress-rheumatology-rabat-2024", "Qui présidait la rencontre de rhumatologie de Rabat ?", "fr", "Professor Anouar Sebti", ["Anouar Sebti"]),
        ("congress-rheumatology-rabat-2024", "How many countries were represented at the rheumatology meeting?", "en", "twelve", ["twelve"]),
        ("conference-urology-tangier-2023", "ما هو موضوع مؤتمر المسالك البولية في طنجة؟", "ar", "Robotic surgery: promises and limits", ["Robotic surgery"]),
        ("conference-urology-tangier-2023", "When was the urology conference in Tangier?", "en", "5 to 7 October 2023", ["5 to 7 October 2023"]),
    ]:
        cases.append(case("factoid", lang, question, answer, must, [doc_id]))
    cases += [
        case("unanswerable", "fr", "Quel est le numéro de téléphone du secrétariat du congrès ?", "", [], []),
        case("unanswerable", "en", "Is there a shuttle from the airport to the congress venue?", "", [], []),
        case("unanswerable", "ar", "هل يوجد موقف للسيارات قرب قاعة المؤتمر؟", "", [], []),
        case("unanswerable", "fr", "Quel était le thème du congrès de neurochirurgie de Fès ?", "", [], []),
        case("unanswerable", "en", "Who chaired the 2016 cardiology congress in Agadir?", "", [], []),
    ]
    for number, item in enumerate(cases, start=1):
        item["id"] = f"ed-{number:03d}"
    return [{"id": c["id"], **{k: v for k, v in c.items() if k != "id"}} for c in cases]


def main() -> None:
    all_editions = write_corpus()
    cases = questions(all_editions)
    QUESTIONS.parent.mkdir(parents=True, exist_ok=True)
    with open(QUESTIONS, "w", encoding="utf-8") as handle:
        for item in cases:
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    by = {}
    for item in cases:
        by[(item["lang"], item["kind"])] = by.get((item["lang"], item["kind"]), 0) + 1
    print(f"{len(list(CORPUS.glob('*.md')))} documents, {len(cases)} cases: {dict(sorted(by.items()))}")


if __name__ == "__main__":
    main()
