import Foundation
import Synchronization
import Testing
@testable import Dangjian
import DangjianTestSupport

/// Issue 13, point 12: a sweep killed mid-run must not keep its job for an hour.
@Suite struct SchedulerLeaseTests {
    /// Leaves the job's row as a host killed with kill -9 in the middle of a run leaves it.
    func leaveLease(_ t: TemporaryHost, job: String, owner: String, for seconds: TimeInterval) async throws {
        let until = t.clock.now().addingTimeInterval(seconds)
        _ = try await t.host.store.database.write { s in
            try s.execute(
                "INSERT INTO scheduler_jobs (id, lease_owner, lease_until) VALUES (?, ?, ?)",
                [.text(job), .text(owner), SQLValue(until)])
        }
    }

    final class Runs: Sendable {
        let count = Mutex(0)
    }

    func counting(
        _ runs: Runs, id: String = "test.sweep", leaseSeconds: Int = 120,
        body: @escaping @Sendable () async throws -> Void = {}
    ) -> ScheduledJob {
        ScheduledJob(id: id, title: "巡检", cadence: .daily(hour: 6, minute: 30), leaseSeconds: leaseSeconds) { _ in
            runs.count.withLock { $0 += 1 }
            try await body()
        }
    }

    @Test func aRestartedHostTakesBackTheLeaseItsKilledPredecessorHeld() async throws {
        let t = try await TestHost.make()
        try await leaveLease(
            t, job: "test.sweep", owner: "\(LeaseOwner.machine):\(try deadProcessID()):dead0000", for: 3600)
        let runs = Runs()
        let restarted = Scheduler(store: t.host.store)
        try restarted.add(counting(runs))
        // Without taking it back, the job waits out the lease.
        #expect(try await restarted.tick().isEmpty)
        #expect(try await restarted.reclaimLeasesOfDeadProcesses() == ["test.sweep"])
        #expect(try await restarted.tick() == ["test.sweep"])
        #expect(runs.count.withLock { $0 } == 1)
        await t.close()
    }

    @Test func aLeaseOfALiveProcessOrAnotherMachineIsLeftAlone() async throws {
        let t = try await TestHost.make()
        let live = "\(LeaseOwner.machine):\(ProcessInfo.processInfo.processIdentifier):live0000"
        try await leaveLease(t, job: "test.live", owner: live, for: 3600)
        try await leaveLease(
            t, job: "test.elsewhere", owner: "another-machine:\(try deadProcessID()):away0000", for: 3600)
        let scheduler = Scheduler(store: t.host.store)
        #expect(try await scheduler.reclaimLeasesOfDeadProcesses().isEmpty)
        let owners = try await t.host.store.read { s in
            try s.query("SELECT lease_owner FROM scheduler_jobs ORDER BY id", []).map {
                try $0.optionalString("lease_owner")
            }
        }
        #expect(owners.count == 2 && owners.allSatisfy { $0 != nil })
        await t.close()
    }

    @Test func aRunningJobRenewsItsShortLeaseSoNoOtherHostTakesItOver() async throws {
        let t = try await TestHost.make()
        let runs = Runs()
        let started = Mutex(false)
        let clock = t.clock
        // A run that lasts longer than its lease: the clock passes the lease's end while it runs.
        let job = counting(runs, leaseSeconds: 1) {
            started.withLock { $0 = true }
            clock.advance(by: 5)
            try await Task.sleep(for: .milliseconds(900))
        }
        let first = Scheduler(store: t.host.store)
        let second = Scheduler(store: t.host.store)
        try first.add(job)
        try second.add(job)
        async let running = first.tick()
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        // After a renewal (a third of the lease), the lease reaches past the advanced clock.
        try await Task.sleep(for: .milliseconds(600))
        #expect(try await second.tick().isEmpty)
        #expect(try await running == ["test.sweep"])
        #expect(runs.count.withLock { $0 } == 1)
        await t.close()
    }

    @Test func jobsHoldShortLeasesByDefault() {
        let job = ScheduledJob(id: "x", title: "x", cadence: .daily(hour: 1, minute: 0)) { _ in }
        #expect(job.leaseSeconds <= 120)
    }

    /// A job that runs after a long one in the same tick gets a lease from when it starts.
    @Test func aJobAfterALongOneInTheSameTickHoldsAFreshLease() async throws {
        let t = try await TestHost.make()
        let clock = t.clock
        let runs = Runs()
        let started = Mutex(false)
        let long = counting(Runs(), id: "test.a") { clock.advance(by: 600) }
        let next = counting(runs, id: "test.b") {
            started.withLock { $0 = true }
            try await Task.sleep(for: .milliseconds(300))
        }
        let first = Scheduler(store: t.host.store)
        let second = Scheduler(store: t.host.store)
        for job in [long, next] { try first.add(job); try second.add(job) }
        async let running = first.tick()
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        #expect(try await second.tick().isEmpty)
        #expect(try await running == ["test.a", "test.b"])
        #expect(runs.count.withLock { $0 } == 1)
        await t.close()
    }

    /// A job whose lease was taken over while it ran stops here instead of running twice.
    @Test func aJobWhoseLeaseWasTakenOverStops() async throws {
        let t = try await TestHost.make()
        let started = Mutex(false)
        let cancelled = Mutex(false)
        let job = counting(Runs(), leaseSeconds: 1) {
            started.withLock { $0 = true }
            do {
                for _ in 0..<100 { try await Task.sleep(for: .milliseconds(50)) }
            } catch {
                cancelled.withLock { $0 = true }
                throw error
            }
        }
        let scheduler = Scheduler(store: t.host.store)
        try scheduler.add(job)
        async let running = scheduler.tick()
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        _ = try await t.host.store.database.write { s in
            try s.execute("UPDATE scheduler_jobs SET lease_owner = 'elsewhere:1:other' WHERE id = 'test.sweep'", [])
        }
        _ = try await running
        #expect(cancelled.withLock { $0 })
        // The run is not recorded as this host's: the other host owns the job now.
        let owner = try await t.host.store.read { s in
            try s.queryOne("SELECT lease_owner, run_count FROM scheduler_jobs WHERE id = 'test.sweep'", [])
        }
        #expect(try owner?.optionalString("lease_owner") == "elsewhere:1:other")
        #expect(try owner?.int("run_count") == 0)
        await t.close()
    }
}
