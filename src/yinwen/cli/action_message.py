"""The GitHub Action's own lines, from the same catalog as every other message:
``python -m yinwen.cli.action_message exit CODE [LANG]`` or ``unknown-format VALUE [LANG]``.

The action's shell steps call this rather than echo English of their own, so a Chinese job log reads in
Chinese from the first line to the last.
"""

from __future__ import annotations

import sys

from yinwen.messages import msg, use_lang


def action_message(kind: str, value: str, lang: str = "") -> str:
    from yinwen.cli.common import default_lang

    use_lang(lang.lower() if lang.lower() in ("zh", "en") else default_lang())
    if kind == "unknown-format":
        return str(msg("action-unknown-format", value=repr(value)))
    if value == "1":
        return str(msg("action-exit-findings"))
    if value == "2":
        return str(msg("action-exit-error"))
    return str(msg("action-exit-other", code=value))


if __name__ == "__main__":
    print(action_message(*sys.argv[1:4]))
