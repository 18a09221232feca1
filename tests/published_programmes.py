"""Fictional *published* programmes — PDF brochures, Word files, spreadsheets, web pages, Markdown —
written the way organisers lay them out, with the sessions a reader must find in each.

`write_all(folder)` writes every document and returns file name → `Expected`. Nothing here is
copied from a real programme: congresses, people and rooms are invented, and every document says
so in a line of its own ("Programme fictif — document de test", "Fictional programme for tests").
Each writer's docstring lists the quirks of its file. Written in a fixed order with fixed
timestamps, the files are the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

D, T = dt.date, dt.time
FICTIF = "Programme fictif — document de test"
FICTIONAL = "Fictional programme for tests"
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ExpectedSession:
    """A session a reader must find: same day and start, `title` contained in its title
    (case-insensitive). `end` and `room` are checked when given; each fragment of `chairs`
    and `speakers` must be in the name of one of the session's chairs (speakers)."""

    day: dt.date | None
    start: dt.time | None
    end: dt.time | None
    title: str
    room: str | None = None
    chairs: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Expected:
    """What a document holds: its congress (a fragment of the name, or None), all its sessions
    (none: the document is text only), and text that must not become a session's title (page
    headers and footers, hidden blocks, a sheet that is not a schedule)."""

    congress: str | None
    sessions: tuple[ExpectedSession, ...]
    not_sessions: tuple[str, ...] = ()


S = ExpectedSession


# --- PDF: a brochure in two columns ---------------------------------------------------------------

CARDIOLOGIE = "3e Congrès fictif de cardiologie de Fès"
_HEADER = f"{CARDIOLOGIE} · Palais fictif des congrès · 11–12 juin 2026"
# (style, text): "day" heading, "session" line in bold, "" a plain line; "" text is a blank line.
_PAGE_1_LEFT = [
    ("day", "Jeudi 11 juin 2026"),
    ("", "8h30 – 9h00 Accueil des participants"),
    ("", ""),
    ("session", "9h00 – 10h30 Insuffisance cardiaque au quotidien"),
    ("", "Modérateurs : Pr Amina Fictive, Dr Youssef Imaginaire"),
    ("", "Diurétiques, mode d'emploi — Dr Salma Inventée"),
    ("", "Le patient fragile — Pr Karim Supposé"),
    ("", ""),
    ("", "10h30 Pause-café et visite des stands"),
    ("", ""),
    ("session", "11h00 – 12h30 Rythmologie fictive"),
    ("", "Modérateurs : Pr Nadia Chimère, Dr Omar Songe"),
    ("", "Fibrillation atriale du sujet âgé — Dr Leila Rêvée"),
    ("", "Anticoagulants : cas cliniques — Dr Hamza Illusoire"),
]
_PAGE_1_RIGHT = [
    ("", "12h30 – 14h00 Déjeuner-débat"),
    ("", ""),
    ("session", "14h00 – 15h30 Hypertension artérielle fictive"),
    ("", "Modérateurs : Pr Rachida Fable, Dr Mehdi Conte"),
    ("", "Mesure ambulatoire — Dr Sofia Mirage"),
    ("", "Hypertension résistante — Dr Anas Utopie"),
    ("", ""),
    ("session", "16h00 – 17h30 Cardiopathies et grossesse"),
    ("", "Modérateurs : Pr Imane Légende, Dr Reda Parabole"),
    ("", "Suivi de la femme enceinte — Dr Hind Allégorie"),
    ("", "Valvulopathies et grossesse — Dr Said Chimérique"),
    ("", "Hypertension gravidique — Dr Kenza Hypothèse"),
    ("", "Cardiomyopathie du péripartum — Dr Yassine Fantaisie"),
]
_PAGE_2_LEFT = [
    ("", "Accouchement à risque — Pr Ilham Récit"),  # the 16h00 session goes on over the page
    ("", "Contraception après l'accouchement — Dr Nora Conteuse"),
    ("", ""),
    ("day", "Vendredi 12 juin 2026"),
    ("session", "9h00 – 10h30 Imagerie cardiaque imaginaire"),
    ("", "Modérateurs : Pr Ghita Songe, Dr Adil Fiction"),
    ("", "Échocardiographie 3D — Dr Meryem Vision"),
    ("", "IRM cardiaque — Dr Tarik Reflet"),
    ("", ""),
    ("", "10h30 – 11h00 Pause-café"),
]
_PAGE_2_RIGHT = [
    ("session", "11h00 – 12h30 Cardiologie interventionnelle"),
    ("", "Modérateurs : Pr Amina Fictive, Dr Bilal Invention"),
    ("", "Angioplastie complexe — Dr Sanaa Nuage"),
    ("", "TAVI : sélection des patients — Dr Jamal Écho"),
    ("", ""),
    ("", "12h30 Clôture du congrès"),
]
_THU, _FRI, _SAT, _SUN = D(2026, 6, 11), D(2026, 6, 12), D(2026, 6, 13), D(2026, 6, 14)
CARDIOLOGIE_FES = Expected(
    CARDIOLOGIE,
    (
        S(_THU, T(8, 30), T(9), "Accueil des participants"),
        S(_THU, T(9), T(10, 30), "Insuffisance cardiaque", chairs=("Amina Fictive", "Youssef Imaginaire"),
          speakers=("Salma Inventée", "Karim Supposé")),
        S(_THU, T(10, 30), T(11), "Pause-café et visite"),  # its end is the next slot's start
        S(_THU, T(11), T(12, 30), "Rythmologie fictive", chairs=("Nadia Chimère", "Omar Songe"),
          speakers=("Leila Rêvée", "Hamza Illusoire")),
        S(_THU, T(12, 30), T(14), "Déjeuner-débat"),
        S(_THU, T(14), T(15, 30), "Hypertension artérielle", chairs=("Rachida Fable", "Mehdi Conte"),
          speakers=("Sofia Mirage", "Anas Utopie")),
        S(_THU, T(16), T(17, 30), "Cardiopathies et grossesse", chairs=("Imane Légende", "Reda Parabole"),
          speakers=("Hind Allégorie", "Said Chimérique", "Kenza Hypothèse", "Yassine Fantaisie", "Ilham Récit", "Nora Conteuse")),
        S(_FRI, T(9), T(10, 30), "Imagerie cardiaque", chairs=("Ghita Songe", "Adil Fiction"), speakers=("Meryem Vision", "Tarik Reflet")),
        S(_FRI, T(10, 30), T(11), "Pause-café"),
        S(_FRI, T(11), T(12, 30), "Cardiologie interventionnelle", chairs=("Amina Fictive", "Bilal Invention"),
          speakers=("Sanaa Nuage", "Jamal Écho")),
        S(_FRI, T(12, 30), None, "Clôture du congrès"),
    ),
    not_sessions=("page 1/2", "page 2/2", "Palais fictif", FICTIF),
)


