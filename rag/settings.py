"""The one typed settings object.

Every knob lives here. Values come, in increasing priority, from the defaults below,
environment variables prefixed `CONGRESS_CHAT_` (e.g. `CONGRESS_CHAT_CORPUS_DIR`), and
CLI flags (passed to `Settings(**overrides)` by the adapters).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Literal

from pydantic import AwareDatetime, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def available_cores() -> int:
    """Cores this process may use (affinity-aware), so thread pools fit the machine."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def default_ingest_workers() -> int:
    """One embedding process per core, at most 4: each e5-small worker holds ~125 MB."""
    return min(available_cores(), 4)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONGRESS_CHAT_", extra="forbid", validate_assignment=True)

    # Where things are
    corpus_dir: Path = Field(Path("corpus"), description="Folder tree of congress documents and programmes.")
    data_dir: Path = Field(Path(".congress-chat"), description="Home of all state the app writes (indexes, feedback).")
    index_dir: Path | None = Field(None, description="Index location; default: one per corpus under data_dir/indexes.")
    uploads_dir: Path | None = Field(
        None, description="Where the organiser space keeps uploaded documents (indexed with the corpus); default: one per corpus "
        "under data_dir/corpora (so an upload never joins another corpus's index, e.g. an eval corpus)."
    )
    chroma_url: str | None = Field(None, description="Chroma server URL (http://host:port); default: embedded store on disk.")
    database_url: SecretStr | None = Field(
        None, description="PostgreSQL URL (postgresql://user:password@host:5432/db) shared by every replica: feedback, and the "
        "lock that lets one rebuild run at a time; default: SQLite in data_dir, one machine.",
    )
    feedback_spool_max: int = Field(
        10_000, ge=0, description="Thumbs up/down kept on local disk (data_dir/feedback-spool.jsonl) while the PostgreSQL "
        "database is unreachable, written when it is back (`rag.feedback.spool`); beyond this many, new ones are dropped and logged.",
    )

    # Models
    embedder: str = Field(
        "e5-small",
        description="Dense embedder: e5-small (multilingual-e5-small, the default), use-m3 (fast, for very large corpora), "
        "minilm, or st:<model name or path>. Where e5-small cannot run (no AVX2), use-m3 is used and said so.",
    )
    threads: int = Field(default_factory=available_cores, ge=1, description="Threads for embedding; default: the machine's cores.")
    embed_batch_size: int = Field(32, ge=1)
    ingest_workers: int = Field(
        default_factory=default_ingest_workers, ge=1,
        description="Processes that embed passages during ingest, one thread each (`rag.embedding_workers`); 1: the ingest's own "
        "process, with `threads`. Default: the machine's cores, at most 4. Questions are always embedded by the process that answers.",
    )

    # Chunking
    chunk_max_chars: int = Field(700, ge=100)
    chunk_merge_chars: int = Field(350, ge=0, description="Adjacent short paragraphs are merged up to this size.")

    # Limits: no input may exhaust memory or stall ingest. Each one, when a file hits it, is
    # named in the ingest report (`rag.limits`).
    max_text_file_mb: float = Field(10, gt=0, description="Largest .md/.txt/.html file read; a larger one is refused.")
    max_pdf_mb: float = Field(50, gt=0, description="Largest .pdf file read; a larger one is refused.")
    max_docx_mb: float = Field(20, gt=0, description="Largest .docx file read (and 10 times that unzipped); a larger one is refused.")
    max_programme_mb: float = Field(10, gt=0, description="Largest programme file (.json/.xml/.ics/.yaml/.csv) read; a larger one is refused.")
    max_pdf_pages: int = Field(500, ge=1, description="A PDF of more pages is refused (a programme brochure has tens).")
    max_cells: int = Field(200_000, ge=100, description="A spreadsheet with more filled cells is refused.")
    max_document_chars: int = Field(200_000, ge=1000, description="Text of a document beyond this is cut (at a word boundary) and not indexed.")
    max_sentence_chars: int = Field(1000, ge=100, description="A longer 'sentence' (no sentence end) is cut at word, else character, boundaries.")
    max_embed_chars: int = Field(2000, ge=100, description="Characters of one passage given to the embedder (models read ~512 tokens anyway).")
    max_batch_chars: int = Field(
        32_000, ge=1000, description="Characters embedded in one batch; a hard bound on its tokens too (a token covers at least one character)."
    )

    # Retrieval. Fusion weights chosen on the dev set of real articles (../shared/devset) with a
    # cross-validation by article (see README, "Choosing the defaults").
    k: int = Field(5, ge=1, le=20, description="Passages returned with an answer.")
    candidates: int = Field(40, ge=5, description="Chunks each retriever contributes before fusion.")
    dense_weight: float = Field(1.0, ge=0)
    lexical_weight: float = Field(0.5, ge=0)
    expansion_weight: float = Field(0.4, ge=0, description="Weight of lexicon-expanded terms in lexical search.")
    identity_weight: float = Field(0.5, ge=0, description="Weight of the document-identity ranking (title, facts, lead sentence).")
    rrf_k: int = Field(30, ge=1)
    query_expansion: bool = True
    language_fair: bool = Field(True, description="Read dense similarities against the passages of their own language (`rag.language_fair`).")
    retrieval_mode: Literal["hybrid", "dense", "lexical"] = "hybrid"

    # Answers
    max_answer_words: int = Field(
        120, ge=10, description="Words the quoted sentences may hold together. News sentences run 30 to 50 words: 120 lets a second "
        "sentence join the best one when the model hesitates between them (answers right on held-out articles 0.60 at 80 words, "
        "0.68 at 120: `python -m eval.fit_selection --no-write`)."
    )
    max_answer_sentences: int = Field(3, ge=1)
    refusal_threshold: float | None = Field(
        None, ge=0, le=1, description="Probability that the answer is right (`rag.refusal`) under which the assistant says the documents "
        "do not say; higher refuses more. Default: the one calibrated with the selection model (docs/quality.md, 'Refusing what the documents do not say')."
    )
    max_question_chars: int = Field(2000, ge=10)
    clock: AwareDatetime | None = Field(
        None, description="Fixed 'now' for programme questions (ISO 8601 with offset, e.g. 2026-03-13T10:15:00+01:00); default: real time."
    )

    # LLM backends (optional; extractive by default)
    llm_backend: Literal["extractive", "openai-compatible", "ollama"] = "extractive"
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_temperature: float = 0.0
    llm_timeout: float = 30.0
    llm_rewrite_follow_ups: bool = Field(False, description="Ask the LLM to make elliptic follow-ups standalone before retrieval.")

    # Web chat
    host: str = "127.0.0.1"
    port: int = 7860
    organiser_password: SecretStr | None = Field(None, description="Password of the organiser space (user 'organiser'); unset: the space is disabled.")
    max_upload_mb: int = Field(20, ge=1, description="Largest document or programme an organiser may upload.")
    web_concurrency: int | None = Field(
        None, ge=1,
        description="Questions answered at once; the rest wait in Gradio's queue. Default: one per core with the "
                    "extractive answerer (a question is CPU work: more at once share the cores and every answer "
                    "comes later), 8 with an LLM (answers wait on the endpoint).",
    )
    web_queue_size: int = Field(200, ge=1, description="Questions waiting beyond which new ones are turned away.")
    public_url: str | None = Field(
        None, description="The chat's public address (https://congres.example.org), for the links back to the programme "
                          "that calendar events carry; default: the address each request came to.",
    )

    # Several replicas (servers sharing one data folder, one Chroma server and one database)
    index_poll_seconds: float = Field(
        2.0, ge=0, description="How often a server looks whether another process (another replica's rebuild, `congress-chat "
        "ingest`) made a new index generation current, to answer from it; 0: never (only after its own rebuilds).",
    )
    replica_name: str | None = Field(None, description="This server's name in its logs and /readyz; default: hostname:pid.")
    log_format: Literal["text", "json"] = Field(
        "text", description="Logs on stderr (`rag.logs`): text for a person (`serve`'s events; the other commands show only errors), "
        "or json, one object per line for a log collector (every command's events, and its messages to the terminal).",
    )

    @field_validator("embedder")
    @classmethod
    def _known_embedder(cls, name: str) -> str:
        from rag.embedders import available_embedder, check_embedder_name

        return available_embedder(check_embedder_name(name))

    def limits(self):
        """The limits of reading and indexing, as `rag.limits.Limits`."""
        from rag.limits import Limits

        return Limits.from_settings(self)

    def resolved_web_concurrency(self) -> int:
        if self.web_concurrency is not None:
            return self.web_concurrency
        return available_cores() if self.llm_backend == "extractive" else 8

    def resolved_index_dir(self) -> Path:
        """The index folder: the one configured, or one per corpus (so eval corpora never clash)."""
        if self.index_dir is not None:
            return self.index_dir
        return self.data_dir / "indexes" / self._corpus_key()

    def resolved_uploads_dir(self) -> Path:
        """The organisers' uploads: the one configured, or `data_dir/corpora/<corpus>/uploads` (doc ids `uploads/<name>`)."""
        return self.uploads_dir if self.uploads_dir is not None else self.data_dir / "corpora" / self._corpus_key() / "uploads"

    def _corpus_key(self) -> str:
        corpus = self.corpus_dir.resolve()
        return f"{corpus.name}-{hashlib.sha1(str(corpus).encode()).hexdigest()[:8]}"

    def retrieval_fingerprint(self) -> dict[str, object]:
        """The knobs that change answers, recorded with eval runs so two runs can be told apart."""
        keys = (
            "embedder language_fair k candidates dense_weight lexical_weight identity_weight expansion_weight rrf_k query_expansion "
            "retrieval_mode max_answer_words max_answer_sentences refusal_threshold chunk_max_chars "
            "chunk_merge_chars llm_backend llm_model"
        ).split()
        return {key: getattr(self, key) for key in keys}
