import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
@testable import DangjianLua
import DangjianTestSupport
import DangjianHTTPTestSupport

/// Issue 13, point 1: one rule author's mistake must not stop a district's host. The pack is
/// exactly the one that took a host down: a hook on member.statusChanged opens a task, and a
/// hook on task.created opens a task, so every new task would fire the second hook again.
@Suite struct HookCascadeTests {
    static let feedingPack = """
        on("member.statusChanged", function(event)
          return { { open = "task", title = "谈话了解思想动态", key = "talk" } }
        end)

        on("task.created", function(event)
          return { { open = "task", title = "再跟进一次", key = "again" } }
        end)
        """

    struct World {
        let app: TestApplication
        let runtime: RuleRuntime
        var base: TemporaryHost { app.base }
        let branchID: Int64
        let memberIDs: [Int64]
    }

    static func world() async throws -> World {
        let pack = try TemporaryFiles.directory(["hooks.lua": feedingPack])
        let app = try await TestApplication.open(configure: {
            $0.rulesBaseline = pack; $0.rulesCalendar = ""
        })
        let runtime = try #require(app.rules)
        let host = app.host
        let root = try await host.organizations.create(.init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let branch = try await host.organizations.create(
            .init(parentID: root.id, name: "一中支部", kind: "branch"), by: .system)
        _ = try await host.users.create(
            UserDraft(
                username: "admin", displayName: "区管理员", password: DemoDistrict.password,
                grants: [GrantDraft(role: "districtAdmin", organizationID: root.id)]), by: .system)
        var members: [Int64] = []
        for name in ["李明", "王芳", "赵强", "孙丽"] {
            members.append(
                try await host.members.create(
                    MemberDraft(organizationID: branch.id, name: name, appliedOn: "2026-01-05"), by: .system
                ).id)
        }
        return World(app: app, runtime: runtime, branchID: branch.id, memberIDs: members)
    }

    /// Makes the `index`th applicant an activist through the API, as a secretary would.
    func makeActivist(_ client: any TestClientProtocol, _ w: World, token: String, _ index: Int) async throws {
        let answer = try await client.send(
            .post, "/api/v1/members/\(w.memberIDs[index])/status", token: token,
            json: #"{"status":"activist","on":"2026-02-01","reason":"支委会研究确定"}"#)
        #expect(answer.status == .ok, "\(answer.text)")
    }

    @Test(.timeLimit(.minutes(1))) func aHookThatFeedsItselfIsBoundedAndThenSwitchedOff() async throws {
        let w = try await Self.world()
        let host = w.base.host
        let depth = host.events.maxDepth
        try await w.app.test { client in
            let admin = try await client.login("admin")
            // The request answers although its event starts a chain of hooks.
            try await makeActivist(client, w, token: admin, 0)
            await host.events.settle()
            // One task from the status hook, then one per level of task.created up to the
            // bound; the event past it is refused, not handled.
            #expect(try await w.base.count("tasks") == 1 + depth)
            #expect(host.events.refusedCount == 1)
            #expect(w.runtime.status.disabledHooks.isEmpty)

            try await makeActivist(client, w, token: admin, 1)
            try await makeActivist(client, w, token: admin, 2)
            await host.events.settle()
            #expect(host.events.refusedCount == RuleRuntime.hookRefusalLimit)
            #expect(try await w.base.count("tasks") == 3 * (1 + depth))
            let disabled = w.runtime.status.disabledHooks
            #expect(disabled.count == 1 && disabled.first?.hook.hasPrefix("on:task.created@") == true, "\(disabled)")
            #expect(disabled.first?.reason.contains("depth") == true)
            // The district admin is told, in the inbox, once.
            let alerts = try await client.send(.get, "/api/v1/notifications", token: admin)
            #expect(alerts.text.contains("规则钩子已停用"), "\(alerts.text)")
            #expect(try await w.base.count("notifications", "kind = 'ruleAlert'") == 1)
            // The admin sees it in the rules' status too.
            let status = try await client.send(.get, "/api/v1/admin/rules", token: admin)
            #expect(status.text.contains("disabledHooks") && status.text.contains("on:task.created@"))

            // Switched off: the status hook still runs, the feeding hook does not.
            try await makeActivist(client, w, token: admin, 3)
            await host.events.settle()
            #expect(try await w.base.count("tasks") == 3 * (1 + depth) + 1)
            #expect(host.events.refusedCount == RuleRuntime.hookRefusalLimit)

            // A reload switches it on again (the author fixed it, or says so).
            guard case .success = try await w.runtime.reload() else { Issue.record("reload refused"); return }
            #expect(w.runtime.status.disabledHooks.isEmpty)
        }
        await w.base.close()
    }

    @Test func aHookThatKeepsFailingIsSwitchedOff() async throws {
        let pack = try TemporaryFiles.directory([
            "hooks.lua": """
            on("organization.updated", function(event)
              error("没有这个字段")
            end)
            """
        ])
        let base = try await TemporaryHost.open {
            $0.rulesBaseline = pack; $0.rulesCalendar = ""
        }
        let runtime = try await RuleRuntime.start(host: base.host)
        let host = base.host
        let root = try await host.organizations.create(.init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        _ = try await host.users.create(
            UserDraft(
                username: "admin", displayName: "区管理员", password: DemoDistrict.password,
                grants: [GrantDraft(role: "districtAdmin", organizationID: root.id)]), by: .system)
        for round in 1...(RuleRuntime.hookFailureLimit + 2) {
            _ = try await host.organizations.update(root.id, OrganizationPatch(name: "区委\(round)"), by: .system)
        }
        await host.events.settle()
        #expect(
            runtime.status.disabledHooks.map(\.reason).first?.contains("\(RuleRuntime.hookFailureLimit) times in a row")
                == true)
        #expect(try await base.count("notifications", "kind = 'ruleAlert'") == 1)
        await base.close()
    }

    /// A write returns before a slow hook on its event ends; the hook's intents arrive after.
    @Test func aWriteDoesNotWaitForASlowHook() async throws {
        let pack = try TemporaryFiles.directory([
            "slow.lua": """
            on("organization.created", function(event)
              local started = os.clock()
              while os.clock() - started < 2 do end
              return { { open = "task", title = "慢钩子的任务", key = "slow" } }
            end)
            """
        ])
        let base = try await TemporaryHost.open {
            $0.rulesBaseline = pack
            $0.rulesCalendar = ""
            $0.luaInstructionBudget = 2_000_000_000
            // The hook spins on CPU time (os.clock); on a loaded machine two CPU seconds take far
            // longer than two on the wall, and the limit is on the wall.
            $0.luaTimeoutMilliseconds = 120_000
        }
        let runtime = try await RuleRuntime.start(host: base.host)
        _ = try await base.host.organizations.create(.init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        // Had the write waited for its hook (two seconds of Lua), the hook's task would be there.
        #expect(try await base.count("tasks") == 0)
        await base.host.events.settle()
        #expect(try await base.count("tasks") == 1)
        #expect(runtime.status.disabledHooks.isEmpty)
        await base.close()
    }
}
