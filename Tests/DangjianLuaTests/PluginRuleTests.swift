import Dangjian
import Foundation
import Synchronization
import Testing
@testable import DangjianLua
import DangjianTestSupport

/// A rule plugin as small as can be: `dj.visits.count(org_id)` answers from one batched query
/// over a table of its own, and counts how often that query ran.
struct VisitsPlugin: RulePlugin {
    let id = "visits"
    let title = "走访测试"
    let rulesDirectory: String
    let loads = Counter()

    final class Counter: Sendable {
        let value = Mutex(0)
        func increment() { value.withLock { $0 += 1 } }
        var count: Int { value.withLock { $0 } }
    }

    var migrations: [Migration] {
        [
            Migration(
                module: "visits", version: 1, name: "visits",
                sql: ["CREATE TABLE visits (organization_id INTEGER NOT NULL)"])
        ]
    }

    func register(into context: PluginContext) throws {}

    func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] {
        [
            "count": .function("dj.visits.count") { [loads] args in
                guard let organization = args.first?.int else {
                    throw LuaError(kind: .badValue, message: "dj.visits.count(org_id)")
                }
                try context.requireReadable(organization, in: "dj.visits.count")
                let counts = try context.batch("visits") { s in
                    loads.increment()
                    var counts: [Int64: Int64] = [:]
                    for row in try s.query(
                        "SELECT organization_id, COUNT(*) AS n FROM visits GROUP BY organization_id", [])
                    {
                        counts[try row.int64("organization_id")] = try row.int64("n")
                    }
                    return counts
                }
                return [.int(counts[organization] ?? 0)]
            }
        ]
    }

    func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        for key in value.table?.array.compactMap(\.string) ?? [] {
            guard let id = fixture.organizations[key] else {
                throw LuaError(kind: .badValue, message: "no organisation \(key)")
            }
            try await host.database.write { s in try s.execute("INSERT INTO visits VALUES (?)", [.integer(id)]) }
        }
    }
}

@Suite struct PluginRuleTests {
    func directory(_ files: [String: String]) throws -> String { try TemporaryFiles.directory(files) }

    static let visitRule = """
        reminder { id = "visit-monthly", title = "每月走访", source = "测试", applies_to = { kind = "branch" }, every = "month",
          done = function(org) return dj.visits.count(org.id) >= 1 end, notify = { before_end = { 30 }, to = "secretary" } }
        """

    /// A root committee, a district under it, and `branches` branches in the district, each with a secretary.
    func district(_ t: TemporaryHost, branches: Int) async throws -> (
        root: Organization, district: Organization, branches: [Organization]
    ) {
        let o = t.host.organizations
        let root = try await o.create(.init(parentID: nil, name: "市委", kind: "committee"), by: .system)
        let district = try await o.create(.init(parentID: root.id, name: "区委", kind: "committee"), by: .system)
        var made: [Organization] = []
        for index in 1...branches {
            let branch = try await o.create(
                .init(parentID: district.id, name: "第\(index)支部", kind: "branch"), by: .system)
            _ = try await t.host.users.create(
                UserDraft(
                    username: "s\(branch.id)", displayName: "书记", password: "secret123",
                    grants: [GrantDraft(role: "secretary", organizationID: branch.id)]), by: .system)
            made.append(branch)
        }
        return (root, district, made)
    }

    @Test func pluginFunctionsServeASweepFromOneBatchedQuery() async throws {
        let plugin = VisitsPlugin(rulesDirectory: try directory(["visits.lua": Self.visitRule]))
        let t = try await TemporaryHost.open(plugins: [plugin])
        // Enough branches to spread over both VMs: the one visited branch sits in the second slice.
        let (_, _, branches) = try await district(t, branches: RuleEngine.fanOutThreshold + 6)
        let visited = branches[branches.count - 3]
        try await t.host.database.write { s in try s.execute("INSERT INTO visits VALUES (?)", [.integer(visited.id)]) }
        var configuration = t.host.configuration
        configuration.rulesBaseline = try directory(["empty.lua": "-- nothing"])
        let rules = try RuleSet.load(configuration, plugins: t.host.rulePlugins).get()
        #expect(rules.baselines.map(\.directory) == [configuration.rulesBaseline, plugin.rulesDirectory])
        let report = try await RuleEngine(host: t.host, rules: rules, limits: LuaLimits(), poolSize: 2).sweep(
            at: t.today)
        #expect(report.failures.isEmpty)
        #expect(report.evaluated == branches.count)
        #expect(report.sent == branches.count - 1)
        // Every answer went to its own branch: all but the visited one were told.
        #expect(try await t.count("notifications", "organization_id = \(visited.id)") == 0)
        #expect(try await t.count("notifications", "kind = 'reminder'") == branches.count - 1)
        #expect(plugin.loads.count == 1)
    }

