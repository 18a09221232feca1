"""The chat on a phone (390×844) in French, English and Arabic browsers: the answer in view, folded source
cards, Arabic laid out and isolated right, every label in the page's language with no serious or critical
accessibility violation (axe-core, in light and dark mode), every text at least 4.5:1 on its background in both
colour schemes, 44 px tap targets, `[n]` opening its card, feedback next to the answer, bad input shown and
answered honestly, readable type, the document page opened at the passage under its title with a way back.
Real server, real index, Debian's Chromium; a screenshot of each state in test-artifacts/."""

from __future__ import annotations

import pytest

from test_web_chat import ARTIFACTS, ask, chromium, last_answer, web  # noqa: F401  (fixtures)
from web.texts import text

LOCALES = {"fr": "fr-FR", "en": "en-US", "ar": "ar-MA"}
QUESTIONS = {
    "fr": "Qui est la présidente de la SMR ?",
    "en": "Who is the president of the SMR?",
    "ar": "من ترأس المؤتمر الثالث والعشرين للجمعية المغربية للأشعة؟",
}
UNANSWERABLE = {"fr": "Quel est le prix du billet de train pour Rabat ?", "en": "How much is the train ticket to Rabat?",
                "ar": "ما هو ثمن تذكرة القطار إلى الرباط؟"}
GRADIO_ENGLISH = ("Copy message", "More tabs", "chatbot conversation")
DISLIKE = "button[aria-label='Dislike'], button[aria-label=\"Je n'aime pas\"], button[aria-label='عدم الإعجاب'], button[aria-label='لم يعجبني']"


@pytest.fixture(params=list(LOCALES))
def language(request):
    return request.param


@pytest.fixture
def phone(chromium, language, request):  # noqa: F811
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale=LOCALES[language])
    page = context.new_page()
    yield page
    context.close()


def open_chat(page, web, language: str) -> None:  # noqa: F811
    page.goto(web["url"])
    page.wait_for_function("lang => document.documentElement.lang === lang", arg=language, timeout=15_000)
    page.locator("#cc-chat button.example").first.wait_for(timeout=20_000)


def shot(page, name: str, language: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}-{language}.png"))


def box(locator) -> dict:
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; }")


@pytest.mark.browser
def test_after_an_answer_its_start_and_its_question_are_on_screen_and_cards_fold(web, phone, language):  # noqa: F811
    open_chat(phone, web, language)
    ask(phone, QUESTIONS[language])
    phone.wait_for_timeout(300)  # the scroll happens on the next frame
    log = box(phone.locator("#cc-chat .bubble-wrap"))
    answer = box(last_answer(phone))
    question = box(phone.locator(".cc-question").last)
    shot(phone, "answer-in-view", language)
    visible_top, visible_bottom = max(log["top"], 0), min(log["bottom"], 844)
    assert visible_top <= answer["top"] <= visible_bottom - 60, f"the answer starts off screen: {answer} in {log}"
    assert visible_top <= question["top"] and question["bottom"] <= visible_bottom, f"the question is off screen: {question} in {log}"
    card = last_answer(phone).locator("details.cc-card").first
    assert not card.evaluate("d => d.open"), "a source card is folded on a phone"
    assert not card.locator(".cc-passage").is_visible()
    card.locator("summary").click()
    assert card.locator(".cc-passage").is_visible() and card.locator("mark").count() == 1
    shot(phone, "card-opened", language)


