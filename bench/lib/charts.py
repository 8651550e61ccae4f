#!/usr/bin/env python3
"""Chart finish time of a dashboard page in headless Chromium (bench/dashboard; Python 3 standard library only).

  charts.py --url URL --password P [--user leader] [--path /] [--loads 5] [--chromium chromium]

Signs in with the form (bench/lib/load.py), hands the session cookie to a headless Chromium driven
over the DevTools protocol on a pipe (--remote-debugging-pipe: no port, no WebSocket), and loads the
page --loads times after one first load with an empty browser cache. A script added to every new
document notes performance.now() (milliseconds since the navigation started) when every chart
container has data-chart-ready set, which dashboard.js does on ECharts' 'finished' event (the PDF
renderer and BrowserJourneyIT wait for the same attribute). A chart that failed ("error") is an error.
Prints overview_charts_finished_ms (median of the loads), the first load, every load and the count.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in bench/lib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load import Session, log, percentile, fmt  # noqa: E402

WATCH = r"""
(function () {
  window.__tahawulCharts = null;
  function check() {
    if (window.__tahawulCharts || document.readyState === 'loading') { return; }
    var all = document.querySelectorAll('[data-chart]');
    if (!all.length) { return; }
    var ready = 0, failed = 0;
    all.forEach(function (e) {
      if (e.dataset.chartReady === 'true') { ready++; } else if (e.dataset.chartReady === 'error') { failed++; }
    });
    if (ready + failed === all.length) {
      window.__tahawulCharts = { ms: performance.now(), charts: all.length, failed: failed, origin: performance.timeOrigin };
    }
  }
  new MutationObserver(check).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-chart-ready'] });
  document.addEventListener('DOMContentLoaded', check);
})();
"""


class Browser:
    """Headless Chromium with DevTools on fds 3 (commands in) and 4 (answers out), JSON messages ended by NUL."""

    def __init__(self, executable, lang="ar"):
        self.profile = tempfile.mkdtemp(prefix="tahawul-bench-chromium-")
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def fds():
            import fcntl
            a = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)
            os.setsid()

        self.log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.process = subprocess.Popen(
            [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
             "--user-data-dir=" + self.profile, "--remote-debugging-pipe", "--window-size=1366,900",
             "--lang=" + lang, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT, preexec_fn=fds, pass_fds=(3, 4))
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.next_id = 0
        self.answers = {}
        self.cond = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self.from_browser, 1 << 16)
            if not chunk:
                with self.cond:
                    self.answers[None] = "closed"
                    self.cond.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self.cond:
                        self.answers[message["id"]] = message
                        self.cond.notify_all()

    def send(self, method, params=None, session=None, timeout=60):
        with self.cond:
            self.next_id += 1
            mid = self.next_id
        message = {"id": mid, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.time() + timeout
        with self.cond:
            while mid not in self.answers:
                if None in self.answers:
                    raise RuntimeError(f"Chromium closed the DevTools pipe (see {self.log.name})")
                if not self.cond.wait(max(0.0, deadline - time.time())):
                    raise RuntimeError(f"no answer to {method} within {timeout} s")
            answer = self.answers.pop(mid)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - killed below
            pass
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, 9)  # the browser's helpers too (it leads its own process group)
        except ProcessLookupError:
            pass
        self.process.wait()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", required=True)
    parser.add_argument("--user", default="leader")
    parser.add_argument("--password", required=True)
    parser.add_argument("--path", default="/")
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--chromium", default=os.environ.get("TAHAWUL_CHROMIUM") or "chromium")
    parser.add_argument("--name", default="overview")
    args = parser.parse_args()
    base = args.url.rstrip("/")

    session = Session(base)
    session.login(args.user, args.password)
    session.close()
    browser = Browser(shutil.which(args.chromium) or args.chromium)
    failed = 0
    times = []
    try:
        page = next(t for t in browser.send("Target.getTargets")["targetInfos"] if t["type"] == "page")
        sid = browser.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True})["sessionId"]
        browser.send("Network.enable", session=sid)
        for name, value in session.cookies.items():
            browser.send("Network.setCookie", {"name": name, "value": value, "url": base + "/", "httpOnly": True}, session=sid)
        browser.send("Page.enable", session=sid)
        browser.send("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH}, session=sid)
        origin = 0.0
        for i in range(args.loads + 1):
            navigation = browser.send("Page.navigate", {"url": base + args.path}, session=sid)
            if navigation.get("errorText"):
                raise RuntimeError(f"navigation to {args.path} failed: {navigation['errorText']}")
            deadline = time.time() + args.timeout
            while True:
                value = browser.send("Runtime.evaluate", {"expression": "JSON.stringify(window.__tahawulCharts || null)",
                                                          "returnByValue": True}, session=sid)["result"].get("value")
                result = json.loads(value) if value else None
                if result and result["origin"] > origin:
                    break
                if time.time() > deadline:
                    where = browser.send("Runtime.evaluate", {"expression": "location.href", "returnByValue": True},
                                         session=sid)["result"].get("value")
                    raise RuntimeError(f"the charts of {args.path} did not finish within {args.timeout} s (at {where})")
                time.sleep(0.05)
            origin = result["origin"]
            if urllib.parse.urlsplit(base + args.path).path != urllib.parse.urlsplit(
                    browser.send("Runtime.evaluate", {"expression": "location.href", "returnByValue": True},
                                 session=sid)["result"]["value"]).path:
                raise RuntimeError("the browser is not on the page (signed out?)")
            failed += result["failed"]
            label = "first load (empty browser cache)" if i == 0 else f"load {i}/{args.loads}"
            log(f"{label}: {result['charts']} charts finished after {fmt(result['ms'])} ms"
                + (f", {result['failed']} FAILED" if result["failed"] else ""))
            if i == 0:
                first = result["ms"]
            else:
                times.append(result["ms"])
            charts = result["charts"]
    finally:
        browser.close()
    n = args.name
    print(f"{n}_charts_finished_ms = {fmt(percentile(times, 50), 0)}")
    print(f"{n}_charts_finished_first_ms = {fmt(first, 0)}")
    print(f"{n}_charts_finished_loads_ms = \"{' '.join(fmt(t, 0) for t in times)}\"")
    print(f"{n}_charts = {charts}")
    print(f"{n}_charts_failed = {failed}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
