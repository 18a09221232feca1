"""The organiser page (behind a password): upload documents and programmes, rebuild the index
with visible progress while the chat keeps answering, see what is indexed, download feedback."""

from __future__ import annotations

import io
import shutil
import tempfile
import unicodedata
from pathlib import Path

import gradio as gr
from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from rag.documents import DOCUMENT_SUFFIXES, load_document
from rag.errors import CongressChatError, DocumentError
from rag.feedback import FeedbackStore
from web.render import format_timestamp
from web.service import ChatService
from web.texts import language_from_header, text


def safe_filename(name: str) -> str:
    """A plain file name: no folders, no hidden files, only letters, digits, '-', '_' and '.'."""
    base = unicodedata.normalize("NFKD", Path(name).name).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in base).strip(".-_")
    return cleaned[:120] or "document"


def accept_upload(source: Path, original_name: str, uploads_dir: Path, max_bytes: int, language: str = "en") -> tuple[bool, str]:
    """Check one uploaded file (type, size, readable) and copy it into the uploads folder (under the data
    directory, indexed with the corpus). (accepted, message)."""
    name = safe_filename(original_name)
    suffix = Path(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        return False, text(language, "org_refused_type", name=original_name, suffix=suffix or "(–)", types=", ".join(DOCUMENT_SUFFIXES))
    size = source.stat().st_size
    if size > max_bytes:
        return False, text(language, "org_refused_size", name=original_name, size=f"{size / 1e6:.1f}", limit=f"{max_bytes / 1e6:.0f}")
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / name
        shutil.copyfile(source, trial)
        try:
            document = load_document(trial, Path(scratch))
        except DocumentError as error:
            return False, text(language, "org_refused", name=original_name, reason=error)
    uploads_dir.mkdir(parents=True, exist_ok=True)
    target = uploads_dir / name
    replaced = target.exists()
    shutil.copyfile(source, target)
    kind = text(language, "org_kind_programme" if document.metadata.get("kind") == "programme" else "org_kind_document")
    warnings = document.metadata.get("warnings") or []  # skipped sessions, overlaps: imported anyway, named here
    notes = "".join(f"\n  warning: {warning}" for warning in warnings)
    if document.metadata.get("schedule"):  # what the programme reader found in a brochure: "84 sessions over 3 days; …"
        notes = f"\n  programme: {document.metadata['schedule']}" + notes
    return True, text(language, "org_replaced" if replaced else "org_added", name=original_name, path=f"{uploads_dir.name}/{name}",
                      kind=kind, title=document.title) + notes


def add_uploads(paths: list[str], uploads_dir: Path, max_bytes: int, language: str = "en", ask_for_rebuild: bool = True) -> tuple[str, int]:
    """The files an organiser chose, each checked and added (`accept_upload`): one line each ("✔ …" or
    "✘ …: refused, …") and how many were accepted. With `ask_for_rebuild`, the line asking for a rebuild
    follows, only when one was accepted: after refusals alone there is nothing new to index. Each file's
    temporary copy (Gradio's upload folder) is deleted, so that it cannot be served from there."""
    lines, accepted = [], 0
    for path in paths:
        source = Path(path)
        ok, message = accept_upload(source, source.name, uploads_dir, max_bytes, language)
        lines.append(("✔ " if ok else "✘ ") + message)
        accepted += ok
        source.unlink(missing_ok=True)
    report = "\n".join(lines)
    return (report + "\n\n" + text(language, "org_then_rebuild") if accepted and ask_for_rebuild else report), accepted


def uploaded_files(uploads_dir: Path) -> list[str]:
    from rag.documents import iter_corpus_files

    return [path.relative_to(uploads_dir).as_posix() for path in iter_corpus_files(uploads_dir)] if uploads_dir.is_dir() else []


def remove_upload(name: str, uploads_dir: Path) -> bool:
    """Delete one uploaded file (by its name in the uploads folder; nothing outside it). The index drops
    it at the next rebuild."""
    if not name or name not in uploaded_files(uploads_dir):
        return False
    (uploads_dir / name).unlink()
    return True


def index_summary(service: ChatService, language: str = "en") -> tuple[str, list[list]]:
    index = service.assistant.index
    chunks: dict[str, int] = {}
    for chunk in index.chunks:
        chunks[chunk.doc_id] = chunks.get(chunk.doc_id, 0) + 1
    rows = [[doc_id, d.title, d.metadata.get("kind", "document"), d.source, chunks.get(doc_id, 0)] for doc_id, d in index.documents.items()]
    failed = {path: entry.error for path, entry in index.manifest.files.items() if entry.error}
    summary = text(language, "org_summary", generation=index.generation, built=format_timestamp(index.manifest.built_at, language),
                   documents=len(index.documents), chunks=len(index.chunks), embedder=index.embedder)
    if failed:
        summary += " " + text(language, "org_not_indexed") + " " + "; ".join(f"{path} ({reason})" for path, reason in failed.items())
    return summary, rows


def read_programmes(service: ChatService) -> dict[str, str]:
    """Documents in which the programme reader found sessions: doc id → "file: what was found"."""
    found = {}
    for doc_id, document in service.assistant.index.documents.items():
        programme = document.metadata.get("programme")
        if isinstance(programme, dict) and programme.get("source") != "structured" and document.metadata.get("schedule"):
            found[doc_id] = f"{document.source}: {document.metadata['schedule']}"
    return found


def programme_rows(service: ChatService, doc_id: str | None) -> tuple[list[list], str]:
    """The sessions read from one document, as table rows, and its warnings (one per line)."""
    from rag.programme.model import programme_from_json

    document = service.assistant.index.documents.get(doc_id or "")
    if document is None or not isinstance(document.metadata.get("programme"), dict):
        return [], ""
    programme = programme_from_json(document.metadata["programme"])
    rows = [[s.day.isoformat() if s.day else "", s.start.strftime("%H:%M") if s.start else "", s.end.strftime("%H:%M") if s.end else "",
             s.title, s.room, "; ".join(p.label() for p in s.chairs), "; ".join(p.label() for p in s.speakers)] for s in programme.sessions]
    warnings = "\n".join(f"- ⚠ {w}" for w in programme.warnings)
    return rows, warnings


def organiser_page(service: ChatService) -> gr.Blocks:
    max_bytes = service.settings.max_upload_mb * 1_000_000
    uploads_dir = service.settings.resolved_uploads_dir()

    def upload(files: list[str] | None, language: str):
        if not files:
            return text(language, "org_no_file"), None, gr.update()
        report, _ = add_uploads(files, uploads_dir, max_bytes, language)
        return report, None, gr.update(choices=uploaded_files(uploads_dir), value=None)

    def remove(name: str | None, language: str):
        if not remove_upload(name or "", uploads_dir):
            return text(language, "org_no_file"), gr.update(choices=uploaded_files(uploads_dir), value=None)
        return text(language, "org_removed", name=name), gr.update(choices=uploaded_files(uploads_dir), value=None)

    def rebuild(files: list[str] | None, language: str, progress=gr.Progress()):
        """Files chosen but not yet added are added first (an organiser who picks a file and goes
        straight to "Rebuild" means it to be in the index), then the index is rebuilt."""
        added = gr.update()
        if files:
            added, _ = add_uploads(files, uploads_dir, max_bytes, language, ask_for_rebuild=False)  # the rebuild is under way
        stages = {"reading": text(language, "org_reading"), "embedding": text(language, "org_embedding")}

        def on_progress(stage: str, done: int, total: int) -> None:
            progress((done, max(total, 1)), desc=stages.get(stage, stage), unit="files" if stage == "reading" else "passages")

        listed = gr.update(choices=uploaded_files(uploads_dir), value=None) if files else gr.update()
        cleared = None if files else gr.update()
        try:
            report = service.rebuild(on_progress)
        except CongressChatError as error:  # another rebuild running (here or on another replica), an empty corpus…
            return str(error), *index_summary(service, language), added, cleared, listed
        skipped = "".join(f"\nskipped {path}: {reason}" for path, reason in report.failed.items())
        status = (text(language, "org_up_to_date") if report.up_to_date else
                  text(language, "org_rebuilt", seconds=f"{report.seconds:.1f}", documents=report.documents, chunks=report.chunks,
                       new=len(report.new), changed=len(report.changed), removed=len(report.removed))) + skipped
        return status, *index_summary(service, language), added, cleared, listed

    def show_programme(doc_id: str | None, language: str):
        rows, warnings = programme_rows(service, doc_id)
        link = f"export/programme.csv?doc={doc_id}" if doc_id else None
        return (gr.update(value=rows, headers=text(language, "org_programme_columns").split("|")), warnings,
                gr.update(link=link, visible=bool(doc_id)))

    def programme_choices(language: str):
        found = read_programmes(service)
        first = next(iter(found), None)
        choices = [(label, doc_id) for doc_id, label in found.items()]
        intro = text(language, "org_programmes_intro") if found else text(language, "org_programme_none")
        return (intro, gr.update(choices=choices, value=first, label=text(language, "org_programme_doc")),
                *show_programme(first, language))

    def on_load(request: gr.Request):
        """The page in the browser's language (fr, en or ar), with the index and feedback as they are now."""
        language = language_from_header(request.headers.get("accept-language") if request else None)
        summary_text, rows = index_summary(service, language)
        types = ", ".join(DOCUMENT_SUFFIXES)
        return (
            language,
            f'<div dir="{"rtl" if language == "ar" else "ltr"}"><h1>{text(language, "org_title")}</h1><p>{text(language, "org_intro")}</p></div>',
            gr.update(label=text(language, "org_corpus_tab")), gr.update(label=text(language, "org_index_tab")),
            gr.update(label=text(language, "org_feedback_tab")),
            gr.update(label=text(language, "org_files", types=types, mb=service.settings.max_upload_mb)),
            gr.update(value=text(language, "org_add")), gr.update(label=text(language, "org_upload")),
            gr.update(value=text(language, "org_rebuild")), gr.update(label=text(language, "org_rebuild_status")),
            gr.update(label=text(language, "org_uploaded"), choices=uploaded_files(uploads_dir), value=None),
            gr.update(value=text(language, "org_remove")),
            summary_text, gr.update(value=rows, headers=text(language, "org_columns").split("|")),
            _counts(service, language),
            gr.update(value=text(language, "org_export_csv")), gr.update(value=text(language, "org_export_jsonl")),
            gr.update(label=text(language, "org_programmes_tab")), gr.update(value=text(language, "org_programme_csv")),
        )

    # The title served is the browser's language's (web.head); this one, French by default, is never English.
    with gr.Blocks(title=text("fr", "org_page_title"), analytics_enabled=False) as page:
        language = gr.State("en")
        heading = gr.HTML()
        with gr.Tab("Corpus") as corpus_tab:
            files = gr.File(file_count="multiple", type="filepath", elem_id="org-files")  # types checked by accept_upload, with a message
            add = gr.Button("Add to the corpus", elem_id="org-add")
            upload_status = gr.Textbox(label="Upload", lines=4, interactive=False, elem_id="org-upload-status")
            with gr.Row():
                uploaded = gr.Dropdown(choices=[], value=None, elem_id="org-uploaded", scale=3)
                remove_button = gr.Button("Remove this file", variant="stop", elem_id="org-remove", scale=1)
            rebuild_button = gr.Button("Rebuild the index", variant="primary", elem_id="org-rebuild")
            rebuild_status = gr.Textbox(label="Rebuild", lines=3, interactive=False, elem_id="org-rebuild-status")
        with gr.Tab("Index") as index_tab:
            summary = gr.Markdown(elem_id="org-summary")
            table = gr.Dataframe(headers=["id", "title", "kind", "file", "passages"], interactive=False, wrap=True, elem_id="org-documents",
                                 column_widths=["22%", "30%", "10%", "28%", "10%"])
        with gr.Tab("Programmes") as programmes_tab:
            programmes_intro = gr.Markdown(elem_id="org-programmes-intro")
            programme_doc = gr.Dropdown(choices=[], value=None, elem_id="org-programme-doc")
            programme_warnings = gr.Markdown(elem_id="org-programme-warnings")
            programme_table = gr.Dataframe(headers=["day", "start", "end", "title", "room", "chairs", "speakers"], interactive=False,
                                           wrap=True, elem_id="org-programme-sessions")
            programme_csv = gr.Button("CSV", link=None, visible=False, elem_id="org-programme-csv")
        with gr.Tab("Feedback") as feedback_tab:
            counts = gr.Markdown()
            with gr.Row():  # links to `export_routes` (relative: the page is at /organiser/), not files Gradio would copy and serve
                csv_button = gr.Button("Export CSV", link="export/feedback.csv", elem_id="org-export-csv")
                jsonl_button = gr.Button("Export thumbs-down as evaluation cases (JSONL)", link="export/feedback.jsonl",
                                         elem_id="org-export-jsonl")
        add.click(upload, [files, language], [upload_status, files, uploaded])
        programme_doc.change(show_programme, [programme_doc, language], [programme_table, programme_warnings, programme_csv])
        programmes_tab.select(programme_choices, language, [programmes_intro, programme_doc, programme_table, programme_warnings, programme_csv])
        remove_button.click(remove, [uploaded, language], [upload_status, uploaded])
        rebuild_button.click(rebuild, [files, language], [rebuild_status, summary, table, upload_status, files, uploaded],
                             concurrency_limit=1, concurrency_id="rebuild")
        page.load(on_load, None, [language, heading, corpus_tab, index_tab, feedback_tab, files, add, upload_status, rebuild_button,
                                  rebuild_status, uploaded, remove_button, summary, table, counts, csv_button, jsonl_button,
                                  programmes_tab, programme_csv]
                  ).then(None, language, None, js="(code) => { window.ccSetLanguage?.(code); return []; }")
    return page


_EXPORTS = {"feedback.csv": ("text/csv; charset=utf-8", FeedbackStore.export_csv),
            "feedback.jsonl": ("application/jsonl; charset=utf-8", FeedbackStore.export_jsonl)}


def export_routes(service: ChatService) -> APIRouter:
    """The feedback downloads (`/export/feedback.csv`, `/export/feedback.jsonl`), for the organiser's
    app, which puts them behind its login (`web.app`). Written from the database into the answer:
    never to a file that the public chat could serve or that would be left behind."""
    routes = APIRouter()

    @routes.get("/export/programme.csv")
    def export_programme(doc: str) -> Response:
        """The sessions read from one document, in the project's CSV programme format, to correct and upload back."""
        from rag.programme.csv_format import programme_csv
        from rag.programme.model import programme_from_json

        document = service.assistant.index.documents.get(doc)
        if document is None or not isinstance(document.metadata.get("programme"), dict):
            raise HTTPException(404, "no programme was read from such a document")
        source = document.metadata.get("source_file") or document.source
        body = programme_csv(programme_from_json(document.metadata["programme"]), source=str(source))
        name = Path(str(source)).stem + "-sessions.csv"
        return Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})

    @routes.get("/export/{name}")
    def export(name: str) -> Response:
        if name not in _EXPORTS:
            raise HTTPException(404, "no such export")
        media_type, write = _EXPORTS[name]
        stream = io.StringIO(newline="")
        try:
            write(service.feedback, stream)
        except CongressChatError as error:  # the feedback database is unreachable: the thumbs wait in the spool
            raise HTTPException(503, str(error)) from None
        return Response(stream.getvalue(), media_type=media_type,
                        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})

    return routes


def _counts(service: ChatService, language: str) -> str:
    try:
        counts = service.feedback.count()
    except CongressChatError as error:  # the feedback database is unreachable: the page still opens, and says so
        return str(error)
    return text(language, "org_counts", up=counts["up"], down=counts["down"])
