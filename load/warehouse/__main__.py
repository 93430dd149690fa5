"""`python -m load.warehouse [--publish] <command...>`: see `load.warehouse.dbt.main`."""

import sys

from load.warehouse.dbt import main

sys.exit(main())
