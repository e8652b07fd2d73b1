import Dangjian
import Logging

extension RuleEngine {
    /// The daily sweep. A sweep missed while the host was down runs once at start, for the day
    /// it stood for; idempotency keys make a repeated or interrupted sweep send nothing twice.
    public func scheduledJob() -> ScheduledJob {
        ScheduledJob(id: "kernel.rules-sweep", title: "规则每日巡检", cadence: .daily(hour: 6, minute: 30)) { [self] run in
            let report = try await sweep(at: Day(run.scheduledFor))
            logger.info("rules sweep", metadata: [
                "evaluated": "\(report.evaluated)", "sent": "\(report.sent)", "alreadySent": "\(report.alreadySent)",
                "failures": "\(report.failures.count)", "unaddressed": "\(report.unaddressed.count)",
            ])
        }
    }
}
