"""Where a setting's value comes from: the environment first, then dlt's config files
(`.dlt/config.toml`, `.dlt/secrets.toml`, section `[sources.freshdesk]`)."""

from __future__ import annotations

import os

import dlt


def lookup(env: str, key: str, default: str | None = None, *, secret: bool = False) -> str | None:
    """The value of environment variable `env`, else `sources.freshdesk.<key>` from dlt's config
    (secrets.toml when `secret`), else `default`. Empty values count as unset."""
    value = os.environ.get(env)
    if value not in (None, ""):
        return value
    provider = dlt.secrets if secret else dlt.config
    try:
        value = provider.get(f"sources.freshdesk.{key}")
    except Exception:  # an unreadable or absent toml file is the same as no value
        value = None
    return default if value in (None, "") else str(value)
