"""The registry (danh sách đảng viên) as an Excel workbook: the template a cell fills in, the export of its
members in the same columns, and the reading of a filled sheet back into rows.

Reading is careful with what it is given: the file must really be an .xlsx workbook (a zip with a workbook
in it, no macros), small, with the template's header row, at most ``ROW_LIMIT`` members (read as a stream:
a sheet of 10,000 rows stops at row ``ROW_LIMIT + 1``), and no formulas. ``members.forms.MemberImportRowForm``
then checks each row as the member form would, against the registry loaded once; ``members.services.
members_import`` saves every row or none.
"""

import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from members.models import Cell, Member

ROW_LIMIT = 500  # members in one file; a cell has far fewer
LOGIN_LIMIT = 100  # members given a login in one import (each password takes ~0.2 s to hash)
SIZE_LIMIT = 2 * 1024 * 1024  # bytes of the uploaded file; 500 filled rows take about 40 KB
UNZIPPED_LIMIT = 40 * 1024 * 1024  # bytes once unzipped: a "zip bomb" is refused before it is opened
COLUMN_LIMIT = 40  # columns read in each row
HEADER_ROWS = 10  # the header row is looked for in the first rows (a title may stand above it)
DATE_FORMAT = "%d/%m/%Y"

TEXT, DATE, CHOICE, UNIT, SKIPPED = "text", "date", "choice", "unit", "skipped"


@dataclass(frozen=True)
class Column:
    key: str  # the row form's field
    label: str  # lazy; the header, capitalised
    kind: str = TEXT
    required: bool = False
    width: int = 18
    help: str = ""  # lazy; the "Hướng dẫn" sheet
    example: str = ""
    aliases: tuple = ()  # other headers accepted (compared without accents)

    @property
    def header(self) -> str:
        return capfirst(str(self.label))


MEMBERSHIP_CHOICES = [("official", gettext_lazy("Official")), ("probationary", gettext_lazy("Probationary"))]

COLUMNS = [
    Column(
        "number",
        gettext_lazy("Row no."),
        SKIPPED,
        width=6,
        help=gettext_lazy("Not read: number the rows as you like."),
        aliases=("stt", "tt", "so tt", "so thu tu"),
    ),
    Column(
        "full_name",
        gettext_lazy("full name"),
        required=True,
        width=26,
        help=gettext_lazy("As in the party records."),
        example="Nguyễn Văn Bình",
        aliases=("ho ten", "ho va ten"),
    ),
    Column("gender", gettext_lazy("gender"), CHOICE, required=True, width=10, example="Nam"),
    Column(
        "date_of_birth",
        gettext_lazy("date of birth"),
        DATE,
        required=True,
        width=13,
        example="05/02/1990",
        aliases=("ngay thang nam sinh",),
    ),
    Column(
        "unit",
        gettext_lazy("unit"),
        UNIT,
        width=30,
        help=gettext_lazy("A unit already in the cell settings, written the same way; empty: no unit."),
        aliases=("phong", "don vi/phong", "phong ban", "don vi cong tac"),
    ),
    Column(
        "job_title",
        gettext_lazy("job title"),
        width=20,
        example="Kiểm sát viên",
        aliases=("chuc vu", "chuc vu chinh quyen"),
    ),
    Column(
        "role",
        gettext_lazy("role in the cell"),
        CHOICE,
        width=18,
        help=gettext_lazy("Empty: party member."),
        example="Đảng viên",
        aliases=("chuc vu dang",),
    ),
    Column(
        "admission_date",
        gettext_lazy("party admission date"),
        DATE,
        required=True,
        width=14,
        example="19/05/2015",
        aliases=("ngay ket nap", "ngay ket nap dang"),
    ),
    Column(
        "official_date",
        gettext_lazy("official member since"),
        DATE,
        width=14,
        help=gettext_lazy("Empty while the member is probationary."),
        example="19/05/2016",
        aliases=("ngay chuyen chinh thuc", "ngay cong nhan chinh thuc"),
    ),
    Column(
        "membership",
        gettext_lazy("Membership"),
        CHOICE,
        width=14,
        help=gettext_lazy("May be left empty: the official date decides. When written, it must agree with it."),
        example="Chính thức",
        aliases=("trang thai", "loai"),
    ),
    Column(
        "party_card_number",
        gettext_lazy("party card number"),
        width=16,
        help=gettext_lazy("Written as text, so leading zeros stay; unique in the cell."),
        aliases=("so the dang", "so the"),
    ),
    Column("education_level", gettext_lazy("education level"), CHOICE, required=True, width=18, example="Đại học"),
    Column("qualification", gettext_lazy("professional qualification"), width=22, example="Cử nhân Luật"),
    Column(
        "theory_level",
        gettext_lazy("political theory level"),
        CHOICE,
        width=16,
        help=gettext_lazy("Empty: none."),
        example="Trung cấp",
        aliases=("ly luan chinh tri", "trinh do llct", "llct"),
    ),
    Column(
        "exempt_since",
        gettext_lazy("exempt from party work and meetings since"),
        DATE,
        width=16,
        help=gettext_lazy("Date of the cell's decision; empty when not exempt."),
    ),
    Column(
        "temporary",
        gettext_lazy("temporary membership"),
        CHOICE,
        width=22,
        help=gettext_lazy("Empty: no."),
    ),
    Column("temporary_from", gettext_lazy("temporary membership from"), DATE, width=16),
    Column("temporary_until", gettext_lazy("temporary membership until"), DATE, width=16),
    Column(
        "email",
        gettext_lazy("Email"),
        width=26,
        help=gettext_lazy("Where the app's mail goes; may be empty."),
        aliases=("e-mail", "thu dien tu", "dia chi thu dien tu"),
    ),
    Column(
        "username",
        gettext_lazy("Login name"),
        width=16,
        help=gettext_lazy(
            "Letters, digits and . _ - only. Empty: made from the name without accents (family and given name)."
        ),
        aliases=("tai khoan",),
    ),
]
BY_KEY = {column.key: column for column in COLUMNS}
# Left out on purpose: suspension and prosecution dates are entered one by one on the member's page.


