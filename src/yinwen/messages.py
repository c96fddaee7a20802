"""Every message a person reads besides a finding, from one catalog (data/messages.toml) in Chinese and English.

A message is a key and its fields; it becomes text only when it is shown, in the language of the run.
The command line sets that language once (``use_lang``: --lang, else the config, else the locale), so an
error raised deep in the config or corpus layer — which carries a ``Message``, not a string — reads in
the user's language. The tests check that every key has both forms with the same fields, and that no
error or stderr line in the source is a bare string.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from functools import cache

LANGS = ("zh", "en")
_state = {"lang": "zh"}


def use_lang(lang: str | None) -> None:
    """The language every message is shown in from now on (zh unless ``en``)."""
    _state["lang"] = "en" if lang == "en" else "zh"


def current_lang() -> str:
    return _state["lang"]


@cache
def catalog() -> dict[str, dict[str, str]]:
    from yinwen.resources import load_toml

    return load_toml("messages.toml")


@dataclass(frozen=True)
class Message:
    """A catalog key with its fields; ``str()`` gives the text in the current language."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str | None = None) -> str:
        lang = lang if lang in LANGS else current_lang()
        values = {name: _shown(value, lang) for name, value in self.fields}
        return catalog()[self.key][lang].format(**values)

    def __str__(self) -> str:
        return self.text()


def msg(key: str, /, **fields: object) -> Message:
    """The message ``key`` with ``fields``; an unknown key is a programming error (KeyError)."""
    if key not in catalog():
        raise KeyError(f"no message {key!r} in data/messages.toml")
    return Message(key, tuple(fields.items()))


def both(key: str, /, **fields: object) -> tuple[str, str]:
    """(Chinese, English) text of a message: what a diagnostic carries."""
    message = msg(key, **fields)
    return message.text("zh"), message.text("en")


def in_lang(value: object, lang: str) -> str:
    """A message (or an error carrying one, or plain text) as text in ``lang``."""
    return str(_shown(value, lang))


def _shown(value: object, lang: str) -> object:
    """Nested messages (and errors that carry one) in the same language; other values as they are."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, BaseException) and len(value.args) == 1 and isinstance(value.args[0], Message):
        return value.args[0].text(lang)
    return value


# errno → catalog key: the operating system's own text (strerror) is English whatever --lang says, so
# the Chinese form of the common reasons is ours; the English form is strerror itself.
_OS_REASONS = {
    errno.ENOENT: "os-enoent", errno.EACCES: "os-eacces", errno.EPERM: "os-eacces", errno.EISDIR: "os-eisdir",
    errno.ENOTDIR: "os-enotdir", errno.ENOSPC: "os-enospc", errno.EROFS: "os-erofs", errno.ELOOP: "os-eloop",
    errno.EEXIST: "os-eexist", errno.ENAMETOOLONG: "os-enametoolong", errno.EIO: "os-eio",
}


def os_reason(error: OSError) -> Message:
    """Why an operating-system call failed, in the run's language."""
    return msg(_OS_REASONS.get(error.errno or 0, "os-other"), detail=error.strerror or str(error))
