"""The one error a format reader raises: the file cannot be read as a document (a YW001 for the caller)."""

from __future__ import annotations


class InputError(Exception):
    """A file that cannot be read as a document; the message is a one-line Chinese explanation."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en
