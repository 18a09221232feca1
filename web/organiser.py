"""The organiser page (behind a password): upload documents and programmes, rebuild the index
with visible progress while the chat keeps answering, see what is indexed, download feedback."""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from pathlib import Path

import gradio as gr

from rag.documents import DOCUMENT_SUFFIXES, load_document
from rag.errors import DocumentError
from web.service import ChatService

UPLOAD_FOLDER = "uploads"


def safe_filename(name: str) -> str:
    """A plain file name: no folders, no hidden files, only letters, digits, '-', '_' and '.'."""
    base = unicodedata.normalize("NFKD", Path(name).name).encode("ascii", "ignore").decode()
    cleaned = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in base).strip(".-_")
    return cleaned[:120] or "document"


def accept_upload(source: Path, original_name: str, corpus_dir: Path, max_bytes: int) -> tuple[bool, str]:
    """Check one uploaded file (type, size, readable) and copy it into the corpus. (accepted, message)."""
    name = safe_filename(original_name)
    suffix = Path(name).suffix.lower()
    if suffix not in DOCUMENT_SUFFIXES:
        return False, f"{original_name}: refused, type {suffix or '(none)'} is not one of {', '.join(DOCUMENT_SUFFIXES)}"
    size = source.stat().st_size
    if size > max_bytes:
        return False, f"{original_name}: refused, {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit"
    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / name
        shutil.copyfile(source, trial)
        try:
            document = load_document(trial, Path(scratch))
        except DocumentError as error:
            return False, f"{original_name}: refused, {error}"
    target_dir = corpus_dir / UPLOAD_FOLDER
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / name
    replaced = target.exists()
    shutil.copyfile(source, target)
    kind = "programme" if document.metadata.get("kind") == "programme" else "document"
    warnings = document.metadata.get("warnings") or []  # skipped sessions, overlaps: imported anyway, named here
    notes = "".join(f"\n  warning: {warning}" for warning in warnings)
    return True, f"{original_name}: {'replaced' if replaced else 'added'} as {UPLOAD_FOLDER}/{name} ({kind} “{document.title}”){notes}"


def index_summary(service: ChatService) -> tuple[str, list[list]]:
    index = service.assistant.index
    chunks: dict[str, int] = {}
    for chunk in index.chunks:
        chunks[chunk.doc_id] = chunks.get(chunk.doc_id, 0) + 1
    rows = [[doc_id, d.title, d.metadata.get("kind", "document"), d.source, chunks.get(doc_id, 0)] for doc_id, d in index.documents.items()]
    failed = {path: entry.error for path, entry in index.manifest.files.items() if entry.error}
    summary = (f"Index generation {index.generation}, built {index.manifest.built_at}: {len(index.documents)} documents, "
               f"{len(index.chunks)} passages, embedder {index.embedder}.")
    if failed:
        summary += " Not indexed: " + "; ".join(f"{path} ({reason})" for path, reason in failed.items())
    return summary, rows


def organiser_page(service: ChatService) -> gr.Blocks:
    max_bytes = service.settings.max_upload_mb * 1_000_000

    def upload(files: list[str] | None):
        if not files:
            return "No file chosen.", None
        lines = []
        for path in files:
            source = Path(path)
            accepted, message = accept_upload(source, source.name, service.settings.corpus_dir, max_bytes)
            lines.append(("✔ " if accepted else "✘ ") + message)
            source.unlink(missing_ok=True)  # the upload's temporary copy is not kept where it could be served
        return "\n".join(lines) + "\n\nRebuild the index to make the new files answerable.", None

    def rebuild(progress=gr.Progress()):
        stages = {"reading": "Reading files", "embedding": "Embedding passages"}

        def on_progress(stage: str, done: int, total: int) -> None:
            progress((done, max(total, 1)), desc=stages.get(stage, stage), unit="files" if stage == "reading" else "passages")

        try:
            report = service.rebuild(on_progress)
        except RuntimeError as error:
            return str(error), *index_summary(service)
        skipped = "".join(f"\nskipped {path}: {reason}" for path, reason in report.failed.items())
        status = ("Index already up to date." if report.up_to_date else
                  f"Rebuilt in {report.seconds:.1f} s: {report.documents} documents, {report.chunks} passages "
                  f"({len(report.new)} new, {len(report.changed)} changed, {len(report.removed)} removed).") + skipped
        return status, *index_summary(service)

    def export(kind: str) -> str:
        folder = Path(tempfile.mkdtemp(prefix="congress-chat-feedback-"))
        path = folder / f"feedback.{kind}"
        with open(path, "w", encoding="utf-8", newline="") as stream:
            (service.feedback.export_csv if kind == "csv" else service.feedback.export_jsonl)(stream)
        return str(path)

    with gr.Blocks(title="congress-chat — organisers", analytics_enabled=False) as page:
        gr.Markdown("# Organiser space\nAdd documents and programmes, rebuild the index, read the attendees' feedback.")
        with gr.Tab("Corpus"):
            files = gr.File(label=f"Documents and programmes ({', '.join(DOCUMENT_SUFFIXES)}; up to {service.settings.max_upload_mb} MB each)",
                            file_count="multiple", type="filepath", elem_id="org-files")  # types checked by accept_upload, with a message
            add = gr.Button("Add to the corpus", elem_id="org-add")
            upload_status = gr.Textbox(label="Upload", lines=4, interactive=False, elem_id="org-upload-status")
            rebuild_button = gr.Button("Rebuild the index", variant="primary", elem_id="org-rebuild")
            rebuild_status = gr.Textbox(label="Rebuild", lines=3, interactive=False, elem_id="org-rebuild-status")
        with gr.Tab("Index"):
            summary = gr.Markdown(elem_id="org-summary")
            table = gr.Dataframe(headers=["id", "title", "kind", "file", "passages"], interactive=False, wrap=True, elem_id="org-documents")
        with gr.Tab("Feedback"):
            counts = gr.Markdown()
            with gr.Row():
                csv_button = gr.Button("Export CSV", elem_id="org-export-csv")
                jsonl_button = gr.Button("Export thumbs-down as evaluation cases (JSONL)", elem_id="org-export-jsonl")
            download = gr.File(label="Download", interactive=False, elem_id="org-download")
        add.click(upload, files, [upload_status, files])
        rebuild_button.click(rebuild, None, [rebuild_status, summary, table], concurrency_limit=1, concurrency_id="rebuild")
        csv_button.click(lambda: export("csv"), None, download)
        jsonl_button.click(lambda: export("jsonl"), None, download)
        page.load(lambda: (*index_summary(service), _counts(service)), None, [summary, table, counts])
    return page


def _counts(service: ChatService) -> str:
    counts = service.feedback.count()
    return f"{counts['up']} 👍 · {counts['down']} 👎 so far."
