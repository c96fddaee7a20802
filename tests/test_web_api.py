"""The web page's HTTP API: exactly the CLI's JSON report, clear 4xx for what is no document, the downloads."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests._cli import CLEAN_TEXT, MISQUOTE_TEXT, WARNING_TEXT, run_cli
from tests.conftest import SEED
from tests.docxmaker import docx_from_text
from tests.pdfmaker import make_pdf

starlette = pytest.importorskip("starlette")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = {"content-type": "text/plain; charset=utf-8"}


@pytest.fixture(scope="module")
def client(corpus):
    from starlette.testclient import TestClient

    from yinwen.config.settings import Settings
    from yinwen.web.app import create_app
    from yinwen.web.checking import Checker

    app = create_app(Checker(Settings(), corpus), max_bytes=200_000)
    with TestClient(app, base_url="http://127.0.0.1:8765") as client:
        yield client


def upload(client, name: str, data: bytes, path: str = "/api/check", **params):
    return client.post(path, files={"file": (name, data)}, params=params)


def cli_json(path: Path, *extra: str) -> dict:
    """`yinwen check NAME --format json` run beside the file, so the report names it as the upload does."""
    with contextlib.chdir(path.parent):
        result = run_cli("check", path.name, "--format", "json", "--lang", "zh", *extra)
    assert result.code in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_text_body_answers_exactly_the_cli_json_report(client):
    seed = SEED.read_bytes()
    response = client.post("/api/check", content=seed, headers=TEXT)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    expected = run_cli("check", "-", "--format", "json", "--lang", "zh", input=seed)
    assert response.text == expected.stdout
    report = response.json()
    assert report["files"][0]["path"] == "<stdin>"
    assert any(d["code"] == "YW101" and "妥协" in (d["fix"] or "") for d in report["files"][0]["diagnostics"])


def test_english_messages_with_lang_en(client):
    response = client.post("/api/check", content=MISQUOTE_TEXT.encode(), headers=TEXT, params={"lang": "en"})
    assert response.text == run_cli("check", "-", "--format", "json", "--lang", "en", input=MISQUOTE_TEXT).stdout
    assert response.json()["files"][0]["diagnostics"][0]["message"].startswith("quotation differs")


@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx", ".pdf"])
def test_uploaded_file_answers_exactly_the_cli_json_report(client, tmp_path, suffix):
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / f"体会{suffix}"
    if suffix == ".docx":
        docx_from_text(text, path)
    elif suffix == ".pdf":
        path.write_bytes(make_pdf([[line for line in text.split("\n")[:12]], [line for line in text.split("\n")[12:]]]))
    else:
        path.write_text(text, encoding="utf-8")
    response = upload(client, path.name, path.read_bytes())
    assert response.status_code == 200, response.text
    assert response.json() == cli_json(path)


def test_gb18030_text_is_decoded_like_the_cli(client):
    data = MISQUOTE_TEXT.encode("gb18030")
    plain = client.post("/api/check", content=data, headers={"content-type": "text/plain"})
    assert plain.status_code == 200
    assert plain.text == run_cli("check", "-", "--format", "json", "--lang", "zh", input=data).stdout
    named = client.post("/api/check", content=data, headers={"content-type": "text/plain; charset=gb18030"})
    assert named.json()["files"][0]["quotes"] == plain.json()["files"][0]["quotes"]
    wrong = client.post("/api/check", content=data, headers=TEXT)
    assert wrong.status_code == 422
    assert "无法解码" in wrong.json()["error"]


@pytest.mark.parametrize(("body", "headers", "status", "words"), [
    (b"\x00\x01\x02\x7fELF" * 50, TEXT, 422, "二进制"),
    (b"", TEXT, 400, "空"),
    (MISQUOTE_TEXT.encode(), {"content-type": "application/json"}, 415, "application/json"),
    (MISQUOTE_TEXT.encode(), {"content-type": "text/plain; charset=no-such-charset"}, 415, "no-such-charset"),
    (b"--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc", {"content-type": "multipart/form-data; boundary=x"}, 400, "上传"),
    (b"abc", {"content-type": "multipart/form-data"}, 400, "上传"),
    (b"not a zip", {"content-type": DOCX_TYPE}, 422, ".docx"),
])
def test_what_is_no_document_answers_4xx_with_a_message(client, body, headers, status, words):
    response = client.post("/api/check", content=body, headers=headers)
    assert response.status_code == status
    assert words in response.json()["error"]


def test_upload_problems_answer_4xx_with_a_message(client):
    cases = [
        (("程序.exe", b"MZ\x90\x00"), 415, "程序.exe"),
        (("空.txt", b""), 400, "空"),
        (("坏.docx", b"PK\x03\x04 truncated"), 422, "坏.docx"),
        (("扫描件.pdf", make_pdf([[]])), 422, "OCR"),
        (("图片.txt", bytes(range(256)) * 4), 422, "二进制"),
    ]
    for (name, data), status, words in cases:
        response = upload(client, name, data)
        assert response.status_code == status, (name, response.text)
        assert words in response.json()["error"], name
    english = upload(client, "程序.exe", b"MZ", lang="en")
    assert english.json()["error"].startswith("Unsupported file")
    fields_only = b'--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--b--\r\n'
    nothing = client.post("/api/check", content=fields_only, headers={"content-type": "multipart/form-data; boundary=b"})
    assert nothing.status_code == 400 and "file" in nothing.json()["error"]


def test_over_the_limit_is_413_before_reading_the_body(client):
    big = ("学习" * 60_000).encode()  # 360 KB, over the client fixture's 200 KB
    response = client.post("/api/check", content=big, headers=TEXT)
    assert response.status_code == 413
    assert "上限" in response.json()["error"] and "KB" in response.json()["error"]

    def chunks():  # no Content-Length: the limit is enforced while reading
        for _ in range(50):
            yield b"x" * 10_000

    streamed = client.post("/api/check", content=chunks(), headers=TEXT)
    assert streamed.status_code == 413
    assert upload(client, "大.txt", big).status_code == 413


def test_client_file_names_are_labels_never_paths(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    response = upload(client, "../../etc/passwd.txt", MISQUOTE_TEXT.encode())
    assert response.status_code == 200
    assert response.json()["files"][0]["path"] == "passwd.txt"
    windows = upload(client, "C:\\Users\\张三\\稿件.md", MISQUOTE_TEXT.encode())
    assert windows.json()["files"][0]["path"] == "稿件.md"
    named = client.post("/api/check", content=MISQUOTE_TEXT.encode(), headers=TEXT, params={"name": "/tmp/x/../草稿.txt"})
    assert named.json()["files"][0]["path"] == "草稿.txt"
    assert list(tmp_path.iterdir()) == []
    for path in ("/static/../pyproject.toml", "/static/%2e%2e%2fpage.html", "/static/page.html", "/etc/passwd"):
        assert client.get(path).status_code == 404, path


def test_page_and_assets_are_served_from_memory_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200
    assert '<html lang="zh-CN">' in page.text and "核对" in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Check" in english.text
    for name, kind in (("page.js", "javascript"), ("result.js", "javascript"), ("page.css", "css"), ("icon.svg", "svg")):
        asset = client.get(f"/static/{name}")
        assert asset.status_code == 200 and kind in asset.headers["content-type"]
    from yinwen.web.page import ASSETS

    for text in [page.text] + [client.get(f"/static/{name}").text for name in ASSETS]:
        assert "http://" not in text.replace("http://www.w3.org", "") and "https://" not in text


def test_requests_for_another_host_or_from_another_site_are_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    foreign = client.post("/api/check", content=CLEAN_TEXT.encode(), headers={**TEXT, "origin": "http://attacker.example"})
    assert foreign.status_code == 403
    own = client.post("/api/check", content=CLEAN_TEXT.encode(), headers={**TEXT, "origin": "http://127.0.0.1:8765"})
    assert own.status_code == 200
    assert client.get("/api/check").status_code == 405


def test_review_holds_the_report_the_text_and_a_mark_for_every_quote_and_finding(client):
    seed = SEED.read_bytes()
    review = client.post("/api/review", content=seed, headers=TEXT).json()
    report = client.post("/api/check", content=seed, headers=TEXT).json()
    assert review["report"] == report
    assert review["text"] == seed.decode("utf-8")
    quotes, diagnostics = report["files"][0]["quotes"], report["files"][0]["diagnostics"]
    quote_marks = [m for m in review["marks"] if m["kind"] == "quote"]
    assert sorted(m["quote"] for m in quote_marks) == list(range(len(quotes)))
    for mark in quote_marks:
        assert mark["verdict"] == quotes[mark["quote"]]["verdict"]
        assert (mark["start"], mark["end"]) == (quotes[mark["quote"]]["span"]["start"], quotes[mark["quote"]]["span"]["end"])
    owners = [j for m in review["marks"] for j in m["findings"]]
    assert sorted(owners) == [j for j, d in enumerate(diagnostics) if d["span"]]
    kinds = {m["kind"] for m in review["marks"]}
    assert {"stutter", "reuse"} <= kinds
    misquote = next(j for j, d in enumerate(diagnostics) if d["code"] == "YW101" and "软弱退让" in (d["message"] + str(d["edits"])))
    extra = review["findings"][misquote]
    assert ["软弱退让", True] in extra["diff"]["quote"] and ["妥协", True] in extra["diff"]["source"]
    assert "二十届一中全会" in extra["citation"] and "2022年10月23日" in extra["citation"]
    assert extra["fix"]["text"].startswith(diagnostics[misquote]["fix"])
    assert review["counts"]["misquote"] == sum(1 for q in quotes if q["verdict"] == "misquote")
    assert review["counts"]["error"] == report["summary"]["errors"]


def test_fixed_text_download_is_what_fix_writes(client, tmp_path):
    path = tmp_path / "稿.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED.read_bytes().replace(b"\n", b"\r\n"))
    response = upload(client, path.name, path.read_bytes(), path="/api/download/fixed")
    assert response.status_code == 200
    assert "filename*=UTF-8''%E7%A8%BF-%E4%BF%AE%E6%AD%A3.txt" in response.headers["content-disposition"]
    applied = upload(client, path.name, path.read_bytes(), path="/api/fixes").json()["applied"]
    assert applied
    assert run_cli("check", str(path), "--fix").code in (0, 1)
    assert response.content == path.read_bytes()  # same bytes: BOM, CRLF, every fix


def test_fixed_text_with_chosen_fixes_changes_only_those(client):
    review = client.post("/api/review", content=SEED.read_bytes(), headers=TEXT).json()
    offered = [f["fix"] for f in review["findings"] if f["fix"]]
    chosen = next(fix for fix in offered if "妥协" in fix["text"])
    response = client.post("/api/download/fixed", content=SEED.read_bytes(), headers=TEXT,
                           params={"accept": f"{chosen['start']}-{chosen['end']}"})
    text = response.content.decode("utf-8")
    assert "以妥协求安全则安全亡" in text and "软弱退让" not in text
    others = [fix for fix in offered if fix is not chosen]
    seed = SEED.read_text(encoding="utf-8")
    assert others and text == seed[:chosen["start"]] + chosen["text"] + seed[chosen["end"]:]  # that fix, no other
    nothing = client.post("/api/download/fixed", content=SEED.read_bytes(), headers=TEXT, params={"accept": ""})
    assert nothing.content == SEED.read_bytes()
    bad = client.post("/api/download/fixed", content=SEED.read_bytes(), headers=TEXT, params={"accept": "12-x"})
    assert bad.status_code == 400


def test_annotated_download_is_what_annotate_writes(client, tmp_path):
    import docx

    path = docx_from_text(SEED.read_text(encoding="utf-8"), tmp_path / "seed.docx")
    expected = [d["code"] for d in cli_json(path)["files"][0]["diagnostics"]]
    response = upload(client, path.name, path.read_bytes(), path="/api/download/annotated")
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX_TYPE
    comments = list(docx.Document(io.BytesIO(response.content)).comments)
    assert [c.text.split(" ", 1)[0] for c in comments] == expected
    assert b"<w:ins " not in _document_xml(response.content)
    tracked = upload(client, path.name, path.read_bytes(), path="/api/download/annotated", accept="all")
    assert b"<w:ins " in _document_xml(tracked.content)
    text_only = client.post("/api/download/annotated", content=SEED.read_bytes(), headers=TEXT)
    assert text_only.status_code == 400 and ".docx" in text_only.json()["error"]


def _document_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def test_html_report_and_citations_downloads(client, tmp_path):
    html = client.post("/api/download/html", content=SEED.read_bytes(), headers=TEXT, params={"name": "体会.txt"})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "引文核对报告" in html.text and "体会.txt" in html.text
    path = tmp_path / "体会.txt"
    path.write_bytes(SEED.read_bytes())
    cited = client.post("/api/download/citations", content=SEED.read_bytes(), headers=TEXT, params={"name": "体会.txt"})
    with contextlib.chdir(tmp_path):
        expected = run_cli("cite", path.name)
    assert cited.content.decode("utf-8") == expected.stdout
    assert client.post("/api/download/nothing", content=b"x", headers=TEXT).status_code == 404


def test_several_drafts_in_flight_get_their_own_reports(client):
    from concurrent.futures import ThreadPoolExecutor

    drafts = {f"稿{n}.txt": text for n, text in enumerate([MISQUOTE_TEXT, CLEAN_TEXT, WARNING_TEXT, SEED.read_text(encoding="utf-8")] * 2)}

    def send(item):
        name, text = item
        return name, client.post("/api/check", content=text.encode(), headers=TEXT, params={"name": name}).json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = dict(pool.map(send, drafts.items()))
    for name, text in drafts.items():
        alone = client.post("/api/check", content=text.encode(), headers=TEXT, params={"name": name}).json()
        assert answers[name] == alone


def test_yinwen_check_does_not_import_the_web_stack():
    code = ("import sys, yinwen.cli.app; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'anyio', 'python_multipart')"
            " or m.startswith('yinwen.web')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_serve_refuses_a_network_address_without_allow_remote():
    result = run_cli("serve", "--host", "0.0.0.0", "--no-browser", "--lang", "en")
    assert result.code == 2
    assert "--allow-remote" in result.stderr and "Traceback" not in result.stderr
    chinese = run_cli("serve", "--host", "192.168.1.20", "--no-browser", "--lang", "zh")
    assert chinese.code == 2 and "确需如此，请加 --allow-remote" in chinese.stderr


def test_serve_says_when_the_port_is_taken():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        result = run_cli("serve", "--port", str(taken.getsockname()[1]), "--no-browser", "--lang", "en")
    assert result.code == 2
    assert "is in use" in result.stderr and "--port 0" in result.stderr


def test_serve_with_allow_remote_warns_and_answers_any_host_name():
    import urllib.request

    from tests.webserver import served

    with served("--host", "0.0.0.0", "--allow-remote", "--lang", "en") as server:
        request = urllib.request.Request(server.url, headers={"Host": "writer-pc.lan"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200
    assert any(line.startswith("yinwen: warning: serving on 0.0.0.0") for line in server.log)
    assert any("stopped." in line for line in server.log)


def test_uploaded_documents_leave_nothing_on_disk(client, tmp_path, monkeypatch):
    import tempfile

    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    made: list[int] = []
    real_mkdtemp = tempfile.mkdtemp

    def mkdtemp(*args, **kwargs):
        path = real_mkdtemp(*args, **kwargs)
        made.append(Path(path).stat().st_mode & 0o777)
        return path

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    draft = docx_from_text(MISQUOTE_TEXT, tmp_path / "稿.docx").read_bytes()
    assert upload(client, "稿.docx", draft).status_code == 200
    assert upload(client, "稿.docx", draft, path="/api/download/annotated").status_code == 200
    assert upload(client, "稿.pdf", make_pdf([[MISQUOTE_TEXT.strip()]])).status_code == 200
    assert upload(client, "坏.docx", b"PK\x03\x04 broken").status_code == 422
    assert made and all(mode == 0o700 for mode in made)  # private to this user while it exists
    assert list(private.iterdir()) == []
    assert client.post("/api/check", content=MISQUOTE_TEXT.encode(), headers=TEXT).status_code == 200
    assert len(made) == 5  # one per document read, one for the annotated copy; the text body never touches the disk
