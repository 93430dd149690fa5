"""`make shell` on the published file: every column of a wide result, each output mode, a script that
goes on after an error (or stops with `-bail`) and says where, `.tables` and `.schema` on both schemas."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys

import duckdb
import pytest

from load.warehouse import shell
from tests.conftest import ROOT


def _shell(warehouse, stdin: str = "", *args: str, columns: int = 100) -> subprocess.CompletedProcess:
    """`python -m load.warehouse.shell --db PUBLISHED ARGS < stdin` in a terminal `columns` wide, run in
    this process (`main`, stdin and stdout swapped for the call; the first test runs the real command)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        patch.setenv("COLUMNS", str(columns))
        patch.setattr(sys, "stdin", io.StringIO(stdin))
        code = shell.main(["--db", str(warehouse.published), *args])
    return subprocess.CompletedProcess(["shell", *args], code, out.getvalue(), err.getvalue())


def _ticket_columns(warehouse) -> list[str]:
    with duckdb.connect(str(warehouse.published), read_only=True) as con:
        return [row[0] for row in con.execute("select column_name from duckdb_columns() where database_name = "
                                              "current_database() and table_name = 'Ticket' order by column_index")
                .fetchall()]


SAMPLE = """select 1 as n, 'a,"b' as s, null as x, true as t union all select 22, 'p|q', 'two\nlines', false;"""


def test_shell_answers_sql_from_stdin(warehouse):
    result = subprocess.run([sys.executable, "-m", "load.warehouse.shell", "--db", str(warehouse.published)],
                            input='select count(*) as tickets\nfrom "Ticket";\n', cwd=ROOT, capture_output=True,
                            text=True, timeout=60, env={**os.environ, "COLUMNS": "100"})
    assert result.returncode == 0, result.stderr
    assert "│ tickets │" in result.stdout


def test_wide_result_in_a_narrow_terminal_shows_every_column_as_lines(warehouse):
    columns = _ticket_columns(warehouse)
    assert len(columns) > 20
    result = _shell(warehouse, 'select * from "Ticket" order by "ID" limit 2;', columns=80)
    assert result.returncode == 0, result.stderr
    names = [line.partition(" = ")[0].strip() for line in result.stdout.splitlines() if " = " in line]
    assert names == columns * 2, "line mode: every column of both rows, none dropped"
    assert "shown" not in result.stdout


def test_wide_result_in_a_wide_terminal_is_one_table_of_every_column(warehouse):
    columns = _ticket_columns(warehouse)
    result = _shell(warehouse, 'select * from "Ticket" order by "ID" limit 2;', columns=2000)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("┌") and lines[-1].startswith("└") and len(lines) == 7
    assert [cell.strip() for cell in lines[1].strip("│").split("│")] == columns
    assert len({shell._width(line) for line in lines}) == 1, "every line of the box is as wide"


@pytest.mark.parametrize(("mode", "expected"), [
    ("box", """\
┌─────────┬─────────┬────────────┬─────────┐
│       n │ s       │ x          │ t       │
│ integer │ varchar │ varchar    │ boolean │
├─────────┼─────────┼────────────┼─────────┤
│       1 │ a,"b    │ NULL       │ true    │
│      22 │ p|q     │ two\\nlines │ false   │
└─────────┴─────────┴────────────┴─────────┘
"""),
    ("line", """\
n = 1
s = a,"b
x = NULL
t = true

n = 22
s = p|q
x = two
    lines
t = false
"""),
    ("csv", """\
n,s,x,t
1,"a,""b",,true
22,p|q,"two
lines",false
"""),
    ("markdown", """\
|   n | s    | x            | t     |
|----:|------|--------------|-------|
|   1 | a,"b | NULL         | true  |
|  22 | p\\|q | two<br>lines | false |
"""),
])
def test_each_mode_prints_every_row_and_column(warehouse, mode, expected):
    by_flag = _shell(warehouse, SAMPLE, "--mode", mode)
    by_command = _shell(warehouse, f".mode {mode}\n{SAMPLE}\n")
    assert by_flag.returncode == 0 and by_command.returncode == 0, by_flag.stderr + by_command.stderr
    assert by_flag.stdout == expected
    assert by_command.stdout == expected


def test_box_shows_the_first_rows_and_says_how_many_there_are(warehouse):
    result = _shell(warehouse, "select * from range(250);")
    lines = result.stdout.splitlines()
    assert lines[-1] == "250 rows (200 shown; .mode line or csv prints every row)"
    assert lines[-3].strip("│ ") == "199"
    assert len(_shell(warehouse, "select * from range(250);", "--mode", "csv").stdout.splitlines()) == 251


def test_an_unknown_mode_is_an_error(warehouse):
    result = _shell(warehouse, ".mode xml\n.mode\n")
    assert result.returncode == 1
    assert result.stderr == "Error at line 1 (.mode xml): no mode xml (modes: box, line, csv, markdown)\n"
    assert result.stdout == "box\n"


SCRIPT = """select 1 as first;

select *
from Tickt;
select 2 as second; select nope;
.schema Nope
select 3 as third;
"""