def _write_cardiologie(path: Path) -> None:
    """Two text columns per page, drawn line across line (left, right, left…) so that reading the
    page top to bottom mixes the columns; a bold time + title line over a chairs' line and its
    talks (no times on talks); a header and a "page i/2" footer on both pages; the 16h00 session's
    talks go on at the top of page 2; a slot with a start only (10h30 Pause-café)."""
    from reportlab.lib.pagesizes import A5, landscape
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    width, height = landscape(A5)
    columns_x, column_width, leading = (36, 310), 250, 16
    fonts = {"day": ("Helvetica-Bold", 10.5), "session": ("Helvetica-Bold", 9), "": ("Helvetica", 9)}
    canvas = Canvas(str(path), pagesize=(width, height), invariant=1)
    canvas.setTitle(f"{CARDIOLOGIE} — programme")
    pages = [(_PAGE_1_LEFT, _PAGE_1_RIGHT), (_PAGE_2_LEFT, _PAGE_2_RIGHT)]
    for number, (left, right) in enumerate(pages, start=1):
        canvas.setFont("Helvetica", 7.5)
        canvas.drawString(36, height - 22, _HEADER)
        canvas.line(36, height - 26, width - 36, height - 26)
        canvas.drawCentredString(width / 2, 16, f"{CARDIOLOGIE} — page {number}/{len(pages)}")
        top = height - 50
        if number == 1:
            canvas.setFont("Helvetica-Bold", 15)
            canvas.drawString(36, height - 50, CARDIOLOGIE)
            canvas.setFont("Helvetica", 9)
            canvas.drawString(36, height - 66, FICTIF)
            top = height - 92
        for row in range(max(len(left), len(right))):
            for x, column in zip(columns_x, (left, right)):
                if row < len(column) and column[row][1]:
                    style, text = column[row]
                    font, size = fonts[style]
                    assert stringWidth(text, font, size) <= column_width, text
                    canvas.setFont(font, size)
                    canvas.drawString(x, top - row * leading, text)
        canvas.showPage()
    canvas.save()


# --- PDF: a ruled table, rooms as columns ---------------------------------------------------------

NEUROLOGIE = "Journées fictives de neurologie de Rabat"
NEUROLOGIE_RABAT = Expected(
    NEUROLOGIE,
    (
        S(_FRI, T(9), T(10), "Épilepsie de l'adulte", room="Atlas", chairs=("Nabil Fictif",)),
        S(_FRI, T(9), T(10), "Céphalées imaginaires", room="Rif", chairs=("Samira Songe",)),
        S(_FRI, T(10), T(10, 30), "Pause-café"),
        S(_FRI, T(10, 30), T(12), "Conférence plénière", speakers=("Driss Inventé",)),
        S(_FRI, T(14), T(15, 30), "AVC : la première heure", room="Atlas", chairs=("Loubna Chimère",)),
        S(_FRI, T(14), T(15, 30), "Sclérose en plaques", room="Rif", chairs=("Ayoub Mirage",)),
        S(_SAT, T(9), T(10, 30), "Neuropathies périphériques", room="Atlas", chairs=("Rim Fable",)),
        S(_SAT, T(9), T(10, 30), "Maladie de Parkinson", room="Rif", chairs=("Hicham Conte",)),
        S(_SAT, T(10, 30), T(11), "Clôture et remise des prix"),
    ),
    not_sessions=("Salle Atlas", "Salle Rif", FICTIF),
)


