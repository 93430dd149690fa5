"""An analyst's process for test_load_while_open: reads the published file while loads run.

`python reader.py hold DB STOP`: one connection opened at start and queried until the file STOP
exists (a SQL tool left open). `python reader.py poll DB STOP`: a new connection for every look
(a tool reconnecting). Each look prints one JSON line: how many tables schema `freshdesk` has,
their rows in total, and the newest load time of `Agent` (rewritten by every load) as a version
tag; a failed look prints its error. After STOP appears, `poll` takes one last look ("final").
"""

import json
import pathlib
import sys
import time

import duckdb


def snapshot(con) -> dict:
    catalog = con.execute("select current_database()").fetchone()[0]
    tables = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = ? and schema_name = 'freshdesk'",
        [catalog]).fetchall()]
    rows = sum(con.execute(f'select count(*) from "{catalog}".freshdesk."{t}"').fetchone()[0] for t in tables)
    tag = con.execute(f'select max("WhenUpsertedIntoDataStore")::varchar from "{catalog}".freshdesk."Agent"')
    return {"tables": len(tables), "rows": rows, "tag": tag.fetchone()[0]}


def look(kind: str, connect, close: bool) -> None:
    try:
        con = connect()
        try:
            print(json.dumps({"kind": kind, **snapshot(con)}), flush=True)
        finally:
            if close:
                con.close()
    except Exception as exc:  # reported to the test, which fails on any
        print(json.dumps({"kind": "error", "error": f"{type(exc).__name__}: {exc}"}), flush=True)


def main(mode: str, db: str, stop: str) -> None:
    if mode == "hold":
        held = duckdb.connect(db, read_only=True)
        connect, close = (lambda: held), False
    else:
        # DuckDB reuses a database already open in the process for another connect() to its
        # path: closing each connection first makes every look open the file anew
        connect, close = (lambda: duckdb.connect(db, read_only=True)), True
    look("ready", connect, close)
    while not pathlib.Path(stop).exists():
        look(mode, connect, close)
        time.sleep(0.5 if mode == "hold" else 0.2)
    if mode == "poll":
        look("final", connect, close)


if __name__ == "__main__":
    main(*sys.argv[1:4])
