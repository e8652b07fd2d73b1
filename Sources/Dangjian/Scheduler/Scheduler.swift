import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Runs periodic jobs. The last run of each job is stored, so a job missed while the host was
/// down runs once at start. A run holds a lease row, so two runs of one job never overlap,
/// whether in this process or on another host sharing the database.
public final class Scheduler: Service, Sendable {
    private let store: Store
    private let logger: Logger
    /// "host:pid:nonce": the host and process part tell a restarted host which leases its dead
    /// predecessor held.
    let owner: String
    private let tickSeconds: Int
    private let jobs = Mutex<[String: ScheduledJob]>([:])

    /// A scheduler that looks for due jobs every `tickSeconds`.
    public init(store: Store, tickSeconds: Int = 60, logger: Logger = Logger(label: "dangjian.scheduler")) {
        self.store = store
        self.tickSeconds = tickSeconds
        self.logger = logger
        self.owner = LeaseOwner.make()
    }

    static let migrations = [
        Migration(
            module: "kernel.scheduler", version: 1, name: "job runs and leases",
            sql: [
                """
                CREATE TABLE scheduler_jobs (
                    id TEXT PRIMARY KEY,
                    last_run_at TEXT,
                    last_scheduled_for TEXT,
                    last_status TEXT,
                    last_error TEXT,
                    run_count INTEGER NOT NULL DEFAULT 0,
                    lease_owner TEXT,
                    lease_until TEXT
                )
                """
            ])
    ]

    /// Adds a job before `run`; a second job with the same id throws.
    public func add(_ job: ScheduledJob) throws {
        try jobs.withLock { jobs in
            guard jobs[job.id] == nil else {
                throw PluginError(description: "定时任务 id 重复：\(job.id) / two jobs share the id \(job.id)")
            }
            jobs[job.id] = job
        }
    }

    /// The registered jobs' ids, sorted.
    public var jobIDs: [String] { jobs.withLock { $0.keys.sorted() } }

