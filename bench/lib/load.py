#!/usr/bin/env python3
"""Load generator of bench/dashboard and bench/load (Python 3 standard library only).

  load.py overview --url URL --password P [--clients 1,10,20] [--duration S] [--warmup S] [--parallel 6]
      The API calls the overview page (/) makes, found in the page itself (every data-api attribute
      of a chart and the body's data-months-api), issued as one group the way the browser does:
      at once, at most --parallel in flight per client, each client with its own signed-in session
      and keep-alive connections. One client fetches the group once first (filling the query cache),
      then the most clients run for --warmup seconds (not measured); for each number of clients, a
      closed loop for S seconds. The group's latency is from its first request to its last response.
  load.py cold --url URL --password P --clickhouse URL --database DB --log FILE [--samples 3]
      The same group by one client right after the dashboard dropped its query cache: a copy of the
      latest job_runs row with a newer updated_at (what a new job run looks like to DataVersionWatcher),
      then the group once as soon as the dashboard's log says the cache was dropped. Then --burst
      clients (20) fetch the group at the same moment after one more drop; its failed requests are
      printed as a figure and do not make the exit status 1.
  load.py browse --url URL --password P [--users 50] [--duration 60] [--think 1.0] [--latest YYYY-MM]
      Simulated users of every role (leader, analyst, admin, agency-<code>) sign in with the form
      (CSRF token), then browse /, /agencies, an agency, one of its services, /stages, /targets and
      /reports over and over, each page with the API calls its charts make, with a think time
      between pages (uniform 0.5..1.5 x --think). A quarter of the rounds use another month.

Figures go to stdout as `name = value` lines, progress to stderr. An error is any answer outside
2xx/3xx or any exception; the exit status is 1 when there was one.
"""
import argparse
import gzip
import html
import http.client
import json
import queue
import random
import re
import sys
import threading
import time
import urllib.parse
import urllib.request

ACCEPT_HTML = "text/html,application/xhtml+xml"
ACCEPT_JSON = "application/json"


def log(message):
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}] {message}", file=sys.stderr, flush=True)


def percentile(values, p):
    """Linear interpolation between closest ranks (numpy's default); None for no values."""
    if not values:
        return None
    s = sorted(values)
    k = (len(s) - 1) * p / 100.0
    f = int(k)
    c = min(f + 1, len(s) - 1)
    return s[f] + (s[c] - s[f]) * (k - f)


def fmt(value, digits=1):
    return "n/a" if value is None else f"{value:.{digits}f}"


class Errors:
    """Counts errors (thread-safe) and keeps the first few for the log."""

    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0
        self.examples = []

    def add(self, text):
        with self.lock:
            self.count += 1
            if len(self.examples) < 10:
                self.examples.append(text)
                log(f"error: {text}")


