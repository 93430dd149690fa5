"""The settings registry: every value validated with a one-line message, and the README generated from it."""

import subprocess
import sys

import pytest

from load.pacing import RateBudget
from load.settings import BY_NAME as SETTINGS_BY_NAME
from load.settings import (
    README_BLOCKS,
    SETTINGS,
    SKIPPABLE,
    Settings,
    SettingsError,
    base_url_for,
    check_base_url,
    load_settings,
    readme_block,
)
from load.source import connect, freshdesk_source
from tests.conftest import ROOT, loader_env

CREDENTIALS = {"FRESHDESK_BASE_URL": "http://127.0.0.1:1/api/v2", "FRESHDESK_API_KEY": "k" * 20}


@pytest.fixture
def env(monkeypatch):
    """A clean environment with credentials; returns a setter for more variables."""
    import os

    for name in list(os.environ):
        if name.startswith(("FRESHDESK_", "SOURCES__")):
            monkeypatch.delenv(name)
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    return monkeypatch.setenv


def test_domain_becomes_https_base_url():
    assert base_url_for("acme") == "https://acme.freshdesk.com/api/v2"
    assert base_url_for("acme.freshdesk.com") == "https://acme.freshdesk.com/api/v2"
    assert base_url_for("https://Acme.freshdesk.com/") == "https://acme.freshdesk.com/api/v2"


