import Dangjian
import DangjianLua
import Foundation

/// `sweep`: the full baseline rule pack (kernel and plugin rules) over the district, for one
/// day, as a dry run (a real sweep stores notifications, and the next run would find them
/// sent). With `record`, the run also writes the Lua data file that
/// `bench/sweep/standalone.lua` runs as the baseline; that run is not a timed one.
public enum SweepBench {
    /// Runs the sweep once and returns its figure; stops the host when done.
    public static func run(
        host: DangjianHost, rules: RuleSet, limits: LuaLimits, calendar: WorkCalendar, poolSize: Int, day: Day,
        record: String?
    ) async throws -> BenchFigure {
        let recording = record.map { _ in SweepRecording() }
        let engine = try RuleEngine(
            host: host, rules: rules, limits: limits, calendar: calendar, poolSize: poolSize, observer: recording)
        let (report, seconds) = try await timed { try await engine.sweep(at: day, dryRun: true) }
        if let record, let recording {
            try recording.write(to: record, files: rules.packs.flatMap(\.files).map { ($0.path, $0.source) })
        }
        await host.stop()
        return BenchFigure(
            name: "sweep", seconds: seconds, count: report.evaluated,
            extra: [
                "failures": Double(report.failures.count), "planned": Double(report.planned.count),
                "peakMB": ProcessMemory.peakMB,
            ])
    }
}