@pytest.mark.browser
def test_every_label_is_in_the_page_language_and_axe_finds_no_serious_violation(web, phone, language):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    open_chat(phone, web, language)
    ask(phone, QUESTIONS[language])
    ask(phone, QUESTIONS[language])  # two answers: more than the chat holds, so that it scrolls (Gradio's "scroll down" below)
    phone.wait_for_timeout(300)
    labels = phone.evaluate("() => [...document.querySelectorAll('[aria-label]')].map(e => e.getAttribute('aria-label'))")
    assert not [label for label in labels if "<" in label], "a screen-reader label holds raw HTML"
    assert text(language, "conversation") in labels and text(language, "copy_message") in labels
    user_label = phone.locator("#cc-chat [data-testid=user]").last.get_attribute("aria-label")
    assert user_label == text(language, "user_said") + QUESTIONS[language]
    if language != "en":
        assert not set(GRADIO_ENGLISH) & set(labels), f"English labels left: {set(GRADIO_ENGLISH) & set(labels)}"
    assert phone.title() == text(language, "title"), "the tab says what the page is, in its language"
    phone.locator("#cc-chat .bubble-wrap").evaluate("e => { e.scrollTop = 0; e.dispatchEvent(new Event('scroll')); }")
    scroll_down = phone.locator(f"#cc-chat button[aria-label='{text(language, 'scroll_down')}']")
    scroll_down.wait_for(timeout=5_000)  # Gradio's "Scroll down", shown once the chat is scrolled up, in the page's language
    assert phone.locator("#cc-chat button[aria-label='Scroll down']").count() == 0
    results = Axe().run(phone)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    (ARTIFACTS / f"axe-{language}.txt").write_text(results.generate_report(), encoding="utf-8")
    shot(phone, "labels", language)
    assert not serious, serious


@pytest.mark.browser
def test_arabic_is_mirrored_and_isolated_and_refusals_are_upright_and_in_one_language(web, phone, language):  # noqa: F811
    open_chat(phone, web, language)
    send, field = box(phone.locator("#cc-send")), box(phone.locator("#cc-question textarea"))
    languages = phone.locator("#cc-language label")
    first, last = box(languages.first), box(languages.last)
    ask(phone, UNANSWERABLE[language])
    refusal = last_answer(phone)
    assert "cc-refusal" in refusal.get_attribute("class")
    assert text(language, "refusal_label") in refusal.inner_text()
    pill = refusal.locator(".cc-refusal-label")
    assert pill.evaluate("e => e.getClientRects().length") == 1, "the refusal's label is one box: its border is never split over two lines"
    assert pill.evaluate("e => parseFloat(getComputedStyle(e).borderTopLeftRadius)") > 0
    user, bot = box(phone.locator("#cc-chat .user-row").last), box(phone.locator("#cc-chat .bot-row").last)
    if language == "ar":
        assert send["right"] <= field["left"], "the send button is on the left in Arabic"
        assert first["left"] > last["left"], "the language switch reads right to left"
        # the bot's bubble takes nearly the whole width on a phone: the attendee's is on the left of it, shorter
        assert user["left"] <= bot["left"] and user["right"] < bot["right"], "the attendee's bubble is on the left in Arabic"
        assert refusal.evaluate("e => getComputedStyle(e).fontStyle") == "normal", "no slanted Arabic"
        assert not any("a" <= ch.lower() <= "z" for ch in refusal.inner_text()), "the refusal is all in Arabic"
        ask(phone, "ما هو موضوع «Médecine de précision» في مؤتمر OMM؟")
        question = phone.locator(".cc-question").last
        assert question.locator("bdi").all_inner_texts() == ["Médecine de précision", "OMM"]
    else:
        assert send["left"] >= field["right"] and first["left"] < last["left"] and user["left"] > bot["left"]
    shot(phone, "refusal", language)


@pytest.mark.browser
def test_feedback_thanks_only_after_it_is_given_and_the_comment_box_is_next_to_the_answer(web, phone, language):  # noqa: F811
    open_chat(phone, web, language)
    ask(phone, QUESTIONS[language])
    thanks = phone.get_by_text(text(language, "thanks"))
    assert thanks.count() == 0, "no thanks before any feedback"
    thumb = phone.locator(f"#cc-chat :is({DISLIKE})").last.element_handle()  # its label changes once pressed
    thumb.click()
    comment = phone.locator("#cc-comment textarea")
    comment.wait_for(state="visible", timeout=10_000)
    phone.wait_for_timeout(300)
    phone.wait_for_timeout(300)
    where, send = box(comment), box(phone.locator("#cc-comment-send"))
    assert 0 <= where["top"] and where["bottom"] <= 844, f"the comment box is off screen: {where}"
    assert 0 <= send["top"] and send["bottom"] <= 844, f"its send button is off screen: {send}"
    dislike = thumb.bounding_box()
    assert 0 <= dislike["y"] <= 844, "the answer's thumbs stay on screen with the comment box"
    assert thanks.count() == 0 or not thanks.first.is_visible(), "no thanks before the comment is sent"
    shot(phone, "comment-open", language)
    comment.fill("x")
    phone.locator("#cc-comment-send").click()
    thanks.first.wait_for(state="visible", timeout=10_000)
    shot(phone, "thanks", language)


