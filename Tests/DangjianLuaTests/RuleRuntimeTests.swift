import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

@Suite struct RuleRuntimeTests {
    @Test func aBrokenReloadIsRefusedWholeAndTheRunningRulesStay() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("a.lua")
        let good = """
            reminder { id = "meeting", title = "会", source = "测试", applies_to = { kind = "branch" }, every = "month",
              done = function() return true end, notify = { before_end = 3, to = "secretary" } }
            """
        try good.write(to: file, atomically: true, encoding: .utf8)
        let t = try await TemporaryHost.open { $0.rulesBaseline = directory.path }
        let runtime = try await RuleRuntime.start(host: t.host)
        let before = runtime.status.packs.first?.version
        try (good + "\nreminder { id = \"meeting\" }\nfunction(").write(to: file, atomically: true, encoding: .utf8)
        guard case .failure(let errors) = try await runtime.reload() else { Issue.record("a broken pack was loaded"); return }
        #expect(errors.problems.contains { $0.message.contains("syntax error") })
        #expect(runtime.status.packs.first?.version == before)
        try good.replacingOccurrences(of: "before_end = 3", with: "before_end = 7").write(to: file, atomically: true, encoding: .utf8)
        guard case .success(let packs) = try await runtime.reload() else { Issue.record("a fixed pack was refused"); return }
        #expect(packs.first?.version != before && runtime.status.packs.first?.version == packs.first?.version)
        let report = try await runtime.sweep(at: t.today)
        #expect(report.failures.isEmpty && runtime.status.lastSweep?.day == t.today)
        await t.close()
    }
}
