#!/usr/bin/env python3
"""The kill-loop soak of issue 15: a real `dangjian serve` sends reminders through the robots'
peer and a real SMTP server, and is killed with SIGKILL at random moments, then restarted.
Afterwards it counts what arrived, from the receivers' side.

    python3 bench/soak/outbox_kill.py [--binary .build/debug/dangjian] [--count 1000] [--kills 20]
                                      [--branches 20] [--seed N] [--timeout 600] [--keep DIR]

Steps: start robots.py and smtp_server.py (STARTTLS with a self-signed certificate made by
openssl, AUTH required); `dangjian bench outbox-fill` stores COUNT reminders, each routed to
its branch's robots (WeCom; DingTalk, Feishu and webhooks with secrets) and by email; then
`serve` runs with the sender ticking every 100 ms. Each kill waits until a randomly drawn share
of the rows is delivered, and at least one row more than when this run started (so every kill
lands while sending, none before the sender has begun), then a random 0-100 ms more (a tick's
sends take a fraction of a second), then SIGKILL. After the last restart it waits until no deliverable row is pending, and stops serve
with SIGTERM.

What it counts. Every reminder's title carries a token ([R0042]) and every message its
idempotency key (a header for the robots, X-Dangjian-Idempotency-Key and a Message-ID for email).
An outbox row is the pair (reminder, robot) or (reminder, mailbox). A receiver that drops a key
it has seen keeps the first message of each key, so a row has *arrived* when the first message
of some key at its receiver told its reminder. Arrivals are split into epochs, one per run of
serve (the receivers' lists are read after each kill), so each repeat of a key can be laid to
the kill that ended the epoch of the copy before it.

It exits 1 when:
  - a row never arrived (lost), or arrived only in a later copy that a receiver would drop;
  - a row arrived under two keys (a resend under a new key), or a copy told other reminders
    than the first message of its key;
  - a key arrived twice in one epoch (a repeat without a crash);
  - a kill left more than one repeat per robot: a robot's messages go out one after another,
    so at most one is sent but not yet recorded when the host dies. Each email is its own
    message under its own key, sent concurrently, so the bound for email is one repeat per
    message per kill, which the epoch check already holds.
It prints a JSON summary on stdout, and a short table on stderr.
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PEERS = os.path.join(ROOT, "Tests", "DangjianDeliveryTests", "Peers")
TOKEN = re.compile(r"\[R(\d{4,})\]")
SECRET_PREFIX = "SECkill-loop"


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_peer(command, stderr, env=None):
    """Starts a peer that prints its port as its first line; returns (process, port)."""
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, env=env,
                               text=True)
    line = process.stdout.readline()
    if not line.strip().isdigit():
        raise SystemExit(f"peer did not start: {command[1]} said {line!r}")
    return process, int(line)


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


def post_json(url, body):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        answer.read()


class Outbox:
    """The database, read-only, as the sender leaves it."""

    def __init__(self, path):
        self.path = path

    def query(self, sql, arguments=()):
        connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30)
        try:
            return connection.execute(sql, arguments).fetchall()
        finally:
            connection.close()

    def counts(self):
        rows = self.query("SELECT status, COUNT(*) FROM outbox WHERE channel <> 'inApp' GROUP BY status")
        return Counter(dict(rows))


class Receivers:
    """What the robots' peer and the mailbox have taken so far."""

    def __init__(self, robots_url, maildir):
        self.robots_url = robots_url
        self.maildir = maildir

    def robots(self):
        return get_json(self.robots_url + "/_received")

    def mails(self):
        names = sorted(n for n in os.listdir(self.maildir) if n.endswith(".json"))
        mails = []
        for name in names:
            with open(os.path.join(self.maildir, name)) as f:
                mails.append(json.load(f))
        return mails

    def sizes(self):
        return len(self.robots()), len(self.mails())


