"""A read-only SQL shell on the published warehouse (`make shell`).

The DuckDB CLI (`pip install duckdb-cli`) opens the published file too (it is written in DuckDB
1.4's storage format); this shell stays because it answers what analysts ask first: `.schema
ticket` lists each column with its type and its description (line breaks kept), in any case, and
says so when there is no such table; it selects schema `freshdesk` on opening; and it needs no
second install (DECISIONLOG 2026-12-02). It opens the file read-only (a load publishing meanwhile
is never blocked: it replaces the file, and this shell keeps the warehouse it opened) and prints
each result as a table. Statements end with `;`. Interactive on a terminal (with line editing
and history), or reads SQL from standard input or `-c`.
"""

from __future__ import annotations

import argparse
import pathlib
import shutil
import sys
import textwrap

import duckdb

from load import paths

SCHEMA = "freshdesk"
PROMPT, CONTINUE = "freshdesk> ", "      ...> "
HELP = """Statements end with ';'. Names are PascalCase, best quoted: "Ticket", "Status".
  .tables         list the published tables
  .schema TABLE   the columns of TABLE, with their descriptions
  .help           this text
  .quit           leave (or Ctrl-D)"""
# statements whose answer is a result set worth printing
RESULT_TYPES = {"SELECT", "EXPLAIN", "PRAGMA", "CALL", "EXPORT"}


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


def run(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Run every statement of `sql`, printing each result set as a table."""
    for statement in duckdb.extract_statements(sql):
        if getattr(statement.type, "name", "") in RESULT_TYPES:
            con.sql(statement.query).show(max_rows=200)
        else:
            con.execute(statement.query)


class ShellError(Exception):
    """A dot command that cannot be answered (an unknown table)."""


def describe(con: duckdb.DuckDBPyConnection, name: str, width: int = 100) -> str:
    """`.schema NAME`: the table's description, then each column with its type and description, the
    descriptions' own line breaks kept. Names match in any case, as they do in SQL."""
    found = con.execute("select table_name, comment from duckdb_tables() where database_name = current_database() "
                        "and schema_name = ? and lower(table_name) = lower(?)", [SCHEMA, name]).fetchall()
    if not found:
        raise ShellError(f"no table {name} in schema {SCHEMA} (.tables lists them)")
    (table, comment), = found
    columns = con.execute("select column_name, data_type, is_nullable, comment from duckdb_columns() "
                          "where database_name = current_database() and schema_name = ? and table_name = ? "
                          "order by column_index", [SCHEMA, table]).fetchall()
    out = [f'"{table}"', *_wrap(comment, width, "  "), ""]
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


def dot_command(con: duckdb.DuckDBPyConnection, line: str) -> bool:
    """Handle a `.command`; returns False when the shell should stop (`ShellError` when it cannot answer)."""
    command, _, argument = line.strip().partition(" ")
    if command in (".quit", ".exit", ".q"):
        return False
    if command == ".tables":
        run(con, "select table_name, comment from duckdb_tables() where database_name = current_database() "
                 f"and schema_name = '{SCHEMA}' order by table_name")
    elif command == ".schema" and argument:
        print(describe(con, argument.strip().strip('"'), min(shutil.get_terminal_size().columns, 120) - 2))
    else:
        print(HELP)
    return True


def session(con: duckdb.DuckDBPyConnection, read_line, interactive: bool) -> int:
    """Read statements (ending with `;`) and dot commands until `.quit` or end of input.

    Interactive, an error is reported and the prompt comes back; otherwise the first error stops
    the session with exit status 1.
    """
    buffer: list[str] = []
    while True:
        try:
            line = read_line(CONTINUE if buffer else PROMPT)
        except EOFError:
            line = None
        except KeyboardInterrupt:
            print()
            buffer.clear()
            continue
        if line is not None and not buffer and line.strip().startswith("."):
            try:
                if not dot_command(con, line):
                    return 0
            except ShellError as exc:
                print(f"Error: {exc}", file=sys.stderr)
                if not interactive:
                    return 1
            continue
        if line is not None:
            buffer.append(line)
        if buffer and (line is None or line.rstrip().endswith(";")):
            sql, buffer = "\n".join(buffer), []
            try:
                run(con, sql)
            except duckdb.Error as exc:
                print(f"Error: {exc}", file=sys.stderr)
                if not interactive:
                    return 1
        if line is None:
            if interactive:
                print()
            return 0


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
    args = parser.parse_args(argv)
    path = pathlib.Path(args.db)
    try:
        con = connect(path)
    except (FileNotFoundError, duckdb.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    try:
        if args.command is not None:
            return session(con, _reader(args.command.splitlines()), interactive=False)
        if sys.stdin.isatty():
            try:
                import readline  # noqa: F401  (line editing and history for input())
            except ImportError:  # Windows
                pass
            print(f"{path} (read-only), schema {SCHEMA}. .tables lists the tables, .help for help.")
            return session(con, input, interactive=True)
        return session(con, _reader(sys.stdin), interactive=False)
    except BrokenPipeError:  # `... | head`
        return 0
    finally:
        con.close()


if __name__ == "__main__":
    sys.exit(main())