@pytest.mark.browser
def test_markup_is_shown_but_the_text_is_answered_and_german_gets_the_languages_understood(web, phone, language):  # noqa: F811
    open_chat(phone, web, language)
    ask(phone, '<img src=x onerror="window.__pwned=true"> ' + QUESTIONS[language])
    assert "<img" in phone.locator(".cc-question").last.inner_text()
    answer = last_answer(phone)
    assert "cc-refusal" not in answer.get_attribute("class") and answer.locator(".cc-card").count() >= 1
    assert phone.evaluate("() => window.__pwned === undefined")
    phone.locator("#cc-question textarea").fill("Wann beginnt die Sitzung über Prostatakrebs?")
    phone.locator("#cc-send").click()
    phone.get_by_text(text(language, "unsupported_language")).wait_for(timeout=20_000)
    shot(phone, "bad-input", language)


@pytest.mark.browser
def test_type_has_every_letter_and_the_placeholder_fits(web, phone, language):  # noqa: F811
    open_chat(phone, web, language)
    fonts = phone.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert not [f for f in fonts if "Source Sans" in f], f"the bundled web font is still used: {fonts}"
    family = phone.locator(".cc-h1").evaluate("e => getComputedStyle(e).fontFamily")
    assert "Source Sans" not in family
    fits = phone.locator("#cc-question textarea").evaluate(
        """e => { const s = getComputedStyle(e); const c = document.createElement('canvas').getContext('2d');
                  c.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
                  const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
                  return [c.measureText(e.placeholder).width, room]; }""")
    assert fits[0] <= fits[1], f"the placeholder ({fits[0]:.0f} px) is cut in {fits[1]:.0f} px"
    shot(phone, "empty", language)


@pytest.mark.browser
def test_on_a_wide_screen_cards_are_open(web, chromium):  # noqa: F811
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    open_chat(page, web, "fr")
    ask(page, QUESTIONS["fr"])
    card = last_answer(page).locator("details.cc-card").first
    page.wait_for_function("() => [...document.querySelectorAll('.cc-answer details.cc-card')].every(d => d.open)", timeout=5_000)
    assert card.locator(".cc-passage").is_visible()
    page.screenshot(path=str(ARTIFACTS / "wide-cards-open-fr.png"))
    assert page.title() == text("fr", "title")
    page.locator("#cc-language label").filter(has_text="English").click()
    page.wait_for_function("title => document.title === title", arg=text("en", "title"), timeout=10_000)
    context.close()
    assert web["url"] + "/favicon.svg" in requested, "the tab shows the project's icon"
    assert not [url for url in requested if not url.startswith((web["url"], "data:", "blob:"))], "no request to another site"


# --- colours, tap targets, citations, documents (issue 26) -----------------------------------------------