class Serve:
    """One run of `dangjian serve` at a time."""

    def __init__(self, binary, data, env, logs):
        self.binary, self.data, self.env, self.logs = binary, data, env, logs
        self.process = None
        self.runs = 0

    def start(self):
        self.runs += 1
        out = open(os.path.join(self.logs, f"serve-{self.runs:02d}.log"), "w")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data-dir", self.data, "--port", str(free_port())],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=self.env, cwd=ROOT)
        out.close()

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise SystemExit("serve did not stop within a minute of SIGTERM")

    def check_alive(self):
        if self.process.poll() is not None:
            raise SystemExit(f"serve exited by itself with {self.process.returncode}; see {self.logs}")


def fill(options, data, robots_url):
    command = [options.binary, "bench", "outbox-fill", "--data-dir", data, "--count", str(options.count),
               "--branches", str(options.branches), "--robots-url", robots_url, "--secret-prefix", SECRET_PREFIX]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=quiet_env())
    if done.returncode != 0:
        raise SystemExit(f"outbox-fill failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def quiet_env():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANGJIAN_")}
    env["DANGJIAN_LOG_LEVEL"] = "warning"
    return env


def serve_env(smtp_port, maildir, password):
    env = quiet_env()
    env.update({
        "DANGJIAN_LOG_LEVEL": "notice",
        # No sweep: the outbox holds the reminders the fill stored, and nothing else.
        "DANGJIAN_SCHEDULER_ENABLED": "false",
        "DANGJIAN_DELIVERY_TICK_MILLISECONDS": "100",
        "DANGJIAN_DELIVERY_RETRY_BASE_SECONDS": "1",
        "DANGJIAN_DELIVERY_SMTP_HOST": "127.0.0.1",
        "DANGJIAN_DELIVERY_SMTP_PORT": str(smtp_port),
        "DANGJIAN_DELIVERY_SMTP_SECURITY": "starttls",
        "DANGJIAN_DELIVERY_SMTP_USERNAME": "kill-loop",
        "DANGJIAN_DELIVERY_SMTP_PASSWORD": password,
        "DANGJIAN_DELIVERY_SMTP_FROM": "dangjian@kill-loop.example.cn",
        "DANGJIAN_DELIVERY_SMTP_CA_FILE": os.path.join(maildir, "tls", "cert.pem"),
    })
    return env


def wait_for(condition, timeout, serve):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        serve.check_alive()
        if condition():
            return True
        time.sleep(0.01)
    return False


def run_loop(options, outbox, receivers, serve):
    """Starts, kills and restarts serve; returns the receivers' sizes after each run and each kill's facts."""
    total = sum(outbox.counts().values())
    rng = random.Random(options.seed)
    # Where each kill falls: a share of the rows delivered, drawn at random and sorted, so
    # the kills spread over the whole send.
    shares = sorted(rng.uniform(0.02, 0.95) for _ in range(options.kills))
    boundaries, kills = [], []
    for n, share in enumerate(shares):
        at_start = outbox.counts()["delivered"]
        serve.start()
        started = time.monotonic()
        # At least one row sent by this run too, so that no kill falls before the sender has started.
        target = max(int(share * total), at_start + 1)

        def due():
            counts = outbox.counts()
            return counts["delivered"] >= target or counts["pending"] == 0

        # A run that makes no progress for a minute is killed anyway (and says so).
        reached = wait_for(due, min(options.timeout, 60), serve)
        # A tick sends a few hundred rows in well under a second: kill within a tick's time.
        time.sleep(rng.uniform(0, 0.1))
        before = outbox.counts()
        serve.kill()
        # A message the peer had read whole before the kill is still being filed: let it land
        # in this epoch, not the next.
        time.sleep(0.5)
        boundaries.append(receivers.sizes())
        kills.append({"kill": n + 1, "afterSeconds": round(time.monotonic() - started, 2), "targetReached": reached,
                      "delivered": before["delivered"], "pending": before["pending"]})
        log(f"kill {n + 1:2d}/{options.kills}: after {kills[-1]['afterSeconds']:6.2f} s, "
            f"{before['delivered']}/{total} delivered, {before['pending']} pending")
    serve.start()
    started = time.monotonic()
    drained = wait_for(lambda: outbox.counts()["pending"] == 0, options.timeout, serve)
    serve.stop()
    time.sleep(0.5)
    boundaries.append(receivers.sizes())
    log(f"last run: {'drained' if drained else 'TIMED OUT'} after {time.monotonic() - started:.1f} s")
    return boundaries, kills, drained, total


