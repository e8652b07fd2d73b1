import Foundation
import Logging
import Testing
import Dangjian
import DangjianDelivery
import DangjianTestSupport

/// Issue 15, point 2, end to end: reminders stored by the host leave through the real sender
/// to the real robots' peer. A burst to one group is batched and paced to the channel's limit,
/// every robot's signature is accepted, temporary errors are tried again, permanent ones and
/// the last retry become dead letters with an alert for the district admins.
@Suite(.serialized) struct OutboxSenderTests {
    struct World {
        let t: TemporaryHost
        let branch: Organization
        let secretaries: [User]
        let admin: Principal
    }

    static func world(secretaries count: Int = 3, attempts: Int = 3) async throws -> World {
        let t = try await TemporaryHost.open {
            $0.delivery.maxAttempts = attempts
            $0.delivery.retryBaseSeconds = 1
            $0.delivery.routes = ["reminder": [.group]]
        }
        let root = try await t.organization("区委", .committee)
        let branch = try await t.organization("第一支部", .branch, under: root)
        var secretaries: [User] = []
        for n in 0..<count {
            let user = try await t.host.users.create(
                UserDraft(
                    username: "s\(n)", displayName: "书记\(n)", password: "secret123",
                    grants: [GrantDraft(role: "secretary", organizationID: branch.id)]), by: .system)
            let me = Principal(userID: user.id, username: "s\(n)", memberID: nil, grants: [])
            _ = try await t.host.channels.setOwn("wecom", address: "1380000000\(n)", by: me)
            secretaries.append(user)
        }
        _ = try await t.host.users.create(
            UserDraft(
                username: "admin", displayName: "管理员", password: "secret123",
                grants: [GrantDraft(role: "districtAdmin", organizationID: root.id)]), by: .system)
        let admin = Principal(
            userID: 0, username: "admin", memberID: nil,
            grants: [.init(role: .districtAdmin, organizationID: root.id, path: root.path)])
        return World(t: t, branch: branch, secretaries: secretaries, admin: admin)
    }

    func remind(_ w: World, count: Int, prefix: String = "r") async throws {
        var drafts: [NotificationDraft] = []
        for n in 0..<count {
            for secretary in w.secretaries {
                drafts.append(
                    NotificationDraft(
                        userID: secretary.id, kind: "reminder", title: "提醒\(n)：本月支委会尚未召开", body: "请于月底前召开",
                        organizationID: w.branch.id, link: "/organizations/\(w.branch.id)",
                        idempotencyKey: "\(prefix)\(n):\(secretary.id)", ruleRef: "branch-committee-monthly@abc"))
            }
        }
        _ = try await w.t.host.notifications.sendAll(drafts)
    }

    func statuses(_ w: World) async throws -> [String: Int] {
        try await w.t.host.store.read { s in
            var counts: [String: Int] = [:]
            for row in try s.query(
                "SELECT status, COUNT(*) AS n FROM outbox WHERE channel <> 'inApp' GROUP BY status", [])
            {
                counts[try row.string("status")] = try row.int("n")
            }
            return counts
        }
    }

    @Test func aBurstToOneGroupIsBatchedPacedAndEveryRecipientMentioned() async throws {
        let w = try await Self.world()
        try await RobotPeer.run { peer, _ in
            _ = try await w.t.host.channels.add(
                EndpointDraft(organizationID: w.branch.id, kind: "wecom", name: "支部群", url: peer.url("/wecom/burst")),
                by: w.admin)
            // 30 reminders for 3 secretaries: 90 rows, one group.
            try await remind(w, count: 30)
            let sender = DeliveryService.sender(host: w.t.host, client: peer.client, logger: Logger(label: "test"))
            #expect(try await sender.tick() == 90)
            let received = try await peer.received()
            // Each reminder's three rows are one notice with three mentions; 20 rows at most make a message.
            #expect(received.count == 5, "\(received.count) messages")
            #expect(received.allSatisfy { $0.mentions.count == 3 })
            #expect(received.allSatisfy { $0.idempotencyKey?.hasPrefix("batch:") == true })
            #expect(received.first?.text?.contains("规则 branch-committee-monthly@abc") == true)
            #expect(received.first?.text?.contains("/organizations/\(w.branch.id)") == true)
            #expect(try await statuses(w) == ["delivered": 90])
        }
        await w.t.close()
    }

