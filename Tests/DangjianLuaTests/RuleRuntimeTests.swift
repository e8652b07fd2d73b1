import Foundation
import Synchronization
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
        guard case .failure(let errors) = try await runtime.reload() else {
            Issue.record("a broken pack was loaded"); return
        }
        #expect(errors.problems.contains { $0.message.contains("syntax error") })
        #expect(runtime.status.packs.first?.version == before)
        try good.replacingOccurrences(of: "before_end = 3", with: "before_end = 7").write(
            to: file, atomically: true, encoding: .utf8)
        guard case .success(let packs) = try await runtime.reload() else {
            Issue.record("a fixed pack was refused"); return
        }
        #expect(packs.first?.version != before && runtime.status.packs.first?.version == packs.first?.version)
        let report = try await runtime.sweep(at: t.today)
        #expect(report.failures.isEmpty && runtime.status.lastSweep?.day == t.today)
        await t.close()
    }

    @Test func eventHooksRunAfterCommitAndReturnIntents() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try """
        on("member.statusChanged", function(event)
          if event.to == "activist" then
            return { { notify = "secretary", title = "新确定入党积极分子，请指定培养联系人", key = "contact" } }
          end
          return {}
        end)
        """.write(to: directory.appendingPathComponent("hooks.lua"), atomically: true, encoding: .utf8)
        let t = try await TemporaryHost.open { $0.rulesBaseline = directory.path }
        let runtime = try await RuleRuntime.start(host: t.host)
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let branch = try await t.host.organizations.create(
            .init(parentID: root.id, name: "一中支部", kind: "branch"), by: .system)
        let secretary = try await t.host.users.create(
            UserDraft(
                username: "zhang", displayName: "张书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: branch.id)]), by: .system)
        let member = try await t.host.members.create(
            MemberDraft(organizationID: branch.id, name: "李明", appliedOn: "2026-01-05"), by: .system)
        let seen = Mutex<[HostEvent]>([])
        t.host.events.subscribe(HostEvent.Name.memberStatusChanged, subscriber: "test") { event in
            seen.withLock { $0.append(event) }
        }
        _ = try await t.host.members.changeStatus(
            member.id, StatusChange(status: "activist", on: "2026-06-01", reason: "支委会确定"), by: .system)
        await t.host.events.settle()
        let inbox = try await t.host.notifications.inbox(
            unreadOnly: false, page: .first,
            by: Principal(userID: secretary.id, username: "zhang", memberID: nil, grants: [])
        ).items
        #expect(inbox.map(\.title) == ["新确定入党积极分子，请指定培养联系人"])
        #expect(inbox.first?.ruleRef?.hasPrefix("on:member.statusChanged@") == true)
        // The same committed event handled again (e.g. a retry) sends nothing twice.
        let event = try #require(seen.withLock { $0.first })
        let again = try await runtime.engine.handle(event)
        #expect(again.sent == 0 && again.alreadySent == 1)
        await t.close()
    }

    @Test func aHookOnNotificationsIsRefused() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hooks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "on(\"notification.created\", function(e) return {} end)".write(
            to: directory.appendingPathComponent("loop.lua"), atomically: true, encoding: .utf8)
        guard case .failure(let errors) = RulePack.load(directory: directory.path) else {
            Issue.record("loaded"); return
        }
        #expect(errors.problems.first?.message.contains("cannot have a hook") == true)
    }
}
