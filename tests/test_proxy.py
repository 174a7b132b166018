"""Several Streamlit processes behind nginx (python -m deploy.serve): the rendered configuration passes
``nginx -t``; the route cookie keeps a browser on one process and moves it when that process is gone; and
in real Chromium, sessions whose process is killed continue on the other one with the same filters, an
upload goes through the proxy, and the supervisor brings the killed process back."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from deploy.serve import render_config
from tests.conftest import ROOT, private_copy
from tests.test_browser import _free_port, browser, pick, shot, wait_ready  # noqa: F401 (fixture)

NGINX = "/usr/sbin/nginx"


def _need_nginx() -> None:
    assert Path(NGINX).exists(), f"{NGINX} is missing: `make test` installs Debian's nginx-light as root"


# ---- the configuration and its routing, without Streamlit ---------------------------------------------------

def _backend(index: int) -> http.server.ThreadingHTTPServer:
    """A stand-in process: answers every GET with its index."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            body = str(index).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _get(url: str, route: str | None = None) -> tuple[str, str]:
    """The body (which process answered) and the route cookie nginx set."""
    request = urllib.request.Request(url, headers={"Cookie": f"st_route={route}"} if route else {})
    with urllib.request.urlopen(request, timeout=5) as response:
        cookie = response.headers.get("Set-Cookie") or ""
        found = re.match(r"st_route=(\d+);", cookie)
        return response.read().decode(), found.group(1) if found else ""


@pytest.fixture
def two_backends_behind_nginx(tmp_path: Path) -> Iterator[tuple[str, list[http.server.ThreadingHTTPServer]]]:
    _need_nginx()
    backends = [_backend(0), _backend(1)]
    port = _free_port()
    conf = tmp_path / "nginx.conf"
    conf.write_text(render_config(port=port, backends=[b.server_address[1] for b in backends], prefix=tmp_path,
                                  body_mb=5), encoding="utf-8")
    test = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf), "-e", "stderr"],
                          capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    assert "client_max_body_size 5m;" in conf.read_text()
    proc = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf), "-e", "stderr"], stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/_stcore/health"  # a path the processes answer (the page is read from disk)
    try:
        for _ in range(50):
            with contextlib.suppress(OSError):
                _get(url)
                break
            time.sleep(0.1)
        yield url, backends
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        for b in backends:
            b.shutdown()
            b.server_close()


def test_the_route_cookie_keeps_a_browser_on_its_process_and_moves_it_when_that_one_is_gone(
        two_backends_behind_nginx: tuple[str, list[http.server.ThreadingHTTPServer]]) -> None:
    url, backends = two_backends_behind_nginx
    first = {_get(url) for _ in range(4)}
    assert first == {("0", "0"), ("1", "1")}  # newcomers are spread; the cookie names who answered
    assert {_get(url, "1") for _ in range(5)} == {("1", "1")}  # sticky
    assert {_get(url, "0") for _ in range(5)} == {("0", "0")}
    assert _get(url, "7")[0] in ("0", "1")  # a stale route (fewer processes now) is treated as none

    backends[1].shutdown()
    backends[1].server_close()  # the process holding route 1 is gone
    assert _get(url, "1") == ("0", "0")  # answered by the other, and the cookie moves the browser there
    assert {_get(url) for _ in range(3)} == {("0", "0")}


def test_the_page_and_its_scripts_come_from_disk_and_the_rest_from_the_processes(
        two_backends_behind_nginx: tuple[str, list[http.server.ThreadingHTTPServer]]) -> None:
    """nginx serves Streamlit's own page and static files (the same for every process) and sends everything a
    process must answer (its API, WebSocket, media, sign-in) to the processes, by the route."""
    from deploy.serve import streamlit_static

    base = two_backends_behind_nginx[0].removesuffix("/_stcore/health")
    static = streamlit_static()
    page = (static / "index.html").read_text(encoding="utf-8")
    script = next((static / "static" / "js").glob("index.*.js"))
    for path in ("/", "/Indikatorer", "/Siden_sidste_moede"):
        assert _get(base + path) == (page, ""), path  # the page, from disk: no process answered, no route yet
    with urllib.request.urlopen(f"{base}/static/js/{script.name}", timeout=5) as response:
        assert response.read() == script.read_bytes()
        assert response.headers["Content-Type"] == "application/javascript"
        assert "immutable" in response.headers["Cache-Control"]
    for path in ("/_stcore/health", "/_stcore/host-config", "/media/abc.png", "/component/x/index.html",
                 "/app/static/a.png", "/auth/login", "/auth/logout", "/oauth2callback", "/Indikatorer/"):
        body, route = _get(base + path)
        assert body in ("0", "1") and route == body, path  # a process answered, and the cookie names it


