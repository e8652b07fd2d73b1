import ArgumentParser
import Dangjian
import DangjianLua
import Foundation

/// `sweep`: the full baseline rule pack (kernel and plugin rules) over the district, for one
/// day, as a dry run (a real sweep stores notifications, and the next run would find them
/// sent). With `--record`, the run also writes the Lua data file that
/// `bench/sweep/standalone.lua` runs as the baseline; that run is not a timed one.
struct BenchSweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep", abstract: "Run a dry-run sweep of every rule once and print its time and peak memory.")

    @OptionGroup var options: HostOptions

    @Option(help: "The day to evaluate, YYYY-MM-DD (default: today).")
    var at: String?

    @Option(help: "Also write what the sweep read and ran to this Lua data file, for the standalone baseline.")
    var record: String?

    @Option(help: "VMs in the pool (default: one per core, as `serve` runs).")
    var vms: Int?

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let host = try await options.openHost(configuration, readOnly: true)
        let day = try Validate.day(at, field: "--at") ?? host.store.clock.today()
        let rules = try await loadRules(configuration, host: host)
        let recording = record.map { _ in SweepRecording() }
        let engine = try RuleEngine(
            host: host, rules: rules, limits: configuration.luaLimits,
            calendar: try configuration.workCalendar(),
            poolSize: vms ?? ProcessInfo.processInfo.activeProcessorCount, observer: recording)
        let (report, seconds) = try await timed { try await engine.sweep(at: day, dryRun: true) }
        if let record, let recording {
            try recording.write(to: record, files: rules.packs.flatMap(\.files).map { ($0.path, $0.source) })
        }
        await host.stop()
        try BenchFigure(
            name: "sweep", seconds: seconds, count: report.evaluated,
            extra: [
                "failures": Double(report.failures.count), "planned": Double(report.planned.count),
                "peakMB": ProcessMemory.peakMB,
            ]
        ).print()
    }
}

/// This process's memory as Linux reports it in /proc/self/status.
enum ProcessMemory {
    /// The high-water mark of resident memory (VmHWM), in MB; 0 where /proc is not there.
    static var peakMB: Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