@pytest.mark.parametrize("url", ["http://example.com/api/v2", "http://10.0.0.5/api/v2", "ftp://127.0.0.1/x"])
def test_plain_http_off_loopback_is_refused(url):
    with pytest.raises(SettingsError):
        check_base_url(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/api/v2", "http://localhost/api/v2", "https://x.example/api/v2"])
def test_loopback_http_and_https_are_accepted(url):
    assert check_base_url(url) == url


def test_missing_key_is_a_clear_error(env, monkeypatch):
    monkeypatch.delenv("FRESHDESK_API_KEY")
    monkeypatch.delenv("FRESHDESK_BASE_URL")
    env("FRESHDESK_DOMAIN", "acme")
    with pytest.raises(SettingsError, match="FRESHDESK_API_KEY is not set"):
        load_settings()


def test_settings_defaults_are_the_registrys(env):
    """Settings built in code and settings read with nothing configured agree, field by field: the
    defaults are the registry's alone."""
    from dataclasses import fields

    read = load_settings()
    built = Settings(base_url=read.base_url, api_key=read.api_key, domain=read.domain,
                     work_db=SETTINGS_BY_NAME["work_db"].parse(SETTINGS_BY_NAME["work_db"].default))
    assert built == read
    defaulted = [f.name for f in fields(Settings) if f.name in SETTINGS_BY_NAME
                 and f.name not in ("base_url", "api_key", "domain", "work_db")]
    assert len(defaulted) >= 9, defaulted


def test_settings_repr_hides_the_key():
    s = load_settings(base_url="http://127.0.0.1:1/api/v2", api_key="sekret-key-123")
    assert "sekret" not in repr(s)


BAD_VALUES = [
    ("FRESHDESK_START_DATE", "garbage", "must be a date like 2024-01-01"),
    ("FRESHDESK_START_DATE", "2024-13-01", "must be a date"),
    ("FRESHDESK_START_DATE", "2999-01-01", "in the future"),
    ("FRESHDESK_WORKERS", "0", "at least 1 and at most 64"),
    ("FRESHDESK_WORKERS", "eight", "whole number"),
    ("FRESHDESK_BUDGET_SHARE", "0", "above 0"),
    ("FRESHDESK_CHECKPOINT_MINUTES", "0", "above 0"),
    ("FRESHDESK_CHECKPOINT_MINUTES", "soon", "number"),
    ("FRESHDESK_BUDGET_SHARE", "1.5", "at most 1"),
    ("FRESHDESK_PER_PAGE", "101", "at most 100"),
    ("FRESHDESK_TICKET_PAGE_CAP", "0", "at least 1"),
    ("FRESHDESK_RECONCILE_HOURS", "-1", "at least 0"),
    ("FRESHDESK_ACCOUNT_ID", "x", "whole number"),
    ("FRESHDESK_SKIP", "time_entries,tikets", "unknown resources (tikets)"),
    ("FRESHDESK_LOG_LEVEL", "loud", "one of DEBUG"),
    ("FRESHDESK_DESTINATION_URL", "mysql://u:p@h/db", "postgresql://"),
    ("FRESHDESK_BASE_URL", "ftp://127.0.0.1/x", "http(s) URL"),
    ("FRESHDESK_DOMAIN", "acme corp", "subdomain"),
]


@pytest.mark.parametrize(("name", "value", "says"), BAD_VALUES, ids=[f"{n}={v}" for n, v, _ in BAD_VALUES])
def test_every_bad_value_is_one_line_naming_the_variable(env, name, value, says):
    env(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    message = str(caught.value)
    assert message.startswith(name) and says in message and "\n" not in message


def test_every_validated_setting_has_a_bad_value_tested():
    validated = {s.env for s in SETTINGS if s.parse is not str and s.name not in ("work_db", "duckdb_path", "docs_dir")}
    assert validated <= {name for name, _, _ in BAD_VALUES}


def test_secrets_are_never_repeated_in_errors(env):
    env("FRESHDESK_BASE_URL", "https://user:hunter2pass@acme.example/api/v2")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "hunter2pass" not in str(caught.value) and "credentials" in str(caught.value)
    env("FRESHDESK_BASE_URL", CREDENTIALS["FRESHDESK_BASE_URL"])
    env("FRESHDESK_DESTINATION_URL", "mysql://u:hunter2pass@h/db")
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert "hunter2pass" not in str(caught.value)


@pytest.mark.parametrize(("raw", "stored"), [
    ("2024-01-01", "2024-01-01T00:00:00Z"),
    ("2024-01-01T08:30:00Z", "2024-01-01T08:30:00Z"),
    ("2024-01-01T08:30:00+02:00", "2024-01-01T06:30:00Z"),
    ("2024-01-01 08:30", "2024-01-01T08:30:00Z"),
])
def test_start_date_is_normalized_to_utc(env, raw, stored):
    env("FRESHDESK_START_DATE", raw)
    assert load_settings().start_date == stored


def test_skip_names_expand_to_the_resources_they_leave_out(env):
    env("FRESHDESK_SKIP", " Time_Entries, conversations ,")
    settings = load_settings()
    assert settings.skip == {"time_entries", "conversations"}
    assert settings.skipped_resources == {"time_entries", "ticket_conversations"}


def test_every_resource_but_the_account_row_can_be_left_out(tmp_path):
    settings = Settings(base_url="http://127.0.0.1:1/api/v2", api_key="k" * 8, domain="x", work_db=tmp_path / "w")
    with connect(settings, RateBudget(0.8)) as connection:
        resources = set(freshdesk_source(settings, connection, reconcile=True).resources)
    skippable = {r for names in SKIPPABLE.values() for r in names}
    assert resources - skippable == {"account"}
    assert skippable <= resources


def test_values_come_from_dlt_config_files_too(tmp_path):
    """In a child process: dlt binds its config files to the working directory the first time it reads one."""
    (tmp_path / ".dlt").mkdir()
    (tmp_path / ".dlt" / "config.toml").write_text('[sources.freshdesk]\nworkers = 3\nskip = "roles"\n')
    (tmp_path / ".dlt" / "secrets.toml").write_text('[sources.freshdesk]\napi_key = "from-secrets-toml"\n')
    show = ("import os; from load.settings import load_settings as l; s = l(); print(s.workers, sorted(s.skip), "
            "s.api_key); os.environ['FRESHDESK_WORKERS'] = '5'; print(l().workers)")
    env = loader_env(tmp_path / "w.duckdb", FRESHDESK_BASE_URL=CREDENTIALS["FRESHDESK_BASE_URL"])
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", show], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert out.stdout.split() == ["3", "['roles']", "from-secrets-toml", "5"], out.stderr[-2000:]


@pytest.mark.parametrize("name", README_BLOCKS)
def test_readme_tables_are_generated_from_the_registry(name):
    readme = (ROOT / "README.md").read_text()
    assert readme_block(name) in readme, f"README's {name} table is stale: run python -m load.settings --readme"


def test_every_exit_code_the_loader_raises_is_documented():
    """Each `LoadError(..., code)` in the loader has a line in EXIT_CODES (and so in --help and the README)."""
    import ast

    from load.settings import EXIT_CODES

    codes = set()
    for path in (ROOT / "load").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "LoadError" and len(node.args) > 1:
                if isinstance(node.args[1], ast.Constant):
                    codes.add(node.args[1].value)
    assert codes and codes <= {code for code, _ in EXIT_CODES}
