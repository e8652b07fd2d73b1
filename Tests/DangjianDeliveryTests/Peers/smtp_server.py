#!/usr/bin/env python3
"""A real SMTP server for the email tests, the kill-loop test and `make run`'s demo (aiosmtpd).

    python3 smtp_server.py --dir MAILDIR [--host 127.0.0.1] [--port 0]
                           [--cert cert.pem --key key.pem | --plain]
                           [--user NAME --password SECRET] [--mechanisms PLAIN,LOGIN]
                           [--stall-seconds 30] [--garbage] [--exit-with-stdin]

It prints the port it listens on as its first line (so `--port 0` picks a free one), then
serves until SIGTERM or SIGINT.

- STARTTLS is required unless `--plain`. Without `--cert`/`--key` it makes a self-signed
  certificate for localhost and 127.0.0.1 with `openssl` in MAILDIR/tls/ (trust
  MAILDIR/tls/cert.pem as the client's CA file).
- With `--user` and `--password` (or SMTP_PEER_PASSWORD in the environment, which `ps` does
  not show), AUTH (only after STARTTLS, unless `--plain`) is required
  before MAIL; a wrong password gets 535. `--mechanisms` limits what EHLO offers.
- Every message taken is written to MAILDIR as NAME.json (envelope: mail_from, rcpt_tos,
  tls, login; and the message's Message-ID and X-Dangjian-Idempotency-Key, for counting
  copies) and then NAME.eml (the raw data as received, dots unstuffed), each written
  whole and renamed into place, so a reader never sees half a message. NAME sorts by arrival.
- The recipient's local part picks a failure: `tempfail@…` gets 451 and `reject@…` 550 to
  RCPT TO; `tempfail-data@…` gets 451 and `reject-data@…` 554 after DATA; `stall@…` waits
  `--stall-seconds` before answering RCPT TO (a relay that hangs).
- `--garbage` answers every connection with a 4 KB line of HTTP error instead of SMTP and
  closes it.
- `--exit-with-stdin` stops it when its standard input closes: a test that starts it with a
  pipe leaves no server behind even when the test process dies.
"""

import argparse
import asyncio
import email.parser
import email.policy
import itertools
import json
import os
import signal
import ssl
import subprocess
import sys
import time

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

FAILURES_AT_RCPT = {"tempfail": "451 4.3.0 Try again later", "reject": "550 5.1.1 Mailbox unavailable"}
FAILURES_AT_DATA = {"tempfail-data": "451 4.3.0 Queue full, try later", "reject-data": "554 5.6.0 Message refused"}


def self_signed(folder):
    """A certificate and key for localhost and 127.0.0.1, made once in FOLDER with openssl."""
    os.makedirs(folder, exist_ok=True)
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    if not (os.path.exists(cert) and os.path.exists(key)):
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
             "-nodes", "-days", "3650", "-subj", "/CN=localhost", "-keyout", key, "-out", cert,
             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return cert, key


def write_whole(path, data):
    """Writes DATA to PATH through a temporary name, so PATH appears complete or not at all."""
    temporary = path + ".part"
    with open(temporary, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


class Mailbox:
    """The handler: answers by recipient, then files each message it takes."""

    def __init__(self, folder, stall_seconds):
        self.folder = folder
        self.stall_seconds = stall_seconds
        self.sequence = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local in FAILURES_AT_RCPT:
            return FAILURES_AT_RCPT[local]
        if local == "stall":
            await asyncio.sleep(self.stall_seconds)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            local = address.split("@", 1)[0].lower()
            if local in FAILURES_AT_DATA:
                return FAILURES_AT_DATA[local]
        name = "%020d-%06d" % (time.time_ns(), next(self.sequence))
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        headers = email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(envelope.original_content)
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                  "tls": session.ssl is not None, "login": login,
                  "message_id": headers.get("Message-ID"),
                  "idempotency_key": headers.get("X-Dangjian-Idempotency-Key")}
        write_whole(os.path.join(self.folder, name + ".json"), json.dumps(record).encode())
        write_whole(os.path.join(self.folder, name + ".eml"), envelope.original_content)
        return "250 2.0.0 OK queued as " + name


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        good = isinstance(auth_data, LoginPassword) and auth_data.login == user.encode() \
            and auth_data.password == password.encode()
        # handled=False: aiosmtpd answers a failure itself, with 535 5.7.8.
        return AuthResult(success=good, handled=False, auth_data=auth_data if good else None)
    return check


async def garbage(reader, writer):
    # One long line, as a web server's error page in the wrong place might be.
    writer.write(b"HTTP/1.1 400 Bad Request <html>" + b"x" * 4000 + b"</html>\r\n")
    await writer.drain()
    writer.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--user")
    parser.add_argument("--password", default=os.environ.get("SMTP_PEER_PASSWORD"))
    parser.add_argument("--mechanisms", default="PLAIN,LOGIN")
    parser.add_argument("--stall-seconds", type=float, default=30)
    parser.add_argument("--garbage", action="store_true")
    parser.add_argument("--exit-with-stdin", action="store_true")
    options = parser.parse_args()
    os.makedirs(options.dir, exist_ok=True)

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    if options.garbage:
        server = loop.run_until_complete(asyncio.start_server(garbage, options.host, options.port))
    else:
        context = None
        if not options.plain:
            cert, key = (options.cert, options.key) if options.cert else self_signed(os.path.join(options.dir, "tls"))
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
        offered = {m.strip().upper() for m in options.mechanisms.split(",")}
        auth = {}
        if options.user is not None:
            auth = dict(auth_required=True, authenticator=authenticator(options.user, options.password or ""),
                        auth_require_tls=not options.plain,
                        auth_exclude_mechanism=[m for m in ("PLAIN", "LOGIN") if m not in offered])
        mailbox = Mailbox(options.dir, options.stall_seconds)

        def session():
            return SMTP(mailbox, hostname="dangjian-test-peer", tls_context=context,
                        require_starttls=context is not None, loop=loop, **auth)
        server = loop.run_until_complete(loop.create_server(session, options.host, options.port))
    print(server.sockets[0].getsockname()[1], flush=True)

    # A parent may start us with SIGTERM blocked (Foundation's Process passes on the mask of the
    # thread that spawned us), and then it would never arrive.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, loop.stop)
    if options.exit_with_stdin:
        loop.add_reader(sys.stdin.fileno(), lambda: sys.stdin.buffer.read1(4096) or loop.stop())
    try:
        loop.run_forever()
    finally:
        server.close()
        sys.stdout.flush()


if __name__ == "__main__":
    main()
