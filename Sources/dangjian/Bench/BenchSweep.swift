import ArgumentParser
import Dangjian
import DangjianBench
import DangjianLua
import Foundation

/// `dangjian bench sweep`: a dry-run sweep of every rule over the district (`SweepBench`).
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
        try await SweepBench.run(
            host: host, rules: rules, limits: configuration.luaLimits, calendar: try configuration.workCalendar(),
            poolSize: vms ?? ProcessInfo.processInfo.activeProcessorCount, day: day, record: record
        ).print()
    }
}
