import Synchronization
import Testing
@testable import Dangjian
import DangjianTestSupport

/// Events reach subscribers in commit order, whichever writer resumes first (review of issue 13).
@Suite struct EventOrderTests {
    /// The writer that committed second may resume first: its events wait for the first's.
    @Test func aLaterTicketWaitsForAnEarlierOne() async throws {
        let bus = EventBus()
        let seen = Mutex<[String]>([])
        bus.subscribe("*", subscriber: "test") { event in
            seen.withLock { $0.append(["a", "b", "c"][Int(event.entityID! - 1)]) }
        }
        let first = bus.ticket(), second = bus.ticket(), third = bus.ticket()
        bus.publish([HostEvent(OrganizationUpdated(organizationID: 2))], ticket: second)
        await bus.settle()
        #expect(seen.withLock { $0 }.isEmpty)
        // A write that did not commit gives its ticket back with no events.
        bus.publish([], ticket: third)
        bus.publish([HostEvent(OrganizationUpdated(organizationID: 1))], ticket: first)
        bus.publish([HostEvent(OrganizationUpdated(organizationID: 3))], ticket: bus.ticket())
        await bus.settle()
        #expect(seen.withLock { $0 } == ["a", "b", "c"])
    }

    @Test func concurrentWritersEventsArriveInCommitOrder() async throws {
        let t = try await TestHost.make()
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        let seen = Mutex<[Int64]>([])
        t.host.events.subscribe(HostEvent.Name.organizationCreated, subscriber: "test") { event in
            seen.withLock { $0.append(event.entityID ?? 0) }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<60 {
                group.addTask {
                    _ = try await t.host.organizations.create(
                        .init(parentID: root.id, name: "支部\(n)", kind: "branch"), by: .system)
                }
            }
            // A write that fails in its body takes no place in the order and holds nothing up.
            group.addTask {
                _ = try? await t.host.store.write(.system) { _ in throw DangjianError.required("x") }
            }
            try await group.waitForAll()
        }
        await t.host.events.settle()
        let ids = seen.withLock { $0 }
        // Ids are given in commit order: the events must come in the same order.
        #expect(ids.count == 60 && ids == ids.sorted(), "\(ids)")
        await t.close()
    }
}