def epoch_of(index, boundaries, which):
    for epoch, sizes in enumerate(boundaries):
        if index < sizes[which]:
            return epoch
    return len(boundaries) - 1


def count(outbox, receivers, robots, boundaries, kills):
    """The receivers' side, against the outbox rows. Returns (summary, failures)."""
    endpoints = [row[0] for row in outbox.query("SELECT id FROM channel_endpoints ORDER BY id")]
    path_of = dict(zip(endpoints, robots))
    rows = {}  # (receiver, reminder) -> row facts
    for oid, channel, endpoint, address, status, batch_key, row_key, notice_key in outbox.query(
            """SELECT o.id, o.channel, o.endpoint_id, o.address, o.status, o.batch_key, o.idempotency_key,
                      n.idempotency_key FROM outbox o JOIN notifications n ON n.id = o.notification_id
               WHERE o.channel <> 'inApp'"""):
        reminder = int(notice_key.split(":")[1])
        receiver = path_of[endpoint] if endpoint is not None else "mailto:" + address
        # An email tells one notice, under the notice's own key (and a Message-ID made from it);
        # a robot's message carries the key of the batch its row went out in.
        expected = notice_key if channel == "email" else batch_key
        rows[(receiver, reminder)] = {"id": oid, "channel": channel, "status": status, "key": expected}

    # Every message as the receivers took it: receiver, key, the reminders it told, its epoch.
    messages = []
    for index, message in enumerate(receivers.robots()):
        told = frozenset(int(t) for t in TOKEN.findall(message["body"]))
        messages.append((message["path"].split("?")[0], message["idempotencyKey"], told,
                         epoch_of(index, boundaries, 0)))
    for index, mail in enumerate(receivers.mails()):
        key = mail["idempotency_key"] or ""
        reminder = int(key.split(":")[1]) if key.startswith("kill-loop:") else None
        messages.append(("mailto:" + ",".join(mail["rcpt_tos"]), mail["idempotency_key"],
                         frozenset([] if reminder is None else [reminder]), epoch_of(index, boundaries, 1),
                         mail["message_id"]))

    failures = []
    first = {}  # (receiver, key) -> reminders told by the first message of that key
    copies = defaultdict(list)  # (receiver, key) -> epochs of its messages
    message_ids = defaultdict(set)
    for message in messages:
        receiver, key, told, epoch = message[:4]
        if key is None:
            failures.append(f"a message to {receiver} without an idempotency key")
            continue
        if len(message) == 5:
            message_ids[key].add(message[4])
        if (receiver, key) in first and first[(receiver, key)] != told:
            failures.append(f"a copy of {key} at {receiver} told other reminders than its first message")
        first.setdefault((receiver, key), told)
        copies[(receiver, key)].append(epoch)

    keys_of_row = defaultdict(set)
    for (receiver, key), told in first.items():
        for reminder in told:
            keys_of_row[(receiver, reminder)].add(key)
    lost = [r for r in rows if r not in keys_of_row]
    two_keys = [r for r, keys in keys_of_row.items() if len(keys) > 1]
    wrong_key = [r for r, keys in keys_of_row.items() if r in rows and rows[r]["key"] not in keys]
    strangers = [r for r in keys_of_row if r not in rows]
    for receiver, reminder in lost[:10]:
        failures.append(f"reminder {reminder} never reached {receiver} (row {rows[(receiver, reminder)]['id']}, "
                        f"{rows[(receiver, reminder)]['status']})")
    for receiver, reminder in two_keys[:10]:
        failures.append(f"reminder {reminder} reached {receiver} under two keys: {sorted(keys_of_row[(receiver, reminder)])}")
    for receiver, reminder in wrong_key[:10]:
        failures.append(f"reminder {reminder} reached {receiver} under a key its row does not hold")
    for receiver, reminder in strangers[:10]:
        failures.append(f"{receiver} was told reminder {reminder}, which has no row there")
    for key, ids in message_ids.items():
        if len(ids) > 1:
            failures.append(f"the copies of {key} carried {len(ids)} Message-IDs")

    # Each repeat is laid to the kill that ended the epoch of the copy before it.
    repeats_by_kill = defaultdict(Counter)  # kill -> receiver -> repeats
    same_epoch = 0
    for (receiver, key), epochs in copies.items():
        for before, after in zip(epochs, epochs[1:]):
            if after == before:
                same_epoch += 1
            else:
                repeats_by_kill[before + 1][receiver] += 1
    if same_epoch:
        failures.append(f"{same_epoch} repeats arrived in the same run of serve as their first copy (no crash between)")
    for kill, receivers_hit in sorted(repeats_by_kill.items()):
        for receiver, n in receivers_hit.items():
            if not receiver.startswith("mailto:") and n > 1:
                failures.append(f"kill {kill} left {n} repeats at {receiver}; at most one can be in flight")
    for kill in kills:
        hit = repeats_by_kill.get(kill["kill"], Counter())
        kill["repeatsRobots"] = sum(n for r, n in hit.items() if not r.startswith("mailto:"))
        kill["repeatsEmail"] = sum(n for r, n in hit.items() if r.startswith("mailto:"))

    copy_counts = Counter(len(epochs) for epochs in copies.values())
    robot_messages = sum(1 for m in messages if not m[0].startswith("mailto:"))
    summary = {
        "reminders": len({reminder for _, reminder in rows}),
        "rows": len(rows),
        "rowsByChannel": dict(Counter(row["channel"] for row in rows.values())),
        "statuses": dict(Counter(row["status"] for row in rows.values())),
        "kills": len(kills),
        "robots": len(robots),
        "messagesReceived": {"robots": robot_messages, "email": len(messages) - robot_messages},
        "keys": len(copies),
        "rowsArrived": len(rows) - len(lost),
        "rowsLost": len(lost),
        "remindersLost": len({reminder for _, reminder in lost}),
        "rowsUnderTwoKeys": len(two_keys),
        "duplicates": sum(len(e) - 1 for e in copies.values()),
        "duplicatesRobots": sum(len(e) - 1 for (r, _), e in copies.items() if not r.startswith("mailto:")),
        "duplicatesEmail": sum(len(e) - 1 for (r, _), e in copies.items() if r.startswith("mailto:")),
        "keysByCopies": {str(k): v for k, v in sorted(copy_counts.items())},
        "repeatsWithoutCrash": same_epoch,
        "maxRepeatsPerRobotPerKill": max((n for hit in repeats_by_kill.values()
                                          for r, n in hit.items() if not r.startswith("mailto:")), default=0),
        "perKill": kills,
    }
    return summary, failures


