import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

/// Issue 14, point 2: a running host loads each pack once per VM. The VM that checks the packs
/// (with the sweep's globals) is the engine's first VM, so no throwaway check VM loads them again.
@Suite struct PackLoadOnceTests {
    @Test func aHostLoadsEachRuleFileOncePerVM() async throws {
        let baseline = try TemporaryFiles.directory([
            "a.lua": """
            reminder { id = "meeting", title = "支部每月开会", source = "测试", applies_to = { kind = "branch" }, every = "month",
              done = function() return false end, notify = { before_end = 40, to = "secretary" } }
            """,
            "b.lua": """
            rule { id = "always", title = "检查", source = "测试", applies_to = { kind = "branch" },
              check = function(org, today) return {} end }
            """,
        ])
        let district = try TemporaryFiles.directory([
            "visit.lua": """
            reminder { id = "district-visit", title = "走访社区", source = "区委文件", applies_to = { kind = "branch" },
              every = "quarter", done = function() return true end, notify = { before_end = 7, to = "secretary" } }
            """
        ])
        let t = try await TemporaryHost.open {
            $0.rulesBaseline = baseline
            $0.rulesCalendar = ""
        }
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        _ = try await t.host.organizations.create(.init(parentID: root.id, name: "一中支部", kind: "branch"), by: .system)
        var configuration = t.host.configuration
        configuration.rulesDistricts = [.init(directory: district, organizationID: root.id)]

        let counter = RuleFileLoads.Counter()
        let engine = try await RuleFileLoads.$counter.withValue(counter) {
            try await RuleRuntime.makeEngine(host: t.host, configuration: configuration).get()
        }
        #expect(engine.pool.size >= 1)
        #expect(counter.value == 3 * engine.pool.size, "3 rule files, \(engine.pool.size) VMs")

        // The first VM, the one that checked the packs, runs them: every VM finds its functions.
        let report = try await engine.sweep(at: Day("2026-03-31")!)
        #expect(report.failures.isEmpty)
        #expect(report.evaluated >= 2)

        // A check that only reads a pack (`rules check`) still loads it in a VM of its own, once.
        let checkOnly = RuleFileLoads.Counter()
        try RuleFileLoads.$counter.withValue(checkOnly) {
            _ = try RulePack.load(directory: baseline).get()
        }
        #expect(checkOnly.value == 2)
        await t.close()
    }
}
