import Foundation
import Testing
import DangjianTestSupport

/// Runs the README's tour, command by command in one bash, against `dangjian serve` on a freshly
/// loaded demo over real HTTP, and checks every answer's status (and a refusal's code) against
/// the comment beside the command.
@Suite(.serialized) struct TourTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func theReadmeTourParsesIntoCommandsWithTheirRefusals() throws {
        let script = try TourScript(
            readme: String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8))
        #expect(script.commands.count > 40)
        let refusals = script.commands.compactMap { $0.code }
        for code in [
            "member.notFound", "member.badIDNumber", "orglife.duplicateRecord", "brand.scoreOutOfRange",
            "brand.conflictOfInterest", "liaison.overQuota", "route.methodNotAllowed",
        ] {
            #expect(refusals.contains(code), "the tour has a command answering \(code)")
        }
        // Every refusal names its code, so the test checks the right refusal, not just any 4xx.
        #expect(script.commands.allSatisfy { $0.status == nil || $0.code != nil })
    }

    @Test func everyCommandOfTheReadmeTourAnswersAsTheReadmeSays() async throws {
        let script = try TourScript(
            readme: String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8))
        let binary = Self.root.appendingPathComponent(".build/debug/dangjian")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary.path), "build first: swift build --build-tests")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-tour-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        let server = try ServedDemo(binary: binary, root: Self.root, dataDirectory: work.appendingPathComponent("data"))
        defer { server.stop() }
        let port = try await server.port()

        let steps = try await offThePool { try TourRun(script: script, port: port, work: work).run() }
        Self.expectAnswers(script, steps)
    }

    /// Every command answered as the comment beside it says: its status and code for a refusal,
    /// 2xx otherwise, and a list that lists something.
    static func expectAnswers(_ script: TourScript, _ steps: [TourRun.Step]) {
        for (command, step) in zip(script.commands, steps) {
            let at = "README.md:\(command.line): \(command.text.prefix(120))"
            // Only a function's definition (`login() { … }`) asks nothing of the host.
            let definesFunction = command.text.contains("() {")
            #expect(definesFunction != !step.statuses.isEmpty, "\(at) made no request")
            guard let last = step.statuses.last else { continue }
            if let status = command.status {
                #expect(last == status, "\(at): expected \(status), got \(last): \(step.lastBody.prefix(300))")
                if let code = command.code {
                    let error = (try? JSONSerialization.jsonObject(with: Data(step.lastBody.utf8))) as? [String: Any]
                    #expect(
                        (error?["error"] as? [String: Any])?["code"] as? String == code,
                        "\(at): \(step.lastBody.prefix(300))")
                }
            } else {
                #expect(
                    step.statuses.allSatisfy { (200..<300).contains($0) },
                    "\(at): got \(step.statuses): \(step.lastBody.prefix(300))")
                // A tour step that lists nothing looks broken to the reader.
                if let page = (try? JSONSerialization.jsonObject(with: Data(step.lastBody.utf8))) as? [String: Any],
                    let items = page["items"] as? [Any]
                {
                    #expect(!items.isEmpty, "\(at) lists nothing")
                }
            }
        }
    }
}
