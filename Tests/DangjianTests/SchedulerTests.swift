import Foundation
import Synchronization
import Testing
@testable import Dangjian
import DangjianTestSupport

@Suite struct SchedulerTests {
    /// Counts runs and remembers the instants they stood for.
    final class Runs: Sendable {
        let scheduled = Mutex<[Date]>([])
        var count: Int { scheduled.withLock { $0.count } }
    }

    func job(_ runs: Runs, cadence: Cadence = .daily(hour: 2, minute: 0), fail: Bool = false) -> ScheduledJob {
        ScheduledJob(id: "test.job", title: "测试", cadence: cadence) { run in
            runs.scheduled.withLock { $0.append(run.scheduledFor) }
            if fail { throw DangjianError.required("x") }
        }
    }

    @Test func aNewJobRunsOnceAndThenWaitsForItsNextTime() async throws {
        let t = try await TestHost.make()  // 2026-06-15 10:00 China time
        let runs = Runs()
        try t.host.scheduler.add(job(runs))
        #expect(try await t.host.scheduler.tick() == ["kernel.task-overdue", "test.job"])
        #expect(try await t.host.scheduler.tick().isEmpty)
        t.clock.advance(by: 15 * 3600)  // 2026-06-16 01:00: before 02:00, nothing is due
        #expect(try await t.host.scheduler.tick() == ["kernel.task-overdue"])
        t.clock.advance(by: 3600)  // 02:00
        #expect(try await t.host.scheduler.tick() == ["test.job"])
        #expect(runs.count == 2)
        await t.close()
    }

    @Test func downtimeIsCaughtUpOnceNotOncePerMissedPeriod() async throws {
        let t = try await TestHost.make()
        let runs = Runs()
        try t.host.scheduler.add(job(runs))
        try await t.host.scheduler.tick()
        t.clock.advance(by: 9 * 86400)  // nine days down
        // A new scheduler stands for the restarted host; the last run is read from the database.
        let restarted = Scheduler(store: t.host.store)
        try restarted.add(job(runs))
        #expect(try await restarted.tick() == ["test.job"])
        #expect(try await restarted.tick().isEmpty)
        #expect(runs.count == 2)
        // The catch-up run stands for the latest missed instant: 2026-06-24 02:00 China time.
        #expect(runs.scheduled.withLock { $0.last } == Day("2026-06-24")!.start.addingTimeInterval(2 * 3600))
        let status = try await restarted.status().first { $0.id == "test.job" }
        #expect(status?.runCount == 2 && status?.lastStatus == "ok")
        await t.close()
    }

    @Test func aLeasedJobDoesNotRunTwice() async throws {
        let t = try await TestHost.make()
        let runs = Runs()
        let hold = ScheduledJob(id: "test.job", title: "慢任务", cadence: .daily(hour: 2, minute: 0)) { _ in
            runs.scheduled.withLock { $0.append(Date()) }
            try await Task.sleep(for: .milliseconds(300))
        }
        let first = Scheduler(store: t.host.store)
        let second = Scheduler(store: t.host.store)
        try first.add(hold)
        try second.add(hold)
        async let a = first.tick()
        async let b = second.tick()
        let ran = try await a + b
        #expect(ran == ["test.job"])
        #expect(runs.count == 1)
        await t.close()
    }

    @Test func aFailedRunIsRetriedAfterABackOff() async throws {
        let t = try await TestHost.make()
        let runs = Runs()
        try t.host.scheduler.add(job(runs, fail: true))
        try await t.host.scheduler.tick()
        #expect(try await t.host.scheduler.tick().isEmpty)
        let failed = try await t.host.scheduler.status().first { $0.id == "test.job" }
        #expect(failed?.lastStatus == "failed" && failed?.lastError?.contains("validation.required") == true)
        t.clock.advance(by: 301)
        #expect(try await t.host.scheduler.tick() == ["test.job"])
        #expect(runs.count == 2)
        await t.close()
    }

    @Test func cadencesFindTheirLastDueInstant() {
        let now = Day("2026-03-31")!.start.addingTimeInterval(9 * 3600)
        #expect(Day(Cadence.monthly(day: 31, hour: 8).lastDue(atOrBefore: now)) == Day("2026-03-31"))
        #expect(Day(Cadence.monthly(day: 31, hour: 10).lastDue(atOrBefore: now)) == Day("2026-02-28"))
        #expect(Day(Cadence.quarterly(hour: 1).lastDue(atOrBefore: now)) == Day("2026-01-01"))
        #expect(Day(Cadence.yearly(month: 12, day: 31, hour: 20).lastDue(atOrBefore: now)) == Day("2025-12-31"))
        #expect(Day(Cadence.daily(hour: 10, minute: 0).lastDue(atOrBefore: now)) == Day("2026-03-30"))
    }

    @Test func duplicateJobIDsAreRefused() async throws {
        let t = try await TestHost.make()
        #expect(throws: PluginError.self) {
            try t.host.scheduler.add(job(Runs(), cadence: .every(seconds: 5))); try t.host.scheduler.add(job(Runs()))
        }
        await t.close()
    }
}
