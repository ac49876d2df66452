"""Headless Chromium for the HTML report tests: install (via the project's
script), plain CLI runs (--dump-dom, --screenshot) and a tiny DevTools client
over --remote-debugging-pipe (no extra packages) to click and read the page."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio"]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def ensure_chromium() -> tuple[str | None, str]:
    """(path, reason): installs Chromium through scripts/install_system_deps.sh when missing."""
    exe = find_chromium()
    if exe:
        return exe, ""
    script = ROOT / "scripts" / "install_system_deps.sh"
    try:
        subprocess.run(["bash", str(script), "chromium"], timeout=900, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"installing Chromium failed: {exc}"
    exe = find_chromium()
    if exe:
        return exe, ""
    why = "not root" if os.geteuid() != 0 else ("no apt-get" if not shutil.which("apt-get") else "apt-get failed")
    return None, f"Chromium is not installed and could not be installed ({why})"


def run_cli(exe: str, url: str, *extra: str, timeout: int = 90) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory(prefix="nc-chrome-") as prof:
        return subprocess.run([exe, *FLAGS, f"--user-data-dir={prof}", *extra, url], capture_output=True,
                              timeout=timeout, text=True)


class DevTools:
    """Chrome DevTools Protocol over a pipe (fd 3 in, fd 4 out)."""

    def __init__(self, exe: str, width: int = 1400, height: int = 1000):
        self.prof = tempfile.TemporaryDirectory(prefix="nc-chrome-")
        import fcntl

        def high(fd):                # out of the way of 3 and 4
            new = fcntl.fcntl(fd, fcntl.F_DUPFD, 100)
            os.close(fd)
            return new

        to_r, to_w = os.pipe()       # we write commands, Chromium reads fd 3
        from_r, from_w = os.pipe()   # Chromium writes fd 4, we read
        to_r, from_w = high(to_r), high(from_w)

        args = [exe, *FLAGS, f"--user-data-dir={self.prof.name}", "--remote-debugging-pipe",
                f"--window-size={width},{height}", "about:blank"]
        # Chromium reads commands on fd 3 and writes on fd 4: let a shell put the pipes there
        self.proc = subprocess.Popen(
            ["bash", "-c", f'exec 3<&{to_r} 4>&{from_w} {to_r}<&- {from_w}>&-; exec "$0" "$@"', *args],
            pass_fds=(to_r, from_w), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_r)
        os.close(from_w)
        self.w = os.fdopen(to_w, "wb", buffering=0)
        self.r = os.fdopen(from_r, "rb", buffering=0)
        self.buf = b""
        self.next_id = 0
        self.session = None

    def _read_msg(self, deadline: float) -> dict:
        import select

        while b"\0" not in self.buf:
            left = deadline - time.time()
            if left <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self.r], [], [], left)
            if ready:
                chunk = self.r.read(65536)
                if not chunk:
                    raise RuntimeError("Chromium closed the pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, params: dict | None = None, session: bool = True, timeout: float = 30):
        self.next_id += 1
        cmd = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            cmd["sessionId"] = self.session
        self.w.write(json.dumps(cmd).encode() + b"\0")
        deadline = time.time() + timeout
        while True:
            msg = self._read_msg(deadline)
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def open(self, url: str):
        target = self.call("Target.createTarget", {"url": url}, session=False)["targetId"]
        self.session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True},
                                 session=False)["sessionId"]
        base = url.split("#", 1)[0]
        self.wait_for(f"location.href.split('#')[0] === {json.dumps(base)} && document.readyState === 'complete'")

    def eval(self, expr: str):
        res = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in res:
            raise RuntimeError(f"JS error: {res['exceptionDetails']}")
        return res["result"].get("value")

    def wait_for(self, expr: str, timeout: float = 20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if self.eval(expr):
                    return
            except RuntimeError:
                pass
            time.sleep(0.05)
        raise TimeoutError(expr)

    def screenshot(self, path: str):
        import base64

        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False})["data"]
        Path(path).write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:  # noqa: BLE001
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for f in (self.w, self.r):
            try:
                f.close()
            except OSError:
                pass
        self.prof.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