# Each text's contrast with what is under it (WCAG 2 relative luminance), from computed styles: the
# background is the element's and its ancestors' down to the first opaque one, composed.
CONTRAST = """selectors => {
  const parse = (colour) => { const m = /rgba?\\(([^)]+)\\)/.exec(colour); if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, under) => [0, 1, 2].map(i => top[i] * top[3] + under[i] * (1 - top[3])).concat([1]);
  const background = (e) => { const layers = [];
    for (let x = e; x; x = x.parentElement) { const c = parse(getComputedStyle(x).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]); };
  const luminance = (c) => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  return Object.fromEntries(selectors.map(selector => { const all = document.querySelectorAll(selector); const e = all[all.length - 1];
    if (!e) return [selector, null]; const bg = background(e); const fg = parse(getComputedStyle(e).color);
    return [selector, Math.round(ratio(fg[3] < 1 ? over(fg, bg) : fg, bg) * 100) / 100]; }));
}"""
TEXTS_MEASURED = (".cc-sub", "button[role=tab][aria-selected=true]", ".cc-question", ".cc-text", ".cc-sources-title",
                  ".cc-card-title", ".cc-n", ".cc-show", ".cc-card-meta", ".cc-passage", ".cc-passage mark", ".cc-open",
                  ".cc-refusal", ".cc-refusal-label", "#cc-send")


def answered_and_refused(page, language: str) -> None:
    """A cited answer with its first card open (its passage and highlighted sentence on screen), then a refusal."""
    ask(page, QUESTIONS[language])
    page.locator(".cc-answer details.cc-card").first.evaluate("d => { d.open = true; }")
    ask(page, UNANSWERABLE[language])
    page.wait_for_timeout(300)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_is_readable_in_light_and_dark_mode(web, chromium, scheme):  # noqa: F811
    """WCAG AA (4.5:1) for the chat's own texts: the highlighted sentence, the refusal and its label, the
    sources heading, a card's title, number and date line, the selected tab; in the browser's colour scheme."""
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR", color_scheme=scheme)
    page = context.new_page()
    open_chat(page, web, "fr")
    answered_and_refused(page, "fr")
    assert page.evaluate("() => document.body.classList.contains('dark')") == (scheme == "dark")
    ratios = page.evaluate(CONTRAST, list(TEXTS_MEASURED))
    page.screenshot(path=str(ARTIFACTS / f"phone-contrast-{scheme}-fr.png"))
    context.close()
    assert None not in ratios.values(), f"not on the page: {[s for s, r in ratios.items() if r is None]}"
    assert all(ratio >= 4.5 for ratio in ratios.values()), {selector: ratio for selector, ratio in ratios.items() if ratio < 4.5}


@pytest.mark.browser
def test_axe_finds_no_serious_violation_in_dark_mode(web, chromium, language):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale=LOCALES[language], color_scheme="dark")
    page = context.new_page()
    open_chat(page, web, language)
    answered_and_refused(page, language)
    results = Axe().run(page)
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    (ARTIFACTS / f"axe-dark-{language}.txt").write_text(results.generate_report(), encoding="utf-8")
    page.screenshot(path=str(ARTIFACTS / f"phone-dark-{language}.png"))
    context.close()
    assert not serious, serious


@pytest.mark.browser
def test_copy_thumbs_and_clear_are_44_px_tap_targets_on_a_phone(web, phone, language):  # noqa: F811
    open_chat(phone, web, language)
    ask(phone, QUESTIONS[language])
    buttons = phone.locator("#cc-chat button.icon-button")
    sizes = {buttons.nth(i).get_attribute("aria-label"): buttons.nth(i).bounding_box() for i in range(buttons.count())
             if buttons.nth(i).is_visible()}
    assert {text(language, key) for key in ("copy_message", "clear")} <= set(sizes) and len(sizes) >= 4, sorted(sizes)  # and the thumbs
    small = {label: (round(b["width"]), round(b["height"])) for label, b in sizes.items() if b["width"] < 44 or b["height"] < 44}
    assert not small, f"tap targets under 44×44 px: {small}"
    shot(phone, "tap-targets", language)


