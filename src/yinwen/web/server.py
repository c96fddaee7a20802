"""``yinwen serve``: open the corpus once, warm it, bind a socket on this machine and run the app with uvicorn.

Binding anywhere but a loopback address puts every draft sent to the page within reach of the
network, so it needs an explicit ``allow_remote`` and is announced with a warning. The socket is bound
before uvicorn starts, so a port in use is a one-line error, ``--port 0`` picks a free port, and the
browser can be opened at once (its first request waits in the listen queue).
"""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from dataclasses import dataclass

from yinwen.config.settings import Settings

WARM_UP = ("历史反复证明，“以斗争求安全则安全存，以软弱退让求安全则安全亡”。"
           "习近平总书记指出：“全心全意为人民服务”。认真学习党的二十大大报告。\n")


class ServeError(Exception):
    """The server cannot start; the message is one line for the user."""


@dataclass(frozen=True)
class ServeOptions:
    settings: Settings
    host: str = "127.0.0.1"
    port: int = 8765
    allow_remote: bool = False
    open_browser: bool = True
    lang: str = "zh"


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(options: ServeOptions) -> None:
    """Run until interrupted. Raises ServeError (before anything is served) when it cannot start."""
    import uvicorn

    from yinwen.web.app import LOCAL_HOSTS, create_app

    zh = options.lang != "en"
    local = is_loopback(options.host)
    if not local and not options.allow_remote:
        raise ServeError(f"不在 {options.host} 上提供服务：网络上的其他人将能打开这个页面、提交文稿。确需如此，请加 --allow-remote"
                         if zh else f"refusing to serve on {options.host}: anyone on the network could open the page and "
                                    "send drafts to it. Pass --allow-remote if that is what you want")
    listener = _bind(options.host, options.port, zh)  # first: a port in use is said at once, not after the warm-up
    port = listener.getsockname()[1]
    checker = _warm_checker(options.settings, zh)
    url = f"http://{_url_host(_reachable(options.host))}:{port}/" + ("?lang=en" if options.lang == "en" else "")
    if not local:
        _say(f"警告：正在 {options.host} 端口 {port} 上提供服务，同一网络中的任何人都能打开这个页面并提交文稿，页面没有登录保护。"
             if zh else f"warning: serving on {options.host} port {port}: anyone on the network can open the page and send "
                        "drafts to it; the page has no login.")
    _say(f"引文核对页面：{url}（按 Ctrl+C 停止）" if zh else f"the page is at {url} (Ctrl+C stops it)")
    if options.open_browser:
        threading.Thread(target=_open_browser, args=(url, zh), daemon=True).start()
    allowed = [] if not local else sorted({*LOCAL_HOSTS, options.host.strip("[]").lower()})
    app = create_app(checker, options.settings.max_bytes, allowed_hosts=allowed)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=3)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:  # uvicorn shuts down gracefully, then raises the Ctrl+C again
        pass
    _say("已停止。" if zh else "stopped.")


def _warm_checker(settings: Settings, zh: bool):
    """The corpus opened once (built first if needed), and one check run so every lazy import and table is loaded."""
    from yinwen.engine import open_settings_corpus
    from yinwen.web.checking import Checker
    from yinwen.web.drafts import Draft

    began = time.perf_counter()
    _say("正在加载语料索引（第一次运行要先建立索引，约需半分钟）……" if zh else
         "loading the corpus index (the first run builds it first: about half a minute)…")
    checker = Checker(settings, open_settings_corpus(settings))
    checked = checker.check(Draft("warm-up.txt", "", WARM_UP.encode("utf-8")), "zh")
    checker.review(checked, "zh")
    corpus = checker.corpus
    seconds = time.perf_counter() - began
    _say(f"语料 {len(corpus.sources)} 篇、{corpus.chars:,} 字已就绪（{seconds:.1f} 秒）" if zh else
         f"corpus ready: {len(corpus.sources)} sources, {corpus.chars:,} characters ({seconds:.1f} s)")
    return checker


def _bind(host: str, port: int, zh: bool) -> socket.socket:
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
        listener = socket.socket(family, kind, proto)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as error:
        in_use = getattr(error, "errno", None) in (48, 98, 10048)
        if in_use:
            raise ServeError(f"端口 {port} 已被占用：请用 --port 换一个（--port 0 自动选择）" if zh else
                             f"port {port} is in use: choose another with --port (--port 0 picks a free one)") from None
        raise ServeError(f"无法在 {host}:{port} 上监听：{error.strerror or error}" if zh else
                         f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    return listener


def _reachable(host: str) -> str:
    """The address a browser on this machine uses: the bound one, or loopback for the "any address" wildcards."""
    return {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host.strip("[]"), host)


def _url_host(host: str) -> str:
    bare = host.strip("[]")
    return f"[{bare}]" if ":" in bare else bare


def _open_browser(url: str, zh: bool) -> None:
    import webbrowser

    try:
        opened = webbrowser.open(url)
    except Exception:  # noqa: BLE001 - no browser is no reason to stop serving
        opened = False
    if not opened:
        _say(f"没有找到浏览器：请手动打开 {url}" if zh else f"no browser found: open {url} yourself")


def _say(text: str) -> None:
    sys.stderr.write(f"yinwen: {text}\n")
    sys.stderr.flush()
