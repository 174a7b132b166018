"""A light client that speaks Streamlit's WebSocket protocol, for bench/load.py.

One instance is one browser tab: it fetches the page (for the cookies: the XSRF cookie, and behind nginx the
route cookie), opens ``/_stcore/stream`` with the subprotocols the frontend sends, and asks for script runs with
``rerun_script`` BackMsgs, as the frontend does on load, on a widget change, on a button click and on a page
switch. It renders nothing: it reads from the ForwardMsgs only what the next action needs (widget ids, options
and values, the pages, the query string) and whether the run ended well. So one asyncio process drives dozens
of sessions without eating the cores it measures.

Checked against Streamlit 1.67: starlette_websocket.py (subprotocol ``streamlit`` then the XSRF token),
app_session.py (ClientState -> RerunData), selectbox.py (a selectbox's widget value is the formatted option,
``string_value``), forward_msg_cache.py (a ``ref_hash`` message only answers hashes the client said it has; this
client says none, so every message comes whole).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class RunError(Exception):
    """A run that did not end with FINISHED_SUCCESSFULLY (or showed an exception, or timed out)."""


@dataclass
class Selectbox:
    id: str
    options: list[str]
    value: str | None


@dataclass
class Page:
    script_hash: str
    name: str
    url_pathname: str


@dataclass
class RunResult:
    seconds: float
    messages: int
    bytes: int


@dataclass
class _Widgets:
    selectboxes: dict[str, Selectbox] = field(default_factory=dict)  # by label
    buttons: dict[str, list[str]] = field(default_factory=dict)  # label -> ids, in page order


def is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in LOOPBACK


async def http_get(host: str, port: int, path: str, cookies: dict[str, str], timeout: float) -> int:
    """A minimal HTTP/1.1 GET over asyncio streams (no thread, no extra package); keeps Set-Cookie in
    ``cookies``. The status."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        head = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Connection: close", "Accept: */*"]
        if cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout)  # Connection: close -> read to EOF
    finally:
        writer.close()
    header, _, _ = raw.partition(b"\r\n\r\n")
    lines = header.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "set-cookie":
            pair = value.strip().split(";", 1)[0]
            key, _, val = pair.partition("=")
            cookies[key.strip()] = val.strip()
    return status


