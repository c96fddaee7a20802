"""The Starlette app: the page, its static files, and the HTTP API the page uses and scripts can call.

    POST /api/check             the draft → exactly the ``yinwen check --format json`` report
    POST /api/review            the draft → the report plus what the page draws (review.py)
    POST /api/fixes             the draft → the spans ``--fix`` would change (the page's "accept all")
    POST /api/download/{what}   the draft → annotated .docx, fixed text, HTML report or citations list

The draft is the body (``text/plain; charset=utf-8``, or a .docx/.pdf type) or one multipart file
upload. Anything that is no document answers 4xx with a one-line message in ``{"error": …}``; the
page shows it. Checks run one at a time in a worker thread, so tabs never share a half-done state.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from functools import partial
from urllib.parse import quote, urlsplit

import anyio
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from yinwen.web.checking import Checker, parse_accepted
from yinwen.web.drafts import DraftError, draft_from_body, read_body
from yinwen.web.page import StaticFiles, render_page
from yinwen.web.strings import DOWNLOAD_SUFFIX, language, message

LOCAL_HOSTS = ["127.0.0.1", "localhost", "::1"]
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]
DOWNLOADS = ("annotated", "fixed", "html", "citations")


def create_app(checker: Checker, max_bytes: int, allowed_hosts: list[str] | None = None) -> Starlette:
    """The app for one opened corpus. ``allowed_hosts``: the Host names it answers (None: this machine's names;
    an empty list: any, for a server the user chose to open to the network)."""
    api = _Api(checker, max_bytes)
    static = StaticFiles()

    async def page(request: Request) -> Response:
        lang = language(request.query_params.get("lang"))
        return HTMLResponse(render_page(static.template, lang, max_bytes, checker.corpus))

    async def asset(request: Request) -> Response:
        found = static.get(request.path_params["name"])
        if found is None:
            return _error(404, message("not_found", "zh"))
        return Response(found.data, media_type=found.media_type)

    routes = [
        Route("/", page),
        Route("/static/{name}", asset),
        Route("/api/check", api.endpoint(api.check), methods=["POST"]),
        Route("/api/review", api.endpoint(api.review), methods=["POST"]),
        Route("/api/fixes", api.endpoint(api.fixes), methods=["POST"]),
        Route("/api/download/{what}", api.endpoint(api.download), methods=["POST"]),
    ]
    handlers = {404: _not_found, 405: _not_allowed}
    middleware = [Middleware(_Guard, allowed_hosts=LOCAL_HOSTS if allowed_hosts is None else allowed_hosts)]
    return Starlette(routes=routes, middleware=middleware, exception_handlers=handlers)  # type: ignore[arg-type]


class _Api:
    def __init__(self, checker: Checker, max_bytes: int) -> None:
        self.checker = checker
        self.max_bytes = max_bytes
        self.limiter = anyio.CapacityLimiter(1)  # one check at a time: the engine's caches are not shared safely

    def endpoint(self, handler: Callable[[Request, str], Awaitable[Response]]):
        async def run(request: Request) -> Response:
            lang = language(request.query_params.get("lang"))
            if not _same_origin(request):
                return _error(403, message("forbidden_origin", lang))
            try:
                return await handler(request, lang)
            except DraftError as error:
                return _error(error.status, str(error))
            except Exception as error:  # noqa: BLE001 - a bug still answers with a message the page can show
                return _error(500, message("internal", lang, reason=f"{type(error).__name__}: {error}"))

        return run

    async def _checked(self, request: Request, lang: str):
        body = await read_body(request.stream(), request.headers.get("content-length"), self.max_bytes, lang)
        draft = draft_from_body(request.headers.get("content-type", ""), body, request.query_params.get("name"),
                                self.max_bytes, lang)
        return await self._run(self.checker.check, draft, lang)

    async def _run(self, function, *args):
        return await anyio.to_thread.run_sync(partial(function, *args), limiter=self.limiter)

    async def check(self, request: Request, lang: str) -> Response:
        checked = await self._checked(request, lang)
        body = await self._run(self.checker.report_json, checked, lang)
        return Response(body, media_type="application/json; charset=utf-8")

    async def review(self, request: Request, lang: str) -> Response:
        checked = await self._checked(request, lang)
        record = await self._run(self.checker.review, checked, lang)
        return Response(json.dumps(record, ensure_ascii=False), media_type="application/json; charset=utf-8")

    async def fixes(self, request: Request, lang: str) -> Response:
        checked = await self._checked(request, lang)
        applied = await self._run(self.checker.safe_fixes, checked)
        return JSONResponse({"applied": [[fix.start, fix.end] for fix in applied]})

    async def download(self, request: Request, lang: str) -> Response:
        what = request.path_params["what"]
        if what not in DOWNLOADS:
            return _error(404, message("not_found", lang))
        # Without accept=…, the fixed text is what --fix writes and the annotated copy what --annotate writes.
        accepted = parse_accepted(request.query_params.get("accept"), lang, default=None if what == "fixed" else [])
        checked = await self._checked(request, lang)
        if what == "annotated":
            made = await self._run(self.checker.annotated, checked, accepted, lang)
        elif what == "fixed":
            made = await self._run(self.checker.fixed_text, checked, accepted)
        elif what == "html":
            made = await self._run(self.checker.html, checked, lang)
        else:
            made = await self._run(self.checker.citations, checked)
        name = checked.draft.stem + DOWNLOAD_SUFFIX[lang][what] + made.extension
        return Response(made.data, media_type=made.media_type, headers={"content-disposition": _attachment(name)})


def _same_origin(request: Request) -> bool:
    """A browser names the page a request comes from; refuse other web sites' pages (scripts send no Origin)."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc.lower() == request.headers.get("host", "").lower()


def _attachment(name: str) -> str:
    fallback = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in name)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"


def _error(status: int, text: str) -> JSONResponse:
    return JSONResponse({"error": text}, status_code=status)


async def _not_found(request: Request, _exc: Exception) -> Response:
    return _error(404, message("not_found", language(request.query_params.get("lang"))))


async def _not_allowed(request: Request, _exc: Exception) -> Response:
    return _error(405, "method not allowed")


class _Guard:
    """Answer only requests addressed to this machine (a web page that rebinds its own domain name to 127.0.0.1
    gets no answer), and send every response with headers that allow no script, style or connection from
    anywhere else, no framing and no caching."""

    def __init__(self, app, allowed_hosts: list[str]) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.allowed_hosts and _host_name(scope) not in self.allowed_hosts:
            await _error(400, "invalid Host header")(scope, receive, send)
            return

        async def send_with_headers(event) -> None:
            if event["type"] == "http.response.start":
                event["headers"] = [*event.get("headers", []), *SECURITY_HEADERS]
            await send(event)

        await self.app(scope, receive, send_with_headers)


def _host_name(scope) -> str:
    host = next((value.decode("latin-1") for key, value in scope["headers"] if key == b"host"), "")
    try:
        return (urlsplit("//" + host).hostname or "").lower()
    except ValueError:
        return ""
