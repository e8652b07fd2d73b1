import Foundation

/// One measured figure as the harness (`bench/run.py`) reads it: one JSON object on stdout.
public struct BenchFigure: Encodable, Sendable {
    /// The benchmark's name, as the harness's tables show it: "sweep", "hook", "hook-visit", "quarterly-check".
    public let name: String
    /// Wall-clock seconds of the measured part alone, on the monotonic clock; setup is left out.
    public let seconds: Double
    /// What was done in `seconds`: calls, evaluations, rows.
    public let count: Int
    /// Anything else worth keeping with the figure (peak memory, rows written, failures).
    public var extra: [String: Double] = [:]

    /// A figure for `count` units of work done in `seconds`; the harness divides one by the other.
    public init(name: String, seconds: Double, count: Int, extra: [String: Double] = [:]) {
        self.name = name
        self.seconds = seconds
        self.count = count
        self.extra = extra
    }

    /// Prints the figure as one line of JSON with sorted keys.
    public func print() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        Swift.print(String(decoding: try encoder.encode(self), as: UTF8.self))
    }
}

/// Why a benchmark cannot run, for the operator, in both languages.
public struct BenchError: Error, CustomStringConvertible, Sendable {
    /// What is missing or wrong, in Chinese and English where an operator must act on it.
    public let description: String
}

/// Seconds elapsed while running `body`, on the monotonic clock.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try await body()
    return (result, (clock.now - start) / .seconds(1))
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