def _write_neurologie(path: Path) -> None:
    """A ruled table per day, rooms as columns (`Heure | Salle Atlas | Salle Rif`), rows by time
    (`09:00-10:00`), a pause and a plenary in cells spanning both rooms, the day as a heading
    above each table ("Vendredi 12 juin 2026"), chairs with the singular label `Modérateur :`."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Table, TableStyle

    days = [
        ("Vendredi 12 juin 2026", [
            ("09:00-10:00", "Épilepsie de l'adulte\nModérateur : Dr Nabil Fictif", "Céphalées imaginaires\nModérateur : Dr Samira Songe"),
            ("10:00-10:30", "Pause-café", None),
            ("10:30-12:00", "Conférence plénière : le cerveau fictif\nOrateur : Pr Driss Inventé", None),
            ("14:00-15:30", "AVC : la première heure\nModérateur : Pr Loubna Chimère", "Sclérose en plaques fictive\nModérateur : Dr Ayoub Mirage"),
        ]),
        ("Samedi 13 juin 2026", [
            ("09:00-10:30", "Neuropathies périphériques\nModérateur : Dr Rim Fable", "Maladie de Parkinson imaginaire\nModérateur : Dr Hicham Conte"),
            ("10:30-11:00", "Clôture et remise des prix fictifs", None),
        ]),
    ]
    width, height = A4
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(NEUROLOGIE)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(50, height - 60, NEUROLOGIE)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(50, height - 78, FICTIF)
    y = height - 110
    for heading, rows in days:
        canvas.setFont("Helvetica-Bold", 12)
        canvas.drawString(50, y, heading)
        data = [("Heure", "Salle Atlas", "Salle Rif")] + [(time, left, right or "") for time, left, right in rows]
        style = [
            ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ]
        style += [("SPAN", (1, row), (2, row)) for row, (_, _, right) in enumerate(rows, start=1) if right is None]
        table = Table(data, colWidths=[80, 205, 205], style=TableStyle(style))
        _, table_height = table.wrapOn(canvas, width - 100, y)
        table.drawOn(canvas, 50, y - 10 - table_height)
        y -= table_height + 50
    canvas.showPage()
    canvas.save()


# --- DOCX: one big table ------------------------------------------------------------------------

PEDIATRIE = "Journées fictives de pédiatrie de Tanger"
PEDIATRIE_TANGER = Expected(
    PEDIATRIE,
    (
        S(_THU, T(8, 30), T(9), "Accueil et inscriptions", room="Hall"),
        S(_THU, T(9), T(10, 30), "Bronchiolite", room="Zellige", chairs=("Leila Fictive", "Omar Imaginaire"), speakers=("Hajar Inventée",)),
        S(_THU, T(10, 30), T(11), "Pause", room="Hall"),
        S(_THU, T(11), T(12, 30), "Vaccination de l'enfant", room="Zellige", chairs=("Soukaina Songe",),
          speakers=("Ali Chimère", "Widad Fable")),
        S(_FRI, T(9), T(10, 30), "Urgences pédiatriques", room="Andalouse", chairs=("Nour Mirage", "Karim Conte"), speakers=("Aya Légende",)),
        S(_FRI, T(14, 30), T(16), "Néonatologie fictive", room="Andalouse", chairs=("Houda Utopie",), speakers=("Zakaria Parabole",)),
        S(_FRI, T(16), None, "Clôture", room="Andalouse"),
    ),
    not_sessions=("Jeudi 11 juin", "Vendredi 12 juin", "Horaire", "Intervenants"),
)


def _write_pediatrie(path: Path) -> None:
    """One table (`Horaire | Session | Salle | Intervenants`) holding both days; each day is a row
    merged over all four columns; times written `8h30 - 9h`, `de 9h à 10h30`, `10 h 30 – 11 h`,
    `11H00 – 12H30`, `09:00 – 10:30`, `14h30-16h`, `16h`; people under `Président(e)s de séance :`,
    `Orateur :` and `Orateurs :`, one paragraph each in the cell."""
    import docx

    document = docx.Document()
    _fixed_core_properties(document.core_properties, f"2es {PEDIATRIE}")
    document.add_heading(f"2es {PEDIATRIE}", level=1)
    document.add_paragraph(f"{FICTIF}. Tanger, 11 et 12 juin 2026.")
    days = [
        ("Jeudi 11 juin 2026", [
            ("8h30 - 9h", "Accueil et inscriptions", "Hall", []),
            ("de 9h à 10h30", "Bronchiolite : ce qui change", "Salle Zellige",
             ["Président(e)s de séance : Pr Leila Fictive, Dr Omar Imaginaire", "Orateur : Dr Hajar Inventée"]),
            ("10 h 30 – 11 h", "Pause", "Hall", []),
            ("11H00 – 12H30", "Vaccination de l'enfant fictif", "Salle Zellige",
             ["Président(e)s de séance : Pr Soukaina Songe", "Orateurs : Dr Ali Chimère, Dr Widad Fable"]),
        ]),
        ("Vendredi 12 juin 2026", [
            ("09:00 – 10:30", "Urgences pédiatriques imaginaires", "Salle Andalouse",
             ["Président(e)s de séance : Dr Nour Mirage, Pr Karim Conte", "Orateur : Dr Aya Légende"]),
            ("14h30-16h", "Néonatologie fictive", "Salle Andalouse",
             ["Président(e)s de séance : Pr Houda Utopie", "Orateur : Dr Zakaria Parabole"]),
            ("16h", "Clôture", "Salle Andalouse", []),
        ]),
    ]
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Horaire", "Session", "Salle", "Intervenants")):
        cell.paragraphs[0].add_run(text).bold = True
    for day, rows in days:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[3])
        merged.paragraphs[0].add_run(day).bold = True
        for time, title, room, people in rows:
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = time, title, room
            for number, line in enumerate(people):
                paragraph = cells[3].paragraphs[0] if number == 0 else cells[3].add_paragraph()
                paragraph.add_run(line)
    _save_zip(document.save, path)


# --- DOCX: paragraphs only, 12-hour times ----------------------------------------------------------

DERMATOLOGIE = "Journées fictives de dermatologie d'Agadir"
DERMATOLOGIE_AGADIR = Expected(
    DERMATOLOGIE,
    (
        S(_FRI, T(9), T(9, 30), "Opening of the fictional days"),
        S(_FRI, T(9, 30), T(11), "Acne beyond the textbook", chairs=("Nora Fictive",), speakers=("Ilyas Imaginaire",)),
        S(_FRI, T(11), T(11, 30), "Coffee break"),
        S(_FRI, T(11, 30), T(12, 30), "Psoriasis in imaginary patients", chairs=("Amal Chimère",), speakers=("Fouad Fable",)),
        S(_FRI, T(14, 30), T(15, 15), "Hair and nails workshop", chairs=("Rania Mirage",), speakers=("Mounir Conte",)),
        S(_SAT, T(9), T(10, 30), "Paediatric dermatology", chairs=("Salwa Légende",), speakers=("Adam Utopie",)),
        S(_SAT, T(14, 30), T(16), "Closing round table", chairs=("Nora Fictive",)),
    ),
    not_sessions=("Vendredi 12 juin", "Samedi 13 juin"),
)


def _write_dermatologie(path: Path) -> None:
    """Paragraphs only: day headings without a year ("Vendredi 12 juin"; the year is only in the
    opening line), `time<TAB>title` lines with 12-hour times (`9.00am`, `11.30am – 12.30pm`,
    `2:30 PM – 3:15 PM`, `2.30pm – 4pm`), `Chair:` and `Speaker:` lines under a session; the
    first slot has a start only."""
    import docx

    document = docx.Document()
    _fixed_core_properties(document.core_properties, f"4es {DERMATOLOGIE}")
    document.add_paragraph(f"4es {DERMATOLOGIE} — juin 2026", style="Title")
    document.add_paragraph(f"{FICTIF} / {FICTIONAL}. Palais fictif de la plage, Agadir.")
    days = [
        ("Vendredi 12 juin", [
            "9.00am\tOpening of the fictional days",
            "9.30am – 11.00am\tAcne beyond the textbook", "Chair: Pr Nora Fictive", "Speaker: Dr Ilyas Imaginaire",
            "11.00am – 11.30am\tCoffee break",
            "11.30am – 12.30pm\tPsoriasis in imaginary patients", "Chair: Dr Amal Chimère", "Speaker: Dr Fouad Fable",
            "2:30 PM – 3:15 PM\tHair and nails workshop", "Chair: Dr Rania Mirage", "Speaker: Dr Mounir Conte",
        ]),
        ("Samedi 13 juin", [
            "9.00am – 10.30am\tPaediatric dermatology", "Chair: Pr Salwa Légende", "Speaker: Dr Adam Utopie",
            "2.30pm – 4pm\tClosing round table", "Chair: Pr Nora Fictive",
        ]),
    ]
    for heading, lines in days:
        document.add_heading(heading, level=2)
        for line in lines:
            document.add_paragraph(line)
    _save_zip(document.save, path)


# --- XLSX: a list sheet, a grid sheet, a contacts sheet -------------------------------------------

ONCOLOGIE = "Congrès fictif d'oncologie de Marrakech"
ONCOLOGIE_MARRAKECH = Expected(
    ONCOLOGIE,
    (
        S(_FRI, T(9), T(10, 30), "Cancer du sein", room="Koutoubia", chairs=("Samia Fictive", "Anouar Songe")),
        S(_FRI, T(11), T(12, 30), "Immunothérapie imaginaire", room="Koutoubia", chairs=("Hanane Chimère",)),
        S(_FRI, T(14), T(15, 30), "Tumeurs digestives", room="Menara", chairs=("Othmane Fable", "Rim Mirage")),
        S(_SAT, T(9), T(10, 30), "Oncologie thoracique", room="Koutoubia", chairs=("Yassir Conte",)),
        S(_SAT, T(9), T(10, 30), "Hématologie imaginaire", room="Menara"),
        S(_SAT, T(10, 30), T(11), "Pause-café"),
        S(_SAT, T(11), T(12, 30), "Cancers de l'enfant", room="Koutoubia"),
        S(_SAT, T(11), T(12, 30), "Douleur et cancer", room="Menara"),
        S(_SAT, T(12, 30), T(14, 30), "Déjeuner"),
        S(_SAT, T(14, 30), T(16, 30), "Atelier de radiothérapie", room="Koutoubia"),  # merged over two rows
        S(_SAT, T(14, 30), T(15, 30), "Soins de support", room="Menara"),
        S(_SAT, T(15, 30), T(16, 30), "Oncogériatrie", room="Menara"),
        S(_SAT, T(16, 30), None, "Clôture"),
    ),
    not_sessions=("Zahra Fictive", "Karim Répertoire", "Secrétariat", "Logistique", "Permanence"),
)


def _write_oncologie(path: Path) -> None:
    """Sheet "Vendredi": a title merged over the columns, one row per session with the day as a
    real date merged down the day's rows and times as real Excel times. Sheet "Samedi": the day in
    a cell above a grid with rooms as columns and times as text (`09h00`, `10.30`, `14.30`), a
    session merged over two time rows, breaks merged over both rooms, ends given by the next row.
    Sheet "Contacts": a list of people with office hours, not a schedule."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    book.properties.creator = "Comité fictif"
    book.properties.created = dt.datetime(2026, 1, 1)
    friday = book.active
    friday.title = "Vendredi"
    friday.append([f"{ONCOLOGIE} — {FICTIF}"])
    friday.merge_cells("A1:F1")
    friday.append(["Jour", "Début", "Fin", "Session", "Salle", "Modérateurs"])
    for cell in friday[2]:
        cell.font = Font(bold=True)
    rows = [
        (T(9), T(10, 30), "Cancer du sein : cas fictifs", "Salle Koutoubia", "Pr Samia Fictive, Dr Anouar Songe"),
        (T(11), T(12, 30), "Immunothérapie imaginaire", "Salle Koutoubia", "Dr Hanane Chimère"),
        (T(14), T(15, 30), "Tumeurs digestives", "Salle Menara", "Pr Othmane Fable, Dr Rim Mirage"),
    ]
    for number, row in enumerate(rows):
        friday.append([dt.datetime(2026, 6, 12) if number == 0 else None, *row])
        friday.cell(friday.max_row, 1).number_format = "dd/mm/yyyy"
        for column in (2, 3):
            friday.cell(friday.max_row, column).number_format = "hh:mm"
    friday.merge_cells(start_row=3, start_column=1, end_row=2 + len(rows), end_column=1)
    friday["A3"].alignment = Alignment(vertical="center")

    saturday = book.create_sheet("Samedi")
    saturday.append(["Samedi 13 juin 2026"])
    saturday.append([FICTIF])
    saturday.append(["Heure", "Salle Koutoubia", "Salle Menara"])
    saturday.append(["09h00", "Oncologie thoracique fictive\nModérateur : Dr Yassir Conte", "Hématologie imaginaire"])
    saturday.append(["10.30", "Pause-café", None])
    saturday.append(["11h00", "Cancers de l'enfant fictifs", "Douleur et cancer"])
    saturday.append(["12h30", "Déjeuner", None])
    saturday.append(["14.30", "Atelier de radiothérapie fictive", "Soins de support fictifs"])
    saturday.append(["15h30", None, "Oncogériatrie imaginaire"])
    saturday.append(["16h30", "Clôture", None])
    for span in ("B5:C5", "B7:C7", "B8:B9", "B10:C10"):
        saturday.merge_cells(span)

    contacts = book.create_sheet("Contacts")
    contacts.append(["Nom", "Rôle", "Téléphone", "Permanence"])
    contacts.append(["Mme Zahra Fictive", "Secrétariat", "+212 500 000 000", "9h00 – 17h00"])
    contacts.append(["M. Karim Répertoire", "Logistique", "+212 500 000 001", "8h30 – 12h30"])
    contacts.append([FICTIF, None, None, None])
    _save_zip(book.save, path)


