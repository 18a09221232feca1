"""Each document's event facts are read from its text, each with the span that states it; a
question across congresses is told from one about a single congress, and says what each congress
it lists must state. Every text here is fictional (invented societies, people and venues; real
cities)."""

from __future__ import annotations

import pytest

from rag.answering.question import asks_across_documents
from rag.events.constraints import constraints_of
from rag.events.dates import dates_in
from rag.events.facts import read_event_facts
from rag.events.mentions import mentions_in
from rag.events.places import cities_in, countries_in, localities_in, regions_of, unknown_cities

LANGUAGES = ("en", "fr")


@pytest.mark.parametrize(
    "text, days, month, year",
    [
        ("du 10 au 12 novembre 2021 à Agadir", (10, 12), 11, 2021),
        ("le jeudi 3 et vendredi 4 juin courant", (3, 4), 6, None),
        ("les 7, 8 et 9 mai 2026", (7, 9), 5, 2026),
        ("From 4 to 6 March, 2015", (4, 6), 3, 2015),
        ("from June 10 to 12 in Tangier", (10, 12), 6, None),
        ("من3 إلى 5 ماي 2026، الذي", (3, 5), 5, 2026),
        ("يومي 5 و6 أكتوبر 2024", (5, 6), 10, 2024),
        ("١٢ يونيو ٢٠٢٦", (12, None), 6, 2026),
    ],
)
def test_dates_are_read_as_articles_write_them(text, days, month, year):
    (span,) = dates_in(text)
    assert (span.first_day, span.last_day, span.month, span.year) == (*days, month, year)


def test_a_range_across_two_months_and_a_month_name_alone():
    (span,) = dates_in("du 30 mars au 2 avril prochains")
    assert (span.first_day, span.month, span.last_day, span.last_month) == (30, 3, 2, 4)
    assert dates_in("It may be held in March") == []  # a month name alone is no date


def test_the_event_a_text_names_first_with_its_edition():
    text = "Marrakech a accueilli la 4e édition du Congrès national de néphrologie fictive de la SNF, vendredi."
    best = max(mentions_in(text), key=lambda m: m.salience)
    assert best.text == "4e édition du Congrès national de néphrologie fictive de la SNF"
    assert best.edition == 4
    arabic = max(mentions_in("احتضنت مدينة طنجة الدورة الثانية للمؤتمر الوطني لأمراض الجلد، بمشاركة 300 طبيب."),
                 key=lambda m: m.salience)
    assert arabic.edition == 2 and arabic.text.startswith("الدورة الثانية للمؤتمر الوطني")


FICTIONAL_REPORT = (
    "Agadir accueille le congrès fictif de la SNPF\n\n"
    "La ville d'Agadir a accueilli, du 10 au 12 novembre 2021, la 4e édition du Congrès national de pneumologie "
    "de la SNPF, à l'hôtel fictif Les Dunes, autour du thème « Asthme et climat ».\n\n"
    "Organisée par la Société Nord-Africaine de Pneumologie Fictive (SNPF), cette édition a réuni 510 congressistes.\n\n"
    "Présidé par Pr Leila Inventaire, présidente de la SNPF, le congrès a consacré une table ronde à la pollution."
)


def test_a_reports_facts_each_with_the_span_that_states_it():
    facts = read_event_facts("snpf-4e", FICTIONAL_REPORT)
    assert facts.name.value == "4e édition du Congrès national de pneumologie de la SNPF"
    assert (facts.edition, facts.city.value, facts.year) == (4, "Agadir", 2021)
    assert facts.venue.value == "hôtel fictif Les Dunes"
    assert facts.dates.value == "10 au 12 novembre 2021"
    assert facts.theme.value == "Asthme et climat"
    assert facts.organiser.value == "Société Nord-Africaine de Pneumologie Fictive (SNPF)"
    assert facts.president.value == "Leila Inventaire"
    for fact in (facts.name, facts.venue, facts.dates, facts.theme, facts.organiser, facts.president):
        assert FICTIONAL_REPORT[fact.start : fact.end] == fact.value
    assert facts.asked("place").value == "hôtel fictif Les Dunes, Agadir"


def test_front_matter_facts_come_first_and_nothing_is_inferred():
    text = "Les travaux du congrès fictif ont débuté vendredi dans la ville ocre."
    facts = read_event_facts("fm", text, metadata={"congress": "Congrès fictif d'hématologie", "city": "Marrakech",
                                                   "edition": "3e édition", "dates": "du 2 au 4 mai 2025"})
    assert (facts.name.value, facts.city.value, facts.edition, facts.year) == ("Congrès fictif d'hématologie", "Marrakech", 3, 2025)
    assert facts.city.start == -1  # only the front matter says so
    bare = read_event_facts("bare", text)
    assert bare.city is None and bare.dates is None and bare.president is None


