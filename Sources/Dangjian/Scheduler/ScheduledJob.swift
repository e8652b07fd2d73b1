import Foundation

/// A periodic job. Its id is stable across restarts: the last run is stored under it.
public struct ScheduledJob: Sendable {
    public let id: String
    public let title: String
    public let cadence: Cadence
    /// How long the lease lasts between renewals. A running job renews it every third of this,
    /// so a host that dies loses the job to another within this time, not after a whole run.
    public let leaseSeconds: Int
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
    public let jobID: String
    public let scheduledFor: Date
    public let startedAt: Date
}

/// A job's last run and next due time, for `GET /api/v1/admin/jobs`.
public struct JobStatus: Sendable, Codable, Equatable {
    public let id: String
    public let title: String
    public let cadence: String
    public let lastRunAt: Date?
    public let lastStatus: String?
    public let lastError: String?
    public let runCount: Int
}