def choices_of(key: str) -> list[tuple[str, str]]:
    if key == "membership":
        return MEMBERSHIP_CHOICES
    return list(Member._meta.get_field(key).choices)


def plain(text) -> str:
    """A text compared without accents, case or extra spaces ("Đơn vị / Phòng *" → "don vi / phong")."""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    letters = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.replace("*", " ").lower().split())


def _header_names(column: Column) -> set[str]:
    names = {plain(alias) for alias in column.aliases}
    for language in ("vi", "en"):
        with translation.override(language):
            names.add(plain(column.label))
    return names


# Writing ------------------------------------------------------------------------------------------------

HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
REQUIRED_MARK = " *"


def _as_text(value):
    """A text that a spreadsheet would read as a formula stays text (OWASP, CSV injection)."""
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")):
        return "'" + value
    return value


def _member_sheet(book: Workbook, cell: Cell, rows: list[list]) -> None:
    sheet = book.active
    sheet.title = _("Party members")[:31]
    sheet.append([column.header + (REQUIRED_MARK if column.required else "") for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        header = sheet.cell(row=1, column=index)
        header.font = Font(bold=True)
        header.fill = HEADER_FILL
        header.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[1].height = 45
    for values in rows:
        sheet.append([_as_text(value) for value in values])
    last = max(ROW_LIMIT, len(rows)) + 1  # formats reach the rows a secretary may still fill in
    for index, column in enumerate(COLUMNS, start=1):
        if column.kind not in (DATE, TEXT):
            continue
        for (cell_,) in sheet.iter_rows(min_row=2, max_row=last, min_col=index, max_col=index):
            if column.kind == DATE:
                cell_.number_format = "DD/MM/YYYY"
            else:
                cell_.number_format = "@"  # text: a card number keeps its leading zeros
                if cell_.value is not None:
                    cell_.data_type = "s"  # never a formula, whatever the text
    sheet.freeze_panes = "C2"  # the header row and the name stay in view


def _lists_sheet(book: Workbook, cell: Cell, units: list[str]) -> None:
    """The allowed values of each choice column (and the cell's units), which the data validations of the
    member sheet point to."""
    sheet = book.create_sheet(_("Lists")[:31])
    members = book.worksheets[0]
    lists = [(c, [str(label) for _value, label in choices_of(c.key)]) for c in COLUMNS if c.kind == CHOICE]
    lists.append((BY_KEY["unit"], units))
    for position, (column, values) in enumerate(lists, start=1):
        letter = get_column_letter(position)
        sheet.cell(row=1, column=position, value=column.header).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=position, value=_as_text(value)).data_type = "s"
        sheet.column_dimensions[letter].width = max(18, column.width)
        if not values:
            continue
        target = get_column_letter(COLUMNS.index(column) + 1)
        strict = column.kind == CHOICE
        validation = DataValidation(
            type="list",
            formula1=f"'{sheet.title}'!${letter}$2:${letter}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle=column.header,
            error=_("Choose a value from the list.") if strict else _("This unit is not in the cell settings."),
        )
        validation.add(f"{target}2:{target}{ROW_LIMIT + 1}")
        members.add_data_validation(validation)


def _help_sheet(book: Workbook, units: list[str]) -> None:
    sheet = book.create_sheet(_("Instructions")[:31])
    sheet.append([_("How to fill in the list of party members")])
    sheet["A1"].font = Font(bold=True, size=13)
    notes = [
        _("One member per row, from row 2 of the first sheet; keep the header row as it is."),
        _("Columns marked * must be filled in. Dates as dd/mm/yyyy, for example 05/02/1990."),
        _("At most %(limit)s members in one file. Write values, not formulas.") % {"limit": ROW_LIMIT},
        _("A member already in the cell (same full name and date of birth) is refused, as is a repeated row."),
        _(
            "The file is checked whole first: if any row has a mistake, nothing is imported and every mistake is "
            "listed by row and column."
        ),  # fmt: skip
    ]
    for note in notes:
        sheet.append(["• " + note])
    sheet.append([])
    sheet.append([_("Column"), _("Required"), _("How to write it"), _("Example")])
    for cell_ in sheet[sheet.max_row]:
        cell_.font = Font(bold=True)
        cell_.fill = HEADER_FILL
    for column in COLUMNS:
        how = str(column.help)
        if column.kind == DATE:
            how = " ".join(part for part in [_("A date, dd/mm/yyyy."), how] if part)
        elif column.kind == CHOICE:
            values = ", ".join(str(label) for _value, label in choices_of(column.key))
            how = " ".join(part for part in [_("One of: %(values)s.") % {"values": values}, how] if part)
        elif column.kind == UNIT:
            listed = ", ".join(units) if units else _("(the cell has no unit yet)")
            how = " ".join([how, _("Units of the cell: %(units)s.") % {"units": listed}])
        sheet.append([column.header, _("Yes") if column.required else "", _as_text(how), column.example])
        for cell_ in sheet[sheet.max_row]:
            cell_.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell_.value, str):
                cell_.data_type = "s"
    for letter, width in zip("ABCD", (34, 10, 70, 18), strict=True):
        sheet.column_dimensions[letter].width = width


