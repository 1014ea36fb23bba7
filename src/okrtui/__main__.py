"""`python -m okrtui`: the same as the `okrtui` command."""

import sys

from okrtui.cli.main import main

sys.exit(main())