# ---- the real thing: deploy.serve with two Streamlit processes, in Chromium ----------------------------------

@dataclass
class Served:
    url: str
    proc: subprocess.Popen[bytes]
    out: Path

    def log(self) -> str:
        return self.out.read_text(encoding="utf-8")

    def apps(self) -> dict[int, tuple[int, int]]:
        """Process index → (pid, port) of its newest start."""
        return {int(i): (int(pid), int(port))
                for i, pid, port in re.findall(r"started app (\d+) \(pid (\d+)\) on 127\.0\.0\.1:(\d+)", self.log())}

    def wait_for(self, pattern: str, timeout: float) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if found := re.search(pattern, self.log()):
                return found
            assert self.proc.poll() is None, f"deploy.serve exited:\n{self.log()}"
            time.sleep(0.2)
        pytest.fail(f"no {pattern!r} within {timeout} s:\n{self.log()}")


@pytest.fixture(scope="module")
def served(seed_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    _need_nginx()
    folder = tmp_path_factory.mktemp("serve")
    port = _free_port()
    with open(folder / "out.log", "wb") as out, open(folder / "err.log", "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "deploy.serve", "--port", str(port), "--processes", "2", "--nginx", NGINX],
            cwd=ROOT, env={**os.environ, "SUNDHED_DB": str(private_copy(seed_db, folder / "data"))}, stdout=out,
            stderr=err)
        s = Served(f"http://127.0.0.1:{port}", proc, folder / "out.log")
        try:
            s.wait_for(rf"serving on http://127\.0\.0\.1:{port} \(2 processes\)", 90)
            yield s
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    assert "stopped" in s.log()
    assert all(not _alive(pid) for pid, _ in s.apps().values()), "a Streamlit process outlived deploy.serve"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _route(context: BrowserContext) -> str:
    return next((c["value"] for c in context.cookies() if c["name"] == "st_route"), "")


def _open(browser: Browser, served: Served, route: str, path: str) -> Page:  # noqa: F811
    """A browser of its own placed on process ``route`` (as nginx would place a newcomer), at ``path``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="da-DK")
    context.add_cookies([{"name": "st_route", "value": route, "url": served.url}])
    page = context.new_page()
    page.goto(served.url + path)
    wait_ready(page)
    assert _route(context) == route  # nginx answered from that process and kept the cookie
    return page


# Streamlit's client connection state on its root element, recorded from before the kill: lost, then back.
# (Back, the client keeps what it shows and runs the script again, in its new session, at the next click;
# it reruns at once only if a run was under way.)
RECORD_STATES = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = () => app.getAttribute('data-test-connection-state');
  window.__states = [state()];
  new MutationObserver(() => window.__states.push(state())).observe(app, {attributes: true});
}"""
RECONNECTED = """() => {
  const s = window.__states;
  return s.some(x => x !== 'CONNECTED') && s[s.length - 1] === 'CONNECTED';
}"""


def _chosen(page: Page, label: str) -> str:
    """What the filter bar's selectbox ``label`` shows."""
    return page.locator(f'[data-testid="stSidebar"] input[role="combobox"][aria-label="{label}"]').input_value()


def _choose(page: Page, label: str, option: str, expected: str) -> None:
    """The first choice in a session that moved counts: the page's timed fragment (ui.page) makes Streamlit's
    client run the page again on reconnecting, so the new process's session has drawn the widgets."""
    pick(page, label, option)
    page.wait_for_url(re.compile(expected), timeout=20000)


@pytest.mark.browser
def test_sessions_of_a_killed_process_continue_on_the_other_with_the_same_filters(
        served: Served, browser: Browser) -> None:  # noqa: F811
    overblik = _open(browser, served, "0", "/?region=1082&klynge=vest&fra=2021-Q1&til=2025-Q4")
    indikatorer = _open(browser, served, "1", "/Indikatorer?region=1083&fra=2022-Q1&til=2025-Q4")
    tidslinje = _open(browser, served, "0", "/Tidslinje?region=1082&fra=2024-Q1&til=2026-Q3")
    # A filter changed in the session before its process dies.
    pick(overblik, "Region", "Region Syddanmark")
    overblik.wait_for_url(re.compile(r"region=1083"), timeout=20000)
    expect(overblik.get_by_text("Region Syddanmark · 1. kvt. 2021 – 4. kvt. 2025")).to_be_visible(timeout=20000)
    assert "klynge=" not in overblik.url
    before = {pg: pg.url for pg in (overblik, indikatorer, tidslinje)}

    for pg in (overblik, tidslinje):
        pg.evaluate(RECORD_STATES)
    victim_pid, victim_port = served.apps()[0]
    os.kill(victim_pid, signal.SIGKILL)
    killed = time.monotonic()

    # The two sessions of process 0 reconnect through nginx, which sends them to process 1.
    for pg in (overblik, tidslinje):
        pg.wait_for_function(RECONNECTED, timeout=30000)
        assert _route(pg.context) == "1", "the session did not move to the live process"
        assert pg.url == before[pg]  # the same filters, in the URL
    moved = time.monotonic() - killed
    assert _chosen(overblik, "Region") == "Region Syddanmark"  # and in the widgets
    expect(overblik.get_by_text("Region Syddanmark · 1. kvt. 2021 – 4. kvt. 2025")).to_be_visible(timeout=20000)

    # Live on process 1: a new choice is answered, on top of the filters carried over.
    _choose(overblik, "Til kvartal", "3. kvt. 2026", r"til=2026-Q3")
    expect(overblik.get_by_text("Region Syddanmark · 1. kvt. 2021 – 3. kvt. 2026")).to_be_visible(timeout=20000)
    pick(overblik, "Klynge", "Sundhedsklynge Fyn")
    overblik.wait_for_url(re.compile(r"klynge=fyn"), timeout=20000)
    expect(overblik.get_by_text("Sundhedsklynge Fyn, Region Syddanmark · 1. kvt. 2021 – 3. kvt. 2026")) \
        .to_be_visible(timeout=20000)
    _choose(tidslinje, "Region", "Region Syddanmark", r"region=1083.*fra=2024-Q1|fra=2024-Q1.*region=1083")
    expect(tidslinje.get_by_text("Region Syddanmark · 1. kvt. 2024 – 3. kvt. 2026")).to_be_visible(timeout=20000)
    # Syddanmark's initiatives have no time phrase a timeline can place: the page says so (a chart drawn here
    # would be the region before, still on screen)
    expect(tidslinje.get_by_text("Ingen af de 20 indsatser fra Region Syddanmark har en tidsangivelse")) \
        .to_be_visible(timeout=20000)
    expect(tidslinje.get_by_role("heading", name="Tidslinje")).to_be_visible()
    assert overblik.locator('[data-testid="stException"]').count() == 0
    shot(overblik, "proxy-after-failover")

    # The session that lived on process 1 all along was not disturbed.
    assert _route(indikatorer.context) == "1" and indikatorer.url == before[indikatorer]
    expect(indikatorer.get_by_text("Region Syddanmark · 1. kvt. 2022 – 4. kvt. 2025")).to_be_visible()

    # The supervisor restarted process 0 on its port.
    served.wait_for(r"app 0 exited with code -9", 10)
    found = served.wait_for(rf"app 0 \(pid (?!{victim_pid}\))(\d+)\) is healthy", 30)
    assert served.apps()[0] == (int(found.group(1)), victim_port)
    with urllib.request.urlopen(f"http://127.0.0.1:{victim_port}/_stcore/health", timeout=5) as r:
        assert r.status == 200
    print(f"sessions moved {moved:.1f} s after the kill; process 0 back after {time.monotonic() - killed:.1f} s")
    for pg in (overblik, indikatorer, tidslinje):
        pg.context.close()


MINUTES = """REFERAT Sundhedsstyregruppen d. 06-11-2026

Mødedato Fredag d. 06. november 2026 kl. 10:00

Punkt 1: Godkendelse af dagsorden

Beslutning
Dagsordenen blev godkendt.
"""


@pytest.mark.browser
def test_an_upload_goes_through_the_proxy_to_the_sessions_process(
        served: Served, browser: Browser, tmp_path: Path) -> None:  # noqa: F811
    upload = tmp_path / "referat_ssg_2026-11-06.txt"
    upload.write_text(MINUTES, encoding="utf-8")
    for route in ("0", "1"):
        # A process restarted moments ago (the test before) is skipped by nginx for fail_timeout (5 s).
        deadline = time.monotonic() + 15
        while _get(f"{served.url}/_stcore/health", route)[1] != route and time.monotonic() < deadline:
            time.sleep(0.5)
        page = _open(browser, served, route, "/Indlaes_data?region=1082")
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(upload))
        expect(page.get_by_text("Genkendt type: Referat")).to_be_visible(timeout=60000)
        assert _route(page.context) == route
        page.context.close()