# --- HTML: a table with rowspan and colspan, hidden blocks, a heading and a list ------------------

GASTRO = "Fictional Gastroenterology Meeting of Oujda"
GASTRO_OUJDA = Expected(
    GASTRO,
    (
        S(_THU, T(9), T(11), "Liver disease, imagined", room="Atlas", chairs=("Amal Fictive", "Yassine Dream"), speakers=("Hiba Invented",)),
        S(_THU, T(9), T(10), "Endoscopy basics", room="Rif", chairs=("Ismail Notreal",)),
        S(_THU, T(10), T(11), "Microbiota myths", room="Rif", speakers=("Salma Madeup",)),
        S(_THU, T(11), T(11, 30), "Coffee break"),
        S(_THU, T(14, 30), T(15, 45), "Pancreas: cases", room="Atlas", chairs=("Omar Fable",), speakers=("Lina Mirage",)),
        S(_THU, T(14, 30), T(15, 45), "IBD in practice", room="Rif", chairs=("Nadia Legend",)),
        S(_FRI, T(9), T(10), "Hepatitis vaccination", room="Atlas", chairs=("Reda Imaginary",)),
        S(_FRI, T(10), T(11, 30), "Colorectal screening", room="Rif", chairs=("Amal Fictive",), speakers=("Hamza Unreal",)),
        S(_FRI, T(11, 30), None, "Closing words"),
    ),
    not_sessions=("Draft session", "Template session", "Commented-out", "Hidden lunch"),
)
_GASTRO_HTML = f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>2nd {GASTRO} — programme</title></head>
<body>
<h1>2nd {GASTRO}</h1>
<p>{FICTIONAL} — no real event, person or place.</p>
<h2>Thursday 11 June 2026</h2>
<table>
<thead><tr><th>Time</th><th>Hall Atlas</th><th>Hall Rif</th></tr></thead>
<tbody>
<tr><td>09:00 – 10:00</td>
<td rowspan="2"><strong>Liver disease, imagined</strong><br>Chairs: Pr Amal Fictive, Dr Yassine Dream<br>Speaker: Dr Hiba Invented</td>
<td><strong>Endoscopy basics</strong><br>Moderator: Dr Ismail Notreal</td></tr>
<tr><td>10:00 – 11:00</td><td><strong>Microbiota myths</strong><br>Speaker: Dr Salma Madeup</td></tr>
<tr><td>11:00 – 11:30</td><td colspan="2">Coffee break</td></tr>
<tr><td>14:30 – 15:45</td>
<td><strong>Pancreas: cases</strong><br>Chairs: Dr Omar Fable<br>Speaker: Dr Lina Mirage</td>
<td><strong>IBD in practice</strong><br>Moderator: Pr Nadia Legend</td></tr>
</tbody>
</table>
<div class="tab" style="display:none">
<table><tr><td>16:00 – 17:00</td><td>Draft session on hold</td><td>Draft session two</td></tr></table>
</div>
<template><table><tr><td>17:00 – 18:00</td><td>Template session placeholder</td></tr></table></template>
<!-- <p>18:00 – 19:00 Commented-out dinner symposium</p> -->
<div hidden><p>12:00 – 13:00 Hidden lunch symposium</p></div>
<h3>Friday 12 June 2026</h3>
<ul>
<li>09:00-10:00 — Hepatitis vaccination, fictional — Hall Atlas — Moderator: Dr Reda Imaginary</li>
<li>10:00-11:30 — Colorectal screening — Hall Rif — Chairs: Pr Amal Fictive; Speaker: Dr Hamza Unreal</li>
<li>11:30 — Closing words</li>
</ul>
</body>
</html>
"""


def _write_gastro(path: Path) -> None:
    """UTF-8 page in English: a table with rooms as columns, a session spanning two time rows
    (`rowspan`), a coffee break spanning both rooms (`colspan`), times `14:30 – 15:45`; sessions
    that must not be read in a `display:none` block, a `<template>`, an HTML comment and a
    `hidden` block; the second day as an `<h3>` over a `<ul>`; `Chairs:`, `Moderator:`, `Speaker:`."""
    path.write_text(_GASTRO_HTML, encoding="utf-8")


# --- HTML in windows-1252 ------------------------------------------------------------------------

ENDOCRINO = "Congrès fictif d'endocrinologie de Meknès"
ENDOCRINO_MEKNES = Expected(
    ENDOCRINO,
    (
        S(_FRI, T(8, 30), T(9), "Accueil café"),
        S(_FRI, T(9), T(10, 30), "Diabète et cœur", room="Médina", chairs=("Hélène Fictive", "Réda Imaginé"), speakers=("Chloé Inventée",)),
        S(_FRI, T(10, 30), T(11), "Pause gourmande"),
        S(_FRI, T(11), T(12, 30), "Thyroïde : nodules et œdème", room="Médina", chairs=("Jérôme Songe", "Maël Chimère")),
        S(_FRI, T(14, 30), T(15, 45), "Obésité de l'adolescent", room="Agdal", chairs=("Anaïs Fable",)),
        S(_SAT, T(9), T(10, 30), "Surrénales", room="Agdal", speakers=("Noémie Mirage",)),
        S(_SAT, T(10, 30), None, "Clôture"),
    ),
)
ENDOCRINO_WORDS = ("Meknès", "cœur", "œdème", "Thyroïde", "150 €", "pâtisserie", "à")
_ENDOCRINO_HTML = f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="windows-1252"><title>{ENDOCRINO}</title></head>
<body>
<h1>{ENDOCRINO}</h1>
<p>{FICTIF}. Frais d'inscription : 150 € (déjeuners compris), à régler à l'accueil.</p>
<h2>Vendredi 12 juin 2026</h2>
<dl>
<dt>8 h 30 – 9 h 00 · Accueil café</dt>
<dt>9h00 – 10h30 · Diabète et cœur : les liens fictifs</dt>
<dd>Salle Médina</dd>
<dd>Présidents de séance : Pr Hélène Fictive, Dr Réda Imaginé</dd>
<dd>Orateur : Dr Chloé Inventée</dd>
<dt>10h30 – 11h00 · Pause gourmande à la pâtisserie fictive</dt>
<dt>11h00 – 12h30 · Thyroïde : nodules et œdème</dt>
<dd>Salle Médina</dd>
<dd>Modérateurs : Dr Jérôme Songe, Dr Maël Chimère</dd>
<dt>14h30 – 15h45 · Obésité de l'adolescent</dt>
<dd>Salle Agdal</dd>
<dd>Modératrice : Pr Anaïs Fable</dd>
</dl>
<h2>Samedi 13 juin 2026</h2>
<dl>
<dt>9h00 – 10h30 · Surrénales : cas cliniques fictifs</dt>
<dd>Salle Agdal</dd>
<dd>Orateur : Dr Noémie Mirage</dd>
<dt>10h30 · Clôture</dt>
</dl>
</body>
</html>
"""


