"""`python -m load`, SIGKILLed at the worst moment of its load step: right after the destination
committed the first job writing KILL_AFTER_TABLE, before dlt recorded that job as done.

A random kill hits that window only now and then; this hits it every time."""

from __future__ import annotations

import os
import signal
import sys

from dlt.common.destination.client import RunnableLoadJob

from load.__main__ import main

TABLE = os.environ["KILL_AFTER_TABLE"]
_release = RunnableLoadJob._release  # dlt calls it after run() returned, before it records the job


def _release_or_die(job: RunnableLoadJob, next_state: str) -> None:
    if next_state == "completed" and os.path.basename(job._file_path).startswith(f"{TABLE}."):
        os.kill(os.getpid(), signal.SIGKILL)
    _release(job, next_state)


RunnableLoadJob._release = _release_or_die

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
