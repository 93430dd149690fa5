"""A read-only SQL shell on the published warehouse (`make shell`).

It opens the file read-only (a load publishing meanwhile is never blocked: it replaces the file,
and this shell keeps the warehouse it opened) with schema `freshdesk` selected. Statements end with
`;`. Interactive on a terminal (with line editing and history), or reads SQL from standard input
or `-c`. Why this shell and not the DuckDB CLI: DECISIONLOG 2026-12-02 and 2026-12-05.

Results print in the mode `.mode` or `--mode` chooses (`MODES`); the default, `box`, is a table
of every column, and a result wider than the terminal (`COLUMNS`) prints in `line` mode instead,
so no column is ever left out. `.tables` and `.schema TABLE` cover the 29 tables and the metrics
layer, with their descriptions (line breaks kept); `.schema` matches names in any case.

A script (standard input, `-c`) goes on after a failing statement, as the DuckDB CLI does, and
names it on standard error in one line (`Error at line 7 (select ...): Binder Error: ...`);
`-bail` stops at the first error. Either way the exit status is 1 if anything failed. Interactive,
an error prints in full and the prompt comes back (exit status 0 at the end, 1 when `-bail` stops).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import itertools
import pathlib
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal

import duckdb

from load import paths
from load.warehouse.publish import SCHEMA, SCHEMAS

PROMPT, CONTINUE = "freshdesk> ", "      ...> "
MODES = {
    "box": "a table of every column; wider than the terminal, as in line mode",
    "line": "one 'column = value' line per column, a blank line between rows",
    "csv": "comma-separated, a header line first (NULL is empty)",
    "markdown": "a Markdown table",
}
HELP = "\n".join([
    """Statements end with ';'. Names are PascalCase, best quoted: "Ticket", "Status".
  .tables         the published tables and the metrics layer's, with their descriptions
  .schema TABLE   the columns of TABLE (Ticket, freshdesk_metrics.TicketMetrics), with their descriptions
  .mode [MODE]    how results print (now: {mode}):""",
    *(f"                    {mode:<9} {text}" for mode, text in MODES.items()),
    """  .help           this text
  .quit           leave (or Ctrl-D)"""])
# statements whose answer is a result set worth printing
RESULT_TYPES = {"SELECT", "EXPLAIN", "PRAGMA", "CALL", "EXPORT"}
# box mode shows the first rows only, and says how many there are (the other modes print every row)
BOX_ROWS = 200
FETCH_ROWS = 10_000
# a failing statement is named by its line number and its first line, cut to this many characters
SNIPPET = 60


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def connect(path: pathlib.Path) -> duckdb.DuckDBPyConnection:
    """Open the published file read-only, with schema `freshdesk` selected."""
    if not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `make load transform` first")
    con = duckdb.connect(str(path), read_only=True)
    catalog = con.execute("select current_database()").fetchone()[0]
    # the file's catalog is named after it (`freshdesk`), like the schema: qualify both
    con.execute(f"USE {_quote(catalog)}.{_quote(SCHEMA)}")
    return con


def terminal_width() -> int:
    """The terminal's width in columns (`COLUMNS` wins; 80 when there is no terminal)."""
    return shutil.get_terminal_size().columns


def _text(value: object) -> str:
    """A value as the shell writes it: NULL, true/false like SQL, anything else as Python writes it."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _width(text: str) -> int:
    """The terminal columns `text` takes: East Asian wide characters (and emoji) take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def _cut(text: str, width: int) -> str:
    """`text` cut to `width` terminal columns, `…` marking the cut."""
    if _width(text) <= width:
        return text
    while _width(text) > width - 1:
        text = text[:-1]
    return text + "…"


def _numeric(rows: list[tuple], index: int) -> bool:
    """Whether column `index` holds numbers only (they align right)."""
    return all(isinstance(row[index], int | float | Decimal) and not isinstance(row[index], bool)
               for row in rows if row[index] is not None)


