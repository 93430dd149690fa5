"""`python -m load`, SIGKILLed at the worst moment of its load step: right after the destination
committed a job whose file matches KILL_AFTER_JOB (a glob: `companies.*` is the first file copied
for `companies`; `companies.*.sql`, its merge into the final table), before dlt recorded that job as
done. Several globs, comma-separated: the kill comes after the job that completes the last of them.

A random kill hits that window only now and then; this hits it every time."""

from __future__ import annotations

import fnmatch
import os
import signal
import sys

from dlt.common.destination.client import RunnableLoadJob

from load.__main__ import main

WAITING = set(os.environ["KILL_AFTER_JOB"].split(","))
_release = RunnableLoadJob._release  # dlt calls it after run() returned, before it records the job


def _release_or_die(job: RunnableLoadJob, next_state: str) -> None:
    if next_state == "completed":
        name = os.path.basename(job._file_path)
        WAITING.difference_update([glob for glob in WAITING if fnmatch.fnmatch(name, glob)])
        if not WAITING:
            os.kill(os.getpid(), signal.SIGKILL)
    _release(job, next_state)


RunnableLoadJob._release = _release_or_die

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
