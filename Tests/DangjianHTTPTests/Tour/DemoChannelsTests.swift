import Foundation
import Testing
import DangjianTestSupport

/// Issue 15's "done when": `make run`'s demo (scripts/demo/run.sh, with the channels' stand-ins)
/// sends the first sweep's reminders to the demo's group robots, signed and accepted, and to the
/// secretary's mailbox over STARTTLS; then the README's section "Reminders that reach a group and
/// a mailbox" answers as it says.
@Suite(.serialized) struct DemoChannelsTests {
    static let section = "## Reminders that reach a group and a mailbox"

    @Test func theDemosRemindersReachItsRobotsAndMailboxAndTheReadmeSectionAnswersAsItSays() async throws {
        let root = TourTests.root
        let script = try TourScript(
            readme: String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8), section: Self.section
        )
        #expect(script.commands.count >= 8)
        let binary = root.appendingPathComponent(".build/debug/dangjian")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path), "build first: swift build --build-tests")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dangjian-channels-\(UUID().uuidString)")
        let data = work.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let server = try ServedDemo(binary: binary, root: root, dataDirectory: data, channels: true)
        defer { server.stop() }
        let port = try await server.port()

        // The sweep runs as the host starts and the sender ticks each second: wait for both
        // stand-ins to have something, as a reader pasting the section a moment later would.
        let env = try String(contentsOf: data.appendingPathComponent("demo-channels.env"), encoding: .utf8)
        let robots = try #require(
            env.split(separator: "\n").first { $0.hasPrefix("DEMO_ROBOTS=") }?.dropFirst("DEMO_ROBOTS=".count))
        let mail = data.appendingPathComponent("mail")
        var received: [[String: Any]] = []
        var mails: [String] = []
        for _ in 0..<120 {
            let body = try await offThePool { try Self.get("\(robots)/_received") }
            received = (try? JSONSerialization.jsonObject(with: body) as? [[String: Any]]) ?? []
            mails =
                (try? FileManager.default.contentsOfDirectory(atPath: mail.path))?.filter { $0.hasSuffix(".eml") } ?? []
            if received.contains(where: { $0["kind"] as? String == "wecom" }), !mails.isEmpty { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        let kinds = Set(received.compactMap { $0["kind"] as? String })
        #expect(kinds.contains("wecom") && kinds.contains("dingtalk"), "the groups got \(kinds)")
        #expect(received.allSatisfy { ($0["idempotencyKey"] as? String)?.isEmpty == false })
        #expect(received.contains { ($0["mentions"] as? [String])?.contains("10000000001") == true })
        #expect(!mails.isEmpty, "the secretary's mailbox got the reminders by email")

        // /metrics counts deliveries by channel and outcome, and gauges the queue.
        let metrics = String(
            decoding: try await offThePool { try Self.get("http://127.0.0.1:\(port)/metrics") }, as: UTF8.self)
        #expect(
            metrics.contains(#"dangjian_deliveries_total{channel="wecom",outcome="delivered"}"#),
            "\(metrics.prefix(2000))")
        #expect(metrics.contains(#"dangjian_deliveries_total{channel="email",outcome="delivered"}"#))
        #expect(
            metrics.contains("dangjian_outbox_pending") && metrics.contains("dangjian_outbox_oldest_pending_seconds"))

        let steps = try await offThePool { try TourRun(script: script, port: port, work: work).run() }
        TourTests.expectAnswers(script, steps)
    }

    /// A GET with curl, as the README's readers make it (FoundationNetworking's session hangs in tests here).
    static func get(_ url: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "--max-time", "5", url]
        let output = Pipe()
        process.standardOutput = output
        try process.launchAlone()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
