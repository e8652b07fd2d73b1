import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

@Suite struct OverlayTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../scripts"
    ).standardized.path

    func pack(_ files: [String: String]) throws -> RulePack {
        try RulePack.load(directory: try TemporaryFiles.directory(files)).get()
    }

    static func reminder(_ id: String, _ title: String) -> String {
        """
        reminder { id = "\(id)", title = "\(title)", source = "测试", applies_to = { kind = "branch" }, every = "month",
          done = function() return false end, notify = { before_end = { 30 }, to = "secretary" } }
        """
    }

    @Test func theNearestBindingWinsForEachRuleAndCanSwitchOneOff() throws {
        let baseline = try pack(["a.lua": Self.reminder("meeting", "基线") + "\n" + Self.reminder("lecture", "党课")])
        let district = try pack(["d.lua": Self.reminder("meeting", "区县版") + "\ndisable(\"lecture\")"])
        let school = try pack(["s.lua": Self.reminder("lecture", "学校版")])
        let rules = RuleSet(
            baseline: baseline,
            bindings: [.init(pack: district, organizationID: 2), .init(pack: school, organizationID: 5)])
        func from(_ path: String) -> [String: String] {
            Dictionary(uniqueKeysWithValues: rules.explain(path: path).map { ($0.rule, $0.active ? $0.pack : "off") })
        }
        #expect(from("/1/3/") == ["meeting": baseline.directory, "lecture": baseline.directory])
        #expect(from("/1/2/") == ["meeting": district.directory, "lecture": "off"])
        // Under the school: the school's lecture, the district's meeting.
        #expect(from("/1/2/5/9/") == ["meeting": district.directory, "lecture": school.directory])
        // An id in the middle of a path segment is not a binding: /1/25/ is not under 2 or 5.
        #expect(from("/1/25/") == ["meeting": baseline.directory, "lecture": baseline.directory])
    }

    @Test func aSweepUsesTheOverlayInsideItsSubtreeOnlyAndADryRunWritesNothing() async throws {
        let t = try await TemporaryHost.open()  // 2026-06-15: 15 days before the end of June
        let o = t.host.organizations
        let root = try await o.create(.init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let district = try await o.create(.init(parentID: root.id, name: "示例区党委", kind: "committee"), by: .system)
        let inside = try await o.create(.init(parentID: district.id, name: "区内支部", kind: "branch"), by: .system)
        let outside = try await o.create(.init(parentID: root.id, name: "区外支部", kind: "branch"), by: .system)
        var secretaries: [Int64: Int64] = [:]
        for branch in [inside, outside] {
            secretaries[branch.id] = try await t.host.users.create(
                UserDraft(
                    username: "s\(branch.id)", displayName: "书记", password: "secret123",
                    grants: [GrantDraft(role: "secretary", organizationID: branch.id)]), by: .system
            ).id
        }
        let rules = RuleSet(
            baseline: try pack(["a.lua": Self.reminder("meeting", "基线提醒")]),
            bindings: [.init(pack: try pack(["d.lua": Self.reminder("meeting", "区县提醒")]), organizationID: district.id)])
        let engine = try RuleEngine(host: t.host, rules: rules, limits: LuaLimits(), poolSize: 1)
        let dry = try await engine.sweep(at: t.today, dryRun: true)
        #expect(dry.planned.count == 2 && dry.planned.allSatisfy { !$0.alreadySent })
        #expect(try await t.count("notifications") == 0)
        let report = try await engine.sweep(at: t.today)
        #expect(report.sent == 2)
        func titles(_ branch: Organization) async throws -> [String] {
            try await t.host.notifications.inbox(
                unreadOnly: false, page: .first,
                by: Principal(userID: secretaries[branch.id]!, username: "s", memberID: nil, grants: [])
            ).items.map(\.title)
        }
        #expect(try await titles(inside) == ["区县提醒"])
        #expect(try await titles(outside) == ["基线提醒"])
        let again = try await engine.sweep(at: t.today, only: inside.id, dryRun: true)
        #expect(again.planned.map(\.alreadySent) == [true])
        await t.close()
    }

    @Test func aDistrictPackReadsItsOwnSubtreeOnlyAndMalformedAnswersAreReported() async throws {
        let t = try await TemporaryHost.open()
        let o = t.host.organizations
        let root = try await o.create(.init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let district = try await o.create(.init(parentID: root.id, name: "示例区党委", kind: "committee"), by: .system)
        _ = try await o.create(.init(parentID: district.id, name: "区内支部", kind: "branch"), by: .system)
        let outside = try await o.create(.init(parentID: root.id, name: "区外支部", kind: "branch"), by: .system)
        let peeking = """
            rule { id = "peek", title = "x", source = "x", applies_to = { kind = "branch" },
              check = function(org, today) dj.members(\(outside.id), "activist") return {} end }
            rule { id = "sloppy", title = "x", source = "x", applies_to = { kind = "branch" },
              check = function(org, today) return { notify = "secretary", title = "not a list", key = "k" } end }
            """
        let rules = RuleSet(
            baseline: try pack(["a.lua": Self.reminder("meeting", "基线")]),
            bindings: [.init(pack: try pack(["d.lua": peeking]), organizationID: district.id)])
        let report = try await RuleEngine(host: t.host, rules: rules, limits: LuaLimits(), poolSize: 1).sweep(
            at: t.today, dryRun: true)
        #expect(
            report.failures.contains { $0.rule == "peek" && $0.error.message.contains("outside this pack's subtree") },
            "\(report.failures)")
        #expect(
            report.failures.contains { $0.rule == "sloppy" && $0.error.message.contains("list of intents") },
            "\(report.failures)")
        await t.close()
    }

    @Test func theExampleDistrictPackChecksAndOverridesAsDocumented() throws {
        let example = try RulePack.load(directory: Self.scripts + "/districts/example").get()
        let baseline = try RulePack.load(directory: Self.scripts + "/rules").get()
        let rules = RuleSet(baseline: baseline, bindings: [.init(pack: example, organizationID: 7)])
        let explained = Dictionary(uniqueKeysWithValues: rules.explain(path: "/1/7/8/").map { ($0.rule, $0) })
        #expect(explained["term-ends-soon"]?.pack == example.directory)
        #expect(explained["activist-trained-a-year"]?.active == false)
        #expect(explained["probation-ends-soon"]?.pack == baseline.directory)
    }

    @Test func disablingARuleThatDoesNotExistIsAProblem() throws {
        let baseline = try pack(["a.lua": Self.reminder("meeting", "基线")])
        let district = try pack(["d.lua": "disable(\"meetting\")"])
        var configuration = HostConfiguration()
        configuration.rulesBaseline = baseline.directory
        configuration.rulesDistricts = [.init(directory: district.directory, organizationID: 1)]
        guard case .failure(let errors) = RuleSet.load(configuration) else {
            Issue.record("a typo was accepted"); return
        }
        #expect(errors.problems.first?.message.contains("no rule meetting") == true)
    }

    @Test func bindingsAreReadFromTheConfiguration() async throws {
        let good = try await HostConfiguration.load(
            file: nil, environment: ["DANGJIAN_RULES_DISTRICTS": "scripts/districts/example=12, other=3"])
        #expect(
            good.rulesDistricts == [
                .init(directory: "scripts/districts/example", organizationID: 12),
                .init(directory: "other", organizationID: 3),
            ])
        await #expect(throws: ConfigurationError.self) {
            _ = try await HostConfiguration.load(
                file: nil, environment: ["DANGJIAN_RULES_DISTRICTS": "scripts/districts/example"])
        }
    }
}
