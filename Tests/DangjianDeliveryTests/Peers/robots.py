#!/usr/bin/env python3
"""A stand-in for the group robots Dangjian sends to: WeCom, DingTalk and Feishu robots, and
signed generic webhooks. Python 3 standard library only.

    python3 robots.py [--port 0] [--host 127.0.0.1] [--secret NAME=SECRET ...]

It prints the port it listens on as its first line, then serves until it is killed. The
delivery tests start it (RobotPeer); a kill-loop test and `make run`'s demo can too.

Endpoints (NAME is the robot's key, token or hook id, or the webhook's name):
  POST /wecom/NAME                 (or /wecom/...?key=NAME)         WeCom group robot
  POST /dingtalk/NAME              (or /dingtalk/...?access_token=NAME) DingTalk custom robot
  POST /feishu/NAME                Feishu custom bot
  POST /webhook/NAME               Dangjian's signed generic webhook

Each checks what the channel's documentation says it checks and answers as the channel does:
  - signatures, when NAME has a secret: DingTalk's `sign` query (HMAC-SHA256 of
    "timestamp\\nsecret" keyed with the secret, Base64, timestamp in ms within an hour), Feishu's
    `sign` field (HMAC-SHA256 keyed with "timestamp\\nsecret" over an empty message, Base64,
    timestamp in s within an hour), the webhook's X-Dangjian-Signature (sha256=hex HMAC of
    "timestamp.body", timestamp within 5 minutes, a replayed signature refused);
  - rate limits: WeCom 20 a minute (errcode 45009), DingTalk 20 a minute then throttled for
    10 minutes (errcode 410100), Feishu 100 a minute and 5 a second (code 11232);
  - size limits: WeCom text 2048 and markdown 4096 bytes (errcode 40058), DingTalk body
    20000 bytes (errcode 460101), Feishu body 20 KB (code 9499).

Control (for tests and demos):
  GET  /_received        every accepted message, oldest first, as JSON: path, kind, name,
                         headers, body, text, mentions, idempotencyKey
  POST /_mode            {"path": "/wecom/NAME", "mode": "normal" | "fail" | "hang" |
                         "stall" | "permanent" | "garbage", "status": 503, "retryAfter": 7}
                         fail answers `status` (502 unless told) with Retry-After when given;
                         hang never answers; stall sends the head and a little of the body,
                         then nothing more; permanent answers the channel's own permanent
                         error; garbage answers 200 with an HTML page that is no channel's JSON
  POST /_secret          {"name": "NAME", "secret": "SECRET"}
  POST /_reset           forget messages, modes and rate windows
"""

import argparse
import base64
import collections
import hashlib
import hmac
import json
import re
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
SECRETS = {}
MODES = {}
RECEIVED = []
WINDOWS = collections.defaultdict(collections.deque)
THROTTLED_UNTIL = {}
SEEN_SIGNATURES = set()

# The channels' own answers.
OK = {
    "wecom": {"errcode": 0, "errmsg": "ok"},
    "dingtalk": {"errcode": 0, "errmsg": "ok"},
    "feishu": {"StatusCode": 0, "StatusMessage": "success", "code": 0, "data": {}, "msg": "success"},
    "webhook": {"ok": True},
}
PERMANENT = {
    "wecom": (200, {"errcode": 93000, "errmsg": "invalid webhook url, hint: [robot peer]"}),
    "dingtalk": (200, {"errcode": 400101, "errmsg": "access_token is not exist"}),
    "feishu": (200, {"code": 19001, "msg": "param invalid: incoming webhook access token invalid", "data": {}}),
    "webhook": (410, {"error": "this webhook is gone"}),
}
LIMITED = {
    "wecom": {"errcode": 45009, "errmsg": "api freq out of limit"},
    "dingtalk": {"errcode": 410100, "errmsg": "send too fast, exceed 20 times per minute"},
    "feishu": {"code": 11232, "msg": "frequency limited psm[lark.oapi.app_platform_runtime]appID[1]", "data": {}},
}
RATE_LIMITS = {"wecom": [(20, 60)], "dingtalk": [(20, 60)], "feishu": [(100, 60), (5, 1)]}
DINGTALK_THROTTLE = 600
HOUR = 3600
WEBHOOK_WINDOW = 300


