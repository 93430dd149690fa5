"""Run the sandbox as a child process (so it never competes with the loader for the GIL)."""

from __future__ import annotations

import re
import subprocess
import sys

from load.settings import setting

_LINE = re.compile(r"FRESHDESK_BASE_URL=(\S+) FRESHDESK_API_KEY=(\S+)")


class SandboxProcess:
    """`with SandboxProcess(scale="demo") as sb:` serves a sandbox account on loopback."""

    def __init__(self, scale: str = "demo", seed: int = 1, plan: str | None = None, extra: list[str] | None = None):
        self.args = [sys.executable, "-m", "load.sandbox", "serve", "--port", "0", "--scale", scale,
                     "--seed", str(seed)]
        plan = plan or setting("sandbox_plan")
        self.args += ["--plan", plan, *(extra or [])]
        self.proc: subprocess.Popen | None = None
        self.base_url = ""
        self.api_key = ""

    def __enter__(self) -> SandboxProcess:
        self.proc = subprocess.Popen(self.args, stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        match = _LINE.search(line)
        if not match:
            self.__exit__(None, None, None)
            raise RuntimeError(f"the sandbox did not start (it printed {line.strip()!r})")
        self.base_url, self.api_key = match.groups()
        return self

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
