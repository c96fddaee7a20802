"""yinwen (引文): check quotations in Chinese documents against a reference corpus."""

__version__ = "0.1.0"
