"""The slow cases of the attack matrix (issue 20) at full size: time and peak memory of each.

    python benchmarks/attacks.py            # every case
    python benchmarks/attacks.py marks      # only the cases whose name contains "marks"

Each case runs ``yinwen check`` in a fresh process on a generated input and prints its wall time, its
peak resident memory (the child's ru_maxrss, from wait4), its exit code and the size of its report. The
bars the issue sets: a 20,000-row .docx table read in 2 s or less (printed separately: the reading alone,
in process); 10 MB of quotation marks in 60 s and 1 GB or less, in every format. The index cache is the
usual one (``YINWEN_CACHE_DIR`` or the user cache); build it first (``yinwen corpus build``) so that no case
pays for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("text", "json", "sarif", "github", "rdjson", "html")
TEN_MB = 10 * 1024 * 1024 - 4096  # under the default --max-size, so the whole file is read
MISQUOTE = "历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。\n"


def run(args: list[str], timeout: float = 900) -> tuple[float, float, int, int, int]:
    """(wall seconds, CPU seconds, peak RSS in MB, exit code, report bytes) of one ``yinwen`` process.

    CPU time is printed too: on a shared machine the wall time also counts the other processes' turns."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "yinwen", *args], stdout=out, stderr=subprocess.DEVNULL, env=env)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
        size = out.seek(0, os.SEEK_END)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status), size


def table_docx(path: Path, rows: int) -> Path:
    import docx
    from docx.oxml.parser import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    document = docx.Document()
    document.add_paragraph("学习体会")
    cells = "".join(f"<w:tr><w:tc><w:p><w:r><w:t>第{i}行</w:t></w:r></w:p></w:tc>"
                    f"<w:tc><w:p><w:r><w:t>内容{i}</w:t></w:r></w:p></w:tc></w:tr>" for i in range(rows))
    document.element.body.insert(0, parse_xml(f'<w:tbl xmlns:w="{w}"><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>'
                                              f"{cells}</w:tbl>"))
    document.save(str(path))
    return path


def marks_file(path: Path, unit: str) -> Path:
    """About 10 MB of ``unit`` repeated, then the seed's misquote (so the end of the file is still checked)."""
    tail = MISQUOTE.encode("utf-8")
    count = (TEN_MB - len(tail)) // len(unit.encode("utf-8"))
    path.write_bytes((unit * count).encode("utf-8") + b"\n" + tail)
    return path


def read_table(path: Path) -> tuple[float, int]:
    """Seconds to read the .docx in this process, and characters of text it yields."""
    sys.path.insert(0, str(ROOT / "src"))
    from yinwen.formats.load import load_rich

    started = time.perf_counter()
    document = load_rich(path, path.name)
    return time.perf_counter() - started, len(document.text)


def cases(work: Path) -> list[tuple[str, Callable[[], list[str]]]]:
    found: list[tuple[str, Callable[[], list[str]]]] = [
        ("docx table 20,000 rows, check --format json",
         lambda: [str(table_docx(work / "table.docx", 20_000)), "--format", "json"]),
    ]
    shapes = {"pairs “”": "“”", "openers “": "“", "quoted a “a”": "“a”", "straight \"a\" ": '"a" '}
    for label, unit in shapes.items():
        for output_format in FORMATS:
            found.append((f"10 MB of {label} --format {output_format}",
                          lambda unit=unit, output_format=output_format, label=label:
                          [str(marks_file(work / f"marks-{len(unit)}-{label[:4]}.txt", unit)), "--format", output_format]))
    found.append(("10 MB of one misquoted sentence repeated, --format json",
                  lambda: [str(marks_file(work / "repeated.txt", MISQUOTE)), "--format", "json"]))
    prose = "我们要坚持以人民为中心的发展思想，" * 3 + "。\n"
    found.append(("10 MB of one line of stock prose repeated, --format json",
                  lambda: [str(marks_file(work / "prose.txt", prose)), "--format", "json"]))
    return found


def main() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    with tempfile.TemporaryDirectory(prefix="yinwen-attacks-") as folder:
        work = Path(folder)
        if "table" in wanted or not wanted:
            seconds, chars = read_table(table_docx(work / "table.docx", 20_000))
            print(f"{'docx table 20,000 rows, reading only (in process)':58s} {seconds:7.2f} s wall  {chars:,} characters")
        for name, make_args in cases(work):
            if wanted and wanted not in name:
                continue
            elapsed, cpu, peak_mb, code, size = run(["check", *make_args()])
            print(f"{name:58s} {elapsed:7.2f} s wall {cpu:7.2f} s CPU  {peak_mb:6,} MB peak  exit {code}  "
                  f"report {size:>12,} bytes", flush=True)


if __name__ == "__main__":
    main()
