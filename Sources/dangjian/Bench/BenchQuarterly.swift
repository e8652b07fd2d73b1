import ArgumentParser
import DangjianBench

/// `dangjian bench quarterly-check`: the org-life compliance matrix of the whole district for
/// one quarter (`QuarterlyBench`).
struct BenchQuarterly: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarterly-check",
        abstract: "Build the compliance matrix of the whole district for one quarter and print its time.")

    @OptionGroup var options: HostOptions

    @Option(help: "The quarter, e.g. 2026-Q3 (default: the last quarter that has ended).")
    var quarter: String?

    @Option(help: "Write the SQL statements the matrix ran to this file (for `sqlite3 DB < FILE`).")
    var sql: String?

    func run() async throws {
        let trace = QuarterlyBench.traceFile(for: sql)
        let configuration = try await options.loadConfiguration()
        let host = try await options.openHost(configuration)
        try await QuarterlyBench.run(host: host, quarter: quarter, trace: trace, sql: sql).print()
    }
}
