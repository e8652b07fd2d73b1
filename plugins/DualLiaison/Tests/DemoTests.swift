import Foundation
import Testing
@testable import Dangjian
import DangjianDemo
import DangjianLua
import DangjianTestSupport
import DualLiaisonDemo
@testable import DualLiaison
@testable import RegionalCouncil
import RegionalCouncilDemo

/// The demo district with both plugins: one deliberate gap, one absent leader who is reminded.
@Suite struct DemoTests {
    @Test func theDemoHasOneGapAndRemindsTheAbsentLeaderInPerson() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let summary = try await DemoDistrict(
            host: t.host, seed: 3, seeders: [RegionalCouncilDemoSeeder(), DualLiaisonDemoSeeder()]
        ).load()
        #expect(summary.plugins.contains { $0.hasPrefix("liaison: 7 个分会的双联系人") })
        let committee = try await t.host.store.read { s in try s.scalarInt("SELECT id FROM council_committees") }
        let coverage = try await Liaisons(host: t.host).coverage(of: committee, by: .system)
        #expect(coverage.subCouncils == 7 && coverage.covered == 6 && coverage.overQuota.isEmpty)
        #expect(coverage.gaps.map(\.role) == [.staff] && coverage.gaps.first?.subCouncil == "新城分会")
        #expect(coverage.gaps.first?.vacantSince == t.today.adding(days: -39))
        // Every topic contact names a topic one of the sub-council's own units undertakes.
        let (named, stray) = try await t.host.store.read { s in
            (
                try s.scalarInt("SELECT COUNT(*) FROM liaison_log WHERE topic_id IS NOT NULL"),
                try s.scalarInt(
                    """
                    SELECT COUNT(*) FROM liaison_log l WHERE l.topic_id IS NOT NULL AND NOT EXISTS (
                        SELECT 1 FROM council_topic_units tu JOIN council_units u ON u.organization_id = tu.organization_id
                        WHERE tu.topic_id = l.topic_id AND u.subcouncil_id = l.subcouncil_id)
                    """)
            )
        }
        #expect(named > 0 && stray == 0)
        let rules = try RulePack.load(directory: liaisonRulesDirectory).get()
        let report = try await RuleEngine(
            host: t.host, rules: RuleSet(baseline: rules), limits: LuaLimits(), poolSize: 1
        )
        .sweep(at: t.today, dryRun: true)
        #expect(report.failures.isEmpty)
        let leader = try await t.host.store.read { s in
            try s.scalarInt("SELECT id FROM users WHERE username = 'demo-leader'")
        }
        let reminders = report.planned.filter { $0.rule == "liaison-missed-meetings" }
        #expect(reminders.map(\.userID) == [leader] && reminders.first?.title == "请参加「南部分会」的例会")
        // The bureau has no secretary account in the demo: the gap is reported without a recipient.
        #expect(report.unaddressed.contains { $0.hasPrefix("liaison-coverage:") })
    }
}