    /// Runs due jobs until the task is cancelled, taking each job's lease first (a `Service`).
    public func run() async throws {
        logger.info("scheduler started", metadata: ["jobs": "\(jobIDs.joined(separator: ","))"])
        do {
            let taken = try await reclaimLeasesOfDeadProcesses()
            if !taken.isEmpty {
                logger.notice(
                    "took back the leases of a process that died", metadata: ["jobs": "\(taken.joined(separator: ","))"]
                )
            }
        } catch {
            logger.error("could not take back stale leases; they expire on their own", metadata: ["error": "\(error)"])
        }
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await tick()
            } catch {
                logger.error("scheduler tick failed", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .seconds(self.tickSeconds))
            }
        }
        logger.info("scheduler stopped")
    }

    /// Runs every job that is due now, one after another, and returns the ids it ran.
    @discardableResult
    public func tick() async throws -> [String] {
        let now = store.clock.now()
        var ran: [String] = []
        for job in jobs.withLock({ $0.values.sorted { $0.id < $1.id } }) {
            let due = job.cadence.lastDue(atOrBefore: now)
            // The lease runs from when it is taken, not from the tick's start: a job after a long
            // one in the same tick would otherwise get a lease that had already run out.
            guard try await acquire(job, due: due, now: store.clock.now()) else { continue }
            let started = store.clock.now()
            // Only the job's own failure keeps its period open; recording the outcome is kept
            // apart, so a run that succeeded is never retried because its bookkeeping failed.
            let failure: (any Error)?
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await job.run(JobRun(jobID: job.id, scheduledFor: due, startedAt: started)) }
                    group.addTask { try await self.renewWhileRunning(job) }
                    // The job ends first, and the renewal is cancelled; or the lease was taken
                    // over, the renewal throws, and the job is cancelled: it may run elsewhere now.
                    try await group.next()
                    group.cancelAll()
                }
                failure = nil
            } catch {
                failure = error
            }
            try await finish(job, due: due, error: failure)
            if let failure {
                Counter(label: "dangjian_job_runs_total", dimensions: [("job", job.id), ("result", "failed")])
                    .increment()
                logger.error("job failed", metadata: ["job": "\(job.id)", "error": "\(failure)"])
            } else {
                Counter(label: "dangjian_job_runs_total", dimensions: [("job", job.id), ("result", "ok")]).increment()
                logger.info("job ran", metadata: ["job": "\(job.id)", "scheduledFor": "\(Timestamp.format(due))"])
            }
            ran.append(job.id)
        }
        return ran
    }

    /// Every job with its last run, as stored.
    public func status() async throws -> [JobStatus] {
        let registered = jobs.withLock { $0 }
        return try await store.read { s in
            var rows: [String: SQLRow] = [:]
            for row in try s.query("SELECT * FROM scheduler_jobs", []) { rows[try row.string("id")] = row }
            return try registered.values.sorted { $0.id < $1.id }.map { job in
                let row = rows[job.id]
                return JobStatus(
                    id: job.id, title: job.title, cadence: job.cadence.description,
                    lastRunAt: try row?.optionalDate("last_run_at"), lastStatus: try row?.optionalString("last_status"),
                    lastError: try row?.optionalString("last_error"), runCount: try row?.int("run_count") ?? 0)
            }
        }
    }

    /// Takes the job's lease if it is due and nobody holds it, in one conditional update.
    private func acquire(_ job: ScheduledJob, due: Date, now: Date) async throws -> Bool {
        let owner = self.owner
        return try await store.database.write { s in
            try s.execute("INSERT INTO scheduler_jobs (id) VALUES (?) ON CONFLICT (id) DO NOTHING", [.text(job.id)])
            return try s.execute(
                """
                UPDATE scheduler_jobs SET lease_owner = ?, lease_until = ?
                WHERE id = ? AND (lease_until IS NULL OR lease_until < ?)
                  AND (last_scheduled_for IS NULL OR last_scheduled_for < ?)
                """,
                [
                    .text(owner), SQLValue(now.addingTimeInterval(TimeInterval(job.leaseSeconds))), .text(job.id),
                    SQLValue(now), SQLValue(due),
                ]) == 1
        }
    }

    /// Keeps the lease while the job runs, renewing it every third of its length, until
    /// cancelled. A renewal that fails is tried again at the next third; a lease found taken
    /// over (it ran out, and another host took the job) throws, which stops the job here.
    private func renewWhileRunning(_ job: ScheduledJob) async throws {
        let owner = self.owner
        let interval = Duration.milliseconds(job.leaseSeconds * 1000 / 3)
        while (try? await Task.sleep(for: interval)) != nil {
            let until = store.clock.now().addingTimeInterval(TimeInterval(job.leaseSeconds))
            do {
                let renewed = try await store.database.write { s in
                    try s.execute(
                        "UPDATE scheduler_jobs SET lease_until = ? WHERE id = ? AND lease_owner = ?",
                        [SQLValue(until), .text(job.id), .text(owner)])
                }
                if renewed == 0 {
                    logger.error(
                        "job lease was taken over while running; stopping the job here", metadata: ["job": "\(job.id)"])
                    throw LeaseLost(jobID: job.id)
                }
            } catch let lost as LeaseLost {
                throw lost
            } catch {
                logger.error("job lease renewal failed", metadata: ["job": "\(job.id)", "error": "\(error)"])
            }
        }
    }

    /// Releases the leases held by processes of this machine that no longer run (a host killed
    /// with kill -9), so a restarted host resumes their jobs at once instead of waiting out
    /// the lease. A lease of another machine, or of a live process, is left alone.
    @discardableResult
    public func reclaimLeasesOfDeadProcesses() async throws -> [String] {
        let held = try await store.read { s in
            try s.query("SELECT id, lease_owner FROM scheduler_jobs WHERE lease_owner IS NOT NULL", []).map {
                (id: try $0.string("id"), owner: try $0.string("lease_owner"))
            }
        }
        let stale = held.filter { $0.owner != owner && LeaseOwner.isDeadProcess($0.owner) }
        guard !stale.isEmpty else { return [] }
        return try await store.database.write { s in
            try stale.filter { lease in
                try s.execute(
                    "UPDATE scheduler_jobs SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?",
                    [.text(lease.id), .text(lease.owner)]) == 1
            }.map(\.id)
        }
    }

    /// Records the run. A failed run keeps its period open and holds the lease for five
    /// minutes as a back-off, so it is retried without spinning.
    private func finish(_ job: ScheduledJob, due: Date, error: (any Error)?) async throws {
        let now = store.clock.now()
        let owner = self.owner
        // Written only by the lease holder: a host whose lease expired does not overwrite another's run.
        _ = try await store.database.write { s in
            if let error {
                try s.execute(
                    """
                    UPDATE scheduler_jobs SET last_status = 'failed', last_error = ?, lease_until = ? WHERE id = ? AND lease_owner = ?
                    """,
                    [
                        .text(String(describing: error).prefix(2000).description),
                        SQLValue(now.addingTimeInterval(300)),
                        .text(job.id), .text(owner),
                    ])
            } else {
                try s.execute(
                    """
                    UPDATE scheduler_jobs SET last_run_at = ?, last_scheduled_for = ?, last_status = 'ok', last_error = NULL,
                        run_count = run_count + 1, lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?
                    """, [SQLValue(now), SQLValue(due), .text(job.id), .text(owner)])
            }
        }
    }
}

/// The lease of a running job was taken over by another scheduler.
struct LeaseLost: Error, CustomStringConvertible {
    let jobID: String
    var description: String { "任务 \(jobID) 的租约已被其他主机接管，本机停止运行 / the lease of \(jobID) was taken over; stopped here" }
}
