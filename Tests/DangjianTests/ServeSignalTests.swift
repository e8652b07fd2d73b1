import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import Testing
import DangjianTestSupport

/// The built `dangjian serve`, as an operator runs it: a pack whose hooks feed each other does
/// not stop a request or the host, SIGHUP applies a binding added to the file, and SIGTERM
/// stops the host promptly (issue 13, points 1 and 2).
@Suite(.serialized) struct ServeSignalTests {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.build/debug/dangjian").standardized.path
    /// The checkout: the plugins' own packs are read from plugins/NAME/rules under it.
    static let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized

    struct Server {
        let process: Process
        let port: Int
        let output: URL

        func call(_ method: String, _ path: String, token: String? = nil, json: String? = nil) async throws -> (
            Int, String
        ) {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
            request.httpMethod = method
            request.timeoutInterval = 10
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let json {
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(json.utf8)
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
        }

        var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }
    }

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DANGJIAN_") }
        env["DANGJIAN_SECURITY_BCRYPT_COST"] = "4"
        env["DANGJIAN_ADMIN_PASSWORD"] = "Secret2026"
        return env
    }

    func configuration(_ dir: URL, port: Int, districts: String) throws {
        try """
        dataDirectory: \(dir.appendingPathComponent("db").path)
        http:
          port: \(port)
        rules:
          baseline: \(FileManager.default.fileExists(atPath: dir.appendingPathComponent("pack").path)
                           ? dir.appendingPathComponent("pack").path : Self.checkout.appendingPathComponent("scripts/rules").path)
          calendar: ""
          districts: \(districts)
        """.write(to: dir.appendingPathComponent("dangjian.yaml"), atomically: true, encoding: .utf8)
    }

    func start(in dir: URL, arguments: [String] = [], waitSeconds: Int = 10) async throws -> Server {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000..<60_000)
            try configuration(dir, port: port, districts: "[]")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.binary)
            process.arguments = ["serve", "--config", dir.appendingPathComponent("dangjian.yaml").path] + arguments
            process.environment = environment()
            process.currentDirectoryURL = Self.checkout
            let output = dir.appendingPathComponent("serve-\(port).log")
            FileManager.default.createFile(atPath: output.path, contents: nil)
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = handle
            try process.launchAlone()
            let server = Server(process: process, port: port, output: output)
            for _ in 0..<(waitSeconds * 10) {
                if let (status, _) = try? await server.call("GET", "/healthz"), status == 200 { return server }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            if process.isRunning { process.terminate() }
        }
        throw CancellationError()
    }

    func token(_ text: String) -> String? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["token"] as? String
    }

    func count(_ server: Server, _ token: String) async throws -> Int {
        let (_, text) = try await server.call("GET", "/api/v1/tasks?limit=500", token: token)
        return ((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["items"] as? [Any])?.count
            ?? -1
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)), .timeLimit(.minutes(2)))
    func feedingHooksDoNotHoldTheHostAndSignalsWork() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-serve-\(UUID().uuidString)")
        let pack = dir.appendingPathComponent("pack")
        let district = dir.appendingPathComponent("district")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: district, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        on("member.statusChanged", function(event) return { { open = "task", title = "谈话", key = "talk" } } end)
        on("task.created", function(event) return { { open = "task", title = "再跟进", key = "again" } } end)
        """.write(to: pack.appendingPathComponent("hooks.lua"), atomically: true, encoding: .utf8)
        try """
        reminder { id = "district-visit", title = "走访社区", source = "区委文件", applies_to = { kind = "branch" }, every = "quarter",
          done = function() return true end, notify = { before_end = 7, to = "secretary" } }
        """.write(to: district.appendingPathComponent("visit.lua"), atomically: true, encoding: .utf8)
        try configuration(dir, port: 1, districts: "[]")
        let initialise = Process()
        initialise.executableURL = URL(fileURLWithPath: Self.binary)
        initialise.arguments = [
            "init", "--admin", "admin", "--district", "测试区党委", "--config",
            dir.appendingPathComponent("dangjian.yaml").path,
        ]
        initialise.environment = environment()
        initialise.currentDirectoryURL = Self.checkout
        initialise.standardOutput = FileHandle.nullDevice
        try initialise.launchAlone()
        initialise.waitUntilExit()
        #expect(initialise.terminationStatus == 0)

        let server = try await start(in: dir)
        let admin = try #require(
            token(
                try await server.call(
                    "POST", "/api/v1/auth/login", json: #"{"username":"admin","password":"Secret2026"}"#
                ).1))
        let (created, branchText) = try await server.call(
            "POST", "/api/v1/organizations", token: admin, json: #"{"parentID":1,"name":"一中支部","kind":"branch"}"#)
        #expect(created == 201, "\(branchText)")
        let (added, memberText) = try await server.call(
            "POST", "/api/v1/members", token: admin,
            json: #"{"organizationID":2,"name":"李明","appliedOn":"2026-01-05"}"#)
        #expect(added == 201, "\(memberText)")
        let memberID = try #require(
            (try JSONSerialization.jsonObject(with: Data(memberText.utf8)) as? [String: Any])?["id"] as? Int)
        // The request that starts the chain answers; the chain stops at the bound (1 + 3 tasks).
        let (changed, changedText) = try await server.call(
            "POST", "/api/v1/members/\(memberID)/status", token: admin,
            json: #"{"status":"activist","on":"2026-02-01","reason":"支委会研究确定"}"#)
        #expect(changed == 200, "\(changedText)")
        var tasks = 0
        for _ in 0..<50 where tasks < 4 {
            tasks = try await count(server, admin)
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await count(server, admin) == 4)
        #expect(server.log.contains("event refused"), "\(server.log)")

        // SIGHUP reads the file again: the district binding added to it applies.
        try configuration(dir, port: server.port, districts: "[\(district.path)=1]")
        kill(server.process.processIdentifier, SIGHUP)
        var bound = false
        for _ in 0..<50 where !bound {
            try await Task.sleep(for: .milliseconds(100))
            bound = try await server.call("GET", "/api/v1/admin/rules", token: admin).1.contains("district-visit")
        }
        #expect(bound, "\(server.log)")

        // SIGTERM: the host stops within seconds, cleanly.
        let stopping = Date()
        server.process.terminate()
        while server.process.isRunning && Date().timeIntervalSince(stopping) < 30 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(!server.process.isRunning)
        #expect(Date().timeIntervalSince(stopping) < 15)
        if server.process.isRunning {
            kill(server.process.processIdentifier, SIGKILL)
        } else {
            #expect(server.process.terminationStatus == 0, "\(server.log)")
        }
    }

    /// Point 16: the banner of `make run` shows every demo login, the plugins' ones too.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary)), .timeLimit(.minutes(3)))
    func theBannerListsEveryDemoLogin() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-banner-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try await start(in: dir, arguments: ["--demo-if-empty"], waitSeconds: 150)
        var banner = ""
        for _ in 0..<50 where !banner.contains("Demo logins") {
            try await Task.sleep(for: .milliseconds(100))
            banner = server.log
        }
        for username in ["demo-admin", "demo-secretary", "demo-leader", "demo-inspector"] {
            #expect(banner.contains("    \(username)  "), "\(username) missing from the banner")
        }
        server.process.terminate()
        server.process.waitUntilExit()
    }
}