def _workbook(cell: Cell, rows: list[list]) -> bytes:
    units = list(cell.units.values_list("name", flat=True))
    with translation.override("vi"):
        book = Workbook()
        _member_sheet(book, cell, rows)
        _help_sheet(book, units)
        _lists_sheet(book, cell, units)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def template_xlsx(cell: Cell) -> bytes:
    """The empty list to fill in: the header row, the choice lists and the instructions."""
    return _workbook(cell, [])


def _choice_label(key: str, value: str) -> str:
    return str(dict(choices_of(key)).get(value, ""))


def member_row(member: Member, number: int) -> list:
    """One member in the template's columns, as a re-import would read them."""
    values = {
        "number": number,
        "unit": member.unit.name if member.unit else "",
        "membership": _choice_label("membership", "official" if member.is_official else "probationary"),
        "email": member.user.email,
        "username": member.user.username,
    }
    row = []
    for column in COLUMNS:
        if column.key in values:
            value = values[column.key]
        else:
            value = getattr(member, column.key)
            if column.kind == CHOICE:
                value = _choice_label(column.key, value)
        row.append("" if value is None else value)
    return row


def registry_xlsx(cell: Cell, members: list[Member]) -> bytes:
    """The members in the template's columns: the file can be filled in further and imported back (members
    already in the cell are then refused as duplicates)."""
    with translation.override("vi"):
        rows = [member_row(member, number) for number, member in enumerate(members, start=1)]
    return _workbook(cell, rows)


# Reading ------------------------------------------------------------------------------------------------


class FileRefused(Exception):
    """The file as a whole cannot be read as the cell's list: ``messages`` say why, in words."""

    def __init__(self, *messages):
        super().__init__(*messages)
        self.messages = [str(message) for message in messages]


@dataclass
class SheetRow:
    number: int  # the row number Excel shows
    values: dict[str, str]  # column key → the text read (dates as dd/mm/yyyy)
    formulas: dict[str, str] = field(default_factory=dict)  # column key → cell reference, for a formula


@dataclass
class Sheet:
    rows: list[SheetRow]


XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # an old .xls workbook, or an encrypted .xlsx (both OLE files)


