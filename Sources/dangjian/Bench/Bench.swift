import ArgumentParser
import Foundation

/// `dangjian bench NAME`: the measured side of one benchmark. Each subcommand does the work
/// once and prints one JSON object on stdout (`{"name": …, "seconds": …, …}`); the harness in
/// `bench/run.py` repeats it, runs the baseline or peer in the same run, and writes the table.
/// Build in release (`swift build -c release`): debug figures mean nothing.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one benchmark's measured path once and print its figures as JSON (used by `make bench`).",
        subcommands: [BenchHook.self, BenchSweep.self, BenchQuarterly.self])
}

/// One measured figure as the harness reads it.
struct BenchFigure: Encodable {
    let name: String
    let seconds: Double
    /// What was done in `seconds`: calls, evaluations, rows.
    let count: Int
    /// Anything else worth keeping with the figure (peak memory, rows written, failures).
    var extra: [String: Double] = [:]

    func print() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        Swift.print(String(decoding: try encoder.encode(self), as: UTF8.self))
    }
}

/// Seconds elapsed while running `body`, on the monotonic clock.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    return (result, (clock.now - start) / .seconds(1))
}
