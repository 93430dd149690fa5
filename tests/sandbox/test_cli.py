"""`python -m load.sandbox serve`: one stdout line with URL and key, then serve until SIGTERM."""

from __future__ import annotations

import re
import signal
import subprocess
import sys

from .conftest import Api


def test_serve_prints_url_and_key_then_serves_until_sigterm():
    proc = subprocess.Popen(
        [sys.executable, "-m", "load.sandbox", "serve", "--port", "0", "--scale", "tiny", "--seed", "1",
         "--plan", "enterprise", "--latency-ms", "0", "--fault-rate", "0.0", "--page-cap", "2",
         "--window-seconds", "60"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        match = re.fullmatch(r"FRESHDESK_BASE_URL=(http://127\.0\.0\.1:\d+/api/v2) FRESHDESK_API_KEY=(\w+)\n", line)
        assert match, line
        api = Api(match.group(1), match.group(2))
        reply = api.get("/tickets?updated_since=2000-01-01&per_page=1")
        assert reply.status == 200 and reply.headers["X-RateLimit-Total"] == "700"
        assert api.get("/tickets?updated_since=2000-01-01&per_page=1&page=3").status == 400  # --page-cap
        api.close()
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert out == ""  # nothing but the first line on stdout
    assert "stopping" in err


def test_non_admin_key_option():
    proc = subprocess.Popen([sys.executable, "-m", "load.sandbox", "serve", "--scale", "tiny", "--non-admin"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        fields = dict(p.split("=", 1) for p in proc.stdout.readline().split())
        api = Api(fields["FRESHDESK_BASE_URL"], fields["FRESHDESK_API_KEY"])
        assert api.get("/agents").status == 403 and api.get("/contacts").status == 200
        api.close()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(10)


def test_realism_option_switches_behaviours():
    """Unkind by default; `--realism kind` turns every behaviour off, NAME=VALUE turns one back on."""
    def serve(*realism: str) -> tuple[subprocess.Popen, Api]:
        proc = subprocess.Popen([sys.executable, "-m", "load.sandbox", "serve", "--scale", "tiny", *realism],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        fields = dict(p.split("=", 1) for p in proc.stdout.readline().split())
        return proc, Api(fields["FRESHDESK_BASE_URL"], fields["FRESHDESK_API_KEY"])

    for realism, products, groups in (((), 200, 404), (("--realism", "kind"), 200, 200),
                                      (("--realism", "kind", "--realism", "no_products=true"), 403, 200)):
        proc, api = serve(*realism)
        try:
            assert api.get("/products").status == products, realism
            assert api.get("/admin/groups").status == groups, realism
            api.close()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(10)
    bad = subprocess.run([sys.executable, "-m", "load.sandbox", "serve", "--realism", "churn=lots"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "churn takes a whole number" in bad.stderr
