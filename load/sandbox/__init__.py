"""An offline Freshdesk API v2 sandbox: a deterministic synthetic account served over HTTP.

    from load.sandbox import SandboxServer, Account, PLANS
    with SandboxServer(account=Account(seed=1, scale="tiny")) as sb:
        ...  # sb.base_url, sb.api_key
"""

from .account import Account
from .config import SCALES
from .faults import FaultConfig
from .ratelimit import PLANS, Plan
from .realism import Realism
from .server import SandboxServer, SandboxStats

__all__ = ["PLANS", "SCALES", "Account", "FaultConfig", "Plan", "Realism", "SandboxServer", "SandboxStats"]
