"""A real `dangjian serve` with the demo district, on a free loopback port, for the browser tests.

It starts the binary in a temporary data directory (`--demo-if-empty` loads the demo district on
the first start), waits until `/readyz` answers, talks to the API as the demo accounts, and stops
the process at the end, even when a test fails.
"""
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

PASSWORD = "Dangjian2026"
ADMIN = "demo-admin"
SECRETARY = "demo-secretary"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Host:
    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data = tempfile.mkdtemp(prefix="dj-browser-")
        self.process = None
        self.tokens = {}

    def __enter__(self):
        log = open(os.path.join(self.data, "serve.log"), "w")
        env = dict(os.environ)
        env.pop("DANGJIAN_CONFIG", None)
        self.process = subprocess.Popen(
            [self.binary, "serve", "--data-dir", self.data, "--port", str(self.port), "--demo-if-empty"],
            stdout=log, stderr=subprocess.STDOUT, env=env,
            # The rule packs are found from the checkout, as `make run` finds them.
            cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
        deadline = time.time() + 180
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("serve stopped: " + open(os.path.join(self.data, "serve.log")).read()[-3000:])
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=2) as answer:
                    if answer.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError("serve did not become ready in 180 s")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        if exc[0] is not None:
            print(open(os.path.join(self.data, "serve.log")).read()[-2000:])
        shutil.rmtree(self.data, ignore_errors=True)

    def api(self, method, path, body=None, user=ADMIN):
        """One API call as a demo user; answers (status, parsed JSON or None)."""
        token = self.token(user)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                text = answer.read()
                return answer.status, (json.loads(text) if text else None)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def token(self, user):
        if user not in self.tokens:
            request = urllib.request.Request(
                self.url + "/api/v1/auth/login", method="POST",
                data=json.dumps({"username": user, "password": PASSWORD}).encode(),
                headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as answer:
                self.tokens[user] = json.loads(answer.read())["token"]
        return self.tokens[user]

    def grant(self, user):
        """The organisation of the user's first grant."""
        status, me = self.api("GET", "/api/v1/users/me", user=user)
        assert status == 200, me
        return me["grants"][0]["organizationID"]
