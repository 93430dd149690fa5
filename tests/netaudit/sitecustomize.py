"""A network audit for the processes of a load or a transform: with this folder on `PYTHONPATH`
and `NETAUDIT_LOG` naming a file, every Python process started (children included: they inherit
both) appends to that file each host name it looks up and each address it connects to.

Host lookups are recorded as well as connections: offline, a report to a telemetry service fails
at its lookup and never gets as far as connecting."""

import os
import sys

_LOG = os.environ.get("NETAUDIT_LOG")


def _record(line: str) -> None:
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()} {line}\n")


def _hook(event: str, args: tuple) -> None:
    if event == "socket.getaddrinfo" or event == "socket.gethostbyname":
        _record(f"resolve {args[0]}")
    elif event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple):
            _record(f"connect {address[0]} {address[1]}")
        else:
            _record(f"connect-local {address}")


if _LOG:
    sys.addaudithook(_hook)