def _write_endocrino(path: Path) -> None:
    """Windows-1252 bytes declared by `<meta charset="windows-1252">`, French with é è à ï œ and
    the euro sign; a `<dl>` per day (`<dt>` time · title, `<dd>` room and people); times
    `8 h 30 – 9 h 00` and `14h30 – 15h45`; labels `Présidents de séance :`, `Modératrice :`."""
    path.write_bytes(_ENDOCRINO_HTML.encode("cp1252"))


RHUMATO = "Journée fictive de rhumatologie de Safi"
RHUMATO_SAFI = Expected(
    RHUMATO,
    (
        S(_SAT, T(9), T(10), "Ostéoporose fictive", speakers=("Zineb Fictive",)),
        S(_SAT, T(10), T(11, 15), "Polyarthrite", chairs=("Anouk Songe", "Ahmed Chimère"), speakers=("Élodie Fable",)),
        S(_SAT, T(11, 15), T(11, 30), "Pause-café"),
        S(_SAT, T(11, 30), T(12, 30), "Goutte et alimentation", speakers=("Noël Mirage",)),
        S(_SAT, T(12, 30), None, "Clôture et déjeuner"),
    ),
)
RHUMATO_WORDS = ("Ostéoporose", "où en est-on", "été", "Élodie", "déjeuner offert à tous", "deuxième étage", "manœuvres")
_RHUMATO_HTML = f"""<html>
<head><title>{RHUMATO}</title></head>
<body>
<p><b>{RHUMATO}</b></p>
<p>{FICTIF}. Participation : 80 € ; le déjeuner offert à tous les participants inscrits avant l'été.
Hôtel fictif de la côte, salle des fêtes, deuxième étage ; les manœuvres de l'examen y seront montrées.</p>
<p><b>Samedi 13 juin 2026</b></p>
<p>09.00 – 10.00 Ostéoporose fictive : où en est-on ?<br>Orateur : Dr Zineb Fictive</p>
<p>10.00 – 11.15 Polyarthrite : rôle des biothérapies imaginaires<br>Président(e)s de séance : Pr Anouk Songe, Dr Ahmed Chimère<br>Orateur : Dr Élodie Fable</p>
<p>11.15 Pause-café</p>
<p>11.30 – 12.30 Goutte et alimentation en été<br>Orateur : Dr Noël Mirage</p>
<p>12.30 Clôture et déjeuner</p>
</body>
</html>
"""


