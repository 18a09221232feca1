"""What the organiser sees of a published programme: the sessions the reader found in an
uploaded brochure, as a table with its warnings, and a CSV to correct them — served behind the
organiser's login only. A real server on a free port, the real index, Debian's Chromium."""

from __future__ import annotations


import httpx
import pytest

from conftest import make_settings, serving
from published_programmes import write_all
from test_web_chat import ARTIFACTS, PASSWORD, chromium, log_in_as_organiser  # noqa: F401  (chromium: the shared browser fixture)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from rag.assistant import Assistant
    from rag.ingest import ingest
    from web.app import create_app

    root = tmp_path_factory.mktemp("organiser-programmes")
    written = root / "written"
    written.mkdir()
    write_all(written)
    corpus = root / "corpus"
    corpus.mkdir()
    for name in ("cardiologie-fes-2026.pdf", "ophtalmo-tetouan-2026.md"):
        (corpus / name).write_bytes((written / name).read_bytes())
    settings = make_settings(corpus_dir=corpus, data_dir=root / "data", index_dir=root / "data" / "index",
                             organiser_password=PASSWORD, embedder="use-m3")
    ingest(settings)
    app = create_app(Assistant(settings), settings)
    with serving(app) as url:
        yield {"url": url, "settings": settings}


def _login(client: httpx.Client) -> None:
    assert client.post("/organiser/login", data={"username": "organiser", "password": PASSWORD}).status_code == 200


def test_the_sessions_read_from_a_brochure_download_as_a_csv_that_loads_back_as_a_programme(served, tmp_path):
    from rag.programme.loaders import load_programme

    with httpx.Client(base_url=served["url"], timeout=30) as client:
        _login(client)
        response = client.get("/organiser/export/programme.csv", params={"doc": "cardiologie-fes-2026"})
    assert response.status_code == 200
    assert 'filename="cardiologie-fes-2026-sessions.csv"' in response.headers["content-disposition"]
    assert "# source: cardiologie-fes-2026.pdf" in response.text
    path = tmp_path / "corrige.csv"
    path.write_text(response.text, encoding="utf-8")
    programme = load_programme(path)
    assert len(programme.sessions) == 11 and any(s.title.startswith("Rythmologie fictive") for s in programme.sessions)


def test_the_programme_export_is_not_served_without_the_organiser_login(served):
    for url in ("/organiser/export/programme.csv", "/export/programme.csv"):
        response = httpx.get(served["url"] + url, params={"doc": "cardiologie-fes-2026"})
        assert 400 <= response.status_code < 500 and "Rythmologie" not in response.text, url


@pytest.mark.browser
def test_the_organiser_sees_the_sessions_and_warnings_read_from_each_document(served, chromium):  # noqa: F811
    from web.texts import text

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    log_in_as_organiser(page, served["url"])
    page.get_by_role("tab", name=text("fr", "org_programmes_tab")).click()
    table = page.locator("#org-programme-sessions")
    table.get_by_text("Rythmologie fictive").first.wait_for(timeout=15_000)
    assert "11:00" in table.inner_text()
    page.locator("#org-programme-doc input").click()
    page.get_by_role("option", name="ophtalmo-tetouan-2026.md", exact=False).click()
    page.locator("#org-programme-warnings").get_by_text("Samedi", exact=False).wait_for(timeout=15_000)
    assert page.locator("#org-programme-csv").get_attribute("href").endswith("export/programme.csv?doc=ophtalmo-tetouan-2026")
    page.screenshot(path=str(ARTIFACTS / "web-organiser-programmes.png"), full_page=True)
    context.close()