@pytest.mark.browser
def test_a_citation_marker_opens_its_card_and_brings_it_into_view(web, phone, language):  # noqa: F811
    open_chat(phone, web, language)
    ask(phone, QUESTIONS[language])
    marker = last_answer(phone).locator("a.cc-ref").first
    card = phone.locator(marker.get_attribute("href"))
    assert not card.evaluate("d => d.open"), "folded on a phone until asked for"
    marker.click()
    phone.wait_for_function("id => document.getElementById(id).open", arg=marker.get_attribute("href")[1:], timeout=5_000)
    phone.wait_for_timeout(200)
    passage, log = box(card.locator(".cc-passage")), box(phone.locator("#cc-chat .bubble-wrap"))
    visible_top, visible_bottom = max(log["top"], 0), min(log["bottom"], 844)
    assert visible_top <= passage["top"] < visible_bottom - 40, f"the cited passage is off screen: {passage} in {log}"
    assert "cc-cited" in card.get_attribute("class")
    shot(phone, "citation-opened", language)


@pytest.mark.browser
@pytest.mark.parametrize("width, language, scheme", [(390, "fr", "light"), (1280, "ar", "dark")])
def test_the_document_opens_at_the_passage_under_its_title_with_a_way_back(web, chromium, width, language, scheme):  # noqa: F811
    context = chromium.new_context(viewport={"width": width, "height": 844}, locale=LOCALES[language], color_scheme=scheme)
    page = context.new_page()
    open_chat(page, web, language)
    ask(page, QUESTIONS[language])
    page.goto(web["url"] + last_answer(page).locator("a.cc-open").first.get_attribute("href"))
    page.wait_for_timeout(300)
    assert page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]") == [language, "rtl" if language == "ar" else "ltr"]
    title, header, passage = box(page.locator("h1")), box(page.locator("header")), box(page.locator("#passage"))
    page.screenshot(path=str(ARTIFACTS / f"document-{width}-{language}-{scheme}.png"))
    assert page.evaluate("scrollY") > 0, "opened at the passage, further down"
    assert 0 <= title["top"] and title["bottom"] <= 844, f"the title is off screen: {title}"
    assert header["bottom"] <= passage["top"] < 844 - 40, f"the passage is under the header or off screen: {passage}, header {header}"
    ratios = page.evaluate(CONTRAST, ["mark", ".cc-date", ".cc-back", "h1", ".doc"])
    assert all(ratio >= 4.5 for ratio in ratios.values()), ratios
    page.get_by_role("link", name=text(language, "back_to_chat")).click()
    page.wait_for_url(web["url"] + "/")
    page.locator("#cc-chat").wait_for(timeout=15_000)
    context.close()


# --- the answer's room and each part's direction (issue 26) ---------------------------------------------

# The text of every card title (its line boxes, not its box, which reaches under the corner the arrow keeps)
# over the chat's whole scroll, against Gradio's "scroll down" arrow, which stays where it is.
TITLES_UNDER_ARROW = """arrow => { const log = document.querySelector('#cc-chat .bubble-wrap'); const hits = [];
  const a = arrow.getBoundingClientRect();
  for (let top = 0; top <= log.scrollHeight; top += 40) { log.scrollTop = top;
    for (const title of document.querySelectorAll('#cc-chat .cc-card-title')) { const range = document.createRange(); range.selectNodeContents(title);
      for (const r of range.getClientRects()) if (r.right > a.left && r.left < a.right && r.bottom > a.top && r.top < a.bottom) hits.push([top, title.innerText.slice(0, 30)]); } }
  return hits; }"""


