import Foundation
import Synchronization
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

/// A reminder is read into typed values once, when its pack loads, and may word its own
/// notices (issue 14, point 2).
@Suite struct ReminderTemplateTests {
    /// `RuleEngineTests.monthly` with its own wording for the notices before the end.
    static let worded = RuleEngineTests.monthly.replacingOccurrences(
        of: #"notify = { before_end = { 7, 3 }, to = "secretary" },"#,
        with: """
            notify = { before_end = { 7, 3 }, to = "secretary",
                         title = "提醒：{title}",
                         body = "{organization} 的 {period} 还差 {days} 天到期（{due}），依据 {source}" },
            """)

    @Test func theTypedReminderCarriesItsFileLineStagesAndRecipients() throws {
        #expect(Self.worded.contains("{days}"))
        let pack = try RuleEngineTests().pack(["committee.lua": Self.worded])
        let reminder = try #require(pack.declarations.first?.reminder)
        #expect(reminder.file.hasSuffix("/committee.lua") && reminder.line == 1)
        #expect(reminder.id == "branch-committee-monthly" && reminder.enabled)
        guard case .every(.month) = reminder.when else { Issue.record("every = month, got \(reminder.when)"); return }
        #expect(reminder.notify?.days == [3, 7] && reminder.notify?.to == .secretary)
        #expect(reminder.escalate?.days == [5] && reminder.escalate?.to == .parentSecretary)
        #expect(Stage.before(days: 7).description == "before-7" && Stage.escalate.description == "escalate")
    }

    @Test func aRemindersOwnTitleAndBodyReachTheInboxAndTheDefaultsStayAsTheyWere() async throws {
        let tests = RuleEngineTests()
        let w = try await tests.world()
        let engine = try RuleEngine(
            host: w.t.host, pack: try tests.pack(["committee.lua": Self.worded]), limits: LuaLimits(), poolSize: 1)
        _ = try await engine.sweep(at: Day("2026-06-24")!)
        let notice = try #require(try await tests.inbox(w, w.secretaryA).first)
        #expect(notice.title == "提醒：支委会每月至少召开一次")
        #expect(notice.body == "一中第一支部 的 2026-06 还差 6 天到期（2026-06-30），依据 中国共产党支部工作条例（试行）2018")
        // The escalation gives no wording of its own: the current Chinese text, exactly.
        _ = try await engine.sweep(at: Day("2026-07-05")!)
        let escalation = try #require(try await tests.inbox(w, w.secretaryGeneral).first)
        #expect(escalation.title == "支委会每月至少召开一次")
        #expect(escalation.body == "「一中第一支部」2026-06 未完成：支委会每月至少召开一次（期限 2026-06-30 已过）。依据：中国共产党支部工作条例（试行）2018")
        await w.t.close()
    }

    @Test func anUnknownPlaceholderIsALoadErrorAtItsOwnLine() throws {
        let source = Self.worded.replacingOccurrences(of: "{organization} 的", with: "{orgnization} 的")
        let directory = try TemporaryFiles.directory(["committee.lua": source])
        guard case .failure(let errors) = RulePack.load(directory: directory) else {
            Issue.record("a bad template loaded"); return
        }
        #expect(errors.problems.count == 1)
        let problem = try #require(errors.problems.first)
        #expect(problem.location.hasSuffix("/committee.lua:10"), "\(problem)")
        #expect(
            problem.message.hasPrefix("notify.body: unknown placeholder {orgnization} (known: {organization},"),
            "\(problem)")
    }

    @Test func aReminderKeepsTheTemplatesTheCheckParsedInsteadOfParsingAgain() throws {
        let pack = try RuleEngineTests().pack(["committee.lua": Self.worded])
        let declaration = try #require(pack.declarations.first { $0.kind == .reminder })
        let given = try NoticeTemplate(parsing: "given {period}")
        let reminder = try #require(Reminder(declaration, templates: ["notify.body": .success(given)]))
        #expect(reminder.notify?.body == given)
        #expect(reminder.notify?.title == NoticeTemplate.defaultTitle)
        #expect(declaration.reminder?.notify?.body != given)
    }

    /// Counts how often a VM loads a pack: the engine asks for the globals once per load.
    final class Loads: SweepObserver {
        let count = Mutex(0)
        func globals(_ globals: [String: LuaGlobal]) -> [String: LuaGlobal] {
            count.withLock { $0 += 1 }
            return globals
        }
        func planned(location: String, function: String, arguments: [[LuaValue]]) {}
    }

    @Test func eachPackIsLoadedOncePerVMHoweverManySweepsRun() async throws {
        let tests = RuleEngineTests()
        let w = try await tests.world()
        let other =
            "rule { id = \"other-rule\", title = \"x\", source = \"测试\", check = function(org, today) return {} end }"
        let rules = RuleSet(
            baseline: try tests.pack(["committee.lua": Self.worded]), plugins: [try tests.pack(["other.lua": other])])
        let loads = Loads()
        let engine = try RuleEngine(host: w.t.host, rules: rules, limits: LuaLimits(), poolSize: 2, observer: loads)
        for day in ["2026-06-24", "2026-06-28", "2026-07-05"] {
            _ = try await engine.sweep(at: Day(day)!, dryRun: true)
        }
        #expect(loads.count.withLock { $0 } == 2 * 2)
        await w.t.close()
    }
}