def test_a_publication_date_is_not_the_events():
    text = "Publié le 02/03/2024\n12 Mars 2024 À 09:40\n\nLe 2e colloque fictif de gériatrie se tiendra les 9 et 10 décembre à Fès."
    facts = read_event_facts("dated", text)
    assert facts.dates.value == "9 et 10 décembre"


def test_places_in_every_spelling_and_their_country_and_region():
    assert [p.name for p in cities_in("Les congressistes réunis à Marrakech, puis بمراكش et بالرباط")] == ["Marrakech", "Marrakech", "Rabat"]
    assert [p.name for p in cities_in("Tangier, Tanger, طنجة")] == ["Tanger"] * 3
    assert cities_in("casablanca en minuscules") == []  # a Latin spelling is capitalised
    assert {"Tunisie", "Maghreb", "Afrique"} <= regions_of("Hammamet")
    assert [p.name for p in countries_in("les congrès tenus au Maghreb ou en Égypte")] == ["Maghreb", "Égypte"]
    assert [p.name for p in countries_in("the Egyptian conferences, الجمعية الجزائرية")] == ["Égypte", "Algérie"]
    assert [p.name for p in localities_in("reached the families of Ait Fictif douar, then the village of Tafraout Imaginary")] == [
        "Ait Fictif", "Tafraout Imaginary"]


def test_a_city_no_document_names_is_unknown():
    known = {"rabat", "marrakech", "مراكش"}
    assert unknown_cities("Quand a lieu le congrès de Rabat ?", known, LANGUAGES) == set()
    assert unknown_cities("متى ينعقد المؤتمر في مراكش؟", known, LANGUAGES) == set()  # Marrakech, in Arabic letters
    assert unknown_cities("Who chaired the congress in Agadir?", known, LANGUAGES) == {"Agadir"}


@pytest.mark.parametrize(
    "question",
    [
        "Dans quelles villes le congrès de la SNPF s'est-il tenu ?",
        "Quels congrès de pneumologie ont eu lieu à Rabat ?",
        "Quels congrès le Palais fictif des Congrès a-t-il accueillis ?",
        "Quand ont eu lieu les éditions du congrès de la SNPF ?",
        "Which sleep-medicine meetings took place in Agadir, and when?",
        "What were the themes of the SNPF congresses?",
        "In which events does Dr Samir Imaginé appear, and in what capacity?",
        "ما هي التظاهرات التي احتضنها قصر المؤتمرات؟",
        "أين توقفت القوافل الطبية المذكورة؟",
        "Quels salons sont décrits ?",
    ],
)
def test_questions_across_congresses(question):
    assert asks_across_documents(question)


@pytest.mark.parametrize(
    "question",
    [
        "Quand a eu lieu la 4e édition du congrès de la SNPF ?",
        "Who opened the fictional nephrology congresses in Agadir in 2021?",  # one report of two joint congresses
        "Quels ateliers le congrès de la SNPF proposait-il ?",
        "Quelles sont les dates du prochain congrès de la SNPF ?",
        "Quelles associations ont soutenu le congrès de la SNPF ?",
    ],
)
def test_questions_about_one_congress(question):
    assert not asks_across_documents(question)


def test_what_a_question_across_congresses_requires_of_each_congress():
    constraints = constraints_of("Quels congrès de pneumologie ont eu lieu à Rabat ou à Agadir en novembre 2021 ?", LANGUAGES)
    assert constraints.cities == {"Rabat", "Agadir"}
    assert constraints.specialties == {"pulmonology"}
    assert constraints.months == ((11, 2021),)
    named = constraints_of("Quel rôle Karim Belfiction a-t-il joué au congrès de la Société tunisienne de pneumologie fictive ?", LANGUAGES)
    assert [(p.text, p.person) for p in named.phrases] == [("Karim Belfiction", True), ("Société tunisienne de pneumologie fictive", False)]
    spelled = constraints_of("Which congresses of the International Committee of Fictional Medicine (ICFM) are covered?", LANGUAGES)
    assert [(p.text, sorted(p.acronym)) for p in spelled.phrases] == [("International Committee of Fictional Medicine", ["icfm"])]
    assert constraints_of("ما هي القوافل الطبية المذكورة؟", LANGUAGES).kinds  # caravans, not any event
    assert constraints_of("Quels congrès au Maghreb ?", LANGUAGES).countries == {"Maghreb"}