def box(names: list[str], types: list[str], rows: list[tuple], width: int) -> list[str] | None:
    """`rows` as a table of every column (name and type above, line breaks as `\\n`), or None when
    it would be wider than `width`."""
    cells = [[_text(value).replace("\n", "\\n") for value in row] for row in rows]
    heads = [names, [t.lower() for t in types]]
    widths = [max(map(_width, column)) for column in zip(*heads, *cells, strict=True)]
    if sum(widths) + 3 * len(widths) + 1 > width:
        return None
    right = [_numeric(rows, i) for i in range(len(names))]

    def rule(left: str, middle: str, end: str) -> str:
        return left + middle.join("─" * (w + 2) for w in widths) + end

    def line(values: list[str]) -> str:
        return "│" + "│".join(f" {_pad(v, w, r)} " for v, w, r in zip(values, widths, right, strict=True)) + "│"

    return [rule("┌", "┬", "┐"), *map(line, heads), rule("├", "┼", "┤"), *map(line, cells), rule("└", "┴", "┘")]


def line_mode(names: list[str], rows: Iterable[tuple]) -> Iterator[str]:
    """`rows` as `column = value` lines, names aligned right, a blank line between rows; a value's own
    line breaks kept, its further lines under its first."""
    pad = max(map(_width, names))
    for number, row in enumerate(rows):
        if number:
            yield ""
        for name, value in zip(names, row, strict=True):
            first, *more = _text(value).split("\n")
            yield f"{_pad(name, pad, right=True)} = {first}"
            yield from (" " * (pad + 3) + text for text in more)


def markdown(names: list[str], rows: list[tuple]) -> list[str]:
    """`rows` as a Markdown table (`|` escaped, line breaks as `<br>`), numbers aligned right."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", "<br>")

    cells = [[cell(_text(value)) for value in row] for row in rows]
    heads = [cell(name) for name in names]
    widths = [max(3, *map(_width, column)) for column in zip(heads, *cells, strict=True)]
    right = [_numeric(rows, i) for i in range(len(names))]

    def line(values: list[str]) -> str:
        return "| " + " | ".join(_pad(v, w, r) for v, w, r in zip(values, widths, right, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 1) + ":" if r else "-" * (w + 2) for w, r in zip(widths, right, strict=True)) + "|"
    return [line(heads), rule, *map(line, cells)]


def _rows(cursor: duckdb.DuckDBPyConnection) -> Iterator[tuple]:
    """Every row of the cursor's result, fetched a batch at a time."""
    while batch := cursor.fetchmany(FETCH_ROWS):
        yield from batch


def show(cursor: duckdb.DuckDBPyConnection, mode: str, width: int) -> None:
    """Print the cursor's result in `mode` (one of `MODES`) for a terminal `width` columns wide."""
    names = [column[0] for column in cursor.description]
    rows = _rows(cursor)
    if mode == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(["" if value is None else _text(value) for value in row] for row in rows)
    elif mode == "line":
        for text in line_mode(names, rows):
            print(text)
    elif mode == "markdown":
        print("\n".join(markdown(names, list(rows))))
    else:
        shown = list(itertools.islice(rows, BOX_ROWS))
        total = len(shown) + sum(1 for _ in rows)
        types = [str(column[1]) for column in cursor.description]
        print("\n".join(box(names, types, shown, width) or line_mode(names, shown)))
        if total > len(shown):
            print(f"{total:,} rows ({len(shown)} shown; .mode line or csv prints every row)")


class ShellError(Exception):
    """A dot command that cannot be answered (an unknown table, command or mode)."""


def _qualified(schema: str, table: str) -> str:
    """The name to write in SQL: `"Ticket"` in the selected schema, `freshdesk_metrics."TicketMetrics"` elsewhere."""
    return _quote(table) if schema == SCHEMA else f"{schema}.{_quote(table)}"