def _write_rhumato(path: Path) -> None:
    """Windows-1252 bytes with no declaration at all (no `<meta charset>`, no BOM); paragraphs
    with `<br>` lines, times `09.00 – 10.00`, a slot with a start only (`11.15 Pause-café`)."""
    path.write_bytes(_RHUMATO_HTML.encode("cp1252"))


# --- HTML in Arabic -------------------------------------------------------------------------------

NEPHRO = "الأيام الخيالية لطب الكلى"
NEPHRO_AR = Expected(
    NEPHRO,
    (
        S(_THU, T(9), T(10, 30), "القصور الكلوي المزمن", room="قاعة الأطلس", chairs=("أمينة الخيالية",),
          speakers=("يوسف المتخيل", "سلمى المبتكرة")),
        S(_THU, T(10, 30), T(11), "استراحة"),
        S(_THU, T(11), T(12, 30), "غسيل الكلى في المنزل", room="قاعة الأطلس", chairs=("كريم الافتراضي",), speakers=("ليلى الوهمية",)),
        S(_FRI, T(9), T(10), "زراعة الكلى", room="قاعة الريف", chairs=("نادية المفترضة",), speakers=("عمر الخيالي", "هند المتخيلة")),
        S(_FRI, T(10), T(10, 30), "اختتام الأيام"),
    ),
)
_NEPHRO_HTML = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><title>{NEPHRO}</title></head>
<body>
<h1>{NEPHRO}</h1>
<p>برنامج خيالي لأغراض الاختبار — {FICTIF}</p>
<h2>الخميس ١١ يونيو ٢٠٢٦</h2>
<div class="session">
<p>٩:٠٠ - ١٠:٣٠ القصور الكلوي المزمن: حالات خيالية</p>
<p>القاعة: قاعة الأطلس</p>
<p>رئيس الجلسة: د. أمينة الخيالية</p>
<p>المتدخلون: د. يوسف المتخيل، د. سلمى المبتكرة</p>
</div>
<p>١٠:٣٠ - ١١:٠٠ استراحة</p>
<div class="session">
<p>١١:٠٠ - ١٢:٣٠ غسيل الكلى في المنزل</p>
<p>القاعة: قاعة الأطلس</p>
<p>رئيس الجلسة: د. كريم الافتراضي</p>
<p>المتدخلون: د. ليلى الوهمية</p>
</div>
<h2>الجمعة ١٢ يونيو ٢٠٢٦</h2>
<div class="session">
<p>٩:٠٠ - ١٠:٠٠ زراعة الكلى</p>
<p>القاعة: قاعة الريف</p>
<p>رئيس الجلسة: د. نادية المفترضة</p>
<p>المتدخلون: د. عمر الخيالي، د. هند المتخيلة</p>
</div>
<p>١٠:٠٠ - ١٠:٣٠ اختتام الأيام</p>
</body>
</html>
"""


def _write_nephro(path: Path) -> None:
    """Arabic, right to left: Arabic day and month names with Arabic-Indic digits
    (`الخميس ١١ يونيو ٢٠٢٦`, `٩:٠٠ - ١٠:٣٠`), role labels `رئيس الجلسة` (chair) and `المتدخلون`
    (speakers), names separated by the Arabic comma `،`, the room under `القاعة`."""
    path.write_text(_NEPHRO_HTML, encoding="utf-8")


# --- Markdown holding an HTML table ----------------------------------------------------------------

OPHTALMO = "Rencontres fictives d'ophtalmologie de Tétouan"
OPHTALMO_TETOUAN = Expected(
    OPHTALMO,
    (
        S(_FRI, T(9), T(10, 30), "Glaucome", room="Rif", chairs=("Salma Fictive", "Hamid Songe"), speakers=("Aïcha Chimère",)),
        S(_FRI, T(10, 30), T(11), "Pause-café"),
        S(_FRI, T(11), T(12, 30), "Rétine imaginaire", room="Rif", chairs=("Yassir Fable",), speakers=("Mouna Mirage",)),
        S(_FRI, T(14, 30), T(16), "Atelier de réfraction", room="Tamuda", speakers=("Badr Conte",)),
        S(_SUN, T(9, 30), T(10, 30), "Cataracte", room="Tamuda", chairs=("Salma Fictive",)),
        S(_SUN, T(10, 30), None, "Clôture"),
    ),
)
CONTRADICTED_WEEKDAY = ("Samedi", D(2026, 6, 12))  # written weekday, date kept (a Friday)
_OPHTALMO_MD = f"""# {OPHTALMO}