    @Test func aDistrictPackCannotReadOutsideItsSubtreeThroughAPluginFunction() async throws {
        let plugin = VisitsPlugin(rulesDirectory: try directory(["visits.lua": "-- no baseline rules"]))
        let t = try await TemporaryHost.open(plugins: [plugin])
        let (root, district, branches) = try await district(t, branches: 1)
        let outside = try await t.host.organizations.create(
            .init(parentID: root.id, name: "区外支部", kind: "branch"), by: .system)
        let snoop = try directory([
            "d.lua": """
            rule { id = "snoop", title = "越界", source = "测试", applies_to = { kind = "branch" },
              check = function(org) return { { notify = "secretary", title = "n=" .. dj.visits.count(\(outside.id)), key = "k" } } end }
            """
        ])
        let rules = RuleSet(
            baseline: try RulePack.load(directory: plugin.rulesDirectory).get(),
            bindings: [.init(pack: try RulePack.load(directory: snoop).get(), organizationID: district.id)])
        let report = try await RuleEngine(host: t.host, rules: rules, limits: LuaLimits(), poolSize: 1).sweep(
            at: t.today)
        #expect(report.sent == 0)
        #expect(report.failures.map(\.organizationID) == [branches[0].id])
        #expect(report.failures.first?.error.message.contains("outside this pack's subtree") == true)
    }

