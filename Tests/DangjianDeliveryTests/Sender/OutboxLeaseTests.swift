import Dangjian
import DangjianDelivery
import DangjianTestSupport
import Foundation
import Logging
import Testing

/// A sender killed with kill -9 leaves its rows leased; the next sender on this machine must
/// take them back at once, not after the lease (two minutes). The kill-loop soak found the
/// sender naming itself in a way `LeaseOwner.isDeadProcess` never recognised, so every
/// restart waited the lease out.
@Suite(.serialized) struct OutboxLeaseTests {
    func leases(_ w: OutboxSenderTests.World) async throws -> [String] {
        try await w.t.host.store.read { s in
            try s.query("SELECT lease_owner FROM outbox WHERE lease_owner IS NOT NULL", []).map {
                try $0.string("lease_owner")
            }
        }
    }

    @Test func theRowsOfAKilledSenderAreTakenBackByTheNextAtOnce() async throws {
        let w = try await OutboxSenderTests.world(secretaries: 1)
        try await RobotPeer.run { peer, _ in
            _ = try await w.t.host.channels.add(
                EndpointDraft(organizationID: w.branch.id, kind: "wecom", name: "支部群", url: peer.url("/wecom/lease")),
                by: w.admin)
            try await OutboxSenderTests().remind(w, count: 1, prefix: "lease")
            // A robot that never answers holds the send in flight long enough to read the lease.
            try await peer.mode("/wecom/lease", "hang")
            let robots = RobotTransport(client: peer.client, timeouts: HTTPTimeouts(deadline: .seconds(2)))
            let sender = OutboxSender(
                host: w.t.host, transports: [.wecom: robots],
                settings: OutboxSender.Settings(w.t.host.configuration.delivery), logger: Logger(label: "test"))
            let tick = Task { try await sender.tick() }
            var held: [String] = []
            for _ in 0..<100 where held.isEmpty {
                try await Task.sleep(for: .milliseconds(20))
                held = try await leases(w)
            }
            let owner = try #require(held.first)
            #expect(owner.hasPrefix("\(LeaseOwner.machine):\(ProcessInfo.processInfo.processIdentifier):"), "\(owner)")
            _ = try await tick.value
            // The same owner as a sender killed in flight leaves it: its process gone, the lease an hour long.
            let dead =
                "\(LeaseOwner.machine):\(try deadProcessID()):"
                + owner.split(separator: ":").dropFirst(2).joined(
                    separator: ":")
            _ = try await w.t.host.store.database.write { s in
                try s.execute(
                    "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE channel = 'wecom'",
                    [.text(dead), SQLValue(w.t.clock.now().addingTimeInterval(3600))])
            }
            #expect(LeaseOwner.isDeadProcess(dead))
            #expect(try await w.t.host.outbox.reclaimLeasesOfDeadProcesses() == 1)
            try await peer.mode("/wecom/lease", "normal")
            w.t.clock.advance(by: 60)
            #expect(try await sender.tick() == 1)
            #expect(try await OutboxSenderTests().statuses(w) == ["delivered": 1])
        }
        await w.t.close()
    }
}
