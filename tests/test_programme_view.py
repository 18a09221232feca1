"""The Programme view shows what is known: a seed programme without times shows its congress's
dates, city and venue and no empty columns; a filter shows the programmes that match it, not
"no session" once per other congress; the printable `/programme` page fits a 390 px phone
(checked in Debian's Chromium on the page as served, without a server)."""

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
    for absent in ("<th>Quand</th>", "<th>Salle</th>", "<th>Intervenants</th>", "Ajouter à mon agenda", "Tout le programme"):
        assert absent not in html
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