def endpoint_name(parsed):
    query = urllib.parse.parse_qs(parsed.query)
    for key in ("key", "access_token"):
        if key in query:
            return query[key][0]
    return parsed.path.rstrip("/").split("/")[-1]


def rate_limited(kind, name, now):
    """Whether this message goes past the channel's documented limit; counts it when not."""
    if kind == "dingtalk" and THROTTLED_UNTIL.get(name, 0) > now:
        return True
    window = WINDOWS[(kind, name)]
    for count, period in RATE_LIMITS.get(kind, []):
        if sum(1 for t in window if t > now - period) >= count:
            if kind == "dingtalk":
                THROTTLED_UNTIL[name] = now + DINGTALK_THROTTLE
            return True
    window.append(now)
    while window and window[0] < now - 60:
        window.popleft()
    return False


def check_dingtalk(name, parsed):
    secret = SECRETS.get(name)
    if secret is None:
        return None
    query = urllib.parse.parse_qs(parsed.query)
    timestamp = query.get("timestamp", [""])[0]
    sign = query.get("sign", [""])[0]  # parse_qs has already undone the URL-encoding
    if not timestamp.isdigit() or abs(int(timestamp) / 1000 - time.time()) > HOUR:
        return {"errcode": 310000, "errmsg": "invalid timestamp"}
    want = base64.b64encode(hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(want.decode(), sign):
        return {"errcode": 310000, "errmsg": "sign not match"}
    return None


def check_feishu(name, body):
    secret = SECRETS.get(name)
    if secret is None:
        return None
    timestamp = str(body.get("timestamp", ""))
    want = base64.b64encode(hmac.new(f"{timestamp}\n{secret}".encode(), b"", hashlib.sha256).digest()).decode()
    if not timestamp.isdigit() or abs(int(timestamp) - time.time()) > HOUR or not hmac.compare_digest(
        want, str(body.get("sign", ""))
    ):
        return {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
    return None


def check_webhook(name, headers, raw):
    secret = SECRETS.get(name)
    if secret is None:
        return None
    timestamp = headers.get("X-Dangjian-Timestamp", "")
    signature = headers.get("X-Dangjian-Signature", "")
    if not timestamp.isdigit() or abs(int(timestamp) - time.time()) > WEBHOOK_WINDOW:
        return 401, {"error": "stale or missing timestamp"}
    want = "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, signature):
        return 401, {"error": "bad signature"}
    if signature in SEEN_SIGNATURES:
        return 409, {"error": "replayed request"}
    SEEN_SIGNATURES.add(signature)
    return None


def text_and_mentions(kind, body):
    """The message's text and whom it mentions, as the channel would show them."""
    if kind == "wecom":
        part = body.get(body.get("msgtype", ""), {}) or {}
        return part.get("content", ""), list(part.get("mentioned_mobile_list", []))
    if kind == "dingtalk":
        return (body.get("text", {}) or {}).get("content", ""), list((body.get("at", {}) or {}).get("atMobiles", []))
    if kind == "feishu":
        text = (body.get("content", {}) or {}).get("text", "")
        return text, re.findall(r'<at user_id="([^"]*)"></at>', text)
    return None, list(body.get("mentions", []))


def size_refusal(kind, body, raw):
    if kind == "wecom":
        kind_of = body.get("msgtype")
        limit = {"text": 2048, "markdown": 4096}.get(kind_of)
        content = (body.get(kind_of, {}) or {}).get("content", "") if limit else ""
        if limit is None or not content:
            return {"errcode": 40008, "errmsg": "invalid message type"}
        if len(content.encode()) > limit:
            return {"errcode": 40058, "errmsg": f"{kind_of}.content exceed max length {limit}"}
    if kind == "dingtalk" and len(raw) > 20000:
        return {"errcode": 460101, "errmsg": "message too long, exceed 20000 bytes"}
    if kind == "feishu" and len(raw) > 20 * 1024:
        return {"code": 9499, "msg": "Bad Request", "data": {}}
    return None


class Robots(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, payload, content_type="application/json", extra=()):
        data = payload if isinstance(payload, bytes) else json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def read_body(self):
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def do_GET(self):
        if urllib.parse.urlparse(self.path).path == "/_received":
            with LOCK:
                return self.answer(200, RECEIVED)
        self.answer(404, {"error": "no such page"})

    def do_POST(self):
        parsed = urllib.parse.urlparse(self.path)
        raw = self.read_body()
        if parsed.path.startswith("/_"):
            return self.control(parsed.path, raw)
        kind = parsed.path.strip("/").split("/")[0]
        if kind not in OK:
            return self.answer(404, {"error": "no such robot kind"})
        name = endpoint_name(parsed)
        with LOCK:
            mode = MODES.get(parsed.path, {"mode": "normal"})
        if mode["mode"] == "hang":
            time.sleep(HOUR)
            self.close_connection = True
            return None
        if mode["mode"] == "stall":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"errcode": 0, ')
            self.wfile.flush()
            time.sleep(HOUR)
            self.close_connection = True
            return None
        if mode["mode"] == "fail":
            retry = [("Retry-After", str(mode["retryAfter"]))] if mode.get("retryAfter") is not None else []
            return self.answer(int(mode.get("status", 502)), b"<html>502 Bad Gateway</html>", "text/html", retry)
        if mode["mode"] == "permanent":
            status, payload = PERMANENT[kind]
            return self.answer(status, payload)
        if mode["mode"] == "garbage":
            page = f"<html><title>upstream {self.path}</title><body>{'garbage ' * 400}</body></html>"
            return self.answer(200, page.encode(), "text/html")
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return self.answer(400, {"errcode": 40001, "errmsg": "body is not JSON"})
        with LOCK:
            refusal = self.refusal(kind, name, parsed, body, raw)
            if refusal is not None:
                return self.answer(*refusal)
            text, mentions = text_and_mentions(kind, body)
            RECEIVED.append(
                {
                    "path": parsed.path,
                    "kind": kind,
                    "name": name,
                    "headers": dict(self.headers.items()),
                    "body": raw.decode("utf-8"),
                    "text": text,
                    "mentions": mentions,
                    "idempotencyKey": self.headers.get("X-Dangjian-Idempotency-Key"),
                }
            )
        self.answer(200, OK[kind])

    def refusal(self, kind, name, parsed, body, raw):
        """The channel's answer when it refuses the message, or None when it takes it."""
        if kind == "dingtalk":
            refused = check_dingtalk(name, parsed)
        elif kind == "feishu":
            refused = check_feishu(name, body)
        elif kind == "webhook":
            refused = check_webhook(name, self.headers, raw)
            return refused
        else:
            refused = None
        refused = refused or size_refusal(kind, body, raw)
        if refused is None and rate_limited(kind, name, time.time()):
            refused = LIMITED[kind]
        return None if refused is None else (200, refused)

    def control(self, path, raw):
        try:
            order = json.loads(raw.decode("utf-8") or "{}")
        except ValueError:
            return self.answer(400, {"error": "not JSON"})
        with LOCK:
            if path == "/_mode":
                MODES[order["path"]] = order
            elif path == "/_secret":
                SECRETS[order["name"]] = order["secret"]
            elif path == "/_reset":
                for table in (MODES, WINDOWS, THROTTLED_UNTIL):
                    table.clear()
                RECEIVED.clear()
                SEEN_SIGNATURES.clear()
            else:
                return self.answer(404, {"error": "no such control"})
        self.answer(200, {"ok": True})


def main():
    parser = argparse.ArgumentParser(description="Group robots and signed webhooks for Dangjian's tests and demo.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--secret", action="append", default=[], metavar="NAME=SECRET")
    options = parser.parse_args()
    # A parent that ignores SIGTERM (a service runner handling it itself) passes that on to
    # its children; the peer must still stop when told.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for pair in options.secret:
        name, _, secret = pair.partition("=")
        SECRETS[name] = secret
    server = ThreadingHTTPServer((options.host, options.port), Robots)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
