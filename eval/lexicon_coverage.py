"""How much of what attendees type the analysis knows: the lexicons' coverage of a question set.

    .venv/bin/python -m eval.lexicon_coverage [SET.jsonl --corpus DIR] [--top N]

Default: the development set (`../shared/devset/questions.jsonl` and its `corpus/`) when present.

A *content word* of a question is a token the analyser keeps (`rag.language.analyse`: no stop
word) that is no number and no ordinal. It is *known*:

- by the lexicon when a phrase `rag.lexicon.translations` finds covers it (English and Arabic
  questions: "radiology" → "radiologie");
- by the corpus when one of its terms is a term of some document, as the search reads them
  (each document stemmed in its own language): names, acronyms, words the languages share
  ("SMR", "national", "Marrakech"), and for a French question every word the articles use.

    coverage = known content words / content words, per language, over occurrences

French questions are counted against the corpus only (their lexicon, French → Arabic, serves
Arabic documents). The most frequent unknown words are printed to be read, as categories of
vocabulary the lexicons lack (a specialty, a role, an event word), never to be pasted into them
one by one: the figure is meant for unseen articles.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rag.language import SUPPORTED_LANGUAGES, analyse, detect_language, normalise, raw_tokens, read_ordinals
from rag.lexicon import translations

DEFAULT_SET = Path(__file__).resolve().parents[2] / "shared" / "devset" / "questions.jsonl"
_STEMMED_LATIN = ("fr", "en", "es", "de", "it")  # as `rag.ingest` stems documents
_NUMBER_TERM = re.compile(r"^\d+e?$")  # "2019", "23e": numbers and ordinals cross languages by themselves


@dataclass(frozen=True)
class Vocabulary:
    """The terms a corpus's documents hold, and the languages questions are stemmed in."""

    terms: frozenset[str]
    stem_languages: tuple[str, ...]


@dataclass
class Coverage:
    """Content words of one language's questions: how many, how many known and by what."""

    language: str
    words: int = 0
    by_lexicon: int = 0
    by_corpus: int = 0  # known by the corpus and not by the lexicon
    unknown: Counter = field(default_factory=Counter)

    @property
    def known(self) -> int:
        return self.by_lexicon + self.by_corpus

    @property
    def share(self) -> float:
        return self.known / self.words if self.words else 0.0


def corpus_vocabulary(corpus_dir: Path) -> Vocabulary:
    """Every term of every document of `corpus_dir` (title, front-matter facts, text), each
    stemmed in its own language as the index stems it."""
    from rag.documents import iter_corpus_files, load_document
    from rag.errors import DocumentError

    documents = []
    for path in iter_corpus_files(corpus_dir):
        try:
            document = load_document(path, corpus_dir)
        except DocumentError:
            continue
        language = detect_language(document.text[:2000])
        facts = " ".join(str(value) for value in document.metadata.values() if isinstance(value, (str, int)))
        documents.append((language, f"{document.title}\n{facts}\n{document.text}"))
    languages = tuple(sorted({language for language, _ in documents if language in _STEMMED_LATIN} or {"fr"}))
    terms: set[str] = set()
    for language, text in documents:
        terms.update(analyse(text, (language,) if language in _STEMMED_LATIN else languages))
    return Vocabulary(frozenset(terms), languages)


def content_words(question: str, stem_languages: tuple[str, ...]) -> list[tuple[int, str, frozenset[str]]]:
    """(position, token, terms) of each content word of `question`, positions counted over
    `raw_tokens(question)` as `rag.lexicon.translations` counts them."""
    tokens = raw_tokens(question)
    ordinals, compound_parts = read_ordinals(tokens)  # "الحادي عشر", "vingt-troisième": numbers too
    found = []
    for position, token in enumerate(tokens):
        if position in ordinals or position in compound_parts:
            continue
        terms = frozenset(term for term in analyse(token, stem_languages) if not _NUMBER_TERM.match(term))
        if terms:
            found.append((position, token, terms))
    return found


def count(question: str, language: str, vocabulary: Vocabulary, into: Coverage) -> None:
    """Add `question`'s content words to `into`: known by the lexicon, by the corpus, or not."""
    translated: set[int] = set()
    if language != "fr":
        for start, end, _ in translations(question, language):
            translated.update(range(start, end))
    for position, token, terms in content_words(question, vocabulary.stem_languages):
        into.words += 1
        if position in translated:
            into.by_lexicon += 1
        elif terms & vocabulary.terms:
            into.by_corpus += 1
        else:
            into.unknown[normalise(token)] += 1


def coverage(cases: list[dict], vocabulary: Vocabulary) -> dict[str, Coverage]:
    """Coverage per language of the cases' questions (each case's `lang`, else detected)."""
    by_language: dict[str, Coverage] = {}
    for case in cases:
        language = case.get("lang") or detect_language(case["question"])
        if language not in SUPPORTED_LANGUAGES:
            continue
        count(case["question"], language, vocabulary, by_language.setdefault(language, Coverage(language)))
    return by_language


def report(by_language: dict[str, Coverage], top: int) -> str:
    lines = ["| language | content words | known | by the lexicon | by the corpus |", "|---|---|---|---|---|"]
    for language in SUPPORTED_LANGUAGES:
        if language in by_language:
            c = by_language[language]
            lexicon = f"{c.by_lexicon / c.words:.3f}" if language != "fr" else "—"
            lines.append(f"| {language} | {c.words} | **{c.share:.3f}** | {lexicon} | {c.by_corpus / c.words:.3f} |")
    for language in SUPPORTED_LANGUAGES:
        if top and language in by_language and by_language[language].unknown:
            common = ", ".join(f"{word} ({n})" for word, n in by_language[language].unknown.most_common(top))
            lines.append(f"\nunknown, {language}: {common}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_SET, help="JSONL test set (default: the dev set)")
    parser.add_argument("--corpus", type=Path, default=None, help="its corpus folder (default: corpus/ beside the set)")
    parser.add_argument("--top", type=int, default=40, help="unknown words listed per language (default 40)")
    args = parser.parse_args(argv)
    if not args.cases.is_file():
        print(f"error: no test set at {args.cases}", file=sys.stderr)
        return 2
    corpus = args.corpus or args.cases.parent / "corpus"
    if not corpus.is_dir():
        print(f"error: no corpus folder at {corpus} (give --corpus)", file=sys.stderr)
        return 2
    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(report(coverage(cases, corpus_vocabulary(corpus)), args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