class Session:
    """One tab of the dashboard over Streamlit's WebSocket protocol."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        parts = urlsplit(url)
        if not is_loopback(url):
            raise ValueError(f"only loopback URLs are allowed, not {url}")
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.ws: ClientConnection | None = None
        self.query_string = ""
        self.page_hash = ""
        self.pages: list[Page] = []
        self.widgets = _Widgets()

    async def open(self, query_string: str = "") -> RunResult:
        """What a browser does to open the page: GET it, the health check (the XSRF cookie) and the host
        config, connect, ask for the first run. Timed from the GET to the end of the run."""
        start = time.perf_counter()
        await self.close()
        for path in ("/", "/_stcore/health", "/_stcore/host-config"):
            status = await http_get(self.host, self.port, path, self.cookies, self.timeout)
            if status != 200:
                raise RunError(f"GET {path}: HTTP {status}")
        xsrf = self.cookies.get("_streamlit_xsrf", "PLACEHOLDER_AUTH_TOKEN")
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else None
        self.ws = await asyncio.wait_for(connect(
            f"ws://{self.host}:{self.port}/_stcore/stream", subprotocols=["streamlit", xsrf],  # type: ignore[list-item]
            additional_headers=headers, origin=f"http://{self.host}:{self.port}",  # type: ignore[arg-type]
            max_size=None, compression=None, open_timeout=self.timeout), self.timeout)
        self.query_string = query_string
        result = await self._run(ClientState(query_string=query_string), start)
        return result

    async def close(self) -> None:
        if self.ws is not None:
            ws, self.ws = self.ws, None
            await ws.close()

    # -- actions -------------------------------------------------------------------------------------------

    async def select(self, label: str, value: str) -> RunResult:
        """Change the selectbox ``label`` to ``value`` (a formatted option, as the frontend sends it)."""
        box = self.widgets.selectboxes[label]
        states = self._states()
        states[box.id] = WidgetState(id=box.id, string_value=value)
        return await self._rerun(list(states.values()))

    async def click(self, button_id: str) -> RunResult:
        states = self._states()
        states[button_id] = WidgetState(id=button_id, trigger_value=True)
        return await self._rerun(list(states.values()))

    async def switch(self, page: Page) -> RunResult:
        """A click on a page link: the page's hash and the link's query string (the filters), no widgets."""
        state = ClientState(query_string=self.query_string, page_script_hash=page.script_hash)
        return await self._run(state, time.perf_counter())

    # -- protocol ------------------------------------------------------------------------------------------

    def _states(self) -> dict[str, WidgetState]:
        """The values the frontend would send: every selectbox on the page as it stands (buttons only when
        clicked)."""
        return {box.id: WidgetState(id=box.id, string_value=box.value)
                for box in self.widgets.selectboxes.values() if box.value is not None}

    async def _rerun(self, states: list[WidgetState]) -> RunResult:
        state = ClientState(query_string=self.query_string, page_script_hash=self.page_hash)
        state.widget_states.widgets.extend(states)
        return await self._run(state, time.perf_counter())

    async def _run(self, state: ClientState, start: float) -> RunResult:
        if self.ws is None:
            raise RunError("not connected")
        state.context_info.timezone = "Europe/Copenhagen"
        state.context_info.locale = "da-DK"
        state.context_info.url = f"http://{self.host}:{self.port}/"
        msg = BackMsg()
        msg.rerun_script.CopyFrom(state)
        await self.ws.send(msg.SerializeToString())
        try:
            return await asyncio.wait_for(self._until_finished(start), self.timeout)
        except TimeoutError as exc:
            raise RunError(f"no script_finished within {self.timeout:g} s") from exc

    async def _until_finished(self, start: float) -> RunResult:
        assert self.ws is not None
        count = size = 0
        widgets = _Widgets()
        while True:
            data = await self.ws.recv(decode=False)
            count += 1
            size += len(data)
            fwd = ForwardMsg()
            fwd.ParseFromString(data)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self._new_session(fwd)
                widgets = _Widgets()  # a new run draws the page anew
            elif kind == "navigation":
                self._navigation(fwd)
            elif kind == "delta":
                self._delta(fwd, widgets)
            elif kind == "page_info_changed":
                self.query_string = fwd.page_info_changed.query_string
            elif kind == "ref_hash":
                raise RunError("a cached-message reference arrived although the client caches nothing")
            elif kind == "page_not_found":
                raise RunError(f"page not found: {fwd.page_not_found.page_name}")
            elif kind == "script_finished":
                status = fwd.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # st.rerun() or a newer request: the run that counts follows
                if status != ForwardMsg.FINISHED_SUCCESSFULLY:
                    raise RunError(f"script finished with {ForwardMsg.ScriptFinishedStatus.Name(status)}")
                self.widgets = widgets
                return RunResult(time.perf_counter() - start, count, size)

    def _new_session(self, fwd: ForwardMsg) -> None:
        self.page_hash = fwd.new_session.page_script_hash

    def _navigation(self, fwd: ForwardMsg) -> None:
        """The app's pages (sent with every run of a multipage app) and the page this run draws."""
        nav = fwd.navigation
        self.pages = [Page(p.page_script_hash, p.page_name, p.url_pathname) for p in nav.app_pages]
        if nav.page_script_hash:
            self.page_hash = nav.page_script_hash

    def _delta(self, fwd: ForwardMsg, widgets: _Widgets) -> None:
        delta = fwd.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            raise RunError(f"exception on the page: {element.exception.type}: {element.exception.message}")
        if kind == "selectbox":
            box = element.selectbox
            old = self.widgets.selectboxes.get(box.label)
            if box.set_value:
                value: str | None = box.raw_value if box.HasField("raw_value") else None
            elif old is not None and old.id == box.id and old.value in box.options:
                value = old.value  # the frontend keeps what it holds
            elif box.HasField("default") and 0 <= box.default < len(box.options):
                value = box.options[box.default]
            else:
                value = None
            widgets.selectboxes[box.label] = Selectbox(box.id, list(box.options), value)
        elif kind == "button":
            widgets.buttons.setdefault(element.button.label, []).append(element.button.id)
