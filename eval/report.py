"""`report.html`: one self-contained page (inline CSS and SVG, no network) an organiser can
read and compare between runs: settings and versions, summary, breakdown by language and
kind, metric definitions, recall@k curve, latency histogram, and the failed cases."""

from __future__ import annotations

import html
from pathlib import Path

from eval.harness import Case
from eval.metrics import answer_contains_all, recall_at_k

DEFINITIONS = {
    "hit@1": "Share of answerable questions whose first retrieved document is a gold document.",
    "recall@5 / recall@10": "Share of the gold documents found among the first 5 / 10 retrieved documents.",
    "MRR": "Mean of 1 / rank of the first gold document (0 when none is retrieved).",
    "nDCG@10": "Discounted cumulative gain of the first 10 documents (binary relevance), divided by its ideal value.",
    "accuracy": "Share of answerable questions whose answer contains every expected string (accents and case ignored).",
    "F1": "Token F1 between the answer and the reference answer, over stemmed content words.",
    "cit_recall": "ALCE citation recall: share of answer statements supported by the passages they cite.",
    "cit_precision": "ALCE citation precision: share of citations that support their statement or are needed for it.",
    "cit_doc_prec": "Share of citations whose passage comes from a gold document.",
    "faithfulness / correctness": "LLM judge (only when an LLM is configured): every claim is in the cited passages / the answer gives the reference's facts.",
    "refusal": "Share of unanswerable questions the assistant refused to answer.",
    "false_refusal": "Share of answerable questions the assistant refused to answer.",
    "p50_ms / p95_ms": "Median and 95th-percentile answer latency, in milliseconds.",
}
_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2733}
.wide{max-width:100%;overflow-x:auto}
table{border-collapse:collapse;margin:.5rem 0 .8rem;font-size:.8rem}th,td{border:1px solid #cfd6de;padding:.25rem .35rem;text-align:right}
th{background:#eef2f6;vertical-align:bottom;line-height:1.15}td{font-variant-numeric:tabular-nums;white-space:nowrap}
th:first-child,td:first-child{text-align:left}table.settings td{white-space:normal;overflow-wrap:anywhere;text-align:left}
.case{border:1px solid #cfd6de;border-radius:.4rem;padding:.6rem 1rem;margin:.8rem 0}
.case p{margin:.3rem 0}.passage{background:#f6f8fa;padding:.4rem .6rem;border-left:3px solid #8aa1b8;white-space:pre-wrap;overflow-wrap:anywhere}
.failed-metrics{margin:.3rem 0;padding-left:1.2rem;color:#9b2c2c}
.label{color:#5a6b7c;font-size:.85rem}dt{font-weight:600}dd{margin:0 0 .5rem 1rem}svg{background:#fff;border:1px solid #cfd6de}
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _table(summary: dict[str, dict[str, float]], groups: list[str]) -> str:
    """The groups' metrics as two tables (retrieval and answers; citations, refusals and latency),
    so that even all 17 columns fit a laptop's width."""
    columns = sorted({key for name in groups for key in summary.get(name, {})}, key=_column_order)
    halves = [[c for c in columns if _column_order(c) < _SPLIT], [c for c in columns if _column_order(c) >= _SPLIT]]
    return "".join(_one_table(summary, groups, half) for half in halves if half)


def _one_table(summary: dict[str, dict[str, float]], groups: list[str], columns: list[str]) -> str:
    head = "<tr><th>group</th>" + "".join(f"<th>{_header(c)}</th>" for c in columns) + "</tr>"
    rows = []
    for name in groups:
        row = summary.get(name, {})
        cells = "".join(f"<td>{_format(c, row.get(c))}</td>" for c in columns)
        rows.append(f"<tr><td>{_e(name)}</td>{cells}</tr>")
    return f'<div class="wide"><table>{head}{"".join(rows)}</table></div>'


def _header(column: str) -> str:
    """A column name that may wrap after `_` (`false_<wbr>refusal`), so 17 columns fit a laptop's width."""
    return "".join(f"{_e(char)}<wbr>" if char == "_" else _e(char) for char in column)


_ORDER = ["cases", "hit@1", "recall@5", "recall@10", "MRR", "nDCG@10", "accuracy", "F1", "cit_recall", "cit_precision", "cit_doc_prec", "faithfulness", "correctness", "refusal", "false_refusal", "p50_ms", "p95_ms"]


_SPLIT = _ORDER.index("cit_recall")  # where the second table of a group's metrics starts


def _column_order(column: str) -> int:
    return _ORDER.index(column) if column in _ORDER else len(_ORDER)


def _format(column: str, value) -> str:
    if value is None:
        return ""
    return f"{value:.0f}" if column in ("cases", "p50_ms", "p95_ms") else f"{value:.3f}"


def recall_curve(cases: list[Case], results: list[dict]) -> list[float]:
    """Mean recall@k over answerable cases for k = 1..10."""
    pairs = [(c, r) for c, r in zip(cases, results) if c.answerable]
    if not pairs:
        return [0.0] * 10
    return [sum(recall_at_k(r["retrieved"], c.doc_ids, k) for c, r in pairs) / len(pairs) for k in range(1, 11)]


def _svg_curve(values: list[float]) -> str:
    """Recall@k for k = 1..n. Points sit in the middle of their k's slot (none on the y axis, whose
    labels stay clear), and a value is printed only where it changes, so labels never overlap."""
    width, height, left, right, top, bottom = 520, 240, 48, 16, 24, 40
    step = (width - left - right) / len(values)
    points = [(left + (i + 0.5) * step, top + (1 - v) * (height - top - bottom)) for i, v in enumerate(values)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    grid = "".join(
        f'<line x1="{left}" y1="{top + (1 - t) * (height - top - bottom):.1f}" x2="{width - right}" y2="{top + (1 - t) * (height - top - bottom):.1f}" stroke="#e2e8f0"/>'
        f'<text x="{left - 6}" y="{top + (1 - t) * (height - top - bottom) + 4:.1f}" font-size="11" text-anchor="end">{t:g}</text>'
        for t in (0, 0.25, 0.5, 0.75, 1)
    )
    ticks = "".join(f'<text x="{x:.1f}" y="{height - bottom + 16}" font-size="11" text-anchor="middle">{i + 1}</text>' for i, (x, _) in enumerate(points))
    shown = [i for i, v in enumerate(values) if i == 0 or f"{v:.2f}" != f"{values[i - 1]:.2f}"]
    labels = "".join(
        f'<text x="{points[i][0]:.1f}" y="{points[i][1] + (14 if values[i] > 0.9 else -6):.1f}" font-size="10" text-anchor="middle">{values[i]:.2f}</text>'
        for i in shown
    )
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.5" fill="#2b6cb0"><title>recall@{i + 1} = {v:.3f}</title></circle>' for i, ((x, y), v) in enumerate(zip(points, values)))
    return (
        f'<svg width="{width}" height="{height}" role="img" aria-label="recall at k">{grid}'
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - right}" y2="{height - bottom}" stroke="#888"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{height - bottom}" stroke="#888"/>'
        f'<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="{path}"/>{dots}{ticks}{labels}'
        f'<text x="{left + (width - left - right) / 2:.1f}" y="{height - 6}" font-size="11" text-anchor="middle">k</text>'
        f'<text x="12" y="{top + (height - top - bottom) / 2:.1f}" font-size="11" text-anchor="middle" transform="rotate(-90 12 {top + (height - top - bottom) / 2:.1f})">recall</text></svg>'
    )


def _svg_histogram(latencies: list[float], bins: int = 12) -> str:
    width, height, pad = 420, 220, 36
    if not latencies:
        return ""
    low, high = min(latencies), max(latencies)
    span = (high - low) or 1.0
    counts = [0] * bins
    for value in latencies:
        counts[min(bins - 1, int((value - low) / span * bins))] += 1
    top = max(counts)
    bar = (width - 2 * pad) / bins
    bars = "".join(
        f'<rect x="{pad + i * bar + 1:.1f}" y="{height - pad - c / top * (height - 2 * pad):.1f}" width="{bar - 2:.1f}" '
        f'height="{c / top * (height - 2 * pad):.1f}" fill="#2b6cb0"><title>{c}</title></rect>'
        for i, c in enumerate(counts)
    )
    return (
        f'<svg width="{width}" height="{height}" role="img" aria-label="latency histogram">{bars}'
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#888"/>'
        f'<text x="{pad}" y="{height - pad + 16}" font-size="11">{low:.0f} ms</text>'
        f'<text x="{width - pad}" y="{height - pad + 16}" font-size="11" text-anchor="end">{high:.0f} ms</text>'
        f'<text x="{pad - 6}" y="{pad + 4}" font-size="11" text-anchor="end">{top}</text></svg>'
    )


# Scores in [0, 1] that a passing answer has at 1, with the words a failed case's list gives them.
_SHORTFALLS = {
    "citation_recall": "citation recall",
    "citation_precision": "citation precision",
    "citation_doc_precision": "citation doc precision",
    "faithfulness": "faithfulness",
    "correctness": "correctness",
}


def failure_reasons(case: Case, result: dict) -> list[str]:
    """What a case failed, one line per metric, e.g. "accuracy: must_contain '18 et 19' missing",
    "refused but answerable", "citation precision 0.50"; empty when it passed."""
    scores, refused = result.get("scores", {}), bool(result.get("refused"))
    if not case.answerable:
        return [] if refused else ["refusal: answered, but the documents do not say (doc_ids is empty)"]
    reasons = ["false refusal: refused but answerable"] if refused else []
    if scores.get("hit_1") == 0:
        first = (result.get("retrieved") or ["nothing"])[0]
        reasons.append(f"hit@1: first document retrieved is {first}, not a gold one")
    if not refused and scores.get("accuracy") == 0:
        missing = [item for item in case.must_contain if not answer_contains_all(result.get("answer", ""), [item])]
        reasons += [f"accuracy: must_contain {item!r} missing" for item in missing] or ["accuracy: 0"]
    for key, words in _SHORTFALLS.items():
        value = scores.get(key)
        if value is not None and value < 1:
            reasons.append(f"{words} {value:.2f}")
    return reasons


def failed(case: Case, result: dict) -> bool:
    return bool(failure_reasons(case, result))


def _case_html(case: Case, result: dict) -> str:
    reasons = "".join(f"<li>{_e(reason)}</li>" for reason in failure_reasons(case, result))
    passages = "".join(
        f'<p class="label">[{_e(c.get("n"))}] {_e(c.get("doc_id"))} — {_e(c.get("title"))}</p><div class="passage">{_e(c.get("text"))}</div>'
        for c in result.get("citations", [])
    )
    history = f'<p><span class="label">history:</span> {_e(" / ".join(case.history))}</p>' if case.history else ""
    expected = _e(case.answer) + (f' <span class="label">must contain:</span> {_e(", ".join(case.must_contain))}' if case.must_contain else "")
    return (
        f'<div class="case"><p><b>{_e(case.id)}</b> <span class="label">{_e(case.lang)} · {_e(case.kind)}</span></p>'
        f'<ul class="failed-metrics">{reasons}</ul>{history}'
        f"<p><span class=\"label\">question:</span> {_e(case.question)}</p>"
        f"<p><span class=\"label\">expected:</span> {expected or '<i>a refusal</i>'} — <span class=\"label\">gold:</span> {_e(', '.join(case.doc_ids) or '—')}</p>"
        f"<p><span class=\"label\">got:</span> {_e(result.get('answer'))}</p>"
        f"<p><span class=\"label\">retrieved:</span> {_e(', '.join(result.get('retrieved', [])))}</p>{passages}</div>"
    )


def write_html(path: Path, cases: list[Case], results: list[dict], summary: dict, run_info: dict, comparison_html: str = "") -> None:
    languages = sorted(name for name in summary if name.startswith("lang="))
    kinds = sorted(name for name in summary if name.startswith("kind="))
    settings = "".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in {**run_info.get("settings", {}), **run_info.get("versions", {})}.items())
    failures = [(c, r) for c, r in zip(cases, results) if failed(c, r)]
    definitions = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in DEFINITIONS.items())
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>congress-chat evaluation</title><style>{_CSS}</style></head><body>
<h1>congress-chat evaluation</h1>
<p>Test set <code>{_e(run_info.get('test_set'))}</code>, {len(cases)} cases, finished {_e(run_info.get('finished_at'))}. {_e(run_info.get('llm_judge', ''))}</p>
<h2>Summary</h2>{_table(summary, ['all'])}
<h2>By language</h2>{_table(summary, languages)}
<h2>By kind</h2>{_table(summary, kinds)}
{comparison_html}
<h2>Recall@k</h2>{_svg_curve(recall_curve(cases, results))}
<h2>Latency</h2>{_svg_histogram([r.get('latency_ms', 0.0) for r in results])}
<h2>Metrics</h2><dl>{definitions}</dl>
<h2>Failed cases ({len(failures)})</h2>{''.join(_case_html(c, r) for c, r in failures) or '<p>None.</p>'}
<h2>Run settings and versions</h2><div class="wide"><table class="settings">{settings}</table></div>
</body></html>"""
    path.write_text(page, encoding="utf-8")
