"""Several Streamlit processes behind nginx, supervised: ``python -m deploy.serve [--port 8501] [--processes N]``.

Starts N ``streamlit run dashboard.py`` processes on free loopback ports and nginx in the foreground with
deploy/nginx.conf.in rendered into a temporary folder, polls each process's health, restarts one that exits
or stops answering (with backoff), and stops everything on SIGINT or SIGTERM. Every process reads the same
database (settings.db_path(): a link to the current immutable version), so a user moved from one process to
another sees the same data; the filters live in the URL, so the new session shows the same view.

One line per event on standard output; the processes' own output goes to standard error. Once every
process answers through nginx: "serving on http://HOST:PORT (N processes)". Python's standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import importlib.util
import logging
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.in"
log = logging.getLogger("deploy.serve")

HEALTH_EVERY = 2.0  # seconds between health checks of a process
UNHEALTHY_AFTER = 5  # failed checks in a row after which a process that answered before is restarted
START_WITHIN = 120.0  # seconds a new process may take to answer its first health check
STABLE_AFTER = 30.0  # a process that ran this long before exiting is restarted at once (backoff reset)
MAX_BACKOFF = 30.0


def render_config(*, port: int, backends: list[int], prefix: Path, listen: str = "127.0.0.1",
                  body_mb: int = 200, access_log: str = "off", template: str | None = None) -> str:
    """nginx.conf for ``backends`` (loopback ports, process i on backends[i]) behind ``listen:port``."""
    addr = [f"127.0.0.1:{p}" for p in backends]

    def server(a: str, backup: bool = False) -> str:
        return f"        server {a} max_fails=1 fail_timeout=5s{' backup' if backup else ''};"

    upstreams = ["    upstream st_any {", *(server(a) for a in addr), "    }"]
    for i, own in enumerate(addr):
        upstreams += [f"    upstream st_{i} {{", server(own),
                      *(server(a, backup=True) for a in addr if a != own), "    }"]
    routes = [f'        "{i}" st_{i};' for i in range(len(addr))]
    cookies = [f'        "~(^|, ){re.escape(a)}$" "st_route={i}; Path=/; HttpOnly; SameSite=Lax";'
               for i, a in enumerate(addr)]
    text = template if template is not None else TEMPLATE.read_text(encoding="utf-8")
    values = {"PREFIX": str(prefix), "ACCESS_LOG": access_log, "STATIC": str(streamlit_static()), "LISTEN": listen, "PORT": str(port),
              "BODY_MB": str(body_mb), "UPSTREAMS": "\n".join(upstreams), "ROUTES": "\n".join(routes),
              "COOKIES": "\n".join(cookies)}
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    assert not re.search(r"@@[A-Z_]+@@", text), "a placeholder of nginx.conf.in was left unfilled"
    return text


def streamlit_static() -> Path:
    """The installed Streamlit's page and scripts (its package's static/ folder), found without importing it."""
    spec = importlib.util.find_spec("streamlit")
    assert spec is not None and spec.origin, "Streamlit is not installed in this environment"
    return Path(spec.origin).parent / "static"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _die_with_parent() -> None:
    """In the child before exec: Linux sends it SIGTERM when the supervisor dies, even by SIGKILL, so no
    Streamlit process outlives it. Elsewhere a no-op."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


@dataclass
class Child:
    """One supervised process: a Streamlit process (``port`` set) or nginx."""

    name: str
    argv: list[str]
    health: str
    port: int | None = None
    proc: subprocess.Popen[bytes] | None = None
    started: float = 0.0
    due: float = 0.0  # when to (re)start it
    failures: int = 0  # quick exits in a row: the backoff
    up: bool = False  # answered its health check since it was started
    misses: int = 0
    checked: float = 0.0
    env: dict[str, str] = field(default_factory=dict)


