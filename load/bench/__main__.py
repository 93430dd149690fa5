"""`python -m load.bench`: see `load.bench.run`."""

import sys

from load.bench.run import main

sys.exit(main())
