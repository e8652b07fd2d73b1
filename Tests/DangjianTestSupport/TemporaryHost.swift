import Dangjian
import Foundation
import Logging

/// A host on a fresh SQLite file in its own temporary directory, with a clock the test controls.
/// Every test makes its own, so tests run in parallel without sharing state.
public struct TemporaryHost: Sendable {
    public let host: DangjianHost
    public let clock: ManualClock
    public let directory: URL

    /// 2026-06-15, 10:00 China Standard Time.
    public static let start = Day(year: 2026, month: 6, day: 15)!.start.addingTimeInterval(10 * 3600)

    public static func open(
        plugins: [any HostPlugin] = [], at date: Date = start, configure: (inout HostConfiguration) -> Void = { _ in }
    ) async throws -> TemporaryHost {
        try await open(at: date, configure: configure) { _ in plugins }
    }

    /// A host whose plugins are made from its configuration, as a host makes them (e.g. with
    /// their settings).
    public static func open(
        at date: Date = start, configure: (inout HostConfiguration) -> Void = { _ in },
        making plugins: (HostConfiguration) throws -> [any HostPlugin]
    ) async throws -> TemporaryHost {
        let directory = newDirectory()
        let configuration = Self.configuration(in: directory, configure)
        let clock = ManualClock(date)
        let host = try await DangjianHost.open(
            configuration: configuration, plugins: try plugins(configuration), clock: clock, logger: logger)
        return TemporaryHost(host: host, clock: clock, directory: directory)
    }

    /// A host some other builder opened (e.g. `buildApplication`) on a directory of `newDirectory()`.
    public init(host: DangjianHost, clock: ManualClock, directory: URL) {
        self.host = host
        self.clock = clock
        self.directory = directory
    }

    /// A fresh directory for one test's database; `close()` removes it.
    public static func newDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-test-\(UUID().uuidString)")
    }

    /// What every test host runs with: its database in `directory`, fast password hashing, then `configure`.
    public static func configuration(in directory: URL, _ configure: (inout HostConfiguration) -> Void)
        -> HostConfiguration
    {
        var configuration = HostConfiguration()
        configuration.dataDirectory = directory.path
        configuration.bcryptCost = 4  // the minimum: tests log in often
        configuration.strictErrorCodes = true
        configure(&configuration)
        return configuration
    }

    /// The host's log, quiet unless DANGJIAN_TEST_LOG=error asks for it (e.g. for the cause of a 500).
    public static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel =
            ProcessInfo.processInfo.environment["DANGJIAN_TEST_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }

    public func close() async {
        await host.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    public var today: Day { clock.today() }

    /// Counts rows of a table straight from the database, to prove what was or was not written.
    public func count(_ table: String, _ condition: String = "1 = 1") async throws -> Int {
        try await host.store.read { s in Int(try s.scalarInt("SELECT COUNT(*) FROM \(table) WHERE \(condition)")) }
    }
}

public enum IDs {
    /// A valid resident ID number for the given birth date (region 990101 is fictitious).
    public static func make(born: String, sequence: Int = 123) -> String {
        ResidentID.withCheckDigit(
            "990101" + born.replacingOccurrences(of: "-", with: "") + String(format: "%03d", sequence))
    }

    /// The same number with its check character replaced by a wrong one.
    public static func withWrongCheckDigit(_ id: String) -> String {
        String(id.dropLast()) + (id.last == "1" ? "2" : "1")
    }
}
