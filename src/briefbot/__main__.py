"""Allow ``python -m briefbot``."""

from briefbot.cli import main

raise SystemExit(main())