{FICTIF}. Aucun événement, aucune personne ni aucun lieu réels.

## Samedi 12 juin 2026

<table>
  <tr><th>Horaire</th><th>Séance</th><th>Salle</th><th>Intervenants</th></tr>
  <tr><td>de 9h à 10h30</td><td>Glaucome : dépistage fictif</td><td>Salle Rif</td>
      <td>Modérateurs : Pr Salma Fictive, Dr Hamid Songe<br>Orateur : Dr Aïcha Chimère</td></tr>
  <tr><td>10h30 – 11h</td><td>Pause-café</td><td>Hall</td><td></td></tr>
  <tr><td>11h – 12h30</td><td>Rétine imaginaire</td><td>Salle Rif</td>
      <td>Modérateurs : Dr Yassir Fable<br>Orateur : Dr Mouna Mirage</td></tr>
  <tr><td>14H30 – 16H00</td><td>Atelier de réfraction</td><td>Salle Tamuda</td><td>Orateur : Dr Badr Conte</td></tr>
</table>

## Dimanche 14 juin 2026

<table>
  <tr><th>Horaire</th><th>Séance</th><th>Salle</th><th>Intervenants</th></tr>
  <tr><td>09:30 – 10:30</td><td>Cataracte : cas cliniques</td><td>Salle Tamuda</td><td>Modérateurs : Pr Salma Fictive</td></tr>
  <tr><td>10:30</td><td>Clôture</td><td>Salle Tamuda</td><td></td></tr>