def test_a_script_goes_on_after_an_error_naming_each_failing_statement(warehouse):
    result = _shell(warehouse, SCRIPT, "--mode", "csv")
    assert result.returncode == 1
    assert result.stdout == "first\n1\nsecond\n2\nthird\n3\n"
    assert result.stderr.splitlines() == [
        'Error at line 3 (select *): Catalog Error: Table with name Tickt does not exist! Did you mean "Ticket"?',
        'Error at line 5 (select nope;): Binder Error: Referenced column "nope" was not found because the FROM '
        "clause is missing",
        "Error at line 6 (.schema Nope): no table Nope in schemas freshdesk, freshdesk_metrics (.tables lists them)",
    ]


@pytest.mark.parametrize("flag", ["-bail", "--bail"])
def test_bail_stops_at_the_first_error(warehouse, flag):
    result = _shell(warehouse, SCRIPT, "--mode", "csv", flag)
    assert result.returncode == 1
    assert result.stdout == "first\n1\n"
    assert result.stderr.splitlines() == [
        'Error at line 3 (select *): Catalog Error: Table with name Tickt does not exist! Did you mean "Ticket"?']


def test_a_command_line_script_names_the_failing_statement_of_its_line(warehouse):
    result = _shell(warehouse, "", "--mode", "csv", "-c", "select 1 as a; select nope; select 2 as b")
    assert result.returncode == 1
    assert result.stdout == "a\n1\nb\n2\n"
    assert result.stderr.startswith("Error at line 1 (select nope;): Binder Error: ")


def test_shell_is_read_only(warehouse):
    result = _shell(warehouse, "", "-c", 'delete from "Ticket";')
    assert result.returncode == 1
    assert result.stderr.startswith('Error at line 1 (delete from "Ticket";): Invalid Input Error: ')
    assert "read-only" in result.stderr


def test_interactive_errors_print_in_full_and_the_session_goes_on(warehouse, capsys):
    con = shell.connect(warehouse.published)
    try:
        session = shell.Shell(con, mode="csv", interactive=True)
        status = session.session(shell._reader(["select nope;", "select 1 as a;", ".bogus", ".quit"]))
    finally:
        con.close()
    out, err = capsys.readouterr()
    assert status == 0
    assert out == "a\n1\n"
    assert err.startswith('Error: Binder Error: Referenced column "nope"') and "LINE 1: select nope;" in err
    assert "Error: no command .bogus (.help lists them)\n" in err


def test_tables_lists_both_schemas_with_their_descriptions(warehouse):
    result = _shell(warehouse, ".tables\n", columns=200)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    names = [line.split("  ")[0] for line in lines]
    assert len(lines) == 32 and names[0] == '"Agent"' and '"TicketConversation"' in names
    assert names[-3:] == ['freshdesk_metrics."AgentDailyMetrics"', 'freshdesk_metrics."GroupDailyMetrics"',
                          'freshdesk_metrics."TicketMetrics"']
    assert re.fullmatch(r'freshdesk_metrics\."TicketMetrics" +One row per live ticket \(not deleted.*…', lines[-1])
    assert max(shell._width(line) for line in lines) <= 200


def test_shell_schema_matches_any_case_and_keeps_line_breaks(warehouse):
    result = _shell(warehouse, ".schema ticket\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith('"Ticket"\n') and "  Subject " in out
    assert "\\n" not in out, "descriptions show their line breaks, not escapes"
    assert "\n      - tickets: in Freshdesk's trash" in out, "IsDeleted's list keeps one line per item"


@pytest.mark.parametrize("name", ["TicketMetrics", "freshdesk_metrics.ticketmetrics",
                                  'freshdesk_metrics."TicketMetrics"'])
def test_schema_of_a_metrics_table(warehouse, name):
    result = _shell(warehouse, f".schema {name}\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('freshdesk_metrics."TicketMetrics"\n  One row per live ticket (not deleted')
    assert re.search(r"\n  AgentID +bigint\n      The agent the ticket is assigned to now", result.stdout)


def test_schema_of_a_table_in_the_wrong_schema_is_an_error(warehouse):
    result = _shell(warehouse, ".schema freshdesk.TicketMetrics\n")
    assert result.returncode == 1
    assert result.stderr == ("Error at line 1 (.schema freshdesk.TicketMetrics): no table freshdesk.TicketMetrics "
                             "in schemas freshdesk (.tables lists them)\n")


def test_help_lists_every_command_and_mode(warehouse):
    result = _shell(warehouse, ".mode line\n.help\n")
    assert result.returncode == 0, result.stderr
    for command in (".tables", ".schema TABLE", ".mode [MODE]", ".help", ".quit"):
        assert f"\n  {command} " in result.stdout
    for mode in shell.MODES:
        assert re.search(rf"\n +{mode} +\S", result.stdout)
    assert "(now: line)" in result.stdout


def test_the_readme_scripted_example_runs(warehouse):
    readme = (ROOT / "README.md").read_text()
    sql, mode = re.search(r"^echo '(.*)' \| make shell MODE=(\w+)$", readme, re.M).groups()
    result = _shell(warehouse, sql, "--mode", mode)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header == "Status,tickets" and rows
