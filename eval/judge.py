"""Optional LLM judge: faithfulness and correctness of each answer, when an LLM is
configured (never otherwise: the harness then says the judge was skipped).

faithfulness = 1 when the judge says every claim of the answer is stated in the cited
passages; correctness = 1 when it says the answer gives the reference answer's facts.
Refusals get faithfulness 1 and correctness 1 only when the case is unanswerable."""

from __future__ import annotations

from eval.harness import Case

FAITHFULNESS = (
    "You check an answer against its sources. Sources:\n{sources}\n\nAnswer:\n{answer}\n\n"
    "Is every claim of the answer stated in the sources? Reply with one word: YES or NO."
)
CORRECTNESS = (
    "Question: {question}\nReference answer: {reference}\nAnswer to grade: {answer}\n\n"
    "Does the answer give the facts of the reference answer (language may differ)? Reply with one word: YES or NO."
)


def _verdict(model, text: str) -> float | None:
    try:
        reply = model.invoke([("human", text)])
    except Exception:
        return None
    content = reply.content if isinstance(reply.content, str) else ""
    word = content.strip().split()[0].strip(".,!").upper() if content.strip() else ""
    return 1.0 if word in ("YES", "OUI", "نعم") else 0.0 if word in ("NO", "NON", "لا") else None


def judge(model, case: Case, result: dict) -> dict[str, float | None]:
    if result.get("refused"):
        value = 0.0 if case.answerable else 1.0
        return {"faithfulness": 1.0, "correctness": value}
    sources = "\n".join(f"[{c['n']}] {c.get('text', '')}" for c in result.get("citations", []))
    scores = {"faithfulness": _verdict(model, FAITHFULNESS.format(sources=sources, answer=result.get("answer", "")))}
    scores["correctness"] = (
        _verdict(model, CORRECTNESS.format(question=case.question, reference=case.answer, answer=result.get("answer", "")))
        if case.answer else None
    )
    return scores
