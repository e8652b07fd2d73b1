import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport

/// Issue 15, point 1: who gets what, where. A notice's route (the nearest set above it, else the
/// configuration's) makes one outbox row per robot of its organisation or the one above, with the
/// recipient @-mentioned, and one for their email; mutes take their own channels away, never the
/// inbox, and escalations cannot be muted. The outbox rows are claimed under a lease.
@Suite struct DeliveryPlanTests {
    struct World {
        let t: TestHost
        let tree: SmallTree
        let admin: Principal
        let secretary: User
        let robot: ChannelEndpoint
        let parentRobot: ChannelEndpoint
    }

    static func world() async throws -> World {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let admin = Principal(
            userID: 0, username: "admin", memberID: nil,
            grants: [.init(role: .districtAdmin, organizationID: tree.root.id, path: tree.root.path)])
        let secretary = try await t.host.users.create(
            UserDraft(
                username: "wang", displayName: "王书记", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: tree.branchA.id)]), by: .system)
        _ = try await t.host.users.create(
            UserDraft(
                username: "zhao", displayName: "赵管理员", password: "secret123",
                grants: [GrantDraft(role: "districtAdmin", organizationID: tree.root.id)]), by: .system)
        let robot = try await t.host.channels.add(
            EndpointDraft(
                organizationID: tree.branchA.id, kind: "wecom", name: "一中第一支部群",
                url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdef-123456"), by: admin)
        let parentRobot = try await t.host.channels.add(
            EndpointDraft(
                organizationID: tree.general.id, kind: "dingtalk", name: "一中党总支群",
                url: "https://oapi.dingtalk.com/robot/send?access_token=tok987654", secret: "SECdingtalk"), by: admin)
        let me = Principal(userID: secretary.id, username: "wang", memberID: nil, grants: [])
        _ = try await t.host.channels.setOwn("wecom", address: "13800138000", by: me)
        _ = try await t.host.channels.setOwn("email", address: "wang@example.cn", by: me)
        return World(t: t, tree: tree, admin: admin, secretary: secretary, robot: robot, parentRobot: parentRobot)
    }

    func reminder(_ w: World, kind: String = "reminder", key: String) -> NotificationDraft {
        NotificationDraft(
            userID: w.secretary.id, kind: kind, title: "支委会本月尚未召开", body: "请于月底前召开",
            organizationID: w.tree.branchA.id, idempotencyKey: key, ruleRef: "branch-committee-monthly@abc")
    }

    func rows(_ w: World) async throws -> [[String: String]] {
        try await w.t.host.store.read { s in
            try s.query(
                "SELECT channel, endpoint_id, address, mention FROM outbox WHERE channel <> 'inApp' ORDER BY id", []
            )
            .map { row in
                [
                    "channel": try row.string("channel"),
                    "endpoint": try row.optionalInt64("endpoint_id").map(String.init) ?? "",
                    "address": try row.optionalString("address") ?? "",
                    "mention": try row.optionalString("mention") ?? "",
                ]
            }
        }
    }

    @Test func aReminderGoesToTheBranchGroupWithItsSecretaryMentioned() async throws {
        let w = try await Self.world()
        try await w.t.host.notifications.send(reminder(w, key: "r1"))
        #expect(
            try await rows(w) == [
                ["channel": "wecom", "endpoint": "\(w.robot.id)", "address": "", "mention": "13800138000"]
            ])
        // The nearest route wins: the general branch sends its subtree's reminders to the group
        // above and by email, and the branch's notice follows it.
        _ = try await w.t.host.channels.setRoute(
            "reminder", targets: ["parentGroup", "email"], on: w.tree.general.id, by: w.admin)
        try await w.t.host.notifications.send(reminder(w, key: "r2"))
        let second = Array(try await rows(w).dropFirst())
        // The secretary gave no DingTalk number, so the DingTalk group gets the notice unmentioned.
        #expect(
            second == [
                ["channel": "dingtalk", "endpoint": "\(w.parentRobot.id)", "address": "", "mention": ""],
                ["channel": "email", "endpoint": "", "address": "wang@example.cn", "mention": ""],
            ])
        // An empty route means the inbox only.
        _ = try await w.t.host.channels.setRoute("reminder", targets: [], on: w.tree.branchA.id, by: w.admin)
        try await w.t.host.notifications.send(reminder(w, key: "r3"))
        #expect(try await rows(w).count == 3)
        #expect(try await w.t.count("outbox", "channel = 'inApp'") == 3)
        await w.t.close()
    }

    @Test func aMuteTakesAwayOwnChannelsButNotTheInboxAndEscalationsCannotBeMuted() async throws {
        let w = try await Self.world()
        let me = Principal(userID: w.secretary.id, username: "wang", memberID: nil, grants: [])
        try await w.t.host.channels.mute("reminder", by: me)
        await expectError("channel.notMutable") { try await w.t.host.channels.mute("escalation", by: me) }
        await expectError("validation.badValue") { try await w.t.host.channels.mute("spam", by: me) }
        _ = try await w.t.host.channels.setRoute(
            "reminder", targets: ["group", "email"], on: w.tree.root.id, by: w.admin)
        try await w.t.host.notifications.send(reminder(w, key: "m1"))
        try await w.t.host.notifications.send(reminder(w, kind: "escalation", key: "e1"))
        // The muted reminder still reaches the group, without the mention and without email; the
        // escalation mentions the secretary.
        #expect(
            try await rows(w) == [
                ["channel": "wecom", "endpoint": "\(w.robot.id)", "address": "", "mention": ""],
                ["channel": "wecom", "endpoint": "\(w.robot.id)", "address": "", "mention": "13800138000"],
            ])
        #expect(try await w.t.count("notifications", "user_id = \(w.secretary.id)") == 2)
        #expect(try await w.t.host.channels.mutes(by: me) == ["reminder"])
        await w.t.close()
    }

    @Test func robotsAreCheckedSealedAndShownMasked() async throws {
        let w = try await Self.world()
        let add = { (draft: EndpointDraft) in _ = try await w.t.host.channels.add(draft, by: w.admin) }
        let base = EndpointDraft(
            organizationID: w.tree.branchB.id, kind: "wecom", name: "群", url: "https://example.cn/hook")
        var plain = base
        plain.url = "http://example.cn/hook"
        await expectError("channel.badAddress") { try await add(plain) }
        var kind = base
        kind.kind = "telegram"
        await expectError("channel.badKind") { try await add(kind) }
        var secret = base
        secret.secret = String(repeating: "s", count: 201)
        await expectError("channel.secretTooLong") { try await add(secret) }
        let me = Principal(userID: w.secretary.id, username: "wang", memberID: nil, grants: [])
        await expectError("channel.badMobile") {
            _ = try await w.t.host.channels.setOwn("dingtalk", address: "1380013", by: me)
        }
        #expect(try await w.t.count("channel_endpoints") == 2)
        // Loopback http is a local receiver; it is allowed.
        var local = base
        local.url = "http://127.0.0.1:9/hook"
        try await add(local)
        // Nothing in the table or the view holds the URL's key or the secret in clear.
        let stored = try await w.t.host.store.read { s in
            try s.query("SELECT address_sealed, address_hint, secret_sealed FROM channel_endpoints", []).map {
                "\(try $0.string("address_sealed")) \(try $0.string("address_hint")) \(try $0.optionalString("secret_sealed") ?? "")"
            }.joined()
        }
        #expect(!stored.contains("abcdef") && !stored.contains("tok987654") && !stored.contains("SECdingtalk"))
        #expect(w.parentRobot.addressHint == "https://oapi.dingtalk.com/…****7654" && w.parentRobot.hasSecret)
        let opened = try await w.t.host.channels.opened(w.parentRobot.id)
        #expect(opened.url.hasSuffix("access_token=tok987654") && opened.secret == "SECdingtalk")
        // A secretary cannot add robots; an admin of another subtree does not see them.
        let secretary = Principal(
            userID: w.secretary.id, username: "wang", memberID: nil,
            grants: [.init(role: .secretary, organizationID: w.tree.branchA.id, path: w.tree.branchA.path)])
        var own = base
        own.organizationID = w.tree.branchA.id
        await expectError("auth.forbidden") { _ = try await w.t.host.channels.add(own, by: secretary) }
        let other = Principal(
            userID: 0, username: "other", memberID: nil,
            grants: [.init(role: .districtAdmin, organizationID: w.tree.otherSchool.id, path: w.tree.otherSchool.path)])
        await expectError("channel.notFound") { _ = try await w.t.host.channels.endpoint(w.robot.id, by: other) }
        await expectError("channel.notFound") { _ = try await w.t.host.channels.setPaused(w.robot.id, true, by: other) }
        #expect(try await w.t.host.channels.endpoints(by: other).isEmpty)
        #expect(try await w.t.host.channels.endpoints(by: w.admin).count == 3)
        await w.t.close()
    }

    @Test func rowsAreClaimedUnderALeaseAndADeadLetterAlertsTheAdmins() async throws {
        let w = try await Self.world()
        try await w.t.host.notifications.send(reminder(w, key: "c1"))
        let now = w.t.clock.now()
        let outbox = w.t.host.outbox
        let first = try await outbox.claim(owner: "a", now: now, until: now.addingTimeInterval(60), limit: 10)
        #expect(first.map(\.channel) == ["wecom"] && first[0].mention == "13800138000" && first[0].noticeKey == "c1")
        // Leased: another sender finds nothing until the lease runs out.
        #expect(try await outbox.claim(owner: "b", now: now, until: now.addingTimeInterval(60), limit: 10).isEmpty)
        try await outbox.assignBatch([first[0].id], key: "batch-1", owner: "a")
        let later = now.addingTimeInterval(61)
        let again = try await outbox.claim(owner: "b", now: later, until: later.addingTimeInterval(60), limit: 10)
        #expect(again.map(\.id) == first.map(\.id) && again[0].batchKey == "batch-1")
        // The first owner's lease was taken: its record does nothing; the holder's counts.
        #expect(try await outbox.record([first[0].id], result: .delivered, answer: "ok", owner: "a") == 0)
        #expect(try await outbox.record([first[0].id], result: .retry, answer: "502", next: later, owner: "b") == 1)
        let third = try await outbox.claim(owner: "b", now: later, until: later.addingTimeInterval(60), limit: 10)
        #expect(third.first?.attempts == 1)
        #expect(
            try await outbox.record(
                [first[0].id], result: .dead, answer: "errcode 93000 invalid webhook url", owner: "b") == 1)
        #expect(try await outbox.claim(owner: "b", now: later, until: later.addingTimeInterval(60), limit: 10).isEmpty)
        // The district admin hears of it once, naming the channel and the answer.
        let alerts = try await w.t.host.store.read { s in
            try s.query("SELECT title, body FROM notifications WHERE kind = 'delivery.dead'", []).map {
                "\(try $0.string("title")) \(try $0.string("body"))"
            }
        }
        #expect(alerts.count == 1 && alerts[0].contains("wecom") && alerts[0].contains("93000"))
        let dead = try await outbox.deliveries(.init(status: "dead"), page: .first, by: w.admin)
        #expect(dead.items.map(\.attempts) == [2] && dead.items[0].attemptLog.map(\.result) == ["retry", "dead"])
        let retried = try await outbox.retry(dead.items[0].id, by: w.admin)
        #expect(retried.status == "pending" && retried.attempts == 0)
        await expectError("delivery.notDead") { _ = try await outbox.retry(retried.id, by: w.admin) }
        #expect(try await outbox.depth(now: later).pending == 1)
        await w.t.close()
    }
}
