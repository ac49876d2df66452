"""The Document model every reader produces and every later stage reads.

A Document is an ordered list of blocks: paragraphs and tables.  Tables are
grids of *real* cells (a merged cell appears once, with its row/col span), so
nothing downstream ever reads a merged cell twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union


@dataclass
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    # Nested tables found inside this cell (docx only).
    tables: list["Table"] = field(default_factory=list)

    @property
    def last_col(self) -> int:
        return self.col + self.colspan - 1


@dataclass
class Table:
    """A table as a grid of real cells.

    ``rows[r]`` lists the cells that *start* in row r, ordered by column.
    ``block`` is the index of this table in ``Document.blocks``; ``number`` is
    its ordinal among the document's top-level tables (0-based).
    """

    rows: list[list[Cell]]
    ncols: int
    block: int = 0
    number: int = 0
    # Set by the reader when the table continues a previous one (split tables).
    source_tables: list[int] = field(default_factory=list)
    # docx: a table nested in a cell of another table is also a block of its
    # own, right after its holder; this is the holder's block index.
    nested_in: int | None = None
    # How the reader got the grid: "grid" (a real table: Word, HTML, ruled PDF,
    # tab or pipe text) or, re-gridded from a token stream (understand/regrid),
    # "lines" (one cell per line), "flattened" (a row per line, cells split by
    # spaces), "glued" (cells with no separator); and how well the tokens
    # fitted the header's columns (1.0 for a grid).
    read_mode: str = "grid"
    confidence: float = 1.0
    # rows that start a new page (a re-gridded form whose header is repeated after a page break)
    page_rows: list[int] = field(default_factory=list)

    @property
    def nrows(self) -> int:
        return len(self.rows)

    def cells(self) -> Iterator[Cell]:
        for row in self.rows:
            yield from row

    def dense(self) -> list[list[Cell | None]]:
        """Grid view: ``dense()[r][c]`` is the cell covering (r, c), merged or not."""
        grid: list[list[Cell | None]] = [[None] * self.ncols for _ in self.rows]
        for row in self.rows:
            for cell in row:
                for r in range(cell.row, min(cell.row + cell.rowspan, len(self.rows))):
                    for c in range(cell.col, min(cell.col + cell.colspan, self.ncols)):
                        grid[r][c] = cell
        return grid


@dataclass
class Paragraph:
    text: str
    block: int = 0
    style: str = ""
    # Where the text came from when it is not plain body text: "textbox",
    # "header", "footer", "sdt".  Never silently dropped.
    origin: str = "body"
    # docx: the list label Word draws before the text from list numbering
    # (一、 （一） 1.), which is not part of ``text`` (offsets into ``text``
    # stay those of the document), and the paragraph's outline level
    # (0 = Heading 1 … 8) from its style or w:outlineLvl; None for body text.
    label: str = ""
    outline: int | None = None
    # text reader: empty lines right before this one (an empty cell when a
    # form is written one cell per line; understand/regrid reads them)
    blank_before: int = 0
    # a page counter (— 3 —, 第3页) stood right before this paragraph and was dropped as page
    # furniture (read.webclean): a page break, which understand/regrid reads inside a form
    page_before: bool = False

    @property
    def display(self) -> str:
        """The text as Word shows it: the list label, then the text."""
        if not self.label:
            return self.text
        sep = " " if self.label[-1].isalnum() else ""
        return self.label + sep + self.text


Block = Union[Paragraph, Table]


def number_blocks(blocks: list) -> list:
    """Set ``block`` (position) on every block and ``number`` (ordinal among
    tables) on tables.  Every reader ends with this."""
    n = 0
    for i, b in enumerate(blocks):
        b.block = i
        if isinstance(b, Table):
            b.number = n
            n += 1
    return blocks


@dataclass
class Document:
    path: str
    blocks: list[Block]
    reader: str = "text"
    # Developer-facing notes about what the reader saw (tracked changes,
    # text boxes, split tables joined ...).
    notes: list[str] = field(default_factory=list)
    # User-facing (Chinese) notes: limits applied while reading (text cut).
    limits: list[str] = field(default_factory=list)
    # A copy from a web page that ends with the site's truncation marker (展开全文, 剩余3页未读 …):
    # the marker, else "" (read/webclean.py; understand/meta.py says whether the copy is truncated).
    truncated: str = ""

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]


@dataclass
class Location:
    """Where a finding or a chunk is.  Field names follow output-contract.md."""

    section: str = ""
    block: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    column: str | None = None      # the column header as printed
    form: str | None = None        # the form's title
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict:
        return {
            "section": self.section,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "block": self.block,
            "col": self.col,
            "form": self.form,
        }

    def with_span(self, start: int, end: int) -> "Location":
        from dataclasses import replace

        base = self.start or 0
        return replace(self, start=base + start, end=base + end)


@dataclass
class Chunk:
    """A unit of text with a stable location: a paragraph, a sentence or a cell."""

    kind: str            # "paragraph" | "sentence" | "cell"
    text: str
    location: Location
    section: str = ""
    # For cells: the canonical field of its column when it belongs to a form
    # ("target", "actual", "deviation", ...), else "".
    field: str = ""
