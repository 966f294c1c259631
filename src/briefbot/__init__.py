"""briefbot: a bilingual (French/English) FAQ bot about one announcement, from a knowledge base."""

__version__ = "0.1.0"
