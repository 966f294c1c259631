"""briefbot: a bilingual FAQ bot about the NATO Chiefs of Defence meeting of January 2025."""

__version__ = "0.1.0"
