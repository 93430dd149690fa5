"""Where a setting's value comes from: the environment first, then dlt's config files
(`.dlt/config.toml`, `.dlt/secrets.toml`, section `[sources.freshdesk]` unless a setting names
another path). Which settings exist is `load.settings.SETTINGS`."""

from __future__ import annotations

import os


def lookup(env: str, key: str, default: str | None = None, *, secret: bool = False) -> str | None:
    """The value of environment variable `env`, else `key` from dlt's config (secrets.toml when
    `secret`), else `default`. A bare `key` is read from `sources.freshdesk.<key>`; a dotted one
    (`destination.url`) as written. Empty values count as unset."""
    value = os.environ.get(env)
    if value not in (None, ""):
        return value
    import dlt  # here, not at import: the sandbox reads settings without loading dlt

    provider = dlt.secrets if secret else dlt.config
    path = key if "." in key else f"sources.freshdesk.{key}"
    try:
        value = provider.get(path)
    except Exception:  # an unreadable or absent toml file is the same as no value
        value = None
    return default if value in (None, "") else str(value)
