import Dangjian
import DangjianLua
import DangjianTestSupport
import Synchronization
import Testing

/// Issue 14, point 5: events are typed facts. Swift subscribers get them back as their own
/// type, and a Lua hook's table keeps ids as integers and days as "YYYY-MM-DD".
@Suite struct TypedEventTests {
    struct World {
        let t: TemporaryHost
        let from: Organization
        let to: Organization
        let secretaryID: Int64
        let memberID: Int64
    }

    /// The runtime is returned to be kept: the bus holds it weakly, so a dropped one runs no hook.
    static func world(pack: String) async throws -> (World, RuleRuntime) {
        let directory = try TemporaryFiles.directory(["hooks.lua": pack])
        let t = try await TemporaryHost.open {
            $0.rulesBaseline = directory; $0.rulesCalendar = ""
        }
        let runtime = try await RuleRuntime.start(host: t.host)
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let from = try await t.host.organizations.create(
            .init(parentID: root.id, name: "一中支部", kind: "branch"), by: .system)
        let to = try await t.host.organizations.create(
            .init(parentID: root.id, name: "二中支部", kind: "branch"), by: .system)
        let secretary = try await t.host.users.create(
            UserDraft(
                username: "zhang", displayName: "张书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: from.id)]), by: .system)
        let member = try await t.host.members.create(
            MemberDraft(organizationID: from.id, name: "李明", appliedOn: "2026-01-05"), by: .system)
        return (World(t: t, from: from, to: to, secretaryID: secretary.id, memberID: member.id), runtime)
    }

    @Test func aSwiftSubscriberReadsTheFactAsItsType() async throws {
        let (w, runtime) = try await Self.world(pack: "")
        let seen = Mutex<[(MemberTransferStarted, Int)]>([])
        w.t.host.events.subscribe(MemberTransferStarted.self, subscriber: "test") { fact, event in
            seen.withLock { $0.append((fact, event.depth)) }
        }
        let transfer = try await w.t.host.members.startTransfer(
            w.memberID, TransferRequest(toOrganizationID: w.to.id), by: .system)
        await w.t.host.events.settle()
        let got = try #require(seen.withLock { $0.first })
        #expect(got.0.memberID == w.memberID && got.0.toOrganizationID == w.to.id && got.0.transferID == transfer.id)
        #expect(got.0.organizationID == w.from.id && got.1 == 0)
        withExtendedLifetime(runtime) {}
        await w.t.close()
    }

    @Test func aHookSeesIdsAsIntegersAndDaysAsText() async throws {
        let pack = """
            on("member.transferStarted", function(event)
              return { { notify = "secretary", key = "seen",
                         title = math.type(event.to) .. " " .. event.to .. " " .. math.type(event.transferID) } }
            end)
            on("member.statusChanged", function(event)
              return { { notify = "secretary", key = "status", title = type(event.on) .. " " .. event.on .. " " .. event.to } }
            end)
            """
        let (w, runtime) = try await Self.world(pack: pack)
        _ = try await w.t.host.members.changeStatus(
            w.memberID, StatusChange(status: "activist", on: "2026-06-01", reason: "支委会确定"), by: .system)
        _ = try await w.t.host.members.startTransfer(
            w.memberID, TransferRequest(toOrganizationID: w.to.id), by: .system)
        await w.t.host.events.settle()
        let inbox = try await w.t.host.notifications.inbox(
            unreadOnly: false, page: .first,
            by: Principal(userID: w.secretaryID, username: "zhang", memberID: nil, grants: [])
        ).items
        #expect(Set(inbox.map(\.title)) == ["integer \(w.to.id) integer", "string 2026-06-01 activist"])
        withExtendedLifetime(runtime) {}
        await w.t.close()
    }
}
