"""Old Word (.doc) and WPS (.wps) files: converted to .docx with LibreOffice when it is installed.

Without LibreOffice the writer gets a one-line message saying how to convert; the batch goes on.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from yinwen.formats.errors import InputError

TIMEOUT_SECONDS = 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextlib.contextmanager
def convert_legacy(path: Path) -> Iterator[Path]:
    """A temporary .docx converted from ``path``; removed when the block ends."""
    binary = soffice()
    suffix = path.suffix.lower()
    if binary is None:
        raise InputError(f"{suffix} 是旧版格式：请在 Word 或 WPS 中“另存为” .docx 后再检查（或安装 LibreOffice 以自动转换）",
                         f"{suffix} is an old format: save it as .docx in Word or WPS (or install LibreOffice to convert automatically)")
    with tempfile.TemporaryDirectory(prefix="yinwen-convert-") as work:
        command = [binary, "--headless", "--norestore", f"-env:UserInstallation=file://{work}/profile",
                   "--convert-to", "docx", "--outdir", work, str(path.resolve())]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
        except (subprocess.SubprocessError, OSError) as error:
            raise InputError(f"用 LibreOffice 转换 {suffix} 失败：{error}",
                             f"LibreOffice could not convert the {suffix}: {error}") from None
        converted = Path(work) / (path.stem + ".docx")
        if not converted.exists():
            raise InputError(f"用 LibreOffice 转换 {suffix} 失败", f"LibreOffice could not convert the {suffix}")
        yield converted
