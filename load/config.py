"""Where a setting's value comes from: the environment first, then dlt's config files
(`.dlt/config.toml`, `.dlt/secrets.toml`, section `[sources.freshdesk]` unless a setting names
another path). Which settings exist is `load.settings.SETTINGS`."""

from __future__ import annotations

import os
import pathlib
import tomllib


def lookup(env: str, key: str, default: str | None = None, *, secret: bool = False) -> str | None:
    """The value of environment variable `env`, else `key` from dlt's config (secrets.toml when
    `secret`), else `default`. A bare `key` is read from `sources.freshdesk.<key>`; a dotted one
    (`destination.url`) as written. Empty values count as unset."""
    value = os.environ.get(env)
    if value not in (None, ""):
        return value
    telemetry_off_unless_asked()
    import dlt  # here, not at import: the sandbox reads settings without loading dlt

    provider = dlt.secrets if secret else dlt.config
    path = key if "." in key else f"sources.freshdesk.{key}"
    try:
        value = provider.get(path)
    except Exception:  # an unreadable or absent toml file is the same as no value
        value = None
    return default if value in (None, "") else str(value)


# dlt's switch for its anonymous usage reports (`dlt telemetry`), as an environment variable and a config key.
TELEMETRY_ENV, TELEMETRY_SECTION, TELEMETRY_KEY = "RUNTIME__DLTHUB_TELEMETRY", "runtime", "dlthub_telemetry"


def _telemetry_in_config_files() -> bool:
    """True when `.dlt/config.toml` (the working directory's, or the user's `~/.dlt`) sets dlt's switch.

    Read here, not through `dlt.config`: the first read of dlt's configuration starts its telemetry."""
    for folder in (pathlib.Path(".dlt"), pathlib.Path.home() / ".dlt"):
        try:
            with (folder / "config.toml").open("rb") as fh:
                if TELEMETRY_KEY in tomllib.load(fh).get(TELEMETRY_SECTION, {}):
                    return True
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return False


def telemetry_off_unless_asked() -> None:
    """Turn dlt's anonymous usage reports off for this process unless the user set them.

    dlt reports every pipeline run to dltHub's telemetry service by default; a warehouse of
    customer-support data sends nothing anywhere the user did not configure. `RUNTIME__DLTHUB_TELEMETRY=true`,
    or `dlthub_telemetry = true` under `[runtime]` in `.dlt/config.toml`, turns them on. Runs before
    dlt's configuration is first read (`lookup`, `load.pipeline`): that read starts dlt's telemetry,
    once per process. (dbt's reports are off in `dbt_project.yml`.)"""
    if os.environ.get(TELEMETRY_ENV) is None and not _telemetry_in_config_files():
        os.environ[TELEMETRY_ENV] = "false"
