"""An offline Freshdesk API v2 sandbox: a deterministic synthetic account served over HTTP."""
