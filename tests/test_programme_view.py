"""The Programme view shows what is known: a seed programme without times shows its congress's
dates (its own, else those an article about the same congress gives), city and venue and no empty
columns; congresses with a real schedule come first; a filter shows the programmes that match it
(free text also finds a congress by its name, accents aside), not "no session" once per other
congress; speakers sort by surname; the printable `/programme` page fits a 390 px phone (checked in
Debian's Chromium on the page as served, without a server)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED_CORPUS

PROGRAMMES = [ROOT / "eval" / "corpora" / "programme-fictif" / "jnof-2026.json", ROOT / "eval" / "corpora" / "programme-fictif" / "iffpo-2026.json"]
CHROMIUM = Path("/usr/bin/chromium")


def load(path: Path):
    from rag.programme.loaders import load_programme

    return load_programme(path, doc_id=path.stem)


def seed():
    from rag.programme.model import Congress, Programme, Session

    congress = Congress(name="Journées fictives sans horaires", city="Fès", venue="Palais fictif des congrès",
                        start=dt.date(2026, 3, 5), end=dt.date(2026, 3, 6))
    return Programme(congress, (Session("a", "Asthme sévère", type="Thème"), Session("b", "BPCO", type="Thème")), doc_id="seed")


def test_a_programme_without_times_shows_its_congress_and_no_empty_columns():
    from web.render import programme_table

    html = programme_table([seed()], "fr")
    assert "du jeudi 5 mars 2026 au vendredi 6 mars 2026 · Fès · Palais fictif des congrès" in html
    assert "<th>Session</th>" in html
    for absent in ("<th>Quand</th>", "<th>Salle</th>", "<th>Intervenants</th>", "Ajouter à mon agenda"):
        assert absent not in html
    assert "Tout le programme" in html  # its days, as one all-day event (rag.programme.calendar)
    assert html.count("<td>") == 2  # one cell per session: its title


def test_the_shipped_seed_programmes_show_their_city():
    from web.render import programme_table

    seeds = [load(path) for path in sorted((SHIPPED_CORPUS / "programmes").glob("*.yaml"))]
    html = programme_table(seeds, "fr")
    for programme in seeds:
        if programme.congress.city:
            assert programme.congress.city in html
        if not any(s.day for s in programme.sessions):
            assert html.count("<th>Quand</th>") < len(seeds)


def test_a_filter_shows_only_the_programmes_it_matches():
    from web.render import programme_table

    programmes = [load(path) for path in PROGRAMMES] + [seed()]
    html = programme_table(programmes, "fr", day="2026-10-08")
    assert "Keynote: liquid biopsy in everyday practice" in html
    assert "Aucune session ne correspond" not in html
    assert "JNOF" not in html and "sans horaires" not in html
    nothing = programme_table(programmes, "fr", query="dermatologie pédiatrique")
    assert nothing.count("Aucune session ne correspond") == 1


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (make test-deps)")
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_printable_programme_fits_a_390_px_phone(language):
    from playwright.sync_api import sync_playwright

    from web.render import programme_page

    page_html = programme_page([load(path) for path in PROGRAMMES] + [seed()], language)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            page.set_content(page_html)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"/programme is {width} px wide on a 390 px phone"
            assert page.get_by_text("Keynote: liquid biopsy in everyday practice").is_visible()
        finally:
            browser.close()


def test_an_uploaded_programme_with_bad_sessions_is_added_with_one_warning_each(tmp_path):
    from web.organiser import accept_upload

    quirks = Path(__file__).parent / "data" / "programmes" / "quirks" / "bad-sessions.yaml"
    accepted, message = accept_upload(quirks, "bad-sessions.yaml", tmp_path / "corpus", 20_000_000)
    assert accepted and "added as" in message
    assert message.count("warning: skipped session") == 3
    assert "warning: skipped session greffe (Greffe rénale): end 10:00 is not after start 11:00" in message


def shipped():
    """The shipped seed programmes and the articles beside them, as the index keeps them (doc id → document)."""
    from rag.documents import load_document

    documents = {}
    for path in sorted(SHIPPED_CORPUS.rglob("*")):
        if path.is_file() and path.suffix in (".md", ".yaml"):
            document = load_document(path, SHIPPED_CORPUS)
            documents[document.doc_id] = document
    return documents


def test_a_seed_programme_without_dates_is_headed_by_the_dates_its_article_gives():
    from rag.programme.model import programmes_in
    from web.render import programme_table
    from web.service import congress_dates_from_articles

    documents = shipped()
    programmes = programmes_in(documents)
    dates = congress_dates_from_articles(programmes, documents)
    omm = next(p for p in programmes if "OMM" in p.congress.name)
    assert dates == {omm.doc_id: "18 et 19 novembre"}  # the Master Class's article gives only its own publication date
    html = programme_table(programmes, "fr", dates)
    assert "du 18 au 19 novembre · Marrakech" in html  # from the article (no year: none is made up)
    assert "du jeudi 12 juin 2025 au dimanche 15 juin 2025 · Marrakech" in html  # from the programme itself
    assert "18 to 19 November · Marrakech" in programme_table(programmes, "en", dates)
    assert "mai 2025" not in html


def test_an_article_about_another_edition_or_city_gives_no_dates():
    from types import SimpleNamespace

    from rag.programme.model import Congress, Programme
    from web.service import congress_dates_from_articles

    programme = Programme(Congress(name="Congrès de l'OMM", edition="2ème édition", city="Marrakech"), (), doc_id="p")
    article = lambda **meta: SimpleNamespace(metadata={"congress": "Congrès de l’OMM", "dates": "18 et 19 novembre", **meta})  # noqa: E731
    assert congress_dates_from_articles([programme], {"a": article(edition="2e édition")}) == {"p": "18 et 19 novembre"}
    assert congress_dates_from_articles([programme], {"a": article(edition="3e édition")}) == {}
    assert congress_dates_from_articles([programme], {"a": article(city="Rabat")}) == {}
    assert congress_dates_from_articles([programme], {"a": article(), "b": article(dates="20 et 21 novembre")}) == {}  # which one?


def test_the_free_text_filter_finds_a_congress_by_its_name_whatever_the_accents():
    from web.render import programme_table

    seeds = [load(path) for path in sorted((SHIPPED_CORPUS / "programmes").glob("*.yaml"))]
    for query in ("Hemostase", "HÉMOSTASE", "master class"):
        html = programme_table(seeds, "fr", query=query)
        assert "Master Class en Hémostase" in html and "radiologie" not in html, query
        assert "Présentations interactives et ateliers collaboratifs" in html


def test_congresses_with_a_real_schedule_come_first_then_by_their_first_day():
    from rag.programme.model import Congress, Programme
    from web.render import programme_order, programme_table

    jnof, iffpo = (load(path) for path in PROGRAMMES)
    undated = Programme(Congress(name="Sans dates"), seed().sessions, doc_id="undated")
    ordered = programme_order([undated, seed(), iffpo, jnof])
    assert [p.doc_id for p in ordered] == ["jnof-2026", "iffpo-2026", "seed", "undated"]
    html = programme_table([undated, seed(), iffpo, jnof], "fr")
    assert html.index("JNOF") < html.index("sans horaires") < html.index("Sans dates")


def test_speakers_sort_by_surname_whatever_their_title():
    from web.render import surname_key

    names = ["Pr Youssef Tazi", "Dr Sanaa Alaoui", "Pr Mehdi Berrada", "Dr Leïla Bennani", "Pr Karim El Idrissi", "Mme Salma Zniber",
             "Prof. Anne-Marie van der Berg"]
    assert sorted(names, key=surname_key) == ["Dr Sanaa Alaoui", "Dr Leïla Bennani", "Pr Mehdi Berrada", "Pr Karim El Idrissi",
                                              "Pr Youssef Tazi", "Prof. Anne-Marie van der Berg", "Mme Salma Zniber"]


def test_a_programme_with_dates_offers_its_calendar_even_without_session_days():
    from web.render import programme_table

    html = programme_table([seed()], "fr")
    assert "Tout le programme (.ics)" in html and "calendar.ics?doc=seed" in html
    assert 'id="congress-seed"' in html  # where the calendar event links back to
