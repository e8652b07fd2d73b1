#!/usr/bin/env python3
"""The `hook` benchmark's Redis peer (issue 7): EVALSHA of the same Lua hook over loopback.

    python3 bench/peers/hook_redis.py [--calls N] [--script bench/lua/hook.lua]   (default 100,000)

Prints {"count":N,"extra":{"client_seconds":C,"intents":I},"name":"hook-redis","seconds":S}
on one line; compare per call (seconds / count), since N is smaller than the others' because
every call is a network round trip.

It starts its own redis-server on a free loopback port with no persistence, loads a script
made of the hook's source text between a local `on` and a call of the handler, then sends
EVALSHA sha 0 <member as JSON> N times, one after the other, over one TCP connection (plain
RESP over a socket, so no client library), and stops the server. How it differs from the
measured path:
  - Redis's Lua 5.1 (numbers are doubles, so `member.id` is 1543.0 inside, printed "1543");
  - a loopback round trip per call, and Redis's command parsing and reply;
  - the record crosses as JSON text and is decoded by cjson.decode in the script; the result
    goes back as cjson.encode text, which the client parses into Python values;
  - each EVALSHA runs the script's body again, so the two local helpers and the handler
    closure are made anew per call (the host makes them once, when the pack loads);
  - no instruction budget or memory cap of ours (Redis's own busy-script timeout only);
  - the client's own work per call (json.dumps of the record, framing the command, reading
    and parsing the reply) is inside `seconds`; `client_seconds` is that work alone, timed
    over the same number of calls without the server, so it can be taken out.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hook_lupa import SAMPLE  # noqa: E402  the same member, field for field

SCRIPT = """local handler
local function on(event, fn) handler = fn end
{source}
local result = handler(cjson.decode(ARGV[1]))
if result == nil then return false end
return cjson.encode(result)
"""


def command(*parts):
    """One RESP command frame."""
    frame = [b"*%d\r\n" % len(parts)]
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        frame.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(frame)


class Reader:
    """Reads RESP2 replies from a socket, buffered."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""

    def _line(self):
        while b"\r\n" not in self.buffer:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("redis closed the connection")
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def _exactly(self, n):
        while len(self.buffer) < n + 2:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("redis closed the connection")
            self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n + 2:]
        return data

    def reply(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind == b"+":
            return rest.decode()
        if kind == b"-":
            raise RuntimeError(rest.decode())
        if kind == b":":
            return int(rest)
        if kind == b"$":
            n = int(rest)
            return None if n < 0 else self._exactly(n)
        if kind == b"*":
            n = int(rest)
            return None if n < 0 else [self.reply() for _ in range(n)]
        raise RuntimeError(f"unexpected reply {line!r}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, directory):
    server = shutil.which("redis-server")
    if not server:
        raise SystemExit("redis-server is missing: run bench/peers/install.sh")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", directory, "--daemonize", "no", "--loglevel", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            return process, socket.create_connection(("127.0.0.1", port), timeout=10)
        except OSError:
            if process.poll() is not None:
                raise SystemExit("redis-server exited at start")
            time.sleep(0.05)
    process.terminate()
    raise SystemExit("redis-server did not listen within 10 s")


def call(sock, reader, sha):
    """One hook call as a client makes it: encode the member, send, read and parse the answer."""
    sock.sendall(command(b"EVALSHA", sha, 0, json.dumps(SAMPLE.record(), ensure_ascii=False).encode()))
    reply = reader.reply()
    return json.loads(reply) if reply is not None else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--script", default="bench/lua/hook.lua")
    args = parser.parse_args()
    with open(args.script, encoding="utf-8") as f:
        script = SCRIPT.format(source=f.read())

    with tempfile.TemporaryDirectory() as directory:
        process, sock = start_server(free_port(), directory)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            reader = Reader(sock)
            sock.sendall(command(b"SCRIPT", b"LOAD", script.encode()))
            sha = reader.reply()
            intents = 0
            start = time.perf_counter()
            for _ in range(args.calls):
                result = call(sock, reader, sha)
                if result:
                    intents += len(result)
            seconds = time.perf_counter() - start
        finally:
            sock.close()
            process.terminate()
            process.wait(timeout=10)

    # The client's share: the same encoding and parsing, without the server.
    sample_reply = json.dumps([{"body": "", "key": "", "notify": "", "title": ""}], ensure_ascii=False).encode()
    client_start = time.perf_counter()
    for _ in range(args.calls):
        command(b"EVALSHA", sha, 0, json.dumps(SAMPLE.record(), ensure_ascii=False).encode())
        json.loads(sample_reply)
    client_seconds = time.perf_counter() - client_start

    if intents != args.calls:
        raise SystemExit(f"expected one intent a call, got {intents} in {args.calls} calls")
    print(json.dumps({"count": args.calls, "extra": {"client_seconds": round(client_seconds, 6), "intents": intents},
                      "name": "hook-redis", "seconds": round(seconds, 6)}, sort_keys=True, separators=(",", ":")))


if __name__ == "__main__":
    main()