</table>
"""


def _write_ophtalmo(path: Path) -> None:
    """Markdown whose programme is an HTML `<table>` under Markdown day headings; the first
    heading's weekday contradicts its date ("Samedi 12 juin 2026": 12 June 2026 is a Friday);
    times `de 9h à 10h30`, `11h – 12h30`, `14H30 – 16H00`."""
    path.write_text(_OPHTALMO_MD, encoding="utf-8")


# --- a letter: text only ---------------------------------------------------------------------------

INVITATION = Expected(None, ())
_LETTER = [
    "Association fictive de cardiologie de Fès",
    "Lettre fictive — document de test",
    "",
    "Fès, le 2 mars 2026",
    "",
    f"Objet : invitation au {CARDIOLOGIE}",
    "",
    "Chère consœur, cher confrère,",
    "",
    "Nous avons le plaisir de vous inviter au congrès, qui se tiendra les 11 et 12 juin 2026",
    "au Palais fictif des congrès. Le programme détaillé vous sera adressé en mai.",
    "Le secrétariat vous répond du lundi au vendredi de 9h à 17h ; inscriptions avant le",
    "30 avril 2026.",
    "",
    "Veuillez agréer, chère consœur, cher confrère, l'expression de nos sentiments dévoués.",
    "",
    "Pr Amina Fictive, présidente du comité d'organisation",
]


def _write_invitation(path: Path) -> None:
    """A one-page letter with dates, a place and office hours (`de 9h à 17h`) in its prose,
    and no schedule."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle("Lettre d'invitation fictive")
    y = A4[1] - 70
    for line in _LETTER:
        canvas.setFont("Helvetica", 10.5)
        canvas.drawString(60, y, line)
        y -= 16
    canvas.showPage()
    canvas.save()


# --- all of them -----------------------------------------------------------------------------------

_DOCUMENTS: dict[str, tuple[Callable[[Path], None], Expected]] = {
    "cardiologie-fes-2026.pdf": (_write_cardiologie, CARDIOLOGIE_FES),
    "neurologie-rabat-2026.pdf": (_write_neurologie, NEUROLOGIE_RABAT),
    "pediatrie-tanger-2026.docx": (_write_pediatrie, PEDIATRIE_TANGER),
    "dermatologie-agadir-2026.docx": (_write_dermatologie, DERMATOLOGIE_AGADIR),
    "oncologie-marrakech-2026.xlsx": (_write_oncologie, ONCOLOGIE_MARRAKECH),
    "gastro-oujda-2026.html": (_write_gastro, GASTRO_OUJDA),
    "endocrino-meknes-2026.html": (_write_endocrino, ENDOCRINO_MEKNES),
    "rhumato-safi-2026.htm": (_write_rhumato, RHUMATO_SAFI),
    "nephro-2026-ar.html": (_write_nephro, NEPHRO_AR),
    "ophtalmo-tetouan-2026.md": (_write_ophtalmo, OPHTALMO_TETOUAN),
    "invitation-fictive.pdf": (_write_invitation, INVITATION),
}
EXPECTED: dict[str, Expected] = {name: expected for name, (_, expected) in _DOCUMENTS.items()}


def write_all(folder: Path) -> dict[str, Expected]:
    """Write every fictional document into `folder` (created if needed): file name → `Expected`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (write, _) in _DOCUMENTS.items():
        write(folder / name)
    return dict(EXPECTED)


def _fixed_core_properties(properties, title: str) -> None:
    properties.title = title
    properties.author = "Comité fictif"
    properties.created = properties.modified = dt.datetime(2026, 1, 1)
    properties.last_modified_by = "Comité fictif"


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _save_zip(save: Callable[[io.BytesIO], None], path: Path) -> None:
    """Save an Office file with fixed timestamps (zip entries, and the "modified" date openpyxl
    sets to now), so the same document is the same bytes."""
    buffer = io.BytesIO()
    save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>2026-01-01T00:00:00Z\g<2>", data)
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
