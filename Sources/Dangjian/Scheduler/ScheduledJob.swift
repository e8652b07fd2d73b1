import Foundation

/// A periodic job. Its id is stable across restarts: the last run is stored under it.
public struct ScheduledJob: Sendable {
    /// Stable across restarts, e.g. "kernel.task-overdue"; plugins prefix their own id.
    public let id: String
    /// What the admin job list shows, in Chinese, e.g. "标记逾期任务".
    public let title: String
    /// When the job is due.
    public let cadence: Cadence
    /// How long the lease lasts between renewals. A running job renews it every third of this,
    /// so a host that dies loses the job to another within this time, not after a whole run.
    public let leaseSeconds: Int
    /// The work. A throw marks the run failed with its message, and no host runs the job again for five minutes.
    public let run: @Sendable (JobRun) async throws -> Void

    /// A job run at `cadence` under a lease, so that one host of several runs it at a time.
    public init(
        id: String, title: String, cadence: Cadence, leaseSeconds: Int = 120,
        run: @escaping @Sendable (JobRun) async throws -> Void
    ) {
        self.id = id
        self.title = title
        self.cadence = cadence
        self.leaseSeconds = max(1, leaseSeconds)
        self.run = run
    }
}

/// What a job run knows: the instant it stands for (the scheduled time, not the start time,
/// so a catch-up run after downtime computes for the period it missed) and when it started.
public struct JobRun: Sendable {
    /// The job's id.
    public let jobID: String
    /// The due instant this run stands for.
    public let scheduledFor: Date
    /// When this run began.
    public let startedAt: Date
}

/// A job's last run and next due time, for `GET /api/v1/admin/jobs`.
public struct JobStatus: Sendable, Codable, Equatable {
    /// The job's id.
    public let id: String
    /// The job's title, in Chinese.
    public let title: String
    /// The cadence as text, e.g. "daily 00:10".
    public let cadence: String
    /// When the last successful run finished; nil if it never ran.
    public let lastRunAt: Date?
    /// "ok" or "failed" for the last run; nil if it never ran.
    public let lastStatus: String?
    /// The last failure's message (at most 2,000 characters); nil after a successful run.
    public let lastError: String?
    /// How many runs have succeeded.
    public let runCount: Int
}