    @Test func rulesOpenTasksAndCasesOnceAndADryRunListsThem() async throws {
        let t = try await TemporaryHost.open()
        let (_, district, branches) = try await district(t, branches: 2)
        let pack = try RulePack.load(
            directory: try directory([
                "r.lua": """
                rule { id = "gaps", title = "整改", source = "测试", applies_to = { kind = "branch" },
                  check = function(org, today)
                    return {
                      { open = "task", title = org.name .. "补开支委会", due = dj.date.add_days(today, 10), criteria = "会议记录", key = "q2" },
                      { open = "case", title = org.name .. "书记是否需要诫勉谈话", body = "连续两季度未开会", key = "q2" },
                    }
                  end }
                """
            ])
        ).get()
        let engine = try RuleEngine(host: t.host, pack: pack, limits: LuaLimits(), poolSize: 1)
        let dry = try await engine.sweep(at: t.today, dryRun: true)
        #expect(dry.planned.map(\.intent).sorted() == ["case", "case", "task", "task"])
        #expect(try await t.count("tasks") == 0)
        let first = try await engine.sweep(at: t.today)
        #expect(first.opened == 4 && first.failures.isEmpty)
        let again = try await engine.sweep(at: t.today)
        #expect(again.opened == 0 && again.alreadySent == 4)
        #expect(try await engine.sweep(at: t.today, dryRun: true).planned.allSatisfy(\.alreadySent))
        // A task is the branch's to fix, issued by the district; a case goes to the district to decide.
        let tasks = try await t.host.tasks.list(.init(), page: .first, by: .system).items
        let rectification = tasks.filter { $0.kind == "rectification" }
        #expect(Set(rectification.map(\.responsibleOrganizationID)) == Set(branches.map(\.id)))
        #expect(
            rectification.allSatisfy { $0.issuerOrganizationID == district.id && $0.dueOn == t.today.adding(days: 10) })
        #expect(rectification.allSatisfy { $0.ruleRef?.hasPrefix("gaps@") == true })
        let cases = tasks.filter { $0.kind == "case" }
        #expect(cases.count == 2 && cases.allSatisfy { $0.responsibleOrganizationID == district.id })
        #expect(cases.allSatisfy { $0.dueOn == t.today.adding(days: RuleEngine.defaultTaskDays) })
    }

    @Test func rulesReadTheTasksAnOrganisationIsResponsibleFor() async throws {
        let t = try await TemporaryHost.open()
        let (_, district, branches) = try await district(t, branches: 2)
        _ = try await t.host.tasks.create(
            TaskDraft(
                issuerOrganizationID: district.id, responsibleOrganizationID: branches[1].id,
                title: "整改台账", dueOn: t.today.adding(days: -3).description), by: .system)
        let pack = try RulePack.load(
            directory: try directory([
                "r.lua": """
                rule { id = "overdue-tasks", title = "逾期", source = "测试", applies_to = { kind = "branch" },
                  check = function(org)
                    local late = dj.tasks(org.id, "overdue")
                    if #late == 0 then return {} end
                    return { { notify = "secretary", title = late[1].title .. " 逾期（" .. late[1].due_on .. "）", key = "late" } }
                  end }
                """
            ])
        ).get()
        let report = try await RuleEngine(host: t.host, pack: pack, limits: LuaLimits(), poolSize: 1).sweep(at: t.today)
        #expect(report.sent == 1 && report.failures.isEmpty)
        #expect(
            try await t.count("notifications", "organization_id = \(branches[1].id) AND title LIKE '整改台账 逾期%'") == 1)
    }

    @Test func aTaskIntentDueInThePastOrOfAnUnknownKindFailsAlone() async throws {
        let t = try await TemporaryHost.open()
        _ = try await district(t, branches: 1)
        let pack = try RulePack.load(
            directory: try directory([
                "r.lua": """
                rule { id = "bad", title = "坏", source = "测试", applies_to = { kind = "branch" },
                  check = function(org, today)
                    return {
                      { open = "task", title = "过去", due = "2020-01-01", key = "a" },
                      { open = "meeting", title = "未知", key = "b" },
                      { open = "task", title = "好的", key = "c" },
                    }
                  end }
                """
            ])
        ).get()
        let report = try await RuleEngine(host: t.host, pack: pack, limits: LuaLimits(), poolSize: 1).sweep(at: t.today)
        #expect(report.opened == 1)
        #expect(report.failures.count == 2)
        #expect(report.failures.map(\.error.message).joined().contains("before today"))
    }

    @Test func scoresResolveLikeRulesAndKeepTheirEvidence() async throws {
        let t = try await TemporaryHost.open()
        let (_, district, branches) = try await district(t, branches: 2)
        let outside = try await t.host.organizations.create(
            .init(parentID: district.parentID, name: "区外支部", kind: "branch"), by: .system)
        let baseline = try RulePack.load(
            directory: try directory([
                "s.lua": """
                score("yearly", function(org, year)
                  return { items = { { item = "会议", points = 60, evidence = year .. " 年支委会 12 次" }, { item = "党课", points = 25 } } }
                end)
                """
            ])
        ).get()
        let overlay = try RulePack.load(
            directory: try directory([
                "s.lua": """
                score("yearly", function(org, year)
                  if org.name == "第2支部" then return "garbage" end
                  return 70 + #dj.tasks(org.id, "overdue")  -- reads inside the district: allowed
                end)
                """
            ])
        ).get()
        let engine = try RuleEngine(
            host: t.host,
            rules: RuleSet(baseline: baseline, bindings: [.init(pack: overlay, organizationID: district.id)]),
            limits: LuaLimits(), poolSize: 1)
        let wanted = Set(branches.map(\.id) + [outside.id])
        let entries = try await t.host.organizations.sweepEntries().filter { wanted.contains($0.organization.id) }
        let (scores, failures) = try await engine.scores("yearly", argument: .int(2026), entries: entries)
        let byOrganization = Dictionary(uniqueKeysWithValues: scores.map { ($0.organizationID, $0) })
        #expect(byOrganization[outside.id]?.total == 85)
        #expect(
            byOrganization[outside.id]?.items.first
                == RuleScore.Item(item: "会议", points: 60, evidence: "2026 年支委会 12 次"))
        #expect(byOrganization[branches[0].id]?.total == 70)
        #expect(byOrganization[branches[0].id]?.ruleRef.hasPrefix("score:yearly@") == true)
        #expect(byOrganization[branches[1].id] == nil)
        #expect(failures.map(\.organizationID) == [branches[1].id])
        #expect(try await engine.scores("unknown", argument: .nil).scores.isEmpty)
    }

    @Test func twoBaselinePacksMayNotShareAnID() throws {
        var configuration = HostConfiguration()
        configuration.rulesBaseline = try directory(["a.lua": Self.visitRule])
        let plugin = VisitsPlugin(rulesDirectory: try directory(["b.lua": Self.visitRule]))
        guard case .failure(let errors) = RuleSet.load(configuration, plugins: [plugin]) else {
            Issue.record("two baselines declaring visit-monthly were accepted")
            return
        }
        #expect(errors.description.contains("also declared by another baseline pack"))
    }

    @Test func fixturesLoadPluginDataAndCheckOnlyThePackUnderTest() async throws {
        let plugin = VisitsPlugin(
            rulesDirectory: try directory([
                "visits.lua": Self.visitRule,
                "visits_test.lua": """
                fixture {
                  name = "a branch with a visit is quiet",
                  today = "2026-06-15",
                  organizations = { { key = "a", name = "甲支部", kind = "branch" }, { key = "b", name = "乙支部", kind = "branch" } },
                  members = { { key = "li", organization = "a", name = "李申请", status = "applicant", appliedOn = "2026-06-01" } },
                  visits = { "a" },
                  expect = { { rule = "visit-monthly", organization = "b" } },
                }
                """,
            ]))
        let runner = FixtureRunner(
            rules: RuleSet(baseline: try RulePack.load(directory: plugin.rulesDirectory).get()),
            limits: LuaLimits(), plugins: [plugin])
        let fixtures = try FixtureRunner.fixtures(in: plugin.rulesDirectory, limits: LuaLimits())
        let outcome = await runner.run(file: fixtures[0].file, fixture: fixtures[0].fixture)
        #expect(outcome.passed, "\(outcome.problem ?? "")")
    }
}
