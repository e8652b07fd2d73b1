import Foundation
import Testing
import DangjianTestSupport

/// SIGTERM while many requests wait: every request a client managed to send gets its answer.
/// Before the drain (`DrainingApplication`), about a third of 400 such connections were reset.
@Suite(.serialized) struct GracefulShutdownTests {
    @Test func everyRequestSentBeforeSIGTERMIsAnswered() async throws {
        let root = TourTests.root
        let binary = root.appendingPathComponent(".build/debug/dangjian")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path), "build first: swift build --build-tests")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-drain-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let server = try ServedDemo(binary: binary, root: root, dataDirectory: work, demo: false)
        defer { server.stop() }
        let port = try await server.port()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.clients, String(port), String(server.processIdentifier), "400"]
        let output = Pipe()
        process.standardOutput = output
        try process.launchAlone()
        let data = try await offThePool {
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return data
        }
        let outcome = try #require(
            try JSONSerialization.jsonObject(with: data) as? [String: Int], "\(String(decoding: data, as: UTF8.self))")
        #expect(outcome["sent"] == 400, "\(outcome)")
        #expect(outcome["answered"] == outcome["sent"], "\(outcome)")
        #expect(outcome["reset"] == 0 && outcome["closedUnanswered"] == 0 && outcome["stillOpen"] == 0, "\(outcome)")
        #expect(server.exitStatus() == 0, "serve ends cleanly after the drain")
    }

    /// Opens N connections, sends one request on each, sends SIGTERM to the server, then reads
    /// every answer; prints what happened to each connection as JSON.
    static let clients = #"""
        import socket, sys, os, signal, time, json, threading, selectors
        port, pid, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
        path = sys.argv[4] if len(sys.argv) > 4 else "/readyz"
        socks = []
        for i in range(n):
            s = socket.socket(); s.setblocking(False)
            try: s.connect(("127.0.0.1", port))
            except BlockingIOError: pass
            socks.append(s)
        sel = selectors.DefaultSelector()
        # wait until each connect completes, then send
        req = f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode()
        connected, failed_connect = [], 0
        deadline = time.time() + 10
        pending = set(range(n))
        for i, s in enumerate(socks): sel.register(s, selectors.EVENT_WRITE, i)
        while pending and time.time() < deadline:
            for key, _ in sel.select(0.5):
                i = key.data; s = socks[i]; sel.unregister(s); pending.discard(i)
                err = s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
                if err: failed_connect += 1; continue
                try: s.send(req); connected.append(i)
                except OSError: failed_connect += 1
        os.kill(pid, signal.SIGTERM)
        answered, reset, closed = 0, 0, 0
        data = {i: b"" for i in connected}
        for i in connected: sel.register(socks[i], selectors.EVENT_READ, i)
        open_ = set(connected); deadline = time.time() + 30
        while open_ and time.time() < deadline:
            for key, _ in sel.select(0.5):
                i = key.data; s = socks[i]
                try: chunk = s.recv(65536)
                except ConnectionResetError: chunk = None
                if chunk:
                    data[i] += chunk; continue
                sel.unregister(s); open_.discard(i)
                if data[i].startswith(b"HTTP/1.1 "): answered += 1
                elif chunk is None: reset += 1
                else: closed += 1
        print(json.dumps({"sent": len(connected), "connectFailed": failed_connect, "answered": answered, "reset": reset, "closedUnanswered": closed, "stillOpen": len(open_)}))
        """#
}
