"""The long-history bench's own logic: a boxed run that is not done counts as more to do (exit 75,
as the CLI's), and the report marks each figure against its goal."""

from __future__ import annotations

import signal
import subprocess
import sys

from load.bench.history import EXIT_MORE_TO_DO, finish, report


def _child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)


def test_a_run_that_is_not_done_is_more_to_do():
    # `load.bench load` (`load_once`) exits as the CLI does: 75 with the summary of a run not done
    more = "print('log'); print('{\"done\": false}'); raise SystemExit(75)"
    assert finish(_child(more)) == (EXIT_MORE_TO_DO, {"done": False})
    assert finish(_child("print('{\"done\": true}')")) == (0, {"done": True})
    killed = _child("import time; time.sleep(30)")
    killed.send_signal(signal.SIGKILL)
    assert finish(killed) == (-signal.SIGKILL, {})


def _result(**figures) -> dict:
    r = {"account": {"tickets": 100, "archived": 50, "plan_total_per_minute": 600}, "checkpoint_s": 6, "box_s": 30,
         "clean": {"seconds": 1, "requests": 10, "credits": 12, "perfect_credits": 12, "estimate_credits": 12},
         "series": {"runs": [{}], "requests": 11, "finished": True}, "killed": {"kills": [{}], "requests": 10},
         "estimate_error": 0.0, "credit_efficiency": 1.0, "worst_over_box_s": 36, "time_to_first_publish_s": 2,
         "redo_fraction_after_kill": 0.05, "series_tables_equal": True, "killed_tables_equal": True}
    r.update(figures)
    return r


def test_the_report_holds_each_figure_to_its_goal():
    text, ok = report(_result())
    assert ok and "MISSED" not in text
    for figures in ({"redo_fraction_after_kill": 0.0501}, {"worst_over_box_s": 36.1}, {"estimate_error": None},
                    {"estimate_error": -0.11}, {"credit_efficiency": 0.949}, {"killed_tables_equal": False}):
        text, ok = report(_result(**figures))
        assert not ok and text.count("MISSED") == 1, figures
