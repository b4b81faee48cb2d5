"""``python -m rcs_desk`` is the same as the ``rcs-desk`` command."""

import sys

from rcs_desk import main

sys.exit(main())
