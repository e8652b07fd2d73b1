import Testing
@testable import Dangjian
import DangjianTestSupport

@Suite struct NotificationCenterTests {
    func user(_ t: TestHost, _ tree: SmallTree, _ name: String) async throws -> Principal {
        let user = try await t.host.users.create(
            UserDraft(
                username: name, displayName: name, password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: tree.branchA.id)]), by: .system)
        return Principal(userID: user.id, username: name, memberID: nil, grants: [])
    }

    @Test func theSameReminderIsStoredOnce() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let alice = try await user(t, tree, "alice")
        let draft = NotificationDraft(
            userID: alice.userID, kind: "reminder", title: "支委会本月尚未召开", body: "请于月底前召开",
            idempotencyKey: "branch-committee-monthly:\(tree.branchA.id):2026-06:before-7",
            ruleRef: "branch-committee-monthly@abc",
            channels: ["webhook"])
        #expect(try await t.host.notifications.send(draft) != nil)
        #expect(try await t.host.notifications.send(draft) == nil)
        #expect(try await t.count("notifications") == 1)
        #expect(try await t.count("outbox") == 2)
        #expect(try await t.count("outbox", "channel = 'inApp' AND status = 'delivered'") == 1)
        #expect(try await t.count("outbox", "channel = 'webhook' AND status = 'pending'") == 1)
        await expectError("validation.badValue") {
            var unknown = draft
            unknown.kind = "spam"
            unknown.idempotencyKey = "other"
            _ = try await t.host.notifications.send(unknown)
        }
        await t.close()
    }

    @Test func inboxUnreadCountAndMarkRead() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let alice = try await user(t, tree, "alice")
        let bob = try await user(t, tree, "bob")
        var ids: [Int64] = []
        for n in 0..<3 {
            let sent = try await t.host.notifications.send(
                NotificationDraft(
                    userID: alice.userID, kind: "general", title: "通知\(n)", body: "", idempotencyKey: "n\(n)"))
            ids.append(try #require(sent).id)
        }
        #expect(try await t.host.notifications.unreadCount(by: alice) == 3)
        #expect(try await t.host.notifications.unreadCount(by: bob) == 0)
        let read = try await t.host.notifications.markRead(ids[0], by: alice)
        #expect(read.readAt != nil)
        await expectError("notification.notFound") { _ = try await t.host.notifications.markRead(ids[1], by: bob) }
        let unread = try await t.host.notifications.inbox(unreadOnly: true, page: .first, by: alice)
        #expect(unread.items.map(\.title) == ["通知2", "通知1"])
        #expect(try await t.host.notifications.markAllRead(by: alice) == 2)
        #expect(try await t.host.notifications.unreadCount(by: alice) == 0)
        await t.close()
    }
}
