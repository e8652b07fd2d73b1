import ArgumentParser
import Foundation

/// `dangjian bench NAME`: the measured side of one benchmark. Each subcommand does the work
/// once and prints one JSON object on stdout (`{"name": …, "seconds": …, …}`); the harness in
/// `bench/run.py` repeats it (the measured paths are in DangjianBench), runs the baseline or peer in the same run, and writes the table.
/// Build in release (`swift build -c release`): debug figures mean nothing.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one benchmark's measured path once and print its figures as JSON (used by `make bench`).",
        subcommands: [BenchHook.self, BenchSweep.self, BenchQuarterly.self, BenchOutboxFill.self])
}