def main():
    parser = argparse.ArgumentParser(description="Kill serve with SIGKILL while it sends; count what arrived.")
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "dangjian"))
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--branches", type=int, default=20)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=600, help="seconds for any one wait")
    parser.add_argument("--keep", help="work in this directory and leave it (default: a temporary one, removed)")
    options = parser.parse_args()
    if options.seed is None:
        options.seed = random.randrange(1 << 30)
    options.binary = os.path.abspath(options.binary)
    if not os.access(options.binary, os.X_OK):
        raise SystemExit(f"no {options.binary}: build it first (swift build --product dangjian)")
    work = options.keep or tempfile.mkdtemp(prefix="dangjian-kill-loop-")
    if options.keep:
        shutil.rmtree(work, ignore_errors=True)
    data, maildir, logs = (os.path.join(work, n) for n in ("data", "mail", "logs"))
    for folder in (data, maildir, logs):
        os.makedirs(folder, exist_ok=True)
    password = "kl-" + os.urandom(6).hex()
    began = time.monotonic()
    peers = []
    serve = None
    try:
        robots_peer, robots_port = start_peer(
            [sys.executable, os.path.join(PEERS, "robots.py"), "--port", "0"], open(os.path.join(logs, "robots.log"), "w"))
        peers.append(robots_peer)
        smtp_peer, smtp_port = start_peer(
            [sys.executable, os.path.join(PEERS, "smtp_server.py"), "--dir", maildir, "--port", "0",
             "--user", "kill-loop", "--exit-with-stdin"], open(os.path.join(logs, "smtp.log"), "w"),
            env={**os.environ, "SMTP_PEER_PASSWORD": password})
        peers.append(smtp_peer)
        robots_url = f"http://127.0.0.1:{robots_port}"
        filled = fill(options, data, robots_url)
        for path in filled["robots"]:
            name = path.rsplit("/", 1)[1]
            if not path.startswith("/wecom/"):
                post_json(robots_url + "/_secret", {"name": name, "secret": f"{SECRET_PREFIX}-{name}"})
        log(f"filled: {filled['count']} reminders, {int(filled['extra']['rows'])} rows, "
            f"{len(filled['robots'])} robots, seed {options.seed}")
        outbox = Outbox(os.path.join(data, "dangjian.sqlite"))
        receivers = Receivers(robots_url, maildir)
        serve = Serve(options.binary, data, serve_env(smtp_port, maildir, password), logs)
        boundaries, kills, drained, _ = run_loop(options, outbox, receivers, serve)
        summary, failures = count(outbox, receivers, filled["robots"], boundaries, kills)
        if not drained:
            failures.insert(0, f"rows still pending after {options.timeout:.0f} s")
    finally:
        if serve and serve.process and serve.process.poll() is None:
            serve.process.kill()
        for peer in peers:
            peer.terminate()
            peer.wait()
    summary["seed"] = options.seed
    summary["seconds"] = round(time.monotonic() - began, 1)
    summary["failures"] = failures
    print(json.dumps(summary, sort_keys=True))
    table(summary)
    if not options.keep and not failures:
        shutil.rmtree(work, ignore_errors=True)
    elif failures:
        log(f"kept for a look: {work}")
    return 1 if failures else 0


def table(s):
    log("")
    log(f"  reminders {s['reminders']:>6}   rows {s['rows']:>6}  {s['rowsByChannel']}")
    log(f"  kills     {s['kills']:>6}   robots {s['robots']:>4}   messages {s['messagesReceived']}")
    log(f"  arrived   {s['rowsArrived']:>6}   lost {s['rowsLost']:>6} rows ({s['remindersLost']} reminders)")
    log(f"  keys      {s['keys']:>6}   duplicates {s['duplicates']} "
        f"(robots {s['duplicatesRobots']}, email {s['duplicatesEmail']}); copies per key {s['keysByCopies']}")
    log(f"  under two keys {s['rowsUnderTwoKeys']}   repeats without a crash {s['repeatsWithoutCrash']}   "
        f"most repeats at one robot from one kill {s['maxRepeatsPerRobotPerKill']}")
    log(f"  {s['seconds']} s, seed {s['seed']}: " + ("PASS" if not s["failures"] else "FAIL"))
    for failure in s["failures"][:30]:
        log("  - " + failure)


if __name__ == "__main__":
    sys.exit(main())
