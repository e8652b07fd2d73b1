import Foundation
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

/// What a rule author sees in a dry run: every notice, once, and every notice no one would receive.
@Suite struct DryRunTests {
    static let rule = """
        rule { id = "dry-reach", title = "x", source = "测试", applies_to = { kind = "branch" },
          check = function(org, today)
            if org.name == "有书记支部" then
              return { { notify = "secretary", title = "同名提醒", key = "a" }, { notify = "secretary", title = "同名提醒", key = "b" },
                       { notify = "secretary", title = "同名提醒", key = "b" }, { open = "task", title = "整改", key = "t" } }
            end
            return { { notify = "secretary", title = "请召开支委会", key = "k" }, { notify = "secretary", title = "请召开支委会", key = "k" } }
          end }
        """

    @Test func noticesWithoutARecipientAreListedByRuleOrganisationAndReason() async throws {
        let t = try await TemporaryHost.open()
        defer { Task { await t.close() } }
        let o = t.host.organizations
        let root = try await o.create(.init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        var bare: [Organization] = []
        for name in ["第一支部", "第二支部", "第三支部"] {
            bare.append(try await o.create(.init(parentID: root.id, name: name, kind: "branch"), by: .system))
        }
        let served = try await o.create(.init(parentID: root.id, name: "有书记支部", kind: "branch"), by: .system)
        let secretary = try await t.host.users.create(
            UserDraft(
                username: "zhang", displayName: "张", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: served.id)]), by: .system)
        let pack = try RulePack.load(directory: try TemporaryFiles.directory(["r.lua": Self.rule])).get()
        let engine = try RuleEngine(host: t.host, pack: pack, limits: LuaLimits(), poolSize: 1)
        let report = try await engine.sweep(at: t.today, dryRun: true)

        // One entry per branch: the rule asked twice under one key, which would be stored once.
        #expect(report.withoutRecipient.map(\.organizationID) == bare.map(\.id))
        #expect(
            report.withoutRecipient.allSatisfy {
                $0.rule == "dry-reach" && $0.recipient == "secretary" && $0.key == "k" && $0.title == "请召开支委会"
                    && $0.reason == "没有书记账号 / no secretary account"
            })
        #expect(report.withoutRecipient.map(\.organization) == ["第一支部", "第二支部", "第三支部"])
        #expect(report.unaddressed.first == "dry-reach: 第一支部 has no secretary")

        // Two notices with one title differ by key; a repeated key is listed once; a task names no user.
        #expect(report.planned.map(\.key) == ["a", "b", "task:t"])
        #expect(report.planned.map(\.userID) == [secretary.id, secretary.id, nil])
        #expect(report.planned.last?.intent == "task" && report.planned.last?.organizationID == served.id)
        #expect(try await t.count("notifications") == 0)
        #expect(try await t.count("tasks") == 0)
    }
}