def tables(con: duckdb.DuckDBPyConnection, width: int) -> list[str]:
    """`.tables`: every published table (schema `freshdesk`, then the metrics layer's), each with the
    first line of its description, cut to `width`."""
    found = con.execute("select schema_name, table_name, comment from duckdb_tables() "
                        "where database_name = current_database() and list_contains(?, schema_name) "
                        "order by schema_name <> ?, schema_name, table_name", [list(SCHEMAS), SCHEMA]).fetchall()
    names = [_qualified(schema, table) for schema, table, _ in found]
    pad = max(map(len, names))
    room = max(width - pad - 2, 20)
    out = []
    for name, (_, _, comment) in zip(names, found, strict=True):
        first = (comment or "").partition("\n")[0]
        out.append(f"{name:<{pad}}  {_cut(first, room)}".rstrip())
    return out


def describe(con: duckdb.DuckDBPyConnection, name: str, width: int = 100) -> str:
    """`.schema NAME`: the table's description, then each column with its type and description, the
    descriptions' own line breaks kept. NAME may name its schema (`freshdesk_metrics.TicketMetrics`)
    and is matched in any case, as SQL does; without a schema, `freshdesk` is looked in first."""
    *schema, table = (part.strip().strip('"') for part in name.split(".")[-2:])
    found = con.execute("select schema_name, table_name, comment from duckdb_tables() "
                        "where database_name = current_database() and list_contains(?, schema_name) "
                        "and lower(table_name) = lower(?) order by schema_name <> ?",
                        [schema or list(SCHEMAS), table, SCHEMA]).fetchall()
    if not found:
        raise ShellError(f"no table {name} in schemas {', '.join(schema or SCHEMAS)} (.tables lists them)")
    schema, table, comment = found[0]
    columns = con.execute("select column_name, data_type, is_nullable, comment from duckdb_columns() "
                          "where database_name = current_database() and schema_name = ? and table_name = ? "
                          "order by column_index", [schema, table]).fetchall()
    out = [_qualified(schema, table), *_wrap(comment, width, "  "), ""]
    pad = max(len(column) for column, *_ in columns)
    for column, data_type, nullable, text in columns:
        out.append(f"  {column:<{pad}}  {data_type.lower()}{'' if nullable else ' not null'}")
        out.extend(_wrap(text, width, "      "))
    return "\n".join(out)


def _wrap(text: str | None, width: int, indent: str) -> list[str]:
    """`text` wrapped to `width`, each of its own lines kept (a list stays a list)."""
    lines = []
    for line in (text or "").splitlines():
        bullet = "  " if line.lstrip().startswith("- ") else ""
        lines.extend(textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent + bullet) or [""])
    return lines


def _one_line(exc: duckdb.Error) -> str:
    """DuckDB's message without the quoted SQL and caret it adds after a blank line, on one line."""
    return str(exc).split("\n\n")[0].replace("\n", " ")


