"""The published-programme benchmark runs (on a 2-page brochure, in seconds), so that it cannot rot unseen."""

from __future__ import annotations

import sys

from conftest import ROOT


def test_the_programme_pdf_benchmark_reads_every_session_it_wrote(capsys):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import programme_pdf
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert programme_pdf.main(["--pages", "2", "--repeat", "1"]) == 0
    printed = capsys.readouterr().out
    assert "32 sessions written, 32 read" in printed and "peak Python memory" in printed