class Supervisor:
    def __init__(self, port: int, processes: int, listen: str, nginx: str, prefix: Path,
                 access_log: str = "off") -> None:
        self.port, self.listen, self.prefix = port, listen, prefix
        self.stopping = False
        self.announced = False
        self.code = 0
        body_mb = int(float(_setting("max_upload_mb")))
        env = {**os.environ}
        # Signed cookies must verify on every process (Streamlit generates a secret per process otherwise).
        env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
        backends = [free_port() for _ in range(processes)]
        self.apps = [
            Child(f"app {i}", [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.headless", "true",
                               "--server.address", "127.0.0.1", "--server.port", str(p),
                               "--server.maxUploadSize", str(body_mb)],
                  health=f"http://127.0.0.1:{p}/_stcore/health", port=p, env=env)
            for i, p in enumerate(backends)]
        conf = prefix / "nginx.conf"
        conf.write_text(render_config(port=port, backends=backends, prefix=prefix, listen=listen,
                                      body_mb=body_mb + 1, access_log=access_log), encoding="utf-8")
        # Run as root, nginx's workers are nobody: they must reach the temporary paths it makes for them.
        prefix.chmod(0o755)
        self.nginx = Child("nginx", [nginx, "-p", str(prefix), "-c", str(conf), "-e", "stderr"],
                           health=f"http://{'127.0.0.1' if listen in ('0.0.0.0', '::') else listen}:{port}"
                                  "/_stcore/health", env=env)

    @property
    def children(self) -> list[Child]:
        return [*self.apps, self.nginx]

    def start(self, child: Child, now: float) -> None:
        child.proc = subprocess.Popen(child.argv, cwd=ROOT, env=child.env, stdin=subprocess.DEVNULL,
                                      stdout=sys.stderr, stderr=sys.stderr, start_new_session=True,
                                      preexec_fn=_die_with_parent)
        child.started, child.checked, child.up, child.misses = now, now, False, 0
        where = f" on 127.0.0.1:{child.port}" if child.port else f" on {self.listen}:{self.port}"
        log.info("started %s (pid %d)%s", child.name, child.proc.pid, where)

    def exited(self, child: Child, code: int, now: float) -> None:
        ran = now - child.started
        child.failures = 0 if ran >= STABLE_AFTER else child.failures + 1
        delay = 0.0 if child.failures == 0 else min(MAX_BACKOFF, 2.0 ** (child.failures - 1))
        child.proc, child.up, child.due = None, False, now + delay
        if child is self.nginx and not self.announced and child.failures >= 3:
            # Never served: a taken port or a bad configuration, which waiting does not mend.
            log.error("nginx exited with code %d three times before serving (its error is above); giving up", code)
            self.stopping, self.code = True, 1
            return
        log.info("%s exited with code %d after %.0f s; restarting in %.0f s", child.name, code, ran, delay)

    def check(self, child: Child, now: float) -> None:
        proc = child.proc
        assert proc is not None
        if now - child.checked < (HEALTH_EVERY if child.up else 0.5):
            return
        child.checked = now
        if healthy(child.health):
            if not child.up:
                log.info("%s (pid %d) is healthy after %.1f s", child.name, proc.pid, now - child.started)
            child.up, child.misses = True, 0
            return
        child.misses += 1
        hung = child.misses >= UNHEALTHY_AFTER if child.up else now - child.started > START_WITHIN
        if hung and child is not self.nginx:
            log.info("%s (pid %d) does not answer its health check; killing it", child.name, proc.pid)
            proc.kill()

    def step(self, now: float) -> None:
        for child in self.children:
            if child.proc is None:
                if now >= child.due:
                    self.start(child, now)
                continue
            code = child.proc.poll()
            if code is not None:
                self.exited(child, code, now)
                continue
            # nginx answers its own health check only through a process: check it once they answer.
            if child is not self.nginx or any(app.up for app in self.apps):
                self.check(child, now)
        if not self.announced and all(c.up for c in self.children):
            self.announced = True
            host = "127.0.0.1" if self.listen in ("0.0.0.0", "::") else self.listen
            log.info("serving on http://%s:%d (%d processes)", host, self.port, len(self.apps))

    def stop(self) -> None:
        log.info("stopping %d processes and nginx", len(self.apps))
        running = [c for c in self.children if c.proc is not None and c.proc.poll() is None]
        for child in running:
            assert child.proc is not None
            with contextlib.suppress(ProcessLookupError):
                child.proc.terminate()
        deadline = time.monotonic() + 10
        for child in running:
            assert child.proc is not None
            try:
                child.proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.info("%s (pid %d) did not stop in time; killing it", child.name, child.proc.pid)
                child.proc.kill()
                child.proc.wait()
        log.info("stopped")

    def run(self) -> int:
        def on_signal(signum: int, _frame: object) -> None:
            if not self.stopping:
                log.info("received %s", signal.Signals(signum).name)
            self.stopping = True

        signal.signal(signal.SIGINT, on_signal)
        signal.signal(signal.SIGTERM, on_signal)
        try:
            while not self.stopping:
                self.step(time.monotonic())
                time.sleep(0.2)
        finally:
            self.stop()
        return self.code


def _setting(name: str) -> str:
    sys.path.insert(0, str(ROOT))
    import settings

    return settings.get(name)


def ensure_db() -> None:
    """Version 1 from data/sources when there is no database (scripts/dev.sh also rebuilds a stale one)."""
    sys.path.insert(0, str(ROOT))
    import settings

    if not settings.db_path().exists():
        log.info("no database at %s; building it", settings.db_path())
        subprocess.run([sys.executable, "-m", "loaders", "build"], cwd=ROOT, check=True, stdout=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8501, help="the port nginx listens on (default 8501)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1,
                        help="Streamlit processes (default: one a core)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="the address nginx listens on (default 127.0.0.1; 0.0.0.0 in a container)")
    parser.add_argument("--nginx", default=shutil.which("nginx") or "/usr/sbin/nginx", help="the nginx binary")
    parser.add_argument("--access-log", default="off", help="nginx access log: a file, or off (default)")
    args = parser.parse_args(argv)
    if args.processes < 1:
        parser.error("--processes must be at least 1")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stdout, force=True)
    if not Path(args.nginx).exists():
        log.error("nginx is missing (%s): sudo apt-get install nginx-light", args.nginx)
        return 1
    ensure_db()
    with tempfile.TemporaryDirectory(prefix="sundhed-serve-") as tmp:
        access_log = "off" if args.access_log == "off" else f"{Path(args.access_log).resolve()} route"
        return Supervisor(args.port, args.processes, args.host, args.nginx, Path(tmp), access_log).run()


if __name__ == "__main__":
    sys.exit(main())
