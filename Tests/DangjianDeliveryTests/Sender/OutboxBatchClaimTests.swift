import Dangjian
import DangjianDelivery
import DangjianTestSupport
import Foundation
import Logging
import Testing

/// A batch whose key was fixed before a send (then the sender died, or the robot's rate limit
/// sent it back) goes out again whole under that key. Were the claim's limit to cut it, its key
/// would go out twice with different rows, and a receiver that drops a key it has seen would
/// never show the second part.
@Suite(.serialized) struct OutboxBatchClaimTests {
    @Test func aBatchCutByTheClaimLimitStillGoesOutWholeUnderItsKey() async throws {
        let w = try await OutboxSenderTests.world(secretaries: 3)
        try await RobotPeer.run { peer, _ in
            _ = try await w.t.host.channels.add(
                EndpointDraft(organizationID: w.branch.id, kind: "wecom", name: "支部群", url: peer.url("/wecom/whole")),
                by: w.admin)
            let drafts = w.secretaries.enumerated().map { n, secretary in
                NotificationDraft(
                    userID: secretary.id, kind: "reminder", title: "提醒\(n)号", body: "请按时召开支委会",
                    organizationID: w.branch.id, idempotencyKey: "whole\(n)")
            }
            _ = try await w.t.host.notifications.sendAll(drafts)
            // The three rows as a sender that fixed their batch and died before recording leaves them.
            _ = try await w.t.host.store.database.write { s in
                try s.execute("UPDATE outbox SET batch_key = 'batch:killed' WHERE channel = 'wecom'", [])
            }
            var settings = OutboxSender.Settings(w.t.host.configuration.delivery)
            settings.claimLimit = 2
            let sender = OutboxSender(
                host: w.t.host, transports: [.wecom: RobotTransport(client: peer.client)], settings: settings,
                logger: Logger(label: "test"))
            #expect(try await sender.tick() == 3)
            let received = try await peer.received()
            #expect(received.map(\.idempotencyKey) == ["batch:killed"])
            #expect(received.first.map { text in (0..<3).allSatisfy { text.body.contains("提醒\($0)号") } } == true)
            #expect(try await OutboxSenderTests().statuses(w) == ["delivered": 3])
        }
        await w.t.close()
    }
}