    @Test func pastTheChannelsLimitTheRestWaitsItsTurn() async throws {
        let w = try await Self.world(secretaries: 1)
        try await RobotPeer.run { peer, _ in
            _ = try await w.t.host.channels.add(
                EndpointDraft(organizationID: w.branch.id, kind: "wecom", name: "支部群", url: peer.url("/wecom/pace")),
                by: w.admin)
            // Notices too long to share a message: one message each, 25 of them.
            var drafts: [NotificationDraft] = []
            for n in 0..<25 {
                drafts.append(
                    NotificationDraft(
                        userID: w.secretaries[0].id, kind: "reminder", title: "长提醒\(n)",
                        body: String(repeating: "请按时召开支委会。", count: 120), organizationID: w.branch.id,
                        idempotencyKey: "long\(n)"))
            }
            _ = try await w.t.host.notifications.sendAll(drafts)
            let sender = DeliveryService.sender(host: w.t.host, client: peer.client, logger: Logger(label: "test"))
            try await sender.tick()
            // WeCom takes 20 a minute: 20 went, none was refused, 5 wait a minute, paced, not dropped.
            #expect(try await peer.received().count == 20)
            #expect(try await statuses(w) == ["delivered": 20, "pending": 5])
            let waiting = try await w.t.host.store.read { s in
                try s.query("SELECT next_attempt_at, attempts FROM outbox WHERE status = 'pending'", []).map {
                    (try $0.date("next_attempt_at"), try $0.int("attempts"))
                }
            }
            #expect(waiting.allSatisfy { $0.1 == 0 && $0.0 > w.t.clock.now().addingTimeInterval(30) })
        }
        await w.t.close()
    }

    @Test func temporaryErrorsAreTriedAgainAndTheLastTryOrAPermanentErrorIsADeadLetter() async throws {
        let w = try await Self.world(secretaries: 1, attempts: 2)
        try await RobotPeer.run(secrets: ["signed": "SECtest"]) { peer, _ in
            let failing = try await w.t.host.channels.add(
                EndpointDraft(
                    organizationID: w.branch.id, kind: "dingtalk", name: "钉钉群", url: peer.url("/dingtalk/signed"),
                    secret: "SECtest"),
                by: w.admin)
            try await peer.mode("/dingtalk/signed", "fail", status: 503)
            try await remind(w, count: 1, prefix: "t")
            do {
                let sender = DeliveryService.sender(host: w.t.host, client: peer.client, logger: Logger(label: "test"))
                try await sender.tick()
                #expect(try await statuses(w) == ["pending": 1])
                // Not due again until its backoff has passed.
                #expect(try await sender.tick() == 0)
                w.t.clock.advance(by: 5)
                try await sender.tick()
                #expect(try await statuses(w) == ["dead": 1])
                // A channel's own permanent error is never tried again.
                try await peer.mode("/dingtalk/signed", "permanent")
                try await remind(w, count: 1, prefix: "p")
                try await sender.tick()
                #expect(try await statuses(w) == ["dead": 2])
                // Retried by an admin, it goes once the robot answers again, signed as DingTalk checks.
                try await peer.mode("/dingtalk/signed", "normal")
                let dead = try await w.t.host.outbox.deliveries(.init(status: "dead"), page: .first, by: w.admin)
                for delivery in dead.items { _ = try await w.t.host.outbox.retry(delivery.id, by: w.admin) }
                try await sender.tick()
                #expect(try await statuses(w) == ["delivered": 2])
            }
            #expect(try await peer.received().count == 2)
            let alerts = try await w.t.count("notifications", "kind = 'delivery.dead'")
            #expect(alerts == 1, "one alert a day per robot, naming it")
            _ = failing
        }
        await w.t.close()
    }

    @Test func anEmailRouteSendsEachNoticeByMailUnderItsKeysMessageID() async throws {
        let w = try await Self.world(secretaries: 2)
        try await SMTPPeer.with { peer in
            let smtp = peer.settings()
            for (n, secretary) in w.secretaries.enumerated() {
                let me = Principal(userID: secretary.id, username: "s\(n)", memberID: nil, grants: [])
                _ = try await w.t.host.channels.setOwn("email", address: "secretary\(n)@example.cn", by: me)
            }
            _ = try await w.t.host.channels.setRoute("reminder", targets: ["email"], on: w.branch.id, by: w.admin)
            try await remind(w, count: 2, prefix: "mail")
            let sender = OutboxSender(
                host: w.t.host, transports: [.email: EmailTransport(settings: smtp)],
                settings: OutboxSender.Settings(w.t.host.configuration.delivery), logger: Logger(label: "test"))
            #expect(try await sender.tick() == 4)
            let mails = try peer.received()
            #expect(mails.count == 4)
            #expect(Set(mails.flatMap(\.envelope.rcpt_tos)) == ["secretary0@example.cn", "secretary1@example.cn"])
            #expect(Set(mails.compactMap(\.envelope.idempotency_key)).count == 4)
            #expect(mails.allSatisfy { $0.envelope.tls })
            #expect(try await statuses(w) == ["delivered": 4])
        }
        await w.t.close()
    }
}
