// The pages' small client side, on the chat and the organiser space (loaded in <head>; LABELS is filled in by web/app.py from web/texts.py).
// 1. The page's language and direction follow the language switch (<html lang dir>).
// 2. Labels Gradio writes in English whatever the locale ("Copy message", "More tabs", "chatbot conversation",
//    "user's message: <div …>") are said in the page's language, without markup.
// 3. When an answer arrives, the chat shows its question and the start of the answer (not the bottom of its
//    last source card); source cards are folded on small screens and open on wide ones.
// 4. The feedback comment box, when it opens, is scrolled into view.
// 5. `[n]` in an answer opens source card n (folded on a phone) and brings it into view.
// 6. The chat's title (<title>, written by the server in the browser's language) follows the language switch.
// 7. The organiser page's Gradio parts (file box, tables) and the screen reader's "common.complete" are said in the
//    page's language too.
// 8. A Programme filter's text is selected when it is focused: typing a name replaces "Tous" and narrows the list.
// 9. Gradio's login form empties the user name with the password after a wrong one (its Login.svelte sets both to "");
//    the name typed is put back, so that only the password is typed again.
(function () {
  const LABELS = __CC_LABELS__;
  const WIDE = "(min-width: 768px)";
  const browser = (navigator.language || "fr").slice(0, 2);
  const lang = () => (LABELS[document.documentElement.lang] ? document.documentElement.lang : LABELS[browser] ? browser : "fr");
  const say = (key) => LABELS[lang()][key];
  // Every wording a label may have (Gradio's English, or ours in any language) → its key.
  const keyOf = {};
  const gradioEnglish = {copy_message: "Copy message", copied_message: "Copied message", more_tabs: "More tabs",
                         conversation: "chatbot conversation", like: "Like", dislike: "Dislike", clear: "Clear",
                         scroll_down: "Scroll down", upload_drop: "Click to upload or drop files", file_upload: "File upload",
                         table_actions: "Table actions", copy_table: "Copy table data", fullscreen: "Fullscreen", table: "Dataframe",
                         cell_menu: "Open cell menu"};
  // Gradio's screen-reader announcements whose translation it lacks (it reads out the key itself).
  const statusKeys = {"common.complete": "status_complete", "common.error": "status_error"};
  for (const [key, english] of Object.entries(gradioEnglish)) keyOf[english] = key;
  for (const table of Object.values(LABELS)) for (const key of Object.keys(gradioEnglish)) keyOf[table[key]] = key;

  function textOf(element) {
    return (element.innerText || element.textContent || "").replace(/\s+/g, " ").trim();
  }

  function relabel(element) {
    const label = element.getAttribute("aria-label");
    if (label === null) return;
    let wanted = null;
    const role = element.getAttribute("data-testid");
    if (/^(user|bot|assistant)'s message: /.test(label) || element.hasAttribute("data-cc-said")) {
      // Gradio's label is the message's HTML source: say its text instead (kept up to date as the text changes).
      const said = textOf(element);
      element.setAttribute("data-cc-said", "");
      wanted = (role === "user" ? say("user_said") : say("bot_said")) + (said.length > 300 ? said.slice(0, 300) + "…" : said);
    } else if (keyOf[label]) {
      wanted = say(keyOf[label]);
    }
    if (wanted !== null && wanted !== label) element.setAttribute("aria-label", wanted);
    if (element.getAttribute("title") && keyOf[element.getAttribute("title")]) element.setAttribute("title", say(keyOf[element.getAttribute("title")]));
  }

  function relabelAll(root) {
    if (root.nodeType !== 1) return;
    if (root.hasAttribute("aria-label")) relabel(root);
    root.querySelectorAll("[aria-label]").forEach(relabel);
  }

  function announceInLanguage(node) {
    const region = node && (node.nodeType === 1 ? node : node.parentElement);
    if (!region || !region.matches || !region.matches("[role=status].sr-only")) return;
    // the text node itself, which Gradio keeps writing into (replacing it would silence the next announcements)
    region.childNodes.forEach((text) => {
      const key = text.nodeType === 3 && statusKeys[text.nodeValue.trim()];
      if (key) text.nodeValue = say(key);
    });
  }

  // The login form: the user name typed is put back after Gradio answers a wrong password (400) and empties it.
  function keepUserName(name) {
    const field = document.querySelector("input[type=password]") && document.querySelector("input[type=text]");
    if (!field || field.value) return;
    field.value = name;
    field.dispatchEvent(new Event("input", {bubbles: true}));
  }
  const gradioFetch = window.fetch;
  window.fetch = async function (resource, init) {
    const response = await gradioFetch.apply(this, arguments);
    const url = typeof resource === "string" ? resource : resource && resource.url ? resource.url : String(resource);
    if (response.status === 400 && init && init.method === "POST" && /\/login\/?$/.test(url.split("?")[0]) && init.body instanceof FormData) {
      const name = init.body.get("username");
      if (name) setTimeout(() => requestAnimationFrame(() => keepUserName(name)), 0);  // after Gradio's form has emptied it
    }
    return response;
  };

  let lastAnswer = null;
  function showLatestAnswer() {
    const chat = document.querySelector("#cc-chat");
    if (!chat) return;
    const answers = chat.querySelectorAll(".cc-answer, .cc-message");
    const answer = answers[answers.length - 1];
    if (!answer || answer === lastAnswer) return;
    lastAnswer = answer;
    if (window.matchMedia(WIDE).matches) answer.querySelectorAll("details.cc-card").forEach((d) => { d.open = true; });
    const log = chat.querySelector(".bubble-wrap") || chat;
    const questions = chat.querySelectorAll(".cc-question");
    const question = questions[questions.length - 1];
    const anchor = question ? question.closest(".message-row, .message") || question : answer;
    requestAnimationFrame(() => {
      const top = anchor.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
      const answerTop = answer.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop;
      // The question when the start of the answer fits under it, otherwise the answer itself.
      const target = answerTop - top < log.clientHeight / 2 ? top : answerTop;
      log.scrollTop = Math.max(0, target - 8);
      const box = chat.getBoundingClientRect();
      if (box.top < 0 || box.top > window.innerHeight / 2) chat.scrollIntoView({block: "start"});
    });
  }

  let commentShown = false;
  function showComment() {
    const row = document.querySelector("#cc-comment-row");
    const visible = !!row && row.offsetParent !== null;
    // once laid out (its height settles after it appears): the box and its send button, under the answer
    if (visible && !commentShown) setTimeout(() => row.scrollIntoView({block: "end", behavior: "instant"}), 150);
    commentShown = visible;
  }

  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "attributes") relabel(change.target);
      else if (change.type === "characterData") announceInLanguage(change.target);
      else {
        change.addedNodes.forEach(relabelAll);
        announceInLanguage(change.target);
      }
    }
    document.querySelectorAll("[data-cc-said]").forEach(relabel);
    showLatestAnswer();
    showComment();
  });
  function start() {
    relabelAll(document.body);
    observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["aria-label"]});
  }
  function openCited(event) {
    const link = event.target.closest ? event.target.closest("a.cc-ref") : null;
    const card = link ? document.getElementById((link.getAttribute("href") || "").slice(1)) : null;
    if (!card) return;
    event.preventDefault();
    if (card.tagName === "DETAILS") card.open = true;
    document.querySelectorAll(".cc-cited").forEach((other) => other.classList.remove("cc-cited"));
    card.classList.add("cc-cited");
    card.scrollIntoView({block: "nearest", behavior: "instant"});
  }
  document.addEventListener("click", openCited, true);
  // A filter of the Programme tab shows its choice ("Tous"): focused, its text is selected, so that a name typed
  // replaces it and narrows the list (Gradio's filterable dropdown would otherwise look for "TousBerr").
  document.addEventListener("focusin", (event) => {
    const input = event.target;
    if (input.matches && input.matches("[id^=cc-filter-] input[role=combobox]")) requestAnimationFrame(() => input.select());
  });

  window.ccSetLanguage = function (code) {
    document.documentElement.lang = code;
    document.documentElement.dir = code === "ar" ? "rtl" : "ltr";
    if (document.documentElement.dataset.ccPage === "chat" && LABELS[code]) document.title = LABELS[code].title;
    relabelAll(document.body);
  };
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