@dataclasses.dataclass
class Shell:
    """A session's state: the connection, the output mode, and whether an error stops it (`bail`)
    and has happened (`failed`)."""

    con: duckdb.DuckDBPyConnection
    mode: str = "box"
    bail: bool = False
    interactive: bool = False
    failed: bool = False

    def run(self, sql: str, line: int = 1) -> bool:
        """Run every statement of `sql` (its first line is line `line` of the input), printing each
        result set; returns False when an error should stop the session."""
        try:
            statements = duckdb.extract_statements(sql)
        except duckdb.Error as exc:  # a syntax error: DuckDB splits nothing, the whole text failed
            return self.error(exc, line, sql)
        offset = 0  # DuckDB's statements are consecutive slices of `sql`, blank lines and comments included
        for statement in statements:
            query = statement.query
            start = offset + len(query) - len(query.lstrip())
            offset += len(query)
            try:
                cursor = self.con.execute(query)
                if getattr(statement.type, "name", "") in RESULT_TYPES:
                    show(cursor, self.mode, terminal_width())
            except duckdb.Error as exc:
                if not self.error(exc, line + sql[:start].count("\n"), query):
                    return False
        return True

    def error(self, exc: Exception, line: int, text: str) -> bool:
        """Report an error (in a script: one line naming where it happened); returns False when it
        stops the session (`bail`)."""
        self.failed = True
        if self.interactive:
            print(f"Error: {exc}", file=sys.stderr)
        else:
            message = _one_line(exc) if isinstance(exc, duckdb.Error) else str(exc)
            first = text.strip().partition("\n")[0]
            print(f"Error at line {line} ({_cut(first, SNIPPET)}): {message}", file=sys.stderr)
        return not self.bail

    def dot_command(self, line: str) -> bool:
        """Handle a `.command`; returns False when the shell should stop (`ShellError` when it cannot answer)."""
        command, _, argument = line.strip().partition(" ")
        argument = argument.strip()
        if command in (".quit", ".exit", ".q"):
            return False
        if command == ".tables":
            print("\n".join(tables(self.con, terminal_width())))
        elif command == ".schema":
            if not argument:
                raise ShellError(".schema needs a table's name (.tables lists them)")
            print(describe(self.con, argument, min(terminal_width(), 120) - 2))
        elif command == ".mode":
            if not argument:
                print(self.mode)
            elif argument in MODES:
                self.mode = argument
            else:
                raise ShellError(f"no mode {argument} (modes: {', '.join(MODES)})")
        elif command == ".help":
            print(HELP.format(mode=self.mode))
        else:
            raise ShellError(f"no command {command} (.help lists them)")
        return True

    def session(self, read_line) -> int:
        """Read statements (ending with `;`) and dot commands until `.quit` or end of input; returns
        the exit status."""
        buffer: list[str] = []
        number = start = 0
        while True:
            try:
                line = read_line(CONTINUE if buffer else PROMPT)
                number += 1
            except EOFError:
                line = None
            except KeyboardInterrupt:
                print()
                buffer.clear()
                continue
            if line is not None and not buffer and line.strip().startswith("."):
                try:
                    if not self.dot_command(line):
                        return self.status()
                except ShellError as exc:
                    if not self.error(exc, number, line):
                        return 1
                continue
            if line is not None:
                start = start if buffer else number
                buffer.append(line)
            if buffer and (line is None or line.rstrip().endswith(";")):
                sql, buffer = "\n".join(buffer), []
                if not self.run(sql, start):
                    return 1
            if line is None:
                if self.interactive:
                    print()
                return self.status()

    def status(self) -> int:
        """The exit status at the end: 1 if a script had an error (interactive sessions end with 0)."""
        return int(self.failed and not self.interactive)


def _reader(lines):
    """`input`-like reading from an iterable of lines (standard input, `-c`), no prompt."""
    remaining = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(remaining).rstrip("\n")
        except StopIteration:
            raise EOFError from None
    return read


def main(argv: list[str] | None = None) -> int:
    """`python -m load.warehouse.shell`: a read-only SQL shell on the published warehouse."""
    parser = argparse.ArgumentParser(prog="python -m load.warehouse.shell", description=main.__doc__)
    parser.add_argument("--db", default=str(paths.published_db()),
                        help="the published DuckDB file (default: FRESHDESK_DUCKDB_PATH or data/freshdesk.duckdb)")
    parser.add_argument("-c", "--command", help="run these statements and exit")
    parser.add_argument("--mode", choices=MODES, default="box",
                        help="how results print (default: box; .mode changes it in the shell)")
    parser.add_argument("-bail", "--bail", action="store_true",
                        help="stop at the first error (without it, a script goes on; exit status 1 either way)")
    args = parser.parse_args(argv)
    path = pathlib.Path(args.db)
    try:
        con = connect(path)
    except (FileNotFoundError, duckdb.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    interactive = args.command is None and sys.stdin.isatty()
    shell = Shell(con, mode=args.mode, bail=args.bail, interactive=interactive)
    try:
        if args.command is not None:
            return shell.session(_reader(args.command.splitlines()))
        if interactive:
            try:
                import readline  # noqa: F401  (line editing and history for input())
            except ImportError:  # Windows
                pass
            print(f"{path} (read-only), schema {SCHEMA}. .tables lists the tables, .help for help.")
            return shell.session(input)
        return shell.session(_reader(sys.stdin))
    except BrokenPipeError:  # `... | head`
        return 0
    finally:
        con.close()


if __name__ == "__main__":
    sys.exit(main())
