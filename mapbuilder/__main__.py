"""``python -m mapbuilder`` does the same as the ``transitiekaart`` command."""

import sys

from mapbuilder.cli import main

sys.exit(main())
