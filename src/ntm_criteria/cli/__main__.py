"""``python -m ntm_criteria.cli``: the same as the ``ntm-criteria`` command."""

import sys

from ntm_criteria.cli import main

sys.exit(main())