def _open(data: bytes):
    if data.startswith(XLS_MAGIC):
        raise FileRefused(
            _(
                "This is an old Excel file (.xls) or a workbook protected by a password. Open it in Excel, remove "
                "the password if any, and save it as “Excel Workbook (.xlsx)”."
            )  # fmt: skip
        )
    if not data.startswith(b"PK\x03\x04"):
        raise FileRefused(_("This file is not an Excel workbook (.xlsx). Download the template and fill it in."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileRefused(_("This file is damaged or is not an Excel workbook (.xlsx).")) from None
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise FileRefused(_("This file is not an Excel workbook (.xlsx). Download the template and fill it in."))
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FileRefused(_("This workbook contains macros, which are not accepted. Save it as a plain .xlsx."))
    if unzipped > UNZIPPED_LIMIT:
        raise FileRefused(_("This workbook is too large once opened. Keep only the list of members in it."))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on a damaged file; none of them may become a 500
        raise FileRefused(_("This workbook cannot be read. Open it in Excel and save it again as .xlsx.")) from None


def _text(value, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return (
            value.strftime(DATE_FORMAT) if value.time() == time(0) or kind == DATE else value.strftime("%d/%m/%Y %H:%M")
        )
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(unicodedata.normalize("NFC", str(value)).split())  # every column holds one line


def _match_header(cells) -> tuple[dict[int, Column], list[str], list[str]]:
    names = {column.key: _header_names(column) for column in COLUMNS}
    found, unknown, repeated = {}, [], []
    for position, value in enumerate(cells):
        if value is None or not str(value).strip():
            continue
        wanted = plain(value)
        column = next((c for c in COLUMNS if wanted in names[c.key]), None)
        if column is None:
            unknown.append(str(value).strip())
        elif column in found.values():
            repeated.append(str(value).strip())
        else:
            found[position] = column
    return found, unknown, repeated


def read_registry(upload) -> Sheet:
    """The member rows of an uploaded workbook's first sheet; ``FileRefused`` for a file that cannot be one."""
    if upload.size > SIZE_LIMIT:
        raise FileRefused(
            _("The file is larger than %(limit)s MB. A list of members takes far less: keep only that sheet.")
            % {"limit": SIZE_LIMIT // (1024 * 1024)}
        )
    book = _open(upload.read())
    try:
        return _read_sheet(_member_sheet_of(book))
    except FileRefused:
        raise
    except Exception:  # a damaged sheet inside a sound zip
        raise FileRefused(_("This workbook cannot be read. Open it in Excel and save it again as .xlsx.")) from None
    finally:
        book.close()


def _member_sheet_of(book):
    """The first sheet, unless it is the template's instructions or lists moved to the front."""
    side = set()
    for language in ("vi", "en"):
        with translation.override(language):
            side |= {plain(_("Instructions")[:31]), plain(_("Lists")[:31])}
    return next((sheet for sheet in book.worksheets if plain(sheet.title) not in side), book.worksheets[0])


def _read_sheet(sheet) -> Sheet:
    full_name = _header_names(BY_KEY["full_name"])
    columns, rows = None, []
    for number, cells in enumerate(sheet.iter_rows(min_row=1, max_col=COLUMN_LIMIT), start=1):
        if columns is None:
            values = [getattr(cell, "value", None) for cell in cells]
            if any(value is not None and plain(value) in full_name for value in values):
                columns = _header_columns(values)
            elif number >= HEADER_ROWS:
                break
            continue
        row = SheetRow(number=number, values={})
        for position, column in columns.items():
            if column.kind == SKIPPED or position >= len(cells):
                continue
            cell = cells[position]
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", None) == "f" or (isinstance(value, str) and value.startswith("=")):
                row.formulas[column.key] = f"{get_column_letter(position + 1)}{number}"
                row.values[column.key] = str(value)
            else:
                row.values[column.key] = _text(value, column.kind)
        if not any(row.values.values()):
            continue  # an empty row, or one with only its number
        if len(rows) == ROW_LIMIT:
            raise FileRefused(
                _(
                    "The list has more than %(limit)s members. Split it into files of at most %(limit)s rows and "
                    "import them one after the other."
                )
                % {"limit": ROW_LIMIT}  # fmt: skip
            )
        rows.append(row)
    if columns is None:
        raise FileRefused(
            _(
                "No header row was found: the first sheet must start with the template's column names, such as "
                "“%(name)s”. Download the template and copy the list into it."
            )
            % {"name": BY_KEY["full_name"].header}  # fmt: skip
        )
    if not rows:
        raise FileRefused(_("The list has no member: fill in one row per member under the header row."))
    return Sheet(rows=rows)


def _header_columns(values) -> dict[int, Column]:
    columns, unknown, repeated = _match_header(values)
    problems = []
    missing = [column.header for column in COLUMNS if column.required and column not in columns.values()]
    if missing:
        problems.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(f"“{c}”" for c in missing)})
    if unknown:
        problems.append(
            _("Columns not in the template: %(columns)s. Rename them as in the template or delete them.")
            % {"columns": ", ".join(f"“{c}”" for c in unknown)}
        )
    if repeated:
        problems.append(
            _("Columns that appear twice: %(columns)s.") % {"columns": ", ".join(f"“{c}”" for c in repeated)}
        )
    if problems:
        raise FileRefused(*problems)
    return columns
