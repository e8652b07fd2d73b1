#!/usr/bin/env python3
"""Dangjian's benchmarks: `make bench` runs this.

Each benchmark is measured against a baseline or peer taken in the same run, because these
machines are shared and noisy: the ratio is the figure that means something, not the seconds.
Every figure is the median of --runs runs (at least 5 for `make bench`) with min and max.

  python3 bench/run.py                       # the full city, release build, 5 runs
  python3 bench/run.py --smoke --binary .build/debug/dangjian
                                             # the whole harness on a tiny district, once
                                             # (make test runs this so the harness never rots)

Writes bench/results/latest.json (or --out): figures, baselines, ratios, goals, machine facts
and the git commit. Datasets are generated once per (scale, seed, binary) into --work and
reused by later runs; delete the folder to regenerate.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import http.client
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = 2026


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run(command, **kwargs):
    """Runs a command; its stdout is returned, its failure stops the harness with its stderr."""
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(map(str, command))}\n{result.stderr[-4000:]}\n{result.stdout[-2000:]}")
    return result.stdout


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def timed_process(command, **kwargs):
    started = time.perf_counter()
    run(command, **kwargs)
    return time.perf_counter() - started


def summary(values):
    values = list(values)
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


class Bench:
    def __init__(self, args):
        self.args = args
        self.binary = os.path.abspath(args.binary)
        self.work = os.path.abspath(args.work)
        os.makedirs(self.work, exist_ok=True)
        self.results = {}
        # The host's day is China's (Day(date) in the kernel); the sweeps are run for that day.
        self.today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date().isoformat()

    # Datasets ---------------------------------------------------------------------------

    def dataset(self, fraction):
        """The synthetic district at `fraction` of the chosen scale, generated once."""
        name = f"{self.args.scale}-{fraction:g}-seed{SEED}"
        directory = os.path.join(self.work, name)
        marker = os.path.join(directory, "generated.json")
        if os.path.exists(marker):
            return directory, json.load(open(marker))
        shutil.rmtree(directory, ignore_errors=True)
        log(f"generating {name} (once; later runs reuse it)")
        started = time.perf_counter()
        output = run([self.binary, "demo", "--scale", self.args.scale, "--fraction", str(fraction), "--seed", str(SEED),
                      "--data-dir", directory], env=self.env())
        seconds = time.perf_counter() - started
        facts = self.counts(directory)
        facts.update({"seconds": seconds, "generatedOn": self.today, "output": output.strip().splitlines()[-12:]})
        json.dump(facts, open(marker, "w"), ensure_ascii=False, indent=1)
        return directory, facts

    def counts(self, directory):
        db = sqlite3.connect(os.path.join(directory, "dangjian.sqlite"))
        one = lambda sql: db.execute(sql).fetchone()[0]
        facts = {"organizations": one("SELECT COUNT(*) FROM organizations"), "members": one("SELECT COUNT(*) FROM members"),
                 "ledgerRecords": one("SELECT COUNT(*) FROM orglife_records"),
                 "attendanceRows": one("SELECT COUNT(*) FROM orglife_attendance"),
                 "bytes": os.path.getsize(os.path.join(directory, "dangjian.sqlite"))}
        db.close()
        return facts

    def env(self, **extra):
        env = dict(os.environ)
        # The benchmarks start the host themselves; a scheduler tick would run a sweep inside a figure.
        env.update({"DANGJIAN_SCHEDULER_ENABLED": "false", "DANGJIAN_LOG_LEVEL": "warning"})
        env.update(extra)
        return env

    def dangjian(self, *arguments, env=None):
        return json_lines(run([self.binary, *arguments], env=env or self.env(), cwd=ROOT))

    # Benchmarks -------------------------------------------------------------------------

    def hook(self):
        calls, redis_calls = (self.args.hook_calls, max(1000, self.args.hook_calls // 10))
        peers = os.path.join(ROOT, "bench", "peers")
        c_binary = os.path.join(self.work, "hook-c")
        run(["gcc", "-O2", os.path.join(peers, "hook.c"), "-o", c_binary] + run(["pkg-config", "--cflags", "--libs", "lua5.4"]).split())
        measured = {"swift": [], "c": [], "lupa": [], "redis": []}
        for _ in range(self.args.runs):
            for figure in self.dangjian("bench", "hook", "--calls", str(calls)):
                measured["swift"].append(figure["seconds"] / figure["count"])
            for figure in json_lines(run([c_binary, os.path.join(ROOT, "bench", "lua", "hook.lua"), str(calls)])):
                measured["c"].append(figure["seconds"] / figure["count"])
            for figure in json_lines(run([sys.executable, os.path.join(peers, "hook_lupa.py"), "--calls", str(calls)], cwd=ROOT)):
                measured["lupa"].append(figure["seconds"] / figure["count"])
            for figure in json_lines(run([sys.executable, os.path.join(peers, "hook_redis.py"), "--calls", str(redis_calls)], cwd=ROOT)):
                measured["redis"].append(figure["seconds"] / figure["count"])
        ns = {k: summary(v * 1e9 for v in values) for k, values in measured.items()}
        ratio = ns["swift"]["median"] / ns["c"]["median"]
        self.results["hook"] = {
            "what": f"{calls:,} calls of a Lua event hook from Swift with a member-sized record", "unit": "ns/call",
            "figure": ns["swift"], "baseline": {"name": "C loop calling lua_pcall", **ns["c"]},
            "peers": {"python-lupa": ns["lupa"], "redis-evalsha": ns["redis"]},
            "ratio": ratio, "goal": "within 1.5x of the C loop; faster than both peers",
            "met": ratio <= 1.5 and ns["swift"]["median"] < ns["lupa"]["median"] and ns["swift"]["median"] < ns["redis"]["median"],
        }

    def sweep(self, directory, facts):
        figures = [self.dangjian("bench", "sweep", "--data-dir", directory, "--at", self.today)[0] for _ in range(self.args.runs)]
        record = os.path.join(self.work, "sweep-data.lua")
        self.dangjian("bench", "sweep", "--data-dir", directory, "--at", self.today, "--record", record)
        lua = json_lines(run(["lua5.4", os.path.join(ROOT, "bench", "sweep", "standalone.lua"), record, str(self.args.runs)]))
        os.remove(record)
        ours, theirs = summary(f["seconds"] for f in figures), summary(f["seconds"] for f in lua)
        ratio = ours["median"] / theirs["median"]
        failures = figures[0]["extra"]["failures"]
        self.results["sweep"] = {
            "what": f"dry-run sweep of every baseline rule over {facts['organizations']:,} organisations, {facts['members']:,} members",
            "unit": "s", "figure": ours, "evaluations": figures[0]["count"], "failures": failures,
            "baseline": {"name": "same rule functions in standalone lua5.4 over the recorded input rows", **theirs,
                         "calls": lua[0]["count"], "failures": lua[0]["failures"]},
            "ratio": ratio, "goal": "within 1.5x of standalone Lua, and under 10 s",
            "met": ratio <= 1.5 and ours["median"] < 10,
        }
        self.peak_mb = summary(f["extra"]["peakMB"] for f in figures)

    def sweep_scaling(self, city):
        points = []
        for fraction in (0.25, 0.5):
            directory, facts = self.dataset(self.args.fraction * fraction)
            seconds = summary(self.dangjian("bench", "sweep", "--data-dir", directory, "--at", self.today)[0]["seconds"]
                              for _ in range(self.args.runs))
            points.append({"fraction": fraction, "organizations": facts["organizations"], "members": facts["members"], **seconds})
        points.append({"fraction": 1.0, "organizations": city["organizations"], "members": city["members"],
                       **self.results["sweep"]["figure"]})
        # Least-squares slope of log(time) over log(size): 1 is linear, below 1 better than linear.
        xs = [math.log(p["members"]) for p in points]
        ys = [math.log(p["median"]) for p in points]
        mx, my = statistics.mean(xs), statistics.mean(ys)
        exponent = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        self.results["sweep-scaling"] = {
            "what": "sweep at 1/4, 1/2 and 1 of the district", "unit": "s", "points": points, "exponent": exponent,
            "goal": "time grows linearly or better (exponent <= 1.1)", "met": exponent <= 1.1,
        }

    def quarterly_check(self, directory):
        figures = [self.dangjian("bench", "quarterly-check", "--data-dir", directory)[0] for _ in range(self.args.runs)]
        sql_file = os.path.join(self.work, "quarterly.sql")
        self.dangjian("bench", "quarterly-check", "--data-dir", directory, "--sql", sql_file)
        statements = [s for s in open(sql_file).read().split(";\n") if s.strip().upper().startswith(("SELECT", "WITH"))]
        with open(sql_file, "w") as f:
            f.write(";\n".join(statements) + ";\n")
        database = os.path.join(directory, "dangjian.sqlite")
        empty = os.path.join(self.work, "empty.sql")
        open(empty, "w").write("SELECT 1;\n")
        times = []
        for _ in range(self.args.runs):
            # sqlite3's own start-up is taken off: the same process with a trivial statement.
            with open(sql_file) as script, open(os.devnull, "w") as sink:
                started = time.perf_counter()
                subprocess.run(["sqlite3", "-batch", "-readonly", database], stdin=script, stdout=sink, check=True)
                whole = time.perf_counter() - started
            with open(empty) as script, open(os.devnull, "w") as sink:
                started = time.perf_counter()
                subprocess.run(["sqlite3", "-batch", "-readonly", database], stdin=script, stdout=sink, check=True)
                times.append(max(whole - (time.perf_counter() - started), 1e-6))
        ours, theirs = summary(f["seconds"] for f in figures), summary(times)
        ratio = ours["median"] / theirs["median"]
        self.results["quarterly-check"] = {
            "what": f"org-life compliance matrix of {figures[0]['count']:,} organisations for one quarter", "unit": "s",
            "figure": ours, "baseline": {"name": f"its {len(statements)} SQL statements alone in sqlite3", **theirs},
            "ratio": ratio, "goal": "within 2x", "met": ratio <= 2,
        }

    def import_roster(self, directory, facts):
        rows = facts["members"]
        csv_path = os.path.join(self.work, "roster.csv")
        if not os.path.exists(csv_path):
            log(f"exporting the {rows:,}-member roster (unmasked) for the import benchmark")
            run([self.binary, "export", "members", "--unmasked", "--data-dir", directory, "--output", csv_path], env=self.env(), cwd=ROOT)
        empty = self.organizations_only()
        ours, theirs = [], []
        for _ in range(self.args.runs):
            target = os.path.join(self.work, "import-target")
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(empty, target)
            ours.append(timed_process([self.binary, "import", "members", csv_path, "--all-or-nothing", "--data-dir", target],
                                      env=self.env(), cwd=ROOT))
            plain = os.path.join(self.work, "plain.sqlite")
            if os.path.exists(plain):
                os.remove(plain)
            theirs.append(timed_process(["sqlite3", plain, ".mode csv", f".import {csv_path} roster"]))
        imported = self.counts(os.path.join(self.work, "import-target"))["members"]
        ours, theirs = summary(ours), summary(theirs)
        ratio = ours["median"] / theirs["median"]
        self.results["import"] = {
            "what": f"{rows:,}-row member roster CSV, every row validated, one transaction", "unit": "s", "rows": imported,
            "figure": ours, "baseline": {"name": "sqlite3 .import of the same file into a plain table", **theirs},
            "ratio": ratio, "goal": "within 3x", "met": ratio <= 3 and imported == rows,
        }

    def organizations_only(self):
        directory = os.path.join(self.work, f"{self.args.scale}-{self.args.fraction:g}-organizations")
        if not os.path.exists(os.path.join(directory, "generated.json")):
            shutil.rmtree(directory, ignore_errors=True)
            run([self.binary, "demo", "--scale", self.args.scale, "--fraction", str(self.args.fraction), "--seed", str(SEED),
                 "--organizations-only", "--data-dir", directory], env=self.env())
            json.dump({}, open(os.path.join(directory, "generated.json"), "w"))
        return directory

    # HTTP ---------------------------------------------------------------------------------

    def serve(self, directory):
        port = free_port()
        process = subprocess.Popen([self.binary, "serve", "--data-dir", directory, "--port", str(port)], cwd=ROOT,
                                   env=self.env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                return process, port
            except OSError:
                if process.poll() is not None:
                    raise SystemExit("the server stopped while starting")
                time.sleep(0.2)
        process.kill()
        raise SystemExit("the server did not answer /healthz within 120 s")

    def memory_idle(self, directory):
        values = []
        for _ in range(self.args.runs):
            process, port = self.serve(directory)
            time.sleep(1)
            values.append(resident_mb(process.pid))
            stop(process)
        idle = summary(values)
        self.results["memory"] = {
            "what": "resident memory of `serve` idle with the district, and peak of the sweep process", "unit": "MB",
            "idle": idle, "sweepPeak": self.peak_mb, "goal": "idle under 150 MB, peak under 1.5 GB",
            "met": idle["median"] < 150 and self.peak_mb["median"] < 1536,
        }

    def http(self, directory):
        # A copy of the district, because the writes add records: every run of the harness,
        # and every later benchmark, starts from the district as generated.
        copy = os.path.join(self.work, "http-copy")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(directory, copy)
        directory = copy
        process, port = self.serve(directory)
        try:
            token = login(port)
            db = sqlite3.connect(os.path.join(directory, "dangjian.sqlite"))
            low, high = db.execute("SELECT MIN(id), MAX(id) FROM members").fetchone()
            pairs = db.execute("""SELECT m.organization_id, m.id FROM members m JOIN organizations o ON o.id = m.organization_id
                                  WHERE m.status IN ('full', 'probationary') AND o.kind = 'branch' ORDER BY m.id LIMIT 5000""").fetchall()
            db.close()
            scripts = os.path.join(ROOT, "bench", "http")
            pairs_file = os.path.join(self.work, "pairs.txt")
            open(pairs_file, "w").write("".join(f"{o} {m}\n" for o, m in pairs))
            base = ["wrk", "-t2", f"-c{self.args.connections}", f"-d{self.args.duration}s", "--latency"]
            env = dict(os.environ, DJ_TOKEN=token, DJ_LOW=str(low), DJ_HIGH=str(high), DJ_PAIRS=pairs_file)
            health, read, write = [], [], []
            for _ in range(self.args.runs):
                health.append(wrk(base + [f"http://127.0.0.1:{port}/healthz"], env))
                read.append(wrk(base + ["-s", os.path.join(scripts, "read.lua"), f"http://127.0.0.1:{port}"], env))
            # Writes change the district, so they come after every read.
            anchor = (datetime.date.fromisoformat(self.today) - datetime.timedelta(days=2)).isoformat()
            for number in range(self.args.runs):
                write.append(wrk(base + ["-s", os.path.join(scripts, "write.lua"), f"http://127.0.0.1:{port}"],
                                 dict(env, DJ_RUN=str(number), DJ_ANCHOR=anchor)))
        finally:
            stop(process)
            shutil.rmtree(copy, ignore_errors=True)
        rate = lambda runs: summary(r["rps"] for r in runs)
        p99 = lambda runs: summary(r["p99ms"] for r in runs)
        errors = lambda runs: sum(r["errors"] for r in runs)
        ratio = rate(read)["median"] / rate(health)["median"]
        self.results["http-read"] = {
            "what": "GET /api/v1/members/{id} at random ids, wrk " + " ".join(base[1:4]), "unit": "requests/s",
            "figure": rate(read), "p99ms": p99(read), "non2xx": errors(read),
            "baseline": {"name": "GET /healthz on the same server", **rate(health), "p99ms": p99(health)},
            "ratio": ratio, "goal": "at least 60% of /healthz throughput; p99 reported",
            "met": ratio >= 0.6 and errors(read) == 0,
        }
        self.results["http-write"] = {
            "what": "POST /api/v1/orglife/records, one ledger record per request, wrk " + " ".join(base[1:4]), "unit": "requests/s",
            "figure": rate(write), "p99ms": p99(write), "non2xx": errors(write),
            "baseline": {"name": "http-read", **rate(read)}, "ratio": rate(write)["median"] / rate(read)["median"],
            "goal": "reported", "met": errors(write) == 0,
        }

    def console(self, directory):
        # The console over the city as the district admin: the home page (待办, counts by stage, the
        # quarter's compliance, the bell) and the member list, each timed request by request on one
        # kept-alive connection, so a figure is the server's time plus one loopback round trip.
        # The baseline is GET /api/v1/members (the same first page of the same list) in the same run.
        process, port = self.serve(directory)
        requests = 20 if self.args.smoke else 100
        try:
            token = login(port)
            cookie = console_login(port)
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            def timed(path, headers):
                values = []
                for _ in range(requests):
                    started = time.perf_counter()
                    connection.request("GET", path, headers=headers)
                    answer = connection.getresponse()
                    answer.read()
                    values.append((time.perf_counter() - started) * 1000)
                    if answer.status != 200:
                        raise SystemExit(f"console bench: {path} answered {answer.status}")
                return values
            home, members, api, panel = [], [], [], []
            for _ in range(self.args.runs):
                home.append(p95(timed("/", {"Cookie": cookie})))
                panel.append(p95(timed("/orglife/home-panel", {"Cookie": cookie})))
                members.append(p95(timed("/members", {"Cookie": cookie})))
                api.append(p95(timed("/api/v1/members", {"Authorization": "Bearer " + token})))
            connection.close()
        finally:
            stop(process)
        home, members, api, panel = summary(home), summary(members), summary(api), summary(panel)
        self.results["console-home"] = {
            "what": f"GET / (工作台) as the district admin over the district, p95 of {requests} requests", "unit": "ms",
            "figure": home, "baseline": {"name": "GET /api/v1/members p95", **api},
            "ratio": home["median"] / api["median"], "goal": "p95 under 150 ms", "met": home["median"] < 150,
        }
        self.results["console-panel"] = {
            "what": "GET /orglife/home-panel: the quarter's compliance, which the home page loads after it is shown, "
                    f"p95 of {requests} requests", "unit": "ms", "figure": panel,
            "baseline": {"name": "GET /api/v1/members p95", **api}, "ratio": panel["median"] / api["median"],
            "goal": "reported (the matrix of the whole subtree)", "met": True,
        }
        self.results["console-members"] = {
            "what": f"GET /members (党员名册, first page of 50) as the district admin, p95 of {requests} requests",
            "unit": "ms", "figure": members, "baseline": {"name": "GET /api/v1/members p95", **api},
            "ratio": members["median"] / api["median"], "goal": "reported", "met": True,
        }

    # Report -------------------------------------------------------------------------------

    def facts(self):
        def version(command):
            try:
                out = subprocess.run(command, capture_output=True, text=True, timeout=20)
                return (out.stdout or out.stderr).strip().splitlines()[0]
            except (OSError, IndexError, subprocess.TimeoutExpired):
                return "not found"
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor())
        memory = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
        commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=ROOT).stdout.strip() != ""
        return {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "commit": commit, "dirty": dirty, "cpus": os.cpu_count(), "cpu": cpu, "memoryMB": memory,
            "kernel": platform.release(), "build": "smoke (debug)" if self.args.smoke else "release",
            "swift": version(["swift", "--version"]), "lua": version(["lua5.4", "-v"]), "sqlite3": version(["sqlite3", "--version"]),
            "redis": version(["redis-server", "--version"]), "wrk": version(["wrk", "--version"]),
            "python": platform.python_version(), "lupa": version([sys.executable, "-c", "import lupa; print(lupa.__version__)"]),
        }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def resident_mb(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0


def login(port):
    body = json.dumps({"username": "demo-admin", "password": "Dangjian2026"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/auth/login", data=body,
                                     headers={"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request, timeout=30))["token"]


def console_login(port):
    """Signs the demo admin in through the console's login form; answers the session cookie."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/login")
    answer = connection.getresponse()
    page = answer.read().decode()
    login_cookie = re.search(r"dj_login=([^;]+)", answer.getheader("Set-Cookie") or "").group(1)
    csrf = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
    body = urllib.parse.urlencode({"_csrf": csrf, "username": "demo-admin", "password": "Dangjian2026"})
    connection.request("POST", "/login", body=body, headers={
        "Cookie": "dj_login=" + login_cookie, "Content-Type": "application/x-www-form-urlencoded"})
    answer = connection.getresponse()
    answer.read()
    session = next(v for k, v in answer.getheaders() if k.lower() == "set-cookie" and v.startswith("dj_session="))
    connection.close()
    return session.split(";")[0]


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def wrk(command, env):
    output = run(command, env=env)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)] if p99 else 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", output)
    return {"rps": rps, "p99ms": float(p99.group(1)) * scale if p99 else 0,
            "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, errors.groups())) if errors else 0)}


SMOKE_NOTE = ("smoke run: a tiny district, one run, a debug build. It proves the harness still works; "
              "its figures mean nothing, so no goal is judged (the met column is left out).")


def table(results, smoke=False):
    """The table printed at the end of a run; a smoke run's has no met column (see SMOKE_NOTE)."""
    def span(s, unit):
        return f"{s['median']:.4g} {unit} ({s['min']:.4g}–{s['max']:.4g})"
    def row(name, figure, baseline, ratio, goal, met):
        line = f"{name:<16} {figure:<34} {baseline:<42} {ratio:>7}  {goal:<44}"
        return line.rstrip() if smoke else f"{line} {met}"
    lines = [row("name", "figure (median, min–max)", "baseline / peer", "ratio", "goal", "met")]
    for name, r in results.items():
        met = "yes" if r["met"] else "NO"
        if name == "sweep-scaling":
            figure = ", ".join(f"{p['fraction']:g}: {p['median']:.3g}s" for p in r["points"])
            lines.append(row(name, figure, "itself", f"{r['exponent']:.2f}", r["goal"], met))
        elif name == "memory":
            figure = f"idle {r['idle']['median']:.0f} MB, sweep peak {r['sweepPeak']['median']:.0f} MB"
            lines.append(row(name, figure, "n/a", "", r["goal"], met))
        else:
            base = r["baseline"]
            baseline = f"{base['name'][:26]}: {base['median']:.4g}"
            if "peers" in r:
                baseline += " | " + ", ".join(f"{k} {v['median']:.4g}" for k, v in r["peers"].items())
            lines.append(row(name, span(r["figure"], r["unit"]), baseline, f"{r['ratio']:.2f}", r["goal"], met))
    return "\n".join(([SMOKE_NOTE] if smoke else []) + lines)


def markdown(report, smoke=False):
    """The README's table, from a results file: `python3 bench/run.py --markdown bench/results/latest.json`.
    A smoke run's table has no met column: its figures judge nothing."""
    def row(*cells):
        return ("| " + " | ".join(cells[:-1] if smoke else cells) + " |").replace("|  |", "| |")
    rows = [row("benchmark", "figure: median (min–max)", "baseline or peer, same run", "ratio", "goal", "met"),
            row(*["---"] * 6).replace(" ", "")]
    def number(v):
        return f"{v:,.0f}" if v >= 1000 else f"{v:.1f}" if v >= 10 else f"{v:.3g}"
    def span(s, unit):
        return f"{number(s['median'])} {unit} ({number(s['min'])}–{number(s['max'])})"
    for name, r in report["results"].items():
        met = "yes" if r["met"] else "**no**"
        if name == "sweep-scaling":
            points = "; ".join(f"{p['fraction']:g} × {report['district']['scale']}: {p['median']:.2f} s" for p in r["points"])
            rows.append(row(f"`{name}`", points, "itself", f"exponent {r['exponent']:.2f}", r["goal"], met))
        elif name == "memory":
            rows.append(row(f"`{name}`", f"idle {span(r['idle'], 'MB')}; sweep peak {span(r['sweepPeak'], 'MB')}", "n/a", "", r["goal"], met))
        else:
            base = r["baseline"]
            baseline = f"{base['name']}: {span(base, r['unit'])}"
            for peer, figure in r.get("peers", {}).items():
                baseline += f"; {peer}: {span(figure, r['unit'])}"
            figure = span(r["figure"], r["unit"])
            if "p99ms" in r:
                figure += f", p99 {r['p99ms']['median']:.1f} ms"
            rows.append(row(f"`{name}`", figure, baseline, f"{r['ratio']:.2f}", r["goal"], met))
    return "\n".join(([SMOKE_NOTE, ""] if smoke else []) + rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="tiny district, one run, short loads: checks the harness, not the speed")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "dangjian"))
    parser.add_argument("--scale", default="city")
    parser.add_argument("--fraction", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", default=os.path.join(ROOT, ".bench-data"))
    parser.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "latest.json"))
    parser.add_argument("--hook-calls", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of each wrk run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--only", default="", help="comma-separated subset, e.g. hook,sweep")
    parser.add_argument("--markdown", metavar="RESULTS", help="print the README table of a results file and stop")
    args = parser.parse_args()
    if args.markdown:
        report = json.load(open(args.markdown))
        print(markdown(report, smoke=args.smoke or report.get("machine", {}).get("build", "").startswith("smoke")))
        return
    if args.smoke:
        args.scale, args.fraction, args.runs, args.hook_calls, args.duration = "small", 0.1, 1, 10_000, 1
        if args.work == parser.get_default("work"):
            args.work = tempfile.mkdtemp(prefix="dangjian-bench-smoke-")
        if args.out == parser.get_default("out"):
            args.out = os.path.join(args.work, "smoke.json")
    if not args.smoke and args.runs < 5:
        log("note: fewer than 5 runs; the figures are not the ones the README may quote")
    only = set(filter(None, args.only.split(",")))
    wanted = lambda name: not only or name in only
    bench = Bench(args)
    facts = bench.facts()
    directory, city = bench.dataset(args.fraction)
    log(f"district: {city['organizations']:,} organisations, {city['members']:,} members, {city['ledgerRecords']:,} ledger records")
    if wanted("hook"):
        log("hook"); bench.hook()
    if wanted("sweep") or wanted("sweep-scaling") or wanted("memory"):
        log("sweep"); bench.sweep(directory, city)
    if wanted("sweep-scaling"):
        log("sweep-scaling"); bench.sweep_scaling(city)
    if wanted("quarterly-check"):
        log("quarterly-check"); bench.quarterly_check(directory)
    if wanted("import"):
        log("import"); bench.import_roster(directory, city)
    if wanted("memory"):
        log("memory"); bench.memory_idle(directory)
    if wanted("http-read") or wanted("http-write"):
        log("http"); bench.http(directory)
    if wanted("console") or wanted("console-home"):
        log("console"); bench.console(directory)
    report = {"machine": facts, "district": {"scale": args.scale, "fraction": args.fraction, "seed": SEED, **city},
              "runs": args.runs, "results": bench.results}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(report, f, ensure_ascii=False, indent=1)
    print(table(bench.results, smoke=args.smoke))
    print(f"\nwritten to {args.out} (commit {facts['commit'][:10]}{' + local changes' if facts['dirty'] else ''}, {facts['date']})")
    if args.smoke:
        print(markdown(report, smoke=True))
        missing = [n for n in ("hook", "sweep", "sweep-scaling", "quarterly-check", "import", "memory", "http-read", "http-write",
                               "console-home", "console-panel", "console-members")
                   if n not in bench.results]
        if missing or bench.results["sweep"]["failures"] or bench.results["http-read"]["non2xx"] or bench.results["http-write"]["non2xx"]:
            raise SystemExit(f"smoke: missing {missing} or failures in the sweep or HTTP runs")
        if args.work.startswith(tempfile.gettempdir()):
            shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
