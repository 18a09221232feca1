"""An event's theme, as a text announces it: "sous le thème « … »", "autour du thème : …", "le
thème de cette année, « … »", "placé sous le signe de …", "under the theme '…'", "themed …",
"تحت شعار «…»", "تحت عنوان …", "حول موضوع …". The theme is the quoted words after the cue, or
the words up to the end of the clause."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CUE = re.compile(
    r"(?:(?:sous|autour|sur)\s+(?:le|du)\s+th[èe]me(?:\s+(?:général|central|principal|de\s+cette\s+(?:année|édition)))?(?:\s+(?:de|du|des|d[’']))?"
    r"|le\s+th[èe]me\s+(?:général|central|principal|retenu|choisi|de\s+cette\s+(?:année|édition)|de\s+l[’']édition|du\s+congrès)"
    r"|(?:ayant\s+pour|a\s+pour|avec\s+pour|pour)\s+th[èe]me"
    r"|th[èe]me\s*:"
    r"|plac[ée]e?s?\s+sous\s+le\s+signe\s+(?:de\s+la|du|de\s+l[’']|des|de)"
    r"|(?:under|on|with)\s+the\s+(?:main\s+)?theme(?:\s+of)?|themed|(?:the|its)\s+theme\s+(?:of\s+(?:this|the)\s+(?:year|edition|congress)\s+)?(?:was|is)"
    r"|تحت\s+شعار|تحت\s+عنوان|تحت\s+موضوع|حول\s+موضوع|حول\s+محور|شعار\s+(?:هذه\s+)?(?:الدورة|المؤتمر))"
    r"\s*[:,]?\s*",
    re.I,
)
_QUOTED = re.compile(r"[«\"“„]\s*(?P<theme>[^«»\"“”\n]{3,200}?)\s*[»\"”]")
_CLAUSE = re.compile(r"(?P<theme>[^.;:\n«»\"“”()،؛]{3,160})")
_CLAUSE_ENDS = re.compile(
    r",|\s(?:qui|et\s+(?:qui|a|ont|se)|avec|à\s+[A-ZÀ-Ý]|au\s+[A-ZÀ-Ý]|du\s+\d|les\s+\d|le\s+\d|which|and\s+will|in\s+[A-Z]|at\s+the|from\s+\d|on\s+\d|بمشاركة|بحضور|يوم|من\s+\d)\b"
)


@dataclass(frozen=True)
class Theme:
    text: str
    start: int
    end: int


def themes_in(text: str) -> list[Theme]:
    """Every theme `text` announces, in the order written."""
    found = []
    for cue in _CUE.finditer(text):
        after = cue.end()
        quoted = _QUOTED.match(text, after)
        if quoted:
            found.append(Theme(quoted.group("theme").strip(), quoted.start("theme"), quoted.end("theme")))
            continue
        clause = _CLAUSE.match(text, after)
        if clause:
            value = _CLAUSE_ENDS.split(clause.group("theme"))[0].strip()
            words = value.split()
            if 2 <= len(words) <= 20:
                found.append(Theme(value, after, after + len(value)))
    return found