@pytest.mark.browser
@pytest.mark.parametrize("width, language", [(390, "fr"), (390, "ar"), (1280, "fr")])
def test_the_header_is_compact_and_the_answer_has_the_width_and_the_arrow_leaves_titles_free(web, chromium, width, language):  # noqa: F811
    context = chromium.new_context(viewport={"width": width, "height": 844}, locale=LOCALES[language])
    page = context.new_page()
    open_chat(page, web, language)
    ask(page, QUESTIONS[language])
    ask(page, QUESTIONS[language])
    page.wait_for_timeout(300)
    tabs, chat = box(page.locator("[role=tablist]").first), box(page.locator("#cc-chat"))
    title, switch = box(page.locator(".cc-h1")), box(page.locator("#cc-language"))
    bubble = box(last_answer(page).locator("xpath=ancestor::div[contains(@class, 'message') and contains(@class, 'bot')][1]"))
    page.screenshot(path=str(ARTIFACTS / f"room-{width}-{language}.png"))
    assert bubble["right"] - bubble["left"] >= min(340, width - 50), f"the answer's bubble is {bubble['right'] - bubble['left']:.0f} px wide"
    if width < 600:
        assert tabs["bottom"] <= 120 and chat["top"] <= 130, f"header and tabs take {tabs['bottom']:.0f} px of 844"
        assert abs(title["top"] - switch["top"]) < 24, "the title and the language switch share one line"
        assert (title["left"] > switch["left"]) == (language == "ar"), "the header is mirrored in Arabic"
        assert (bubble["left"] - chat["left"] < 12) if language != "ar" else (chat["right"] - bubble["right"] < 12), "the bot's side"
    log = page.locator("#cc-chat .bubble-wrap")
    log.evaluate("e => { e.scrollTop = 0; e.dispatchEvent(new Event('scroll')); }")
    arrow = page.locator(f"#cc-chat button[aria-label='{text(language, 'scroll_down')}']")
    arrow.wait_for(timeout=5_000)
    page.evaluate("() => document.querySelectorAll('#cc-chat details.cc-card').forEach(d => { d.open = true; })")
    corner = box(arrow)
    assert (corner["left"] - chat["left"] < 60) if language == "ar" else (chat["right"] - corner["right"] < 60), f"the arrow is in the corner: {corner}"
    assert not arrow.evaluate(TITLES_UNDER_ARROW), "the scroll-down arrow covers a card's title"
    context.close()


# The direction and alignment the browser gives an element, and whether its text reaches its right edge.
DIRECTION = """e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect(); const range = document.createRange();
  range.selectNodeContents(e); const right = Math.max(...[...range.getClientRects()].map(q => q.right));
  return {direction: s.direction, align: s.textAlign, flushRight: Math.abs(r.right - parseFloat(s.paddingRight) - right) < 3}; }"""


@pytest.mark.browser
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_an_arabic_question_with_a_latin_name_and_an_arabic_quote_read_right_to_left(web, phone, language):  # noqa: F811
    from rag.answer import Answer, Citation
    from web.render import answer_html

    open_chat(phone, web, language)
    ask(phone, "من هي Najat Chérif Idrissi El Ganouni رئيسة SMR؟")
    question = phone.locator(".cc-question").last
    assert question.evaluate(DIRECTION) == {"direction": "rtl", "align": "start", "flushRight": True}
    assert question.locator("bdi").all_inner_texts() == ["Najat Chérif Idrissi El Ganouni", "SMR"]
    # An answer quoting an Arabic sentence after a French one, as the page shows one (the served corpus is French).
    sentence = "انعقد المؤتمر الوطني للأشعة يومي 18 و19 نونبر بمراكش."
    citation = Citation(1, "smr", "Congrès de la SMR", "", sentence, 0, len(sentence), 1.0, 0, len(sentence))
    quoted = Answer("Quand ?", f"18 و19 نونبر\nD'après les documents du congrès : Le congrès a lieu à Marrakech. [1] {sentence} [1]",
                    False, "fr", [citation], ["smr"])
    last_answer(phone).evaluate("(e, html) => { e.outerHTML = html; }", answer_html(quoted, "q", language))
    answer = last_answer(phone)
    headline, lead, french, arabic = (answer.locator(s) for s in (".cc-line", ".cc-lead", ".cc-quote >> nth=0", ".cc-quote >> nth=1"))
    assert headline.evaluate(DIRECTION)["direction"] == "rtl" and headline.evaluate(DIRECTION)["flushRight"], "the Arabic date reads right to left"
    assert arabic.evaluate(DIRECTION) == {"direction": "rtl", "align": "start", "flushRight": True}, "the Arabic quote is right-aligned"
    assert french.evaluate(DIRECTION)["direction"] == "ltr" and lead.evaluate(DIRECTION)["direction"] == "ltr"
    shot(phone, "directions", language)
