"""The ``briefbot`` sub-commands, one module per command group."""