class Session:
    """A browser-like session: a cookie jar (the session cookie) and up to `parallel` keep-alive connections."""

    def __init__(self, base, parallel=6, timeout=120):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port or 80
        self.parallel = parallel
        self.timeout = timeout
        self.cookies = {}
        self.lock = threading.Lock()
        self.idle = queue.LifoQueue()
        self.static_done = False

    def _connection(self):
        try:
            return self.idle.get_nowait()
        except queue.Empty:
            return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def request(self, method, path, accept=ACCEPT_JSON, body=None, content_type=None, referer=None):
        """One request; returns (status, headers, body bytes decoded from gzip, milliseconds). Raises on I/O errors."""
        headers = {"Accept": accept, "Accept-Encoding": "gzip", "User-Agent": "tahawul-bench"}
        if accept == ACCEPT_JSON:
            headers["X-Requested-With"] = "fetch"  # what dashboard.js sends
        with self.lock:
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        if referer:
            headers["Referer"] = referer
        conn = self._connection()
        started = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except Exception:
            conn.close()
            raise
        elapsed = (time.perf_counter() - started) * 1000.0
        self.idle.put(conn)
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            with self.lock:
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.headers.get("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        return response.status, response.headers, data, elapsed

    def login(self, username, password):
        """The sign-in form: GET /login for the CSRF token, POST it; returns milliseconds for both."""
        status, _, page, t1 = self.request("GET", "/login", accept=ACCEPT_HTML)
        if status != 200:
            raise RuntimeError(f"GET /login answered {status}")
        m = re.search(r'name="_csrf"\s+value="([^"]+)"', page.decode("utf-8")) \
            or re.search(r'value="([^"]+)"\s+name="_csrf"', page.decode("utf-8"))
        if not m:
            raise RuntimeError("no _csrf field in the sign-in form")
        form = urllib.parse.urlencode({"username": username, "password": password, "_csrf": html.unescape(m.group(1))})
        status, headers, _, t2 = self.request("POST", "/login", accept=ACCEPT_HTML, body=form,
                                              content_type="application/x-www-form-urlencoded")
        location = headers.get("Location", "")
        if status != 302 or "/login" in location:
            raise RuntimeError(f"sign-in of {username} failed: {status} {location}")
        return t1 + t2

    def close(self):
        while True:
            try:
                self.idle.get_nowait().close()
            except queue.Empty:
                return


def page_apis(page_html):
    """The API URLs a page's script fetches: each chart's data-api and the body's data-months-api."""
    text = page_html.decode("utf-8")
    urls = [html.unescape(u) for u in re.findall(r'data-api="([^"]+)"', text)]
    months = re.search(r'data-months-api="([^"]+)"', text)
    if months:
        urls.insert(0, html.unescape(months.group(1)))
    return urls


def links(page_html, prefix):
    return sorted(set(html.unescape(u) for u in re.findall(r'href="(' + re.escape(prefix) + r'[^"]+)"',
                                                            page_html.decode("utf-8"))))


def endpoint_name(url):
    path = urllib.parse.urlsplit(url).path
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    return path + ("?kpi=" + query["kpi"][0] if "kpi" in query else "")


def fetch_all(session, urls, errors, record=None, referer=None):
    """Fetches urls at once, at most session.parallel in flight, as the browser does; returns True when all succeeded."""
    pending = queue.Queue()
    for u in urls:
        pending.put(u)
    ok = [True]

    def worker():
        while True:
            try:
                u = pending.get_nowait()
            except queue.Empty:
                return
            try:
                status, _, _, ms = session.request("GET", u, referer=referer)
                if not 200 <= status < 400:
                    errors.add(f"GET {u} answered {status}")
                    ok[0] = False
                elif record:
                    record(u, ms)
            except Exception as e:  # noqa: BLE001 - every failure counts
                errors.add(f"GET {u}: {type(e).__name__}: {e}")
                ok[0] = False

    threads = [threading.Thread(target=worker) for _ in range(min(session.parallel, len(urls)) - 1)]
    for t in threads:
        t.start()
    worker()
    for t in threads:
        t.join()
    return ok[0]


# ---------------------------------------------------------------------------------------- overview
def discover_overview(args):
    s = Session(args.url, args.parallel)
    s.login(args.user, args.password)
    status, _, page, _ = s.request("GET", "/", accept=ACCEPT_HTML)
    if status != 200:
        sys.exit(f"GET / answered {status}")
    urls = page_apis(page)
    s.close()
    if not urls:
        sys.exit("the overview page names no API calls (no data-api attributes)")
    return urls


def run_group_loop(args, urls, clients, seconds, errors):
    """`clients` signed-in sessions, each fetching the group again and again for `seconds`; returns
    (group latencies, {endpoint: [ms]}, requests, elapsed seconds)."""
    sessions = []
    for i in range(clients):
        s = Session(args.url, args.parallel)
        s.login(args.user, args.password)
        sessions.append(s)
    groups, per_endpoint, lock = [], {}, threading.Lock()
    counted = [0]

    def record(u, ms):
        with lock:
            per_endpoint.setdefault(endpoint_name(u), []).append(ms)
            counted[0] += 1

    start_barrier = threading.Barrier(clients + 1)
    deadline = [0.0]

    def client(s):
        start_barrier.wait()
        while time.perf_counter() < deadline[0]:
            t0 = time.perf_counter()
            ok = fetch_all(s, urls, errors, record, referer=args.url + "/")
            ms = (time.perf_counter() - t0) * 1000.0
            if ok:
                with lock:
                    groups.append(ms)

    threads = [threading.Thread(target=client, args=(s,)) for s in sessions]
    for t in threads:
        t.start()
    deadline[0] = time.perf_counter() + seconds
    started = time.perf_counter()
    start_barrier.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    for s in sessions:
        s.close()
    return groups, per_endpoint, counted[0], elapsed


def overview(args):
    errors = Errors()
    urls = discover_overview(args)
    log(f"the overview page makes {len(urls)} API calls: " + ", ".join(urls))
    levels = [int(c) for c in args.clients.split(",")]
    print(f"overview_page_api_calls = {len(urls)}")
    prime = Session(args.url, args.parallel)
    prime.login(args.user, args.password)
    fetch_all(prime, urls, errors)  # one client fills the query cache first (a cold burst is measured by `cold`)
    prime.close()
    if args.warmup > 0:
        log(f"warm-up: {max(levels)} clients for {args.warmup} s (not measured)")
        run_group_loop(args, urls, max(levels), args.warmup, errors)
    total_requests = 0
    for c in levels:
        suffix = f"{c}_client" if c == 1 else f"{c}_clients"
        log(f"{c} client(s) for {args.duration} s, load average {loadavg()}")
        groups, per_endpoint, requests, elapsed = run_group_loop(args, urls, c, args.duration, errors)
        total_requests += requests
        for p in (50, 95, 99):
            print(f"overview_page_api_p{p}_ms_{suffix} = {fmt(percentile(groups, p))}")
        print(f"overview_page_api_groups_per_s_{suffix} = {fmt(len(groups) / elapsed)}")
        print(f"overview_page_api_requests_per_s_{suffix} = {fmt(requests / elapsed)}")
        print(f"overview_page_api_request_p95_ms_{suffix} = {fmt(percentile([v for l in per_endpoint.values() for v in l], 95))}")
        if c == max(levels):
            slowest = sorted(((percentile(v, 95), k) for k, v in per_endpoint.items()), reverse=True)
            print(f"overview_page_api_endpoint_p95_ms_{suffix} = \"" +
                  ", ".join(f"{k} {fmt(p)}" for p, k in slowest) + "\"")
        log(f"  {len(groups)} groups, {requests} requests, p50 {fmt(percentile(groups, 50))} ms, "
            f"p95 {fmt(percentile(groups, 95))} ms, load average {loadavg()}")
    print(f"overview_page_api_requests = {total_requests}")
    # The overview API itself, GET /api/overview (the selected period and the KPI cards): each client one
    # request at a time, as a script or another system calls it.
    endpoint = ["/api/overview"]
    args.parallel = 1
    for c in levels:
        suffix = f"{c}_client" if c == 1 else f"{c}_clients"
        log(f"/api/overview: {c} client(s) for {args.duration} s, load average {loadavg()}")
        times, _, requests, elapsed = run_group_loop(args, endpoint, c, args.duration, errors)
        for p in (50, 95, 99):
            print(f"api_overview_p{p}_ms_{suffix} = {fmt(percentile(times, p))}")
        print(f"api_overview_requests_per_s_{suffix} = {fmt(requests / elapsed)}")
        log(f"  {requests} requests, p50 {fmt(percentile(times, 50))} ms, p95 {fmt(percentile(times, 95))} ms")
    print(f"overview_page_api_errors = {errors.count}")
    return errors.count


# ---------------------------------------------------------------------------------------- cold
def clickhouse(args, sql):
    request = urllib.request.Request(f"{args.clickhouse}/?database={urllib.parse.quote(args.database)}",
                                     data=sql.encode("utf-8"))
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read().decode("utf-8").strip()


def count_drops(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return sum(1 for line in f if "dropping cached queries" in line)


def drop_cache(args, columns):
    """A copy of the latest job_runs row, updated now (for DataVersionWatcher a new job run; FINAL keeps one
    row per run, so the data stays the same); returns once the dashboard's log says it dropped its cache."""
    before = count_drops(args.log)
    clickhouse(args, f"INSERT INTO job_runs ({columns}, updated_at) SELECT {columns}, now64(3) FROM job_runs FINAL "
                     "ORDER BY updated_at DESC LIMIT 1")
    clickhouse(args, "OPTIMIZE TABLE job_runs FINAL")
    deadline = time.time() + args.wait
    while count_drops(args.log) == before:
        if time.time() > deadline:
            sys.exit(f"the dashboard did not drop its cache within {args.wait} s (no 'dropping cached queries' in {args.log})")
        time.sleep(0.05)


def cold(args):
    errors = Errors()
    urls = discover_overview(args)
    columns = clickhouse(args, "SELECT arrayStringConcat(groupArray(name), ', ') FROM system.columns "
                               "WHERE database = currentDatabase() AND table = 'job_runs' AND name != 'updated_at'")
    times = []
    for i in range(args.samples):
        s = Session(args.url, args.parallel)
        s.login(args.user, args.password)
        drop_cache(args, columns)
        t0 = time.perf_counter()
        ok = fetch_all(s, urls, errors, referer=args.url + "/")
        ms = (time.perf_counter() - t0) * 1000.0
        s.close()
        if ok:
            times.append(ms)
        log(f"cold sample {i + 1}/{args.samples}: {fmt(ms)} ms")
        time.sleep(args.pause)
    print(f"overview_page_api_cold_p50_ms_1_client = {fmt(percentile(times, 50))}")
    print(f"overview_page_api_cold_samples_ms = \"{' '.join(fmt(t) for t in times)}\"")
    print(f"overview_page_api_cold_errors = {errors.count}")
    if args.burst > 0:
        # `burst` clients opening the overview at the same moment right after a new job run: reported, an error
        # here does not fail the bench (it says how the dashboard copes with a cold cache under a crowd)
        burst_errors = Errors()
        sessions = []
        for _ in range(args.burst):
            s = Session(args.url, args.parallel)
            s.login(args.user, args.password)
            sessions.append(s)
        drop_cache(args, columns)
        barrier = threading.Barrier(args.burst)
        groups, lock = [], threading.Lock()

        def client(s):
            barrier.wait()
            t0 = time.perf_counter()
            ok = fetch_all(s, urls, burst_errors, referer=args.url + "/")
            with lock:
                groups.append(((time.perf_counter() - t0) * 1000.0, ok))

        threads = [threading.Thread(target=client, args=(s,)) for s in sessions]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for s in sessions:
            s.close()
        done = [ms for ms, ok in groups if ok]
        suffix = f"{args.burst}_clients"
        print(f"overview_page_api_cold_burst_p50_ms_{suffix} = {fmt(percentile(done, 50))}")
        print(f"overview_page_api_cold_burst_max_ms_{suffix} = {fmt(max(done) if done else None)}")
        print(f"overview_page_api_cold_burst_errors_{suffix} = {burst_errors.count}")
        log(f"cold burst of {args.burst} clients: {len(done)} groups complete, {burst_errors.count} failed requests"
            + (" (NOT counted as a bench failure)" if burst_errors.count else ""))
    return errors.count


# ---------------------------------------------------------------------------------------- browse
PAGES = ["overview", "agencies", "agency", "service", "stages", "targets", "reports"]


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def months_before(latest, n):
    y, m = int(latest[:4]), int(latest[5:7])
    out = []
    for _ in range(n):
        out.append(f"{y:04d}-{m:02d}")
        m -= 1
        if m == 0:
            y, m = y - 1, 12
    return out


def browse(args):
    errors = Errors()
    lock = threading.Lock()
    timings = {name: [] for name in ["login"] + PAGES}
    api_times, html_times = [], []
    counters = {"requests": 0, "pages": 0}

    # the agencies, as leadership sees them
    probe = Session(args.url)
    probe.login("leader", args.password)
    status, _, page, _ = probe.request("GET", "/agencies", accept=ACCEPT_HTML)
    probe.close()
    if status != 200:
        sys.exit(f"GET /agencies answered {status}")
    agencies = sorted(set(re.sub(r"[?#].*", "", u).rsplit("/", 1)[1] for u in links(page, "/agencies/")))
    if not agencies:
        sys.exit("the agencies page links no agency")
    roles = ["leader", "agency", "analyst", "agency", "admin"]  # 40 % agency staff, each of another agency
    users, next_agency = [], 0
    for i in range(args.users):
        role = roles[i % len(roles)]
        if role == "agency":
            role = "agency-" + agencies[next_agency % len(agencies)].lower()
            next_agency += 1
        users.append(role)
    by_role = {}
    for u in users:
        kind = "agency" if u.startswith("agency-") else u
        by_role[kind] = by_role.get(kind, 0) + 1
    agency_users = sorted(set(u for u in users if u.startswith("agency-")))
    log(f"{args.users} users: " + ", ".join(f"{k} {v}" for k, v in by_role.items())
        + f" ({len(agency_users)} agencies: {', '.join(agency_users)})")
    months = months_before(args.latest, 12) if args.latest else []
    deadline = [0.0]
    ramp = min(10.0, args.duration / 6.0)  # the users arrive over the first seconds, not at one instant

    def count(n=1):
        with lock:
            counters["requests"] += n

    def visit(s, name, path):
        """One page view: the HTML, then its charts' API calls at once; returns the HTML or None."""
        t0 = time.perf_counter()
        try:
            status, headers, body, ms = s.request("GET", path, accept=ACCEPT_HTML)
        except Exception as e:  # noqa: BLE001
            count()
            errors.add(f"GET {path}: {type(e).__name__}: {e}")
            return None
        count()
        if not 200 <= status < 400:
            errors.add(f"GET {path} answered {status}")
            return None
        with lock:
            html_times.append(ms)
        if status != 200:  # a redirect (to /login: the session was lost)
            errors.add(f"GET {path} answered {status} -> {headers.get('Location')}")
            return None
        if not s.static_done:
            # the page's scripts, style sheet and icon, once per session: the browser keeps them (max-age)
            s.static_done = True
            static = sorted(set(html.unescape(u) for u in re.findall(
                r'(?:src|href)="(/(?:js|css|webjars)/[^"]+|/favicon[^"]*)"', body.decode("utf-8"))))
            fetch_all(s, static, errors)
            count(len(static))
        urls = page_apis(body)

        def record(u, ms2):
            with lock:
                api_times.append(ms2)
        ok = fetch_all(s, urls, errors, record, referer=args.url + path)
        count(len(urls))
        elapsed = (time.perf_counter() - t0) * 1000.0
        if ok:
            with lock:
                timings[name].append(elapsed)
                counters["pages"] += 1
        return body

    def user(index, username):
        rng = random.Random(index)
        time.sleep(ramp * index / max(1, args.users))
        s = Session(args.url, args.parallel)
        try:
            ms = s.login(username, args.password)
            count(2)
            with lock:
                timings["login"].append(ms)
        except Exception as e:  # noqa: BLE001
            count(2)
            errors.add(f"sign-in of {username}: {type(e).__name__}: {e}")
            return
        agency_links, service_links = [], []
        while time.perf_counter() < deadline[0]:
            q = ""
            if months and rng.random() < 0.25:
                q = "?period=month&at=" + rng.choice(months)
            for name in PAGES:
                if time.perf_counter() >= deadline[0]:
                    break
                if name == "overview":
                    visit(s, name, "/" + q)
                elif name == "agencies":
                    body = visit(s, name, "/agencies" + q)
                    agency_links = links(body, "/agencies/") if body else []
                elif name == "agency":
                    if not agency_links:
                        continue
                    body = visit(s, name, rng.choice(agency_links))
                    service_links = links(body, "/services/") if body else []
                elif name == "service":
                    if not service_links:
                        continue
                    visit(s, name, rng.choice(service_links))
                else:
                    visit(s, name, "/" + name + (q if name != "reports" else ""))
                time.sleep(max(0.0, min(args.think * rng.uniform(0.5, 1.5), deadline[0] - time.perf_counter())))
        s.close()

    # a dashboard in use: one leader has seen every page of the latest month (not measured; the users'
    # other months, and the agency staff's own views, still start cold)
    warm = Session(args.url, args.parallel)
    warm.login("leader", args.password)
    for path in ("/", "/stages", "/targets", "/reports"):
        status, _, body, _ = warm.request("GET", path, accept=ACCEPT_HTML)
        fetch_all(warm, page_apis(body), errors)
    status, _, body, _ = warm.request("GET", "/agencies", accept=ACCEPT_HTML)
    fetch_all(warm, page_apis(body), errors)
    for agency_path in links(body, "/agencies/"):
        status, _, body2, _ = warm.request("GET", agency_path, accept=ACCEPT_HTML)
        fetch_all(warm, page_apis(body2), errors)
    warm.close()
    log(f"warm-up: leader saw every page of the latest month, {len(links(body, '/agencies/'))} agencies (not measured)")

    threads = [threading.Thread(target=user, args=(i, u), daemon=True) for i, u in enumerate(users)]
    started = time.perf_counter()
    deadline[0] = started + args.duration
    log(f"{args.users} users for {args.duration} s (think time {args.think} s), load average {loadavg()}")
    reporter_stop = threading.Event()

    def reporter():
        while not reporter_stop.wait(10):
            with lock:
                log(f"  {time.perf_counter() - started:.0f} s: {counters['requests']} requests, "
                    f"{counters['pages']} pages, {errors.count} errors, load average {loadavg()}")
    threading.Thread(target=reporter, daemon=True).start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    reporter_stop.set()
    elapsed = time.perf_counter() - started

    print(f"load_users = {args.users}")
    print(f"load_users_by_role = \"{', '.join(f'{k} {v}' for k, v in by_role.items())}; {len(agency_users)} agencies\"")
    print(f"load_duration_s = {fmt(elapsed)}")
    print(f"load_think_s = {args.think}")
    print(f"load_requests = {counters['requests']}")
    print(f"load_requests_per_s = {fmt(counters['requests'] / elapsed)}")
    print(f"load_pages = {counters['pages']}")
    print(f"load_pages_per_s = {fmt(counters['pages'] / elapsed)}")
    print(f"load_errors = {errors.count}")
    for name in ["login"] + PAGES:
        print(f"load_p95_ms_{name} = {fmt(percentile(timings[name], 95))}")
    print(f"load_pages_by_page = \"" + ", ".join(f"{n} {len(timings[n])}" for n in PAGES) + "\"")
    print(f"load_p50_ms_pages = \"" + ", ".join(f"{n} {fmt(percentile(timings[n], 50))}" for n in PAGES) + "\"")
    print(f"load_p95_ms_html = {fmt(percentile(html_times, 95))}")
    print(f"load_p95_ms_api = {fmt(percentile(api_times, 95))}")
    print(f"load_p99_ms_api = {fmt(percentile(api_times, 99))}")
    return errors.count


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    for name in ("overview", "cold", "browse"):
        p = sub.add_parser(name)
        p.add_argument("--url", required=True, help="the dashboard, e.g. http://127.0.0.1:8080")
        p.add_argument("--user", default="leader")
        p.add_argument("--password", required=True)
        p.add_argument("--parallel", type=int, default=6, help="requests in flight per client (a browser: 6)")
    sub.choices["overview"].add_argument("--clients", default="1,10,20")
    sub.choices["overview"].add_argument("--duration", type=float, default=30)
    sub.choices["overview"].add_argument("--warmup", type=float, default=10)
    sub.choices["cold"].add_argument("--clickhouse", required=True, help="ClickHouse HTTP, e.g. http://127.0.0.1:8123")
    sub.choices["cold"].add_argument("--database", required=True)
    sub.choices["cold"].add_argument("--log", required=True, help="the dashboard's log")
    sub.choices["cold"].add_argument("--samples", type=int, default=3)
    sub.choices["cold"].add_argument("--wait", type=float, default=90, help="seconds to wait for the cache drop")
    sub.choices["cold"].add_argument("--pause", type=float, default=1)
    sub.choices["cold"].add_argument("--burst", type=int, default=20, help="clients at once after a cache drop (0: none)")
    sub.choices["browse"].add_argument("--users", type=int, default=50)
    sub.choices["browse"].add_argument("--duration", type=float, default=60)
    sub.choices["browse"].add_argument("--think", type=float, default=1.0)
    sub.choices["browse"].add_argument("--latest", default="", help="latest month with data (YYYY-MM)")
    args = parser.parse_args()
    args.url = args.url.rstrip("/")
    errors = {"overview": overview, "cold": cold, "browse": browse}[args.mode](args)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
